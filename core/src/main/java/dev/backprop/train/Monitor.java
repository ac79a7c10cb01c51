package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.data.Task;
import dev.backprop.nn.Network;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The metric a run is judged by, epoch by epoch: which epoch is best ({@link KeepBest}), when to stop early,
 * and whether a new model may replace a saved one. Each monitor reads its value from an epoch's
 * {@link EpochStats} during training, and can measure any network afresh on the same data
 * ({@link #evaluate}), so that a saved model and a new one are compared on equal terms.
 *
 * <p>Built in: {@link #validationCost()}, {@link #validationAccuracy()}, {@link #validationRmse()} (a
 * regression's) and {@link #trainingCost()}; a new metric is one {@link #of} call.
 */
public final class Monitor {

    /** Measures a network afresh: its value of the metric on the training set and/or the validation set. */
    @FunctionalInterface
    public interface Measure {
        /**
         * @param validation null when the run has no validation set
         */
        double of(Network network, Dataset train, Dataset validation);
    }

    private static final Monitor VALIDATION_COST = new Monitor("validation-cost", false, true,
            EpochStats::validationCost, (net, train, validation) -> Evaluation.of(net, validation).meanCost());
    private static final Monitor VALIDATION_ACCURACY = new Monitor("validation-accuracy", true, true,
            EpochStats::validationAccuracy, (net, train, validation) -> Evaluation.of(net, validation).accuracy());
    private static final Monitor VALIDATION_RMSE = new Monitor("validation-rmse", false, true,
            EpochStats::validationRmse, (net, train, validation) -> Evaluation.of(net, validation).rmse());
    private static final Monitor TRAINING_COST = new Monitor("training-cost", false, false,
            EpochStats::runningCost, (net, train, validation) -> Evaluation.of(net, train).meanCost());

    private final String name;
    private final boolean higherIsBetter;
    private final boolean needsValidation;
    private final ToDoubleFunction<EpochStats> fromStats;
    private final Measure measure;

    private Monitor(String name, boolean higherIsBetter, boolean needsValidation, ToDoubleFunction<EpochStats> fromStats,
                    Measure measure) {
        this.name = name;
        this.higherIsBetter = higherIsBetter;
        this.needsValidation = needsValidation;
        this.fromStats = fromStats;
        this.measure = measure;
    }

    /** The mean cost on the validation set (lower is better). */
    public static Monitor validationCost() {
        return VALIDATION_COST;
    }

    /** The accuracy on the validation set (higher is better). */
    public static Monitor validationAccuracy() {
        return VALIDATION_ACCURACY;
    }

    /** A regression's root mean squared error on the validation set (lower is better). */
    public static Monitor validationRmse() {
        return VALIDATION_RMSE;
    }

    /**
     * The training cost (lower is better): during training the running mean over the epoch's batches; measured
     * afresh, the mean cost of the whole training set.
     */
    public static Monitor trainingCost() {
        return TRAINING_COST;
    }

    /**
     * A metric of your own.
     *
     * @param name            how messages and the command line name it, e.g. {@code validation-rmse}
     * @param higherIsBetter  true for accuracies, false for costs and errors
     * @param needsValidation whether it is measured on the validation set
     * @param fromStats       its value after an epoch
     * @param measure         its value for any network, measured afresh
     */
    public static Monitor of(String name, boolean higherIsBetter, boolean needsValidation,
                             ToDoubleFunction<EpochStats> fromStats, Measure measure) {
        return new Monitor(Objects.requireNonNull(name, "name"), higherIsBetter, needsValidation,
                Objects.requireNonNull(fromStats, "fromStats"), Objects.requireNonNull(measure, "measure"));
    }

    /** The built-in monitors. */
    public static List<Monitor> builtins() {
        return List.of(VALIDATION_ACCURACY, VALIDATION_COST, VALIDATION_RMSE, TRAINING_COST);
    }

    /** The built-in monitor called {@code name} ({@code validation-accuracy}, …), or an error listing them. */
    public static Monitor named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Monitor m : builtins()) {
            if (m.name.equals(wanted)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + name + "'; the metrics are: validation-accuracy, "
                + "validation-cost, validation-rmse, training-cost");
    }

    /** What a classification monitors unless told: validation accuracy with a validation set, else the training cost. */
    public static Monitor defaultFor(boolean hasValidation) {
        return defaultFor(hasValidation, Task.CLASSIFICATION);
    }

    /**
     * What a run of {@code task} monitors unless told: with a validation set its accuracy (classification) or
     * RMSE (regression), else the training cost.
     */
    public static Monitor defaultFor(boolean hasValidation, Task task) {
        if (!hasValidation) {
            return TRAINING_COST;
        }
        return task == Task.REGRESSION ? VALIDATION_RMSE : VALIDATION_ACCURACY;
    }

    public String name() {
        return name;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether the metric is measured on the validation set (a run without one cannot monitor it). */
    public boolean needsValidation() {
        return needsValidation;
    }

    /** The metric's value after an epoch. */
    public double of(EpochStats stats) {
        return fromStats.applyAsDouble(stats);
    }

    /** The metric's value for {@code network}, measured afresh on the run's data. */
    public double evaluate(Network network, Dataset train, Dataset validation) {
        if (needsValidation && validation == null) {
            throw new IllegalArgumentException(name + " needs a validation set");
        }
        return measure.of(network, train, validation);
    }

    /**
     * Whether {@code candidate} beats {@code incumbent} by more than {@code minDelta}. NaN never beats anything;
     * any number beats NaN.
     */
    public boolean improves(double candidate, double incumbent, double minDelta) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(incumbent)) {
            return true;
        }
        return higherIsBetter ? candidate > incumbent + minDelta : candidate < incumbent - minDelta;
    }

    /** Whether {@code candidate} is at least as good as {@code incumbent} (NaN is worse than any number). */
    public boolean atLeastAsGood(double candidate, double incumbent) {
        if (Double.isNaN(candidate)) {
            return Double.isNaN(incumbent);
        }
        return Double.isNaN(incumbent) || (higherIsBetter ? candidate >= incumbent : candidate <= incumbent);
    }

    /** The value as people read it: accuracies in percent, costs with five significant digits. */
    public String format(double value) {
        if (name.endsWith("accuracy")) {
            return String.format(Locale.ROOT, "%.2f%%", 100 * value);
        }
        return String.format(Locale.ROOT, "%.5g", value);
    }

    @Override
    public String toString() {
        return name;
    }
}
