package dev.backprop.train;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.nn.Network;

import java.util.ArrayList;
import java.util.List;

/**
 * Mini-batch stochastic gradient descent with L2 weight decay, in network2's form, optionally with momentum.
 *
 * <p>Plain (μ = 0):
 * <pre>
 *   W ← (1 − ηλ/n)·W − η·∂C/∂W
 *   b ← b − η·∂C/∂b
 * </pre>
 * With momentum μ &gt; 0 (classical momentum, Nielsen chapter 3), one velocity per parameter tensor, starting
 * at zero:
 * <pre>
 *   V_W ← μ·V_W − η·(∂C/∂W + (λ/n)·W),   W ← W + V_W
 *   V_b ← μ·V_b − η·∂C/∂b,               b ← b + V_b
 * </pre>
 * which is the plain update when μ = 0. ∂C/∂W is the gradient of the batch's mean cost (BP4 already divides by
 * m) and n is the size of the whole training set, so λ means the same whatever the batch size.
 *
 * <p>The velocities are the optimiser's state: {@link #velocities()} and {@link #restoreVelocities} save and
 * restore them, so that a resumed run continues bit for bit. Not thread-safe.
 */
public final class Sgd {

    private double eta;
    private final double lambda;
    private final int trainingSetSize;
    private final double momentum;
    private Matrix[] weightVelocities;   // V_W[l]: n_l × n_(l−1), index 0 unused; null until the first update
    private Matrix[] biasVelocities;     // V_b[l]: n_l × 1

    /**
     * Plain SGD (μ = 0).
     *
     * @param eta             the learning rate η, positive
     * @param lambda          the L2 regularisation parameter λ, zero or positive
     * @param trainingSetSize n, the number of training examples
     */
    public Sgd(double eta, double lambda, int trainingSetSize) {
        this(eta, lambda, trainingSetSize, 0.0);
    }

    /**
     * SGD with momentum μ in [0, 1); μ = 0 is plain SGD and keeps no velocities.
     *
     * @param eta             the learning rate η, positive
     * @param lambda          the L2 regularisation parameter λ, zero or positive
     * @param trainingSetSize n, the number of training examples
     * @param momentum        μ, the fraction of the previous step kept
     */
    public Sgd(double eta, double lambda, int trainingSetSize, double momentum) {
        checkEta(eta);
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("the L2 parameter λ must be zero or positive, got " + lambda);
        }
        if (trainingSetSize < 1) {
            throw new IllegalArgumentException("the training set size n must be positive, got " + trainingSetSize);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("the momentum μ must be in [0, 1), got " + momentum);
        }
        this.eta = eta;
        this.lambda = lambda;
        this.trainingSetSize = trainingSetSize;
        this.momentum = momentum;
    }

    /**
     * Applies one update to {@code network}'s weights and biases (modified) from the gradients of its most
     * recent backward pass ({@link Network#weightGradient}, {@link Network#biasGradient}; read only). With
     * momentum the velocities are modified too.
     *
     * @throws IllegalStateException when the network has not run a backward pass yet
     */
    public void update(Network network) {
        Backend be = network.backend();
        if (momentum == 0) {
            double decay = 1.0 - eta * lambda / trainingSetSize;
            for (int l = 1; l <= network.layers(); l++) {
                be.axpby(-eta, network.weightGradient(l), decay, network.weights(l));   // W ← (1 − ηλ/n)·W − η·∂C/∂W
                be.axpby(-eta, network.biasGradient(l), 1.0, network.biases(l));        // b ← b − η·∂C/∂b
            }
            return;
        }
        ensureVelocities(network);
        for (int l = 1; l <= network.layers(); l++) {
            Matrix w = network.weights(l), b = network.biases(l);
            be.axpby(-eta, network.weightGradient(l), momentum, weightVelocities[l]);    // V_W ← μ·V_W − η·∂C/∂W
            if (lambda > 0) {
                be.axpby(-eta * lambda / trainingSetSize, w, 1.0, weightVelocities[l]); //  − (ηλ/n)·W
            }
            be.axpby(1.0, weightVelocities[l], 1.0, w);                               // W ← W + V_W
            be.axpby(-eta, network.biasGradient(l), momentum, biasVelocities[l]);        // V_b ← μ·V_b − η·∂C/∂b
            be.axpby(1.0, biasVelocities[l], 1.0, b);                                 // b ← b + V_b
        }
    }

    /** Changes η for the following updates (a learning-rate schedule calls this once per epoch). */
    public void setEta(double newEta) {
        checkEta(newEta);
        this.eta = newEta;
    }

    /**
     * A copy of the velocities in the order V_W[1], V_b[1], V_W[2], V_b[2], …, each row-major in the network's
     * precision widened to double (exact); empty when μ = 0 or before the first update.
     */
    public List<double[]> velocities() {
        List<double[]> out = new ArrayList<>();
        if (weightVelocities != null) {
            for (int l = 1; l < weightVelocities.length; l++) {
                out.add(weightVelocities[l].toArray());
                out.add(biasVelocities[l].toArray());
            }
        }
        return out;
    }

    /**
     * Continues from saved {@link #velocities()} of a network shaped like {@code network}; an empty list
     * means zero velocities (the state before the first update).
     *
     * @throws IllegalArgumentException when the list does not fit the network's shapes, or μ = 0 but the
     *                                  velocities are not empty
     */
    public void restoreVelocities(Network network, List<double[]> saved) {
        if (saved.isEmpty()) {
            weightVelocities = null;
            biasVelocities = null;
            return;
        }
        if (momentum == 0) {
            throw new IllegalArgumentException("the saved state has momentum velocities but this optimiser has μ = 0;"
                    + " resume with the momentum the run was started with");
        }
        TrainingState.checkVelocities(network, saved);
        Backend be = network.backend();
        int layers = network.layers();
        weightVelocities = new Matrix[layers + 1];
        biasVelocities = new Matrix[layers + 1];
        for (int l = 1; l <= layers; l++) {
            weightVelocities[l] = be.fromArray(network.size(l), network.size(l - 1), saved.get(2 * (l - 1)));
            biasVelocities[l] = be.fromArray(network.size(l), 1, saved.get(2 * (l - 1) + 1));
        }
    }

    private void ensureVelocities(Network network) {
        if (weightVelocities != null) {
            return;
        }
        Backend be = network.backend();
        weightVelocities = new Matrix[network.layers() + 1];
        biasVelocities = new Matrix[network.layers() + 1];
        for (int l = 1; l <= network.layers(); l++) {
            weightVelocities[l] = be.zeros(network.size(l), network.size(l - 1));
            biasVelocities[l] = be.zeros(network.size(l), 1);
        }
    }

    private static void checkEta(double eta) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("the learning rate η must be a positive number, got " + eta);
        }
    }

    public double eta() {
        return eta;
    }

    public double lambda() {
        return lambda;
    }

    public double momentum() {
        return momentum;
    }

    /** n, the training-set size the L2 term divides by. */
    public int trainingSetSize() {
        return trainingSetSize;
    }
}
