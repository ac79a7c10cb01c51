package dev.backprop.train;

/**
 * Hears about a training run's progress, and may end it; every method defaults to doing nothing.
 */
public interface TrainingListener {

    /** After each mini-batch's update. */
    default void batchDone(int epoch, int batch, int batches, long examplesDone, long examplesPerEpoch) {
    }

    /** After each epoch (its validation figures included, when {@code fit} has a validation set). */
    default void epochDone(EpochStats stats) {
    }

    /**
     * Asked after every epoch, after {@link #epochDone}: true ends the run there, as early stopping would (a
     * time budget, a target accuracy, a user's interrupt). The run then ends with the parameters its
     * {@link EarlyStopping} says (the best epoch's, or the last's).
     */
    default boolean stopRequested() {
        return false;
    }
}
