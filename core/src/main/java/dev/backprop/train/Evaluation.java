package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.nn.Network;

/**
 * A network's accuracy and mean cost on a data set (forward passes only, in batches).
 *
 * @param correct  examples whose largest output is their label
 * @param total    examples evaluated
 * @param meanCost {@code (1/n)·Σ_x C_x}, without any regularisation term
 */
public record Evaluation(int correct, int total, double meanCost) {

    /** The batch size evaluation uses unless told otherwise: big enough for efficient matrix products. */
    public static final int DEFAULT_BATCH = 500;

    /** Fraction of examples classified correctly. */
    public double accuracy() {
        return (double) correct / total;
    }

    /** Evaluates {@code network} on all of {@code data} in batches of {@value #DEFAULT_BATCH}. */
    public static Evaluation of(Network network, Dataset data) {
        return of(network, data, DEFAULT_BATCH);
    }

    /** Evaluates {@code network} on all of {@code data} in batches of {@code batchSize}. */
    public static Evaluation of(Network network, Dataset data, int batchSize) {
        if (data.inputSize() != network.inputSize() || data.classes() != network.outputSize()) {
            throw new IllegalArgumentException(data.name() + " has " + data.inputSize() + " inputs and "
                    + data.classes() + " classes but the network is " + network);
        }
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        BatchLoader loader = new BatchLoader(network.backend(), data);
        int m = Math.min(batchSize, n);
        int[] predicted = new int[m];
        int correct = 0;
        double cost = 0;
        for (int from = 0; from < n; from += m) {
            int count = Math.min(m, n - from);
            BatchLoader.Batch b = loader.load(order, from, count);
            var output = network.forward(b.x());
            cost += network.cost().total(network.backend(), output, b.y());
            network.backend().argmaxColumns(output, predicted);
            for (int j = 0; j < count; j++) {
                if (predicted[j] == b.labels()[j]) {
                    correct++;
                }
            }
        }
        return new Evaluation(correct, n, cost / n);
    }
}
