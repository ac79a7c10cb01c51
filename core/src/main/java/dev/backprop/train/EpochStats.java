package dev.backprop.train;

/**
 * What one training epoch measured: the mean cost and the accuracy of the mini-batches as they were trained on
 * (each measured before that batch's update, so they trail the end-of-epoch network, and with dropout on), and,
 * when {@code fit} was given a validation set, the end-of-epoch network's figures on it.
 *
 * @param epoch              1-based epoch number
 * @param runningCost        mean cost per example over the epoch's batches with a finite cost, without the L2 term
 *                           (NaN when every batch was skipped)
 * @param runningAccuracy    fraction of the epoch's examples classified correctly before their update; NaN for
 *                           regression
 * @param examples           examples trained on
 * @param seconds            wall time of the epoch's training (evaluation excluded)
 * @param eta                the learning rate η of the epoch's first step
 * @param skippedBatches     batches whose cost was not finite and whose update was therefore skipped
 * @param batches            mini-batches in the epoch
 * @param etaEnd             the learning rate of the epoch's last step (differs from {@code eta} under a per-step
 *                           schedule)
 * @param validationCost     mean cost on the validation set after the epoch, NaN without one
 * @param validationAccuracy accuracy on the validation set after the epoch, NaN without one or for a regression
 * @param validationRmse     RMSE on the validation set after the epoch, NaN without one or for a classification
 */
public record EpochStats(int epoch, double runningCost, double runningAccuracy, int examples, double seconds,
                         double eta, int skippedBatches, int batches, double etaEnd, double validationCost,
                         double validationAccuracy, double validationRmse) {

    /** Stats without a validation RMSE (a classification, or no validation set). */
    public EpochStats(int epoch, double runningCost, double runningAccuracy, int examples, double seconds,
                      double eta, int skippedBatches, int batches, double etaEnd, double validationCost,
                      double validationAccuracy) {
        this(epoch, runningCost, runningAccuracy, examples, seconds, eta, skippedBatches, batches, etaEnd,
                validationCost, validationAccuracy, Double.NaN);
    }

    /** Stats without a validation set, with η constant over the epoch. */
    public EpochStats(int epoch, double runningCost, double runningAccuracy, int examples, double seconds,
                      double eta, int skippedBatches) {
        this(epoch, runningCost, runningAccuracy, examples, seconds, eta, skippedBatches, 0, eta, Double.NaN,
                Double.NaN);
    }

    /** Stats of an epoch with nothing skipped and the learning rate not recorded (NaN). */
    public EpochStats(int epoch, double runningCost, double runningAccuracy, int examples, double seconds) {
        this(epoch, runningCost, runningAccuracy, examples, seconds, Double.NaN, 0);
    }

    /** Training throughput, examples per second. */
    public double examplesPerSecond() {
        return examples / Math.max(seconds, 1e-9);
    }

    /** Whether the epoch was measured on a validation set. */
    public boolean hasValidation() {
        return !Double.isNaN(validationAccuracy) || !Double.isNaN(validationCost) || !Double.isNaN(validationRmse);
    }

    /** These stats with the validation figures of the end-of-epoch network. */
    public EpochStats withValidation(Evaluation validation) {
        return new EpochStats(epoch, runningCost, runningAccuracy, examples, seconds, eta, skippedBatches, batches,
                etaEnd, validation.meanCost(), validation.accuracy(), validation.rmse());
    }
}
