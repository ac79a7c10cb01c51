package dev.backprop.train;

import dev.backprop.backend.Backend;
import dev.backprop.nn.Network;
import dev.backprop.nn.Pass;

/**
 * Mini-batch stochastic gradient descent with L2 weight decay, in network2's form:
 * <pre>
 *   W ← (1 − ηλ/n)·W − η·∂C/∂W
 *   b ← b − η·∂C/∂b
 * </pre>
 * where ∂C/∂W is the gradient of the batch's mean cost (BP4 already divides by m) and n is the size of the
 * whole training set, so λ means the same whatever the batch size.
 */
public final class Sgd {

    private final double eta;
    private final double lambda;
    private final int trainingSetSize;

    /**
     * @param eta             the learning rate η, positive
     * @param lambda          the L2 regularisation parameter λ, zero or positive
     * @param trainingSetSize n, the number of training examples
     */
    public Sgd(double eta, double lambda, int trainingSetSize) {
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("the learning rate η must be a positive number, got " + eta);
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("the L2 parameter λ must be zero or positive, got " + lambda);
        }
        if (trainingSetSize < 1) {
            throw new IllegalArgumentException("the training set size n must be positive, got " + trainingSetSize);
        }
        this.eta = eta;
        this.lambda = lambda;
        this.trainingSetSize = trainingSetSize;
    }

    /** Applies one update from the gradients of {@code pass} (the network's last backward pass). */
    public void update(Network network, Pass pass) {
        Backend be = network.backend();
        double decay = 1.0 - eta * lambda / trainingSetSize;
        for (int l = 1; l <= network.layers(); l++) {
            be.axpby(-eta, pass.weightGradient(l), decay, network.weights(l));   // W ← (1 − ηλ/n)·W − η·∂C/∂W
            be.axpby(-eta, pass.biasGradient(l), 1.0, network.biases(l));        // b ← b − η·∂C/∂b
        }
    }

    public double eta() {
        return eta;
    }

    public double lambda() {
        return lambda;
    }
}
