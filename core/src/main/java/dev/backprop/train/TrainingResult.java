package dev.backprop.train;

import java.util.List;

/**
 * How a {@code fit} ended.
 *
 * @param history   the epochs trained by this call, in order
 * @param monitor   the metric the run was judged by
 * @param bestEpoch the best epoch by it (over the whole run, a resumed one's earlier epochs included), 0 when no
 *                  epoch had a finite value
 * @param bestValue the best epoch's value, NaN when none
 * @param stop      why the run ended
 * @param restored  whether the network holds the best epoch's parameters (rather than the last epoch's)
 */
public record TrainingResult(List<EpochStats> history, Monitor monitor, int bestEpoch, double bestValue, Stop stop,
                             boolean restored) {

    /** Why a run ended. */
    public enum Stop {
        /** Every epoch of the config ran. */
        COMPLETED,
        /** {@link EarlyStopping}'s patience ran out. */
        EARLY_STOPPING,
        /** A {@link TrainingListener} asked to stop. */
        LISTENER
    }

    public TrainingResult {
        history = List.copyOf(history);
    }

    /** One line, e.g. {@code stopped early after epoch 14; best epoch 9 (validation-accuracy 98.21%)}. */
    public String describe() {
        int last = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
        String how = switch (stop) {
            case COMPLETED -> "trained " + last + " epochs";
            case EARLY_STOPPING -> "stopped early after epoch " + last + " (no improvement of " + monitor + ")";
            case LISTENER -> "stopped after epoch " + last + " on request";
        };
        return bestEpoch == 0 ? how + "; no epoch had a finite " + monitor
                : how + "; best epoch " + bestEpoch + " (" + monitor + " " + monitor.format(bestValue) + ")";
    }
}
