package dev.backprop.train;

/**
 * How to train: epochs, mini-batch size m, learning rate η, L2 parameter λ, whether to shuffle each epoch,
 * the shuffling seed, and whether a non-finite cost stops the run.
 */
public record TrainingConfig(int epochs, int batchSize, double eta, double lambda, boolean shuffle, long seed,
                             boolean haltOnNonFiniteCost) {

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
    }

    /** Plain SGD without regularisation: shuffled each epoch with seed 42, halting on a non-finite cost. */
    public static TrainingConfig of(int epochs, int batchSize, double eta) {
        return new TrainingConfig(epochs, batchSize, eta, 0.0, true, 42L, true);
    }

    public TrainingConfig withLambda(double newLambda) {
        return new TrainingConfig(epochs, batchSize, eta, newLambda, shuffle, seed, haltOnNonFiniteCost);
    }

    public TrainingConfig withShuffle(boolean newShuffle) {
        return new TrainingConfig(epochs, batchSize, eta, lambda, newShuffle, seed, haltOnNonFiniteCost);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(epochs, batchSize, eta, lambda, shuffle, newSeed, haltOnNonFiniteCost);
    }

    public TrainingConfig withHaltOnNonFiniteCost(boolean halt) {
        return new TrainingConfig(epochs, batchSize, eta, lambda, shuffle, seed, halt);
    }
}
