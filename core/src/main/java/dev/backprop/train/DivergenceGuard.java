package dev.backprop.train;

import java.util.Arrays;
import java.util.Locale;

/**
 * Tells a diverging run from a noisy one after each epoch, from the epoch's running figures, so that a run
 * that has gone wrong stops with the reason instead of finishing and being saved. A run has diverged at
 * epoch e when
 * <ul>
 *   <li>its training cost is not finite, or every mini-batch of the epoch was skipped for a non-finite cost;</li>
 *   <li>its training cost rose in each of the last N epochs (N = {@code risingEpochs}), ended at least
 *       {@value #MIN_RISE_PERCENT}% above where the rise began, and climbed above the first epoch's cost (a
 *       plateau's noise rises and falls, and a run oscillating near a minimum it reached keeps most of what it
 *       learned; a diverging run's cost climbs past where training began);</li>
 *   <li>or its training accuracy fell to chance after an epoch that was clearly better: "good" is at least
 *       halfway from chance (1/classes) to 100%, "at chance" within a tenth of that span of chance (for ten
 *       classes: good ≥ 55%, chance ≤ 19%).</li>
 * </ul>
 * The parameters of the epochs before are not lost: {@link KeepBest} holds the best of them.
 */
public final class DivergenceGuard {

    /** The default N: three epochs of rising cost in a row. */
    public static final int DEFAULT_RISING_EPOCHS = 3;
    /** How far the cost must have risen over the N epochs, in percent of where the rise began. */
    public static final int MIN_RISE_PERCENT = 10;

    /**
     * What a checkpoint keeps so that a resumed run judges as the uninterrupted one would.
     *
     * @param recentCosts  the running costs of the last epochs, oldest first (at most N)
     * @param bestAccuracy the best running accuracy of any epoch so far, NaN before any
     * @param firstCost    the first epoch's finite running cost, NaN before any
     */
    public record Snapshot(double[] recentCosts, double bestAccuracy, double firstCost) {
        public Snapshot {
            recentCosts = recentCosts.clone();
        }

        @Override
        public double[] recentCosts() {
            return recentCosts.clone();
        }

        /** The state before the first epoch. */
        public static Snapshot initial() {
            return new Snapshot(new double[0], Double.NaN, Double.NaN);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Snapshot s && Arrays.equals(recentCosts, s.recentCosts)
                    && Double.compare(bestAccuracy, s.bestAccuracy) == 0 && Double.compare(firstCost, s.firstCost) == 0;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(recentCosts) + Double.hashCode(bestAccuracy)) + Double.hashCode(firstCost);
        }
    }

    private final int risingEpochs;
    private final double chance;
    private final double good;
    private final double atChance;
    private double[] recent = new double[0];           // running costs, oldest first, at most risingEpochs
    private double bestAccuracy = Double.NaN;
    private double firstCost = Double.NaN;             // the first epoch's finite running cost

    /**
     * @param risingEpochs N, epochs of rising cost that count as divergence, at least 1
     * @param classes      the number of classes (the accuracy rule needs at least 2)
     */
    public DivergenceGuard(int risingEpochs, int classes) {
        if (risingEpochs < 1) {
            throw new IllegalArgumentException("the divergence check needs at least 1 epoch of rising cost, got "
                    + risingEpochs);
        }
        this.risingEpochs = risingEpochs;
        this.chance = classes >= 2 ? 1.0 / classes : Double.NaN;
        this.good = chance + 0.5 * (1 - chance);
        this.atChance = chance + 0.1 * (1 - chance);
    }

    /**
     * Judges the epoch just finished.
     *
     * @return why the run has diverged, as a sentence naming the epoch and what to try, or null when it has not
     */
    public String check(EpochStats s) {
        String reason = reason(s);
        remember(s);
        return reason == null ? null : "training diverged at epoch " + s.epoch() + ": " + reason + "; try a smaller "
                + "learning rate than η = " + format(s.eta()) + " (or check the inputs for extreme values)";
    }

    private String reason(EpochStats s) {
        if (s.batches() > 0 && s.skippedBatches() == s.batches()) {
            return "all " + s.batches() + " mini-batches had a non-finite cost and were skipped";
        }
        if (!Double.isFinite(s.runningCost())) {
            return "the training cost is " + s.runningCost();
        }
        if (recent.length == risingEpochs && rising(s.runningCost())) {
            StringBuilder path = new StringBuilder();
            for (double c : recent) {
                path.append(format(c)).append(" → ");
            }
            return "the training cost rose for " + risingEpochs + " epoch" + (risingEpochs == 1 ? "" : "s")
                    + " in a row (" + path + format(s.runningCost()) + ")";
        }
        if (!Double.isNaN(chance) && bestAccuracy >= good && s.runningAccuracy() <= atChance) {
            return String.format(Locale.ROOT, "the training accuracy fell to %.2f%%, chance for %d classes, after %.2f%%",
                    100 * s.runningAccuracy(), Math.round(1 / chance), 100 * bestAccuracy);
        }
        return null;
    }

    /** Whether the remembered costs and {@code latest} rise at every epoch and by the minimum overall. */
    private boolean rising(double latest) {
        double previous = recent[0];
        for (int i = 1; i <= recent.length; i++) {
            double c = i < recent.length ? recent[i] : latest;
            if (!(c > previous)) {
                return false;
            }
            previous = c;
        }
        return latest >= recent[0] * (1 + MIN_RISE_PERCENT / 100.0) && !(latest <= firstCost);
    }

    private void remember(EpochStats s) {
        if (Double.isFinite(s.runningCost()) && Double.isNaN(firstCost)) {
            firstCost = s.runningCost();
        }
        if (Double.isFinite(s.runningCost())) {
            int keep = Math.min(recent.length + 1, risingEpochs);
            double[] next = new double[keep];
            System.arraycopy(recent, recent.length - (keep - 1), next, 0, keep - 1);
            next[keep - 1] = s.runningCost();
            recent = next;
        }
        if (!Double.isNaN(s.runningAccuracy()) && !(s.runningAccuracy() <= bestAccuracy)) {
            bestAccuracy = s.runningAccuracy();
        }
    }

    /** A cost or rate in four significant digits: a diverged run's 1e300 stays one short word. */
    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }

    /** What the guard remembers, for a checkpoint. */
    public Snapshot snapshot() {
        return new Snapshot(recent, bestAccuracy, firstCost);
    }

    /** Continues from a checkpoint's {@link #snapshot()}. */
    public void restore(Snapshot s) {
        double[] costs = s.recentCosts();
        recent = Arrays.copyOfRange(costs, Math.max(0, costs.length - risingEpochs), costs.length);
        bestAccuracy = s.bestAccuracy();
        firstCost = s.firstCost();
    }
}
