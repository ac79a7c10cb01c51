package dev.backprop.train;

import dev.backprop.backend.OptimizerKind;
import dev.backprop.nn.Dropout;

import java.util.Objects;

/**
 * How to train: epochs, mini-batch size m, the optimizer and its hyper-parameters, the learning-rate schedule,
 * whether to shuffle each epoch and the seed (of shuffling and of dropout's masks), whether a non-finite cost
 * stops the run, dropout, early stopping, and how many epochs of rising cost count as divergence.
 *
 * <p>When {@code haltOnNonFiniteCost} is false, a batch whose cost is NaN or infinite is skipped (the parameters
 * are left as they were) and counted in {@link EpochStats#skippedBatches()}, instead of stopping the run; an
 * epoch whose every batch is skipped still stops it ({@link DivergenceGuard}).
 *
 * @param epochs              epochs to train, at least 1
 * @param batchSize           m, examples per mini-batch, at least 1
 * @param optimizer           the update rule and its hyper-parameters (η is the schedule's base rate)
 * @param schedule            how η varies over the run
 * @param shuffle             whether each epoch visits the examples in a new seeded order
 * @param seed                the seed of shuffling and of dropout's masks
 * @param haltOnNonFiniteCost whether a NaN or infinite batch cost stops the run (else the batch is skipped)
 * @param dropout             inverted dropout on the hidden layers ({@link Dropout#none()} for none); its masks are
 *                            drawn from {@code seed}
 * @param earlyStopping       when to stop early and which epoch's parameters to end with
 * @param divergenceEpochs    N, epochs of rising training cost that stop the run as diverged, at least 1
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerConfig optimizer, Schedule schedule, boolean shuffle,
                             long seed, boolean haltOnNonFiniteCost, Dropout dropout, EarlyStopping earlyStopping,
                             int divergenceEpochs) {

    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the mini-batch size must be at least 1, got " + batchSize);
        }
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(dropout, "dropout");
        Objects.requireNonNull(earlyStopping, "earlyStopping");
        if (divergenceEpochs < 1) {
            throw new IllegalArgumentException("the divergence check needs at least 1 epoch of rising cost, got "
                    + divergenceEpochs);
        }
    }

    /**
     * Network2's SGD (μ = 0) or SGD with momentum (μ &gt; 0, PyTorch's form, see {@link OptimizerConfig#momentum}),
     * with L2 λ and η decaying by γ per epoch ({@code η_e = η·γ^(e−1)}; γ = 1 keeps it constant).
     */
    public TrainingConfig(int epochs, int batchSize, double eta, double lambda, boolean shuffle, long seed,
                          boolean haltOnNonFiniteCost, double momentum, double etaDecay) {
        this(epochs, batchSize, sgdOrMomentum(eta, momentum).withL2(lambda), decay(etaDecay), shuffle, seed,
                haltOnNonFiniteCost, Dropout.none(), EarlyStopping.none(), DivergenceGuard.DEFAULT_RISING_EPOCHS);
    }

    /** Network2's plain SGD with L2 λ and a constant learning rate. */
    public TrainingConfig(int epochs, int batchSize, double eta, double lambda, boolean shuffle, long seed,
                          boolean haltOnNonFiniteCost) {
        this(epochs, batchSize, eta, lambda, shuffle, seed, haltOnNonFiniteCost, 0.0, 1.0);
    }

    private static OptimizerConfig sgdOrMomentum(double eta, double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("the momentum μ must be in [0, 1), got " + momentum
                    + " (0 is plain SGD; 0.9 is usual)");
        }
        return momentum == 0 ? OptimizerConfig.sgd(eta) : OptimizerConfig.momentum(eta, momentum);
    }

    private static Schedule decay(double gamma) {
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("the learning-rate decay γ must be in (0, 1], got " + gamma
                    + " (1 keeps η constant; η_e = η·γ^(e−1))");
        }
        return gamma == 1 ? Schedule.constant() : Schedule.exponential(gamma);
    }

    /** Plain SGD without regularisation: shuffled each epoch with seed 42, halting on a non-finite cost. */
    public static TrainingConfig of(int epochs, int batchSize, double eta) {
        return new TrainingConfig(epochs, batchSize, eta, 0.0, true, 42L, true);
    }

    /** Training with {@code optimizer} at a constant learning rate: shuffled with seed 42, halting on a non-finite cost. */
    public static TrainingConfig of(int epochs, int batchSize, OptimizerConfig optimizer) {
        return new TrainingConfig(epochs, batchSize, optimizer, Schedule.constant(), true, 42L, true, Dropout.none(),
                EarlyStopping.none(), DivergenceGuard.DEFAULT_RISING_EPOCHS);
    }

    /** The optimizer's base learning rate η. */
    public double eta() {
        return optimizer.eta();
    }

    /** Network2's L2 parameter λ (coupled; 0 for AdamW, which decays decoupled). */
    public double lambda() {
        return optimizer.lambda();
    }

    /** The momentum μ of the momentum kinds and RMSProp, else 0. */
    public double momentum() {
        return optimizer.momentum();
    }

    /** The learning rate of epoch {@code epoch}'s first step (1-based), for a run of {@code batches} batches per epoch. */
    public double etaAt(int epoch, int batches) {
        long t = schedule.unit() == Schedule.Unit.EPOCH ? epoch - 1 : (long) (epoch - 1) * batches;
        long total = schedule.unit() == Schedule.Unit.EPOCH ? epochs : (long) epochs * batches;
        return schedule.eta(optimizer.eta(), t, total);
    }

    /** The learning rate of epoch {@code epoch} (1-based) under a per-epoch schedule. */
    public double etaAt(int epoch) {
        if (schedule.unit() != Schedule.Unit.EPOCH) {
            throw new IllegalStateException("η changes every step under a per-step schedule; use etaAt(epoch, batches)");
        }
        return etaAt(epoch, 1);
    }

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, batchSize, optimizer, schedule, shuffle, seed, haltOnNonFiniteCost, dropout,
                earlyStopping, divergenceEpochs);
    }

    public TrainingConfig withBatchSize(int newBatchSize) {
        return new TrainingConfig(epochs, newBatchSize, optimizer, schedule, shuffle, seed, haltOnNonFiniteCost, dropout,
                earlyStopping, divergenceEpochs);
    }

    public TrainingConfig withOptimizer(OptimizerConfig newOptimizer) {
        return new TrainingConfig(epochs, batchSize, newOptimizer, schedule, shuffle, seed, haltOnNonFiniteCost, dropout,
                earlyStopping, divergenceEpochs);
    }

    /** The same optimizer with network2's L2 parameter λ. */
    public TrainingConfig withLambda(double newLambda) {
        return withOptimizer(optimizer.withL2(newLambda));
    }

    /**
     * SGD with momentum μ in PyTorch's form (or plain SGD for μ = 0), keeping η and λ; for the optimizers that
     * take a momentum (RMSProp, Nesterov) their μ.
     */
    public TrainingConfig withMomentum(double newMomentum) {
        OptimizerKind k = optimizer.kind();
        if (k == OptimizerKind.SGD || k == OptimizerKind.MOMENTUM) {
            return withOptimizer(sgdOrMomentum(optimizer.eta(), newMomentum).withL2(optimizer.lambda()));
        }
        return withOptimizer(optimizer.withMomentum(newMomentum));
    }

    /** η decaying by γ per epoch: {@code η_e = η·γ^(e−1)} (γ = 1: constant). */
    public TrainingConfig withEtaDecay(double gamma) {
        return withSchedule(decay(gamma));
    }

    public TrainingConfig withSchedule(Schedule newSchedule) {
        return new TrainingConfig(epochs, batchSize, optimizer, newSchedule, shuffle, seed, haltOnNonFiniteCost, dropout,
                earlyStopping, divergenceEpochs);
    }

    public TrainingConfig withShuffle(boolean newShuffle) {
        return new TrainingConfig(epochs, batchSize, optimizer, schedule, newShuffle, seed, haltOnNonFiniteCost, dropout,
                earlyStopping, divergenceEpochs);
    }

    public TrainingConfig withSeed(long newSeed) {
        return new TrainingConfig(epochs, batchSize, optimizer, schedule, shuffle, newSeed, haltOnNonFiniteCost, dropout,
                earlyStopping, divergenceEpochs);
    }

    public TrainingConfig withHaltOnNonFiniteCost(boolean halt) {
        return new TrainingConfig(epochs, batchSize, optimizer, schedule, shuffle, seed, halt, dropout, earlyStopping,
                divergenceEpochs);
    }

    public TrainingConfig withDropout(Dropout newDropout) {
        return new TrainingConfig(epochs, batchSize, optimizer, schedule, shuffle, seed, haltOnNonFiniteCost, newDropout,
                earlyStopping, divergenceEpochs);
    }

    public TrainingConfig withEarlyStopping(EarlyStopping newEarlyStopping) {
        return new TrainingConfig(epochs, batchSize, optimizer, schedule, shuffle, seed, haltOnNonFiniteCost, dropout,
                newEarlyStopping, divergenceEpochs);
    }

    public TrainingConfig withDivergenceEpochs(int n) {
        return new TrainingConfig(epochs, batchSize, optimizer, schedule, shuffle, seed, haltOnNonFiniteCost, dropout,
                earlyStopping, n);
    }
}
