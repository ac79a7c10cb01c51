package dev.backprop.train;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.data.Dataset;
import dev.backprop.nn.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one keep-the-best-model mechanism: it follows a run's {@link Monitor} epoch by epoch, keeps a copy of the
 * parameters of the best epoch so far, and decides every question that turns on "better": whether to stop early
 * (no significant improvement for {@code patience} epochs), which parameters a finished or stopped run ends with,
 * and whether a new model may replace a saved one ({@link #compare}). Early stopping, {@code --save} and the
 * divergence stop all ask it, so they cannot disagree.
 *
 * <p>Two thresholds, as researchers expect them: any strict improvement makes an epoch the best (its parameters
 * are the ones kept), but only an improvement by more than {@code minDelta} over the last significant one resets
 * the patience count (so a run creeping forward by noise still stops).
 */
public final class KeepBest {

    /**
     * What a checkpoint keeps of the tracker so that a resumed run decides as the uninterrupted one would.
     *
     * @param monitor             the monitored metric's name (empty when nothing was recorded)
     * @param bestEpoch           the best epoch so far, 0 before any finite value
     * @param bestValue           its value (NaN before any)
     * @param significantEpoch    the last epoch that improved by more than min-delta (0 before any)
     * @param significantValue    its value (NaN before any)
     * @param parameters          the best epoch's W[1], b[1], W[2], … row-major, widened exactly to double; empty
     *                            when {@code bestEpoch} is 0
     */
    public record Snapshot(String monitor, int bestEpoch, double bestValue, int significantEpoch,
                           double significantValue, List<double[]> parameters) {
        public Snapshot {
            Objects.requireNonNull(monitor, "monitor");
            parameters = List.copyOf(new ArrayList<>(parameters));
            if (bestEpoch < 0 || significantEpoch < 0 || significantEpoch > bestEpoch) {
                throw new IllegalArgumentException("best epoch " + bestEpoch + " and last significant improvement "
                        + significantEpoch + " must be 0 ≤ significant ≤ best");
            }
            if ((bestEpoch == 0) != parameters.isEmpty()) {
                throw new IllegalArgumentException("a best epoch needs its parameters, and only then: epoch " + bestEpoch
                        + " with " + parameters.size() + " tensors");
            }
        }

        /** The state before the first epoch. */
        public static Snapshot initial(Monitor monitor) {
            return new Snapshot(monitor.name(), 0, Double.NaN, 0, Double.NaN, List.of());
        }
    }

    /**
     * A saved model measured against a new one on the monitored metric.
     *
     * @param candidate  the new model's value
     * @param incumbent  the saved model's value
     * @param mayReplace whether the new model is at least as good
     */
    public record Comparison(double candidate, double incumbent, boolean mayReplace) {
    }

    private final Monitor monitor;
    private final double minDelta;
    private int bestEpoch;
    private double bestValue = Double.NaN;
    private int significantEpoch;
    private double significantValue = Double.NaN;
    private Matrix[] best;                   // W[1], b[1], W[2], … of the best epoch; made on the first improvement

    /**
     * @param monitor  the metric
     * @param minDelta the improvement that resets the patience count, zero or positive, in the metric's units
     */
    public KeepBest(Monitor monitor, double minDelta) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("min-delta must be zero or positive, got " + minDelta);
        }
        this.minDelta = minDelta;
    }

    public Monitor monitor() {
        return monitor;
    }

    /**
     * Records epoch {@code epoch}'s value of the metric; when it is the best so far, copies {@code network}'s
     * parameters.
     *
     * @return whether the epoch is the new best
     */
    public boolean offer(int epoch, double value, Network network) {
        if (monitor.improves(value, significantValue, minDelta)) {
            significantEpoch = epoch;
            significantValue = value;
        }
        if (!monitor.improves(value, bestValue, 0)) {
            return false;
        }
        bestEpoch = epoch;
        bestValue = value;
        Backend be = network.backend();
        if (best == null) {
            best = new Matrix[2 * network.layers()];
            for (int l = 1; l <= network.layers(); l++) {
                best[2 * (l - 1)] = be.zeros(network.size(l), network.size(l - 1));
                best[2 * (l - 1) + 1] = be.zeros(network.size(l), 1);
            }
        }
        for (int l = 1; l <= network.layers(); l++) {
            be.copy(network.weights(l), best[2 * (l - 1)]);
            be.copy(network.biases(l), best[2 * (l - 1) + 1]);
        }
        return true;
    }

    /** Whether some epoch had a finite value of the metric. */
    public boolean hasBest() {
        return bestEpoch > 0;
    }

    /** The best epoch so far, 0 before any. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The best epoch's value, NaN before any. */
    public double bestValue() {
        return bestValue;
    }

    /** Epochs since the last improvement by more than min-delta, after epoch {@code epoch}. */
    public int epochsWithoutImprovement(int epoch) {
        return epoch - significantEpoch;
    }

    /**
     * Puts the best epoch's parameters into {@code network} (shaped like the network offered).
     *
     * @throws IllegalStateException before any epoch had a finite value
     */
    public void restoreInto(Network network) {
        if (!hasBest()) {
            throw new IllegalStateException("no epoch has a finite " + monitor + " yet: there is no best model to restore");
        }
        Backend be = network.backend();
        for (int l = 1; l <= network.layers(); l++) {
            be.copy(best[2 * (l - 1)], network.weights(l));
            be.copy(best[2 * (l - 1) + 1], network.biases(l));
        }
    }

    /**
     * Measures a new model and a saved one afresh on the monitored metric (the same data, the same way) and
     * says whether the new one may replace the saved one: only when it is at least as good.
     *
     * @param validation the run's validation set, or null without one
     */
    public Comparison compare(Network candidate, Network incumbent, Dataset train, Dataset validation) {
        double c = monitor.evaluate(candidate, train, validation);
        double i = monitor.evaluate(incumbent, train, validation);
        return new Comparison(c, i, monitor.atLeastAsGood(c, i));
    }

    /** The tracker's state, for a checkpoint. */
    public Snapshot snapshot() {
        List<double[]> parameters = new ArrayList<>();
        if (hasBest()) {
            for (Matrix m : best) {
                parameters.add(m.toArray());
            }
        }
        return new Snapshot(monitor.name(), bestEpoch, bestValue, significantEpoch, significantValue, parameters);
    }

    /**
     * Continues from a checkpoint's {@link #snapshot()} for a network shaped like {@code network}.
     *
     * @throws IllegalArgumentException when the snapshot monitored another metric or does not fit the network
     */
    public void restore(Snapshot s, Network network) {
        boolean recorded = s.bestEpoch() > 0 || s.significantEpoch() > 0;
        if (recorded && !s.monitor().equals(monitor.name())) {
            throw new IllegalArgumentException("the checkpoint kept the best epoch by " + s.monitor() + " but this run"
                    + " monitors " + monitor.name() + "; resume with the metric the run was started with");
        }
        bestEpoch = s.bestEpoch();
        bestValue = s.bestValue();
        significantEpoch = s.significantEpoch();
        significantValue = s.significantValue();
        best = null;
        if (!s.parameters().isEmpty()) {
            if (s.parameters().size() != 2 * network.layers()) {
                throw new IllegalArgumentException("the checkpoint's best parameters have " + s.parameters().size()
                        + " tensors but the network " + network + " has " + 2 * network.layers());
            }
            Backend be = network.backend();
            best = new Matrix[2 * network.layers()];
            for (int l = 1; l <= network.layers(); l++) {
                best[2 * (l - 1)] = be.fromArray(network.size(l), network.size(l - 1), s.parameters().get(2 * (l - 1)));
                best[2 * (l - 1) + 1] = be.fromArray(network.size(l), 1, s.parameters().get(2 * (l - 1) + 1));
            }
        }
    }
}
