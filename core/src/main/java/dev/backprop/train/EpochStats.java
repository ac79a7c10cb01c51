package dev.backprop.train;

/**
 * What one training epoch measured on the fly: the mean cost and the accuracy of the mini-batches as they
 * were trained on (each measured before that batch's update, so they trail the end-of-epoch network).
 *
 * @param epoch           1-based epoch number
 * @param runningCost     mean cost per example over the epoch's batches with a finite cost, without the L2 term
 * @param runningAccuracy fraction of the epoch's examples classified correctly before their update; NaN for
 *                        regression
 * @param examples        examples trained on
 * @param seconds         wall time of the epoch
 * @param eta             the learning rate η the epoch used
 * @param skippedBatches  batches whose cost was not finite and whose update was therefore skipped
 */
public record EpochStats(int epoch, double runningCost, double runningAccuracy, int examples, double seconds,
                         double eta, int skippedBatches) {

    /** Stats of an epoch with nothing skipped and the learning rate not recorded (NaN). */
    public EpochStats(int epoch, double runningCost, double runningAccuracy, int examples, double seconds) {
        this(epoch, runningCost, runningAccuracy, examples, seconds, Double.NaN, 0);
    }

    /** Training throughput, examples per second. */
    public double examplesPerSecond() {
        return examples / Math.max(seconds, 1e-9);
    }
}
