package dev.backprop.train;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.OptimizerKind;
import dev.backprop.nn.Dropout;
import dev.backprop.nn.Network;
import dev.backprop.nn.Pass;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies an {@link OptimizerConfig} to a network: one {@link Backend#optimizerStep} per weight and bias tensor
 * (a fused backend kernel each), from the gradients of the network's last backward pass
 * ({@link Network#weightGradient}, {@link Network#biasGradient}). The update rules are written out in
 * {@link OptimizerKind} and on {@link OptimizerConfig}'s factories.
 *
 * <p>What each step passes the kernel as its weight decay δ:
 * <ul>
 *   <li>SGD: {@code ρ = 1 − ηλ/n} for weights (network2's coupled L2, the very arithmetic of
 *       {@code axpby(−η, ∂C/∂W, 1 − ηλ/n, W)}), 1 for biases;</li>
 *   <li>momentum, Nesterov, RMSProp, Adam: {@code c = λ/n} for weights (coupled L2 added to the gradient), 0
 *       for biases;</li>
 *   <li>AdamW: {@code ρ = 1 − η·wd} for weights and biases (decoupled, as PyTorch applies it to every
 *       parameter).</li>
 * </ul>
 * The state tensors (zero at first) are made on the first step; after that a step allocates nothing.
 * {@link #state()} and {@link #restore} save and continue them bit for bit. Not thread-safe.
 */
public final class Optimizer {

    private final OptimizerConfig config;
    private final int trainingSetSize;
    private double eta;
    private long steps;
    private Matrix[] s1;      // S1 of W[1], b[1], W[2], b[2], … (index 2(l−1) and 2(l−1)+1); null until the first step
    private Matrix[] s2;      // S2, likewise, for the kinds that keep two

    /**
     * @param config          the rule and its hyper-parameters
     * @param trainingSetSize n, the number of training examples (L2's λ/n)
     */
    public Optimizer(OptimizerConfig config, int trainingSetSize) {
        this.config = Objects.requireNonNull(config, "config");
        if (trainingSetSize < 1) {
            throw new IllegalArgumentException("the training set size n must be positive, got " + trainingSetSize);
        }
        this.trainingSetSize = trainingSetSize;
        this.eta = config.eta();
    }

    public OptimizerConfig config() {
        return config;
    }

    /** The learning rate the next step uses. */
    public double eta() {
        return eta;
    }

    /** Changes η for the following steps (a {@link Schedule} calls this each epoch or step). */
    public void setEta(double newEta) {
        if (!(newEta >= 0) || !Double.isFinite(newEta)) {
            throw new IllegalArgumentException("the learning rate η must be zero or positive, got " + newEta);
        }
        this.eta = newEta;
    }

    /** t, the steps taken so far. */
    public long steps() {
        return steps;
    }

    /** n, the training-set size the L2 term divides by. */
    public int trainingSetSize() {
        return trainingSetSize;
    }

    /**
     * One step on every weight and bias of {@code network} (modified) from the gradients of its most recent
     * backward pass (read only); the state tensors are modified too.
     *
     * @throws IllegalStateException when the network has not run a backward pass yet
     */
    public void update(Network network) {
        Backend be = network.backend();
        OptimizerKind kind = config.kind();
        int layers = network.layers();
        network.weightGradient(1);                                 // fails before the first backward pass
        ensureState(network);
        long t = ++steps;
        double b1 = beta1(), b2 = beta2(), eps = config.epsilon();
        double weightDecay = weightDecay(true), biasDecay = weightDecay(false);
        for (int l = 1; l <= layers; l++) {
            int w = 2 * (l - 1), b = w + 1;
            be.optimizerStep(kind, network.weights(l), network.weightGradient(l), state(s1, w), state(s2, w), eta, b1,
                    b2, eps, weightDecay, t);
            be.optimizerStep(kind, network.biases(l), network.biasGradient(l), state(s1, b), state(s2, b), eta, b1,
                    b2, eps, biasDecay, t);
        }
    }

    /**
     * One training step on a batch: the backward pass through {@code dropout}'s masks of {@code step}, then this
     * optimizer's update, unless the batch's cost is not finite (then no parameter changes; the caller decides
     * whether to stop or to skip the batch). For plain SGD the update is folded into the backward pass
     * ({@link Network#backpropSgd}: BP4's product goes straight into the weights, no gradient is written and read
     * back); the other rules run {@link Network#backprop} and then {@link #update}.
     *
     * @return the pass, whose cost is that of the parameters before the step
     */
    public Pass step(Network network, Matrix x, Matrix y, Dropout dropout, long step) {
        if (config.kind() == OptimizerKind.SGD) {
            Pass pass = network.backpropSgd(x, y, dropout, step, eta, weightDecay(true));
            if (pass.hasGradients()) {
                steps++;
            }
            return pass;
        }
        Pass pass = network.backprop(x, y, dropout, step);
        if (Double.isFinite(pass.totalCost())) {
            update(network);
        }
        return pass;
    }

    private static Matrix state(Matrix[] tensors, int index) {
        return tensors == null ? null : tensors[index];
    }

    private double beta1() {
        return switch (config.kind()) {
            case SGD -> 0;
            case MOMENTUM, NESTEROV -> config.momentum();
            case RMSPROP -> config.alpha();
            case ADAM, ADAMW -> config.beta1();
        };
    }

    private double beta2() {
        return switch (config.kind()) {
            case SGD, MOMENTUM, NESTEROV -> 0;
            case RMSPROP -> config.momentum();
            case ADAM, ADAMW -> config.beta2();
        };
    }

    /** δ for this step's weights or biases: see the class comment. */
    private double weightDecay(boolean weights) {
        return switch (config.kind()) {
            case SGD -> weights ? 1.0 - eta * config.lambda() / trainingSetSize : 1.0;
            case MOMENTUM, NESTEROV, RMSPROP, ADAM -> weights ? config.lambda() / trainingSetSize : 0.0;
            case ADAMW -> 1 - eta * config.weightDecay();
        };
    }

    private void ensureState(Network network) {
        int count = config.kind().stateTensors();
        if (count == 0 || s1 != null) {
            return;
        }
        s1 = zerosLike(network);
        s2 = count > 1 ? zerosLike(network) : null;
    }

    private static Matrix[] zerosLike(Network network) {
        Backend be = network.backend();
        Matrix[] out = new Matrix[2 * network.layers()];
        for (int l = 1; l <= network.layers(); l++) {
            out[2 * (l - 1)] = be.zeros(network.size(l), network.size(l - 1));
            out[2 * (l - 1) + 1] = be.zeros(network.size(l), 1);
        }
        return out;
    }

    /** A copy of the state (kind, steps, state tensors widened exactly to double); see {@link OptimizerState}. */
    public OptimizerState state() {
        List<double[]> tensors = new ArrayList<>();
        if (s1 != null && steps > 0) {
            for (int p = 0; p < s1.length; p++) {
                tensors.add(s1[p].toArray());
                if (s2 != null) {
                    tensors.add(s2[p].toArray());
                }
            }
        }
        return new OptimizerState(config.kind(), steps, tensors);
    }

    /**
     * Continues from a saved {@link #state()} of the same kind, for a network shaped like {@code network}.
     *
     * @throws IllegalArgumentException when the state is of another optimizer or does not fit the network
     */
    public void restore(Network network, OptimizerState saved) {
        if (saved.kind() != config.kind()) {
            throw new IllegalArgumentException("the saved optimizer state is " + saved.kind().name().toLowerCase(
                    java.util.Locale.ROOT) + "'s but this run uses " + config.name() + "; resume with the optimizer the "
                    + "run was started with");
        }
        saved.checkFits(network);
        steps = saved.steps();
        s1 = s2 = null;
        if (saved.tensors().isEmpty()) {
            return;
        }
        ensureState(network);
        int perParameter = config.kind().stateTensors();
        Backend be = network.backend();
        for (int p = 0; p < s1.length; p++) {
            be.load(s1[p], saved.tensors().get(p * perParameter));
            if (s2 != null) {
                be.load(s2[p], saved.tensors().get(p * perParameter + 1));
            }
        }
    }
}
