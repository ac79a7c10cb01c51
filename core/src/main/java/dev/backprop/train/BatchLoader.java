package dev.backprop.train;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.data.Dataset;
import dev.backprop.data.Task;

import java.util.Objects;

/**
 * Gathers mini-batches of a {@link Dataset} into backend matrices: inputs X (n_0 × m) and targets Y (n_L × m:
 * one-hot for classification, the values for regression), columns are examples. The matrices and the staging
 * arrays behind them are allocated once per batch size and reused, so loading a batch allocates nothing after
 * the first time.
 */
public final class BatchLoader {

    private final Backend backend;
    private final Dataset data;
    private Batch last;          // the most recent batch size's buffers
    private Batch previous;      // one more size (the epoch's final, partial batch)

    public BatchLoader(Backend backend, Dataset data) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.data = Objects.requireNonNull(data, "data");
    }

    /**
     * Loads examples {@code order[from .. from+count)}.
     *
     * @return the batch's matrices, owned by this loader and overwritten by its next {@code load} of the
     *         same size
     */
    public Batch load(int[] order, int from, int count) {
        if (count < 1 || from < 0 || from + count > order.length) {
            throw new IllegalArgumentException("load: examples [" + from + ", " + (from + count) + ") are not a "
                    + "non-empty range of the " + order.length + "-entry order");
        }
        Batch b = buffers(count);
        if (backend.precision() == Precision.FLOAT64) {
            data.gatherInputs(order, from, count, b.inputs64);
            data.gatherTargets(order, from, count, b.targets64);
            backend.load(b.x, b.inputs64);
            backend.load(b.y, b.targets64);
        } else {
            data.gatherInputs(order, from, count, b.inputs32);
            data.gatherTargets(order, from, count, b.targets32);
            backend.load(b.x, b.inputs32);
            backend.load(b.y, b.targets32);
        }
        if (data.task() == Task.CLASSIFICATION) {
            for (int j = 0; j < count; j++) {
                b.labels[j] = data.label(order[from + j]);
            }
        }
        return b;
    }

    private Batch buffers(int count) {
        if (last != null && last.size == count) {
            return last;
        }
        Batch b = previous != null && previous.size == count ? previous : new Batch(count);
        previous = last;
        last = b;
        return b;
    }

    /** One batch: X (n_0 × m), Y (n_L × m) and, for classification, the m labels. */
    public final class Batch {
        private final int size;
        private final Matrix x;
        private final Matrix y;
        private final int[] labels;
        private double[] inputs64, targets64;
        private float[] inputs32, targets32;

        private Batch(int size) {
            this.size = size;
            x = backend.zeros(data.inputSize(), size);
            y = backend.zeros(data.targetSize(), size);
            labels = new int[size];
            if (backend.precision() == Precision.FLOAT64) {
                inputs64 = new double[data.inputSize() * size];
                targets64 = new double[data.targetSize() * size];
            } else {
                inputs32 = new float[data.inputSize() * size];
                targets32 = new float[data.targetSize() * size];
            }
        }

        /** m, the number of examples. */
        public int size() {
            return size;
        }

        /** The inputs, n_0 × m. */
        public Matrix x() {
            return x;
        }

        /** The targets, n_L × m (one-hot for classification). */
        public Matrix y() {
            return y;
        }

        /** The class of column j is {@code labels()[j]} (the live array: do not modify); zeros for regression. */
        public int[] labels() {
            return labels;
        }
    }
}
