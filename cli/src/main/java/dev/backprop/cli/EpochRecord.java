package dev.backprop.cli;

/**
 * One epoch's figures as the {@code train} command reports them; a NaN cost or accuracy means "not measured"
 * (no validation set, no test set).
 *
 * @param trainExact whether the training figures are a full evaluation after the epoch (true) or the running
 *                   figures measured during it (false)
 * @param eta        the learning rate of the epoch's first step
 * @param etaEnd     the learning rate of its last step (the same under a per-epoch schedule)
 */
record EpochRecord(int epoch, double eta, double trainCost, double trainAccuracy, boolean trainExact,
                   double validationCost, double validationAccuracy, double testCost, double testAccuracy,
                   double seconds, double examplesPerSecond, int skippedBatches, double etaEnd) {
}
