package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.data.Task;
import dev.backprop.nn.Network;
import dev.backprop.nn.Pass;
import dev.backprop.random.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trains a {@link Network} by mini-batch SGD over epochs. Each epoch shuffles the example order with a seeded
 * generator (unless shuffling is off), then for each mini-batch runs backprop and one {@link Sgd} update.
 * A training step allocates nothing once the first batch of each size has been seen.
 *
 * <p>Between epochs, {@link #state()} captures what besides the parameters a run needs to go on (epochs
 * done, the shuffling generator, momentum velocities); {@link #restore} on a fresh trainer whose network has
 * the saved parameters continues the run bit for bit, on the same backend and precision.
 */
public final class Trainer {

    private final Network network;
    private final TrainingConfig config;
    private final Rng shuffleRng;
    private int epochsDone;
    private int[] predictions = new int[0];
    private Sgd sgd;                               // created by the first epoch, when n is known
    private List<double[]> restoredVelocities = List.of();

    public Trainer(Network network, TrainingConfig config) {
        this.network = Objects.requireNonNull(network, "network");
        this.config = Objects.requireNonNull(config, "config");
        this.shuffleRng = Rng.forStream(config.seed(), "shuffle");
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

    /** Runs the remaining epochs of the config on {@code train}, telling {@code listener} as it goes. */
    public List<EpochStats> fit(Dataset train, TrainingListener listener) {
        List<EpochStats> history = new ArrayList<>();
        while (epochsDone < config.epochs()) {
            history.add(epoch(train, listener));
        }
        return history;
    }

    /**
     * One epoch over {@code train}.
     *
     * @throws TrainingDivergedException when a batch's cost is not finite and the config halts on that
     */
    public EpochStats epoch(Dataset train, TrainingListener listener) {
        checkCompatible(train);
        int epoch = epochsDone + 1;
        long start = System.nanoTime();
        int n = train.size(), m = config.batchSize();
        int[] order = order(n);
        BatchLoader loader = new BatchLoader(network.backend(), train);
        double eta = config.etaAt(epoch);
        Sgd optimiser = optimiser(n, eta);
        int batches = (n + m - 1) / m;
        boolean classification = train.task() == Task.CLASSIFICATION;   // a running accuracy needs classes
        double costSum = 0;
        long correct = 0, costed = 0;
        int skipped = 0;
        for (int batch = 0; batch < batches; batch++) {
            int from = batch * m, count = Math.min(m, n - from);
            BatchLoader.Batch b = loader.load(order, from, count);
            Pass pass = network.backprop(b.x(), b.y());
            double total = pass.totalCost();
            if (classification) {
                correct += countCorrect(pass, b);
            }
            if (Double.isFinite(total)) {
                costSum += total;
                costed += count;
                optimiser.update(network);
            } else if (config.haltOnNonFiniteCost()) {
                throw new TrainingDivergedException(epoch, batch + 1, total / count, eta);
            } else {
                skipped++;                          // a NaN step would poison every parameter: leave them as they are
            }
            listener.batchDone(epoch, batch + 1, batches, (long) from + count, n);
        }
        epochsDone = epoch;
        EpochStats stats = new EpochStats(epoch, costed > 0 ? costSum / costed : Double.NaN,
                classification ? (double) correct / n : Double.NaN, n,
                (System.nanoTime() - start) / 1e9, eta, skipped);
        listener.epochDone(stats);
        return stats;
    }

    /** The optimiser for a training set of n examples at learning rate η, keeping its velocities across epochs. */
    private Sgd optimiser(int n, double eta) {
        if (sgd == null || sgd.trainingSetSize() != n) {
            List<double[]> velocities = sgd != null ? sgd.velocities() : restoredVelocities;
            sgd = new Sgd(eta, config.lambda(), n, config.momentum());
            sgd.restoreVelocities(network, velocities);
            restoredVelocities = List.of();
        }
        sgd.setEta(eta);
        return sgd;
    }

    /**
     * The state after the last completed epoch: epochs done, the shuffling generator, momentum velocities.
     * Together with the network's parameters it is everything a checkpoint needs.
     */
    public TrainingState state() {
        return new TrainingState(epochsDone, shuffleRng.state(), sgd != null ? sgd.velocities() : restoredVelocities);
    }

    /**
     * Continues from a saved {@link #state()}; the network must already hold the parameters saved with it.
     *
     * @throws IllegalArgumentException when the saved state does not fit this trainer's network or config
     */
    public void restore(TrainingState state) {
        if (!state.velocities().isEmpty()) {
            if (config.momentum() == 0) {
                throw new IllegalArgumentException("the saved state has momentum velocities but this run has μ = 0;"
                        + " resume with the momentum the run was started with");
            }
            TrainingState.checkVelocities(network, state.velocities());
        }
        shuffleRng.restore(state.shuffle());
        epochsDone = state.epochsDone();
        sgd = null;
        restoredVelocities = state.velocities();
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

    private void checkCompatible(Dataset train) {
        if (train.inputSize() != network.inputSize() || train.targetSize() != network.outputSize()) {
            throw new IllegalArgumentException(train.name() + " has " + train.inputSize() + " inputs and "
                    + Evaluation.describeTargets(train) + " but the network is " + network
                    + "; the first layer must have " + train.inputSize() + " neurons and the last "
                    + train.targetSize());
        }
    }
}
