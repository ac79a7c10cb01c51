package dev.backprop.train;

import dev.backprop.data.Task;

/**
 * When a run stops before its last epoch, and which epoch's parameters it ends with. The decisions are
 * {@link KeepBest}'s: after each epoch it records the {@link Monitor}'s value; the run stops once {@code patience}
 * epochs in a row have not improved it by more than {@code minDelta} (Keras's and Lightning's rule), and with
 * {@code restoreBest} the network ends with the best epoch's parameters rather than the last's.
 *
 * @param monitor     the metric; null: with a validation set its accuracy (classification) or RMSE (regression),
 *                    else the training cost ({@link Monitor#defaultFor(boolean, Task)})
 * @param patience    epochs without significant improvement before stopping; 0 never stops early
 * @param minDelta    the improvement that counts as significant, zero or positive, in the metric's units
 *                    (0.001 is 0.1 points of accuracy)
 * @param restoreBest whether the run ends with the best epoch's parameters
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta, boolean restoreBest) {

    public EarlyStopping {
        if (patience < 0) {
            throw new IllegalArgumentException("the patience must be zero (never stop early) or more epochs, got "
                    + patience);
        }
        if (!(minDelta >= 0) || !Double.isFinite(minDelta)) {
            throw new IllegalArgumentException("min-delta must be zero or positive, got " + minDelta);
        }
    }

    /** Every epoch runs and the network ends with the last epoch's parameters (plain training). */
    public static EarlyStopping none() {
        return new EarlyStopping(null, 0, 0, false);
    }

    /** Every epoch runs and the network ends with the parameters of the epoch best by {@code monitor}. */
    public static EarlyStopping keepBest(Monitor monitor) {
        return new EarlyStopping(monitor, 0, 0, true);
    }

    /**
     * Stops after {@code patience} epochs without improvement of {@code monitor}, ending with the best epoch's
     * parameters.
     */
    public static EarlyStopping patience(Monitor monitor, int patience) {
        return new EarlyStopping(monitor, patience, 0, true);
    }

    public EarlyStopping withMinDelta(double newMinDelta) {
        return new EarlyStopping(monitor, patience, newMinDelta, restoreBest);
    }

    public EarlyStopping withRestoreBest(boolean restore) {
        return new EarlyStopping(monitor, patience, minDelta, restore);
    }

    /** The metric for a classification run with or without a validation set. */
    public Monitor monitorFor(boolean hasValidation) {
        return monitorFor(hasValidation, Task.CLASSIFICATION);
    }

    /** The metric for a run of {@code task} with or without a validation set. */
    public Monitor monitorFor(boolean hasValidation, Task task) {
        return monitor != null ? monitor : Monitor.defaultFor(hasValidation, task);
    }
}
