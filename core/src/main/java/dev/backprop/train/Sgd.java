package dev.backprop.train;

import dev.backprop.nn.Network;

/**
 * Network2's mini-batch stochastic gradient descent with L2 weight decay, the engine's headline update:
 * <pre>
 *   W ← (1 − ηλ/n)·W − η·∂C/∂W
 *   b ← b − η·∂C/∂b
 * </pre>
 * ∂C/∂W is the gradient of the batch's mean cost (BP4 already divides by m) and n is the size of the whole
 * training set, so λ means the same whatever the batch size. Each tensor's update is one
 * {@link dev.backprop.backend.Backend#optimizerStep} of kind {@link dev.backprop.backend.OptimizerKind#SGD}, the
 * arithmetic of {@code axpby(−η, ∂C/∂W, 1 − ηλ/n, W)}. The other optimizers (momentum, Nesterov, RMSProp,
 * Adam, AdamW) are {@link OptimizerConfig}s run by an {@link Optimizer}; this class is the same thing for
 * {@link OptimizerConfig#sgd} under its book name. Not thread-safe.
 */
public final class Sgd {

    private final Optimizer optimizer;

    /**
     * @param eta             the learning rate η, positive
     * @param lambda          the L2 regularisation parameter λ, zero or positive
     * @param trainingSetSize n, the number of training examples
     */
    public Sgd(double eta, double lambda, int trainingSetSize) {
        this.optimizer = OptimizerConfig.sgd(eta).withL2(lambda).create(trainingSetSize);
    }

    /**
     * Applies one update to {@code network}'s weights and biases (modified) from the gradients of its most
     * recent backward pass ({@link Network#weightGradient}, {@link Network#biasGradient}; read only).
     *
     * @throws IllegalStateException when the network has not run a backward pass yet
     */
    public void update(Network network) {
        optimizer.update(network);
    }

    /** Changes η for the following updates. */
    public void setEta(double newEta) {
        if (!(newEta > 0) || !Double.isFinite(newEta)) {
            throw new IllegalArgumentException("the learning rate η must be a positive number, got " + newEta);
        }
        optimizer.setEta(newEta);
    }

    public double eta() {
        return optimizer.eta();
    }

    public double lambda() {
        return optimizer.config().lambda();
    }

    /** n, the training-set size the L2 term divides by. */
    public int trainingSetSize() {
        return optimizer.trainingSetSize();
    }
}
