package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.nn.Network;

import java.util.List;

/**
 * Counts of (true class, predicted class) pairs of a network on a data set, the prediction being the largest
 * output. {@code count(i, j)} is the number of examples of class i classified as j; the diagonal is correct.
 * Per class k: precision = count(k, k) / Σ_i count(i, k), recall = count(k, k) / Σ_j count(k, j), and F1 their
 * harmonic mean.
 */
public final class ConfusionMatrix {

    private final int[][] counts;          // classes × classes: [true][predicted]
    private final List<String> classNames;
    private int total;

    /** An empty matrix for the named classes. */
    ConfusionMatrix(List<String> classNames) {
        this.classNames = List.copyOf(classNames);
        this.counts = new int[classNames.size()][classNames.size()];
    }

    /** Counts one example of class {@code actual} classified as {@code predicted}. */
    void add(int actual, int predicted) {
        counts[actual][predicted]++;
        total++;
    }

    /**
     * Classifies all of {@code data} with {@code network} (forward passes in batches of
     * {@value Evaluation#DEFAULT_BATCH}).
     *
     * @throws IllegalArgumentException when {@code data} is not a classification set that fits the network
     */
    public static ConfusionMatrix of(Network network, Dataset data) {
        return Evaluation.of(network, data).confusionMatrix();
    }

    /** The number of classes. */
    public int classes() {
        return counts.length;
    }

    /** The classes' names, index k naming class k. */
    public List<String> classNames() {
        return classNames;
    }

    /** Examples of class {@code actual} classified as {@code predicted}. */
    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** Examples classified. */
    public int total() {
        return total;
    }

    /** Examples classified correctly (the trace). */
    public int correct() {
        int c = 0;
        for (int i = 0; i < counts.length; i++) {
            c += counts[i][i];
        }
        return c;
    }

    /** Fraction classified correctly. */
    public double accuracy() {
        return (double) correct() / total;
    }

    /** Examples of class {@code actual}. */
    public int support(int actual) {
        int s = 0;
        for (int c : counts[actual]) {
            s += c;
        }
        return s;
    }

    /** Examples classified as {@code predicted}. */
    public int predictedCount(int predicted) {
        int s = 0;
        for (int[] row : counts) {
            s += row[predicted];
        }
        return s;
    }

    /** Fraction of class {@code actual}'s examples classified correctly (recall); NaN when it has none. */
    public double recall(int actual) {
        int s = support(actual);
        return s == 0 ? Double.NaN : (double) counts[actual][actual] / s;
    }

    /** Fraction of the examples classified as {@code predicted} that are of that class; NaN when none were. */
    public double precision(int predicted) {
        int s = predictedCount(predicted);
        return s == 0 ? Double.NaN : (double) counts[predicted][predicted] / s;
    }

    /** {@code 2·P·R / (P + R)} of class {@code k}; 0 when both are 0, NaN when either is undefined. */
    public double f1(int k) {
        double p = precision(k), r = recall(k);
        if (Double.isNaN(p) || Double.isNaN(r)) {
            return Double.NaN;
        }
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /** The unweighted mean of the classes' F1 scores that are defined (macro F1). */
    public double macroF1() {
        double s = 0;
        int n = 0;
        for (int k = 0; k < classes(); k++) {
            double f = f1(k);
            if (!Double.isNaN(f)) {
                s += f;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
