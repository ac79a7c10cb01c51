package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.data.Task;
import dev.backprop.nn.Dropout;
import dev.backprop.nn.Network;
import dev.backprop.nn.Pass;
import dev.backprop.random.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trains a {@link Network} over epochs of mini-batches. Each epoch shuffles the example order with a seeded
 * generator (unless shuffling is off), then for each mini-batch runs backprop (with the config's dropout masks
 * for that step) and one {@link Optimizer} step at the {@link Schedule}'s learning rate. A training step allocates
 * nothing once the first batch of each size has been seen.
 *
 * <p>After each epoch the run is judged: with a validation set ({@link #fit(Dataset, Dataset, TrainingListener)})
 * the network is evaluated on it; {@link KeepBest} records the monitored metric and keeps the best epoch's
 * parameters; {@link DivergenceGuard} stops a diverging run with a {@link TrainingDivergedException}; the run
 * stops early when {@link EarlyStopping}'s patience runs out or a listener asks; and it ends with the best epoch's
 * parameters when the config says so.
 *
 * <p>Between epochs, {@link #state()} captures what besides the parameters a run needs to go on (epochs done, the
 * shuffling generator, the optimizer's state, the best epoch so far); {@link #restore} on a fresh trainer whose
 * network has the saved parameters continues the run bit for bit, on the same backend and precision.
 */
public final class Trainer {

    private final Network network;
    private final TrainingConfig config;
    private final Rng shuffleRng;
    private final Dropout dropout;                 // the config's rates, masks seeded from the run's seed
    private final DivergenceGuard divergence;
    private int epochsDone;
    private int[] predictions = new int[0];
    private Optimizer optimizer;                   // created by the first epoch, when n is known
    private OptimizerState restoredOptimizer;
    private KeepBest keepBest;                     // created by fit, when it is known whether there is a validation set
    private KeepBest.Snapshot restoredBest;
    private String diverged;                       // why the epoch just finished diverged, or null

    public Trainer(Network network, TrainingConfig config) {
        this.network = Objects.requireNonNull(network, "network");
        this.config = Objects.requireNonNull(config, "config");
        this.shuffleRng = Rng.forStream(config.seed(), "shuffle");
        this.dropout = config.dropout().withSeed(Rng.forStream(config.seed(), "dropout").nextLong());
        this.divergence = new DivergenceGuard(config.divergenceEpochs(), network.outputSize());
        this.restoredOptimizer = OptimizerState.initial(config.optimizer().kind());
        if (!dropout.isNone()) {
            dropout.rate(network, 1);                  // per-layer rates must fit the network: fail now, not mid-run
        }
    }

    public Network network() {
        return network;
    }

    public TrainingConfig config() {
        return config;
    }

    /** Epochs completed so far. */
    public int epochsDone() {
        return epochsDone;
    }

    /**
     * Runs the remaining epochs of the config on {@code train}, telling {@code listener} as it goes; judged by
     * the training cost (there is no validation set).
     *
     * @return the epochs trained
     * @throws TrainingDivergedException when the run diverges
     */
    public List<EpochStats> fit(Dataset train, TrainingListener listener) {
        return fit(train, null, listener).history();
    }

    /**
     * Runs the remaining epochs of the config on {@code train}, evaluating the network on {@code validation}
     * after each (its figures are in the {@link EpochStats}) and stopping early as the config's
     * {@link EarlyStopping} says.
     *
     * @param validation held-out examples, or null to judge the run by the training cost
     * @return the epochs trained, the best epoch and why the run ended
     * @throws TrainingDivergedException when the run diverges (the network then holds the best epoch's
     *                                   parameters when the config restores the best, else the diverged ones)
     * @throws IllegalArgumentException  when the monitored metric needs a validation set and there is none, or a
     *                                   data set does not fit the network
     */
    public TrainingResult fit(Dataset train, Dataset validation, TrainingListener listener) {
        checkCompatible(train);
        if (validation != null) {
            checkCompatible(validation);
        }
        EarlyStopping stopping = config.earlyStopping();
        Monitor monitor = stopping.monitorFor(validation != null, train.task());
        if (monitor.needsValidation() && validation == null) {
            throw new IllegalArgumentException("the run monitors " + monitor + ", which needs a validation set: pass "
                    + "one to fit(train, validation, listener), or monitor the training cost");
        }
        keepBest = new KeepBest(monitor, stopping.minDelta());
        if (restoredBest != null) {
            keepBest.restore(restoredBest, network);
            restoredBest = null;
        }
        List<EpochStats> history = new ArrayList<>();
        TrainingResult.Stop stop = TrainingResult.Stop.COMPLETED;
        while (epochsDone < config.epochs()) {
            EpochStats stats;
            try {
                stats = trainEpoch(train, listener);
            } catch (TrainingDivergedException e) {               // a non-finite batch cost, with halting on
                if (stopping.restoreBest() && keepBest.hasBest()) {
                    keepBest.restoreInto(network);
                }
                throw e;
            }
            if (validation != null) {
                stats = stats.withValidation(Evaluation.of(network, validation));
            }
            keepBest.offer(stats.epoch(), monitor.of(stats), network);
            diverged = divergence.check(stats);
            history.add(stats);
            listener.epochDone(stats);
            if (diverged != null) {
                if (stopping.restoreBest() && keepBest.hasBest()) {
                    keepBest.restoreInto(network);
                }
                throw new TrainingDivergedException(stats.epoch(), diverged);
            }
            if (stopping.patience() > 0 && keepBest.epochsWithoutImprovement(stats.epoch()) >= stopping.patience()) {
                stop = TrainingResult.Stop.EARLY_STOPPING;
                break;
            }
            if (listener.stopRequested()) {
                stop = TrainingResult.Stop.LISTENER;
                break;
            }
        }
        boolean restored = stopping.restoreBest() && keepBest.hasBest();
        if (restored && keepBest.bestEpoch() != epochsDone) {
            keepBest.restoreInto(network);
        }
        return new TrainingResult(history, monitor, keepBest.bestEpoch(), keepBest.bestValue(), stop, restored);
    }

    /**
     * The keep-best tracker of the current (or last) {@code fit}: the best epoch, its value and parameters, and
     * the comparison with a saved model. Null before the first {@code fit}.
     */
    public KeepBest keepBest() {
        return keepBest;
    }

    /**
     * Why the epoch just finished diverged, or null: a listener's {@code epochDone} sees it before the
     * {@link TrainingDivergedException} is thrown (to skip checkpointing a diverged epoch, say).
     */
    public String divergence() {
        return diverged;
    }

    /**
     * One epoch over {@code train}: shuffle, then per batch backprop and an optimizer step.
     *
     * @throws TrainingDivergedException when a batch's cost is not finite and the config halts on that
     */
    private EpochStats trainEpoch(Dataset train, TrainingListener listener) {
        int epoch = epochsDone + 1;
        long start = System.nanoTime();
        int n = train.size(), m = config.batchSize();
        int[] order = order(n);
        BatchLoader loader = new BatchLoader(network.backend(), train);
        int batches = (n + m - 1) / m;
        boolean classification = train.task() == Task.CLASSIFICATION;   // a running accuracy needs classes
        Optimizer step = optimizer(n);
        Schedule schedule = config.schedule();
        boolean perStep = schedule.unit() == Schedule.Unit.STEP && !schedule.isConstant();
        long firstStep = (long) (epoch - 1) * batches, runSteps = (long) config.epochs() * batches;
        double etaFirst = config.etaAt(epoch, batches), eta = etaFirst;
        step.setEta(etaFirst);
        double costSum = 0;
        long correct = 0, costed = 0;
        int skipped = 0;
        for (int batch = 0; batch < batches; batch++) {
            int from = batch * m, count = Math.min(m, n - from);
            BatchLoader.Batch b = loader.load(order, from, count);
            if (perStep) {
                eta = schedule.eta(config.optimizer().eta(), firstStep + batch, runSteps);
                step.setEta(eta);
            }
            // backprop and the update (folded into BP4 for plain SGD); nothing changes when the cost is not finite
            Pass pass = step.step(network, b.x(), b.y(), dropout, firstStep + batch);
            double total = pass.totalCost();
            if (classification) {
                correct += countCorrect(pass, b);
            }
            if (Double.isFinite(total)) {
                costSum += total;
                costed += count;
            } else if (config.haltOnNonFiniteCost()) {
                throw new TrainingDivergedException(epoch, batch + 1, total / count, eta);
            } else {
                skipped++;                          // a NaN step would poison every parameter: leave them as they are
            }
            listener.batchDone(epoch, batch + 1, batches, (long) from + count, n);
        }
        epochsDone = epoch;
        return new EpochStats(epoch, costed > 0 ? costSum / costed : Double.NaN,
                classification ? (double) correct / n : Double.NaN, n,
                (System.nanoTime() - start) / 1e9, etaFirst, skipped, batches, eta, Double.NaN, Double.NaN);
    }

    /** The optimizer for a training set of n examples, keeping its state across epochs (and from a checkpoint). */
    private Optimizer optimizer(int n) {
        if (optimizer == null || optimizer.trainingSetSize() != n) {
            OptimizerState state = optimizer != null ? optimizer.state() : restoredOptimizer;
            optimizer = config.optimizer().create(n);
            optimizer.restore(network, state);
        }
        return optimizer;
    }

    /**
     * The state after the last completed epoch: epochs done, the shuffling generator, the optimizer's state, the
     * best epoch and the divergence check's memory. Together with the network's parameters it is everything a
     * checkpoint needs: take both in a listener's {@code epochDone}, where the network holds that epoch's
     * parameters (after {@code fit} returns, a run that restores the best holds the best epoch's instead).
     */
    public TrainingState state() {
        KeepBest.Snapshot best = keepBest != null ? keepBest.snapshot() : restoredBest != null ? restoredBest
                : KeepBest.Snapshot.initial(config.earlyStopping().monitorFor(false));
        return new TrainingState(epochsDone, shuffleRng.state(), optimizer != null ? optimizer.state() : restoredOptimizer,
                best, divergence.snapshot());
    }

    /**
     * Continues from a saved {@link #state()}; the network must already hold the parameters saved with it.
     *
     * @throws IllegalArgumentException when the saved state does not fit this trainer's network or config
     */
    public void restore(TrainingState state) {
        OptimizerState saved = state.optimizer();
        if (saved.kind() != config.optimizer().kind()) {
            throw new IllegalArgumentException("the saved state is of the " + saved.kind().name().toLowerCase(
                    java.util.Locale.ROOT) + " optimizer but this run uses " + config.optimizer().name()
                    + "; resume with the optimizer the run was started with");
        }
        saved.checkFits(network);
        shuffleRng.restore(state.shuffle());
        epochsDone = state.epochsDone();
        optimizer = null;
        restoredOptimizer = saved;
        keepBest = null;
        restoredBest = state.best();
        divergence.restore(state.divergence());
        diverged = null;
    }

    /** The epoch's example order: 0..n−1, shuffled when the config says so. */
    private int[] order(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (config.shuffle()) {
            shuffleRng.shuffle(order);
        }
        return order;
    }

    private int countCorrect(Pass pass, BatchLoader.Batch b) {
        if (predictions.length < b.size()) {
            predictions = new int[b.size()];
        }
        network.backend().argmaxColumns(pass.output(), predictions);
        int correct = 0;
        for (int j = 0; j < b.size(); j++) {
            if (predictions[j] == b.labels()[j]) {
                correct++;
            }
        }
        return correct;
    }

    private void checkCompatible(Dataset data) {
        if (data.inputSize() != network.inputSize() || data.targetSize() != network.outputSize()) {
            throw new IllegalArgumentException(data.name() + " has " + data.inputSize() + " inputs and "
                    + Evaluation.describeTargets(data) + " but the network is " + network
                    + "; the first layer must have " + data.inputSize() + " neurons and the last "
                    + data.targetSize());
        }
    }
}
