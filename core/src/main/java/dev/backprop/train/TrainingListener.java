package dev.backprop.train;

/** Hears about a training run's progress; both methods default to doing nothing. */
public interface TrainingListener {

    /** After each mini-batch's update. */
    default void batchDone(int epoch, int batch, int batches, long examplesDone, long examplesPerEpoch) {
    }

    /** After each epoch. */
    default void epochDone(EpochStats stats) {
    }
}
