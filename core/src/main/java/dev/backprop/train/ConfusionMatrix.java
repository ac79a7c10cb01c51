package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.nn.Network;

/**
 * Counts of (true class, predicted class) pairs of a network on a data set, the prediction being the largest
 * output. {@code count(i, j)} is the number of examples of class i classified as j; the diagonal is correct.
 */
public final class ConfusionMatrix {

    private final int[][] counts;          // classes × classes: [true][predicted]
    private final int total;

    private ConfusionMatrix(int[][] counts, int total) {
        this.counts = counts;
        this.total = total;
    }

    /** Classifies all of {@code data} with {@code network} (forward passes in batches of {@value Evaluation#DEFAULT_BATCH}). */
    public static ConfusionMatrix of(Network network, Dataset data) {
        if (data.inputSize() != network.inputSize() || data.classes() != network.outputSize()) {
            throw new IllegalArgumentException(data.name() + " has " + data.inputSize() + " inputs and "
                    + data.classes() + " classes but the network is " + network);
        }
        int n = data.size(), k = data.classes();
        int[][] counts = new int[k][k];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        BatchLoader loader = new BatchLoader(network.backend(), data);
        int m = Math.min(Evaluation.DEFAULT_BATCH, n);
        int[] predicted = new int[m];
        for (int from = 0; from < n; from += m) {
            int count = Math.min(m, n - from);
            BatchLoader.Batch b = loader.load(order, from, count);
            network.backend().argmaxColumns(network.forward(b.x()), predicted);
            for (int j = 0; j < count; j++) {
                counts[b.labels()[j]][predicted[j]]++;
            }
        }
        return new ConfusionMatrix(counts, n);
    }

    /** The number of classes. */
    public int classes() {
        return counts.length;
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

    /** Fraction of class {@code actual}'s examples classified correctly (recall); NaN when it has none. */
    public double recall(int actual) {
        int s = support(actual);
        return s == 0 ? Double.NaN : (double) counts[actual][actual] / s;
    }
}
