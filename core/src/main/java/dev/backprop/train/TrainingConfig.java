package dev.backprop.train;

/**
 * How to train: epochs, mini-batch size m, learning rate η, L2 parameter λ, whether to shuffle each epoch,
 * the shuffling seed, whether a non-finite cost stops the run, the momentum coefficient μ and the per-epoch
 * learning-rate decay γ.
 *
 * <p>Epoch e (1-based) trains with {@code η_e = η·γ^(e−1)}; γ = 1 keeps η constant. With μ = 0 the update is
 * network2's plain SGD; with μ &gt; 0 it is SGD with (classical) momentum, see {@link Sgd}. When
 * {@code haltOnNonFiniteCost} is false, a batch whose cost is NaN or infinite is skipped (the parameters are
 * left as they were) and counted in {@link EpochStats#skippedBatches()}, instead of stopping the run.
 */
public record TrainingConfig(int epochs, int batchSize, double eta, double lambda, boolean shuffle, long seed,
                             boolean haltOnNonFiniteCost, double momentum, double etaDecay) {

    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the mini-batch size must be at least 1, got " + batchSize);
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("the learning rate η must be a positive number, got " + eta);
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("the L2 parameter λ must be zero or positive, got " + lambda);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("the momentum μ must be in [0, 1), got " + momentum
                    + " (0 is plain SGD; 0.9 is usual)");
        }
        if (!(etaDecay > 0 && etaDecay <= 1)) {
            throw new IllegalArgumentException("the learning-rate decay γ must be in (0, 1], got " + etaDecay
                    + " (1 keeps η constant; η_e = η·γ^(e−1))");
        }
    }

    /** Plain SGD (μ = 0) with a constant learning rate (γ = 1). */
    public TrainingConfig(int epochs, int batchSize, double eta, double lambda, boolean shuffle, long seed,
                          boolean haltOnNonFiniteCost) {
        this(epochs, batchSize, eta, lambda, shuffle, seed, haltOnNonFiniteCost, 0.0, 1.0);
    }

    /** Plain SGD without regularisation: shuffled each epoch with seed 42, halting on a non-finite cost. */
    public static TrainingConfig of(int epochs, int batchSize, double eta) {
        return new TrainingConfig(epochs, batchSize, eta, 0.0, true, 42L, true);
    }

    /** The learning rate of epoch {@code epoch} (1-based): {@code η·γ^(epoch−1)}. */
    public double etaAt(int epoch) {
        return etaDecay == 1.0 ? eta : eta * Math.pow(etaDecay, epoch - 1);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, batchSize, eta, lambda, shuffle, seed, haltOnNonFiniteCost, momentum,
                etaDecay);
    }

    public TrainingConfig withLambda(double newLambda) {
        return new TrainingConfig(epochs, batchSize, eta, newLambda, shuffle, seed, haltOnNonFiniteCost, momentum,
                etaDecay);
    }

    public TrainingConfig withShuffle(boolean newShuffle) {
        return new TrainingConfig(epochs, batchSize, eta, lambda, newShuffle, seed, haltOnNonFiniteCost, momentum,
                etaDecay);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(epochs, batchSize, eta, lambda, shuffle, newSeed, haltOnNonFiniteCost, momentum,
                etaDecay);
    }

    public TrainingConfig withHaltOnNonFiniteCost(boolean halt) {
        return new TrainingConfig(epochs, batchSize, eta, lambda, shuffle, seed, halt, momentum, etaDecay);
    }

    public TrainingConfig withMomentum(double newMomentum) {
        return new TrainingConfig(epochs, batchSize, eta, lambda, shuffle, seed, haltOnNonFiniteCost, newMomentum,
                etaDecay);
    }

    public TrainingConfig withEtaDecay(double newEtaDecay) {
        return new TrainingConfig(epochs, batchSize, eta, lambda, shuffle, seed, haltOnNonFiniteCost, momentum,
                newEtaDecay);
    }
}
