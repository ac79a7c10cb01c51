package dev.backprop.data;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Examples for a network: each is a vector of {@link #inputSize()} features and a target of
 * {@link #targetSize()} numbers. For {@linkplain Task#CLASSIFICATION classification} (the default) the target
 * is the one-hot vector of a class label in [0, {@link #classes()}); for {@linkplain Task#REGRESSION
 * regression} it is a vector of real numbers ({@link #target(int, int)}).
 *
 * <p>Batches are gathered straight into the engine's layout, a matrix whose columns are examples:
 * {@link #batch(Backend, int, int)} in one call, or {@link #gatherInputs}/{@link #gatherTargets} into arrays
 * you reuse (what the trainer does, allocation-free).
 */
public interface Dataset {

    /** A short description, e.g. {@code mnist train}. */
    String name();

    /** Number of examples. */
    int size();

    /** Features per example, n_0. */
    int inputSize();

    /** Whether the targets are class labels or real numbers; classification unless the data set says otherwise. */
    default Task task() {
        return Task.CLASSIFICATION;
    }

    /** Numbers per target, n_L: the number of classes for classification, the target's width for regression. */
    default int targetSize() {
        return classes();
    }

    /** Number of classes for classification; 0 for regression. */
    int classes();

    /**
     * The class of example {@code i}, in [0, classes).
     *
     * @throws UnsupportedOperationException for a regression data set, which has targets instead
     */
    int label(int i);

    /** Target value {@code k} of example {@code i}: for classification 1 when k is its label, else 0. */
    default double target(int i, int k) {
        return label(i) == k ? 1.0 : 0.0;
    }

    /** The classes' names, index k naming class k ("0", "1", … unless the data named them); empty for regression. */
    default List<String> classNames() {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes(); k++) {
            names.add(Integer.toString(k));
        }
        return names;
    }

    /** The features' names (e.g. a CSV file's header), index f naming feature f; empty when the data has none. */
    default List<String> featureNames() {
        return List.of();
    }

    /**
     * The target columns' names (e.g. a CSV file's): one per target value for regression, the label column's for
     * classification; empty when unnamed.
     */
    default List<String> targetNames() {
        return List.of();
    }

    /** Feature {@code f} of example {@code i}. */
    double input(int i, int f);

    /** Writes example {@code i}'s features to {@code dst[offset + f·stride]} for every feature f. */
    void copyInput(int i, double[] dst, int offset, int stride);

    /** Writes example {@code i}'s features, rounded to float, to {@code dst[offset + f·stride]}. */
    void copyInput(int i, float[] dst, int offset, int stride);

    /**
     * The inputs of examples {@code order[from .. from+count)} as an n_0 × count row-major matrix whose
     * column j is example {@code order[from + j]}.
     */
    default void gatherInputs(int[] order, int from, int count, double[] dst) {
        for (int j = 0; j < count; j++) {
            copyInput(order[from + j], dst, j, count);
        }
    }

    /** As {@link #gatherInputs(int[], int, int, double[])}, in float. */
    default void gatherInputs(int[] order, int from, int count, float[] dst) {
        for (int j = 0; j < count; j++) {
            copyInput(order[from + j], dst, j, count);
        }
    }

    /**
     * The targets of examples {@code order[from .. from+count)} as an n_L × count row-major matrix: one-hot
     * columns for classification, the target values for regression.
     */
    default void gatherTargets(int[] order, int from, int count, double[] dst) {
        int k = targetSize();
        if (task() == Task.CLASSIFICATION) {
            Arrays.fill(dst, 0, k * count, 0.0);
            for (int j = 0; j < count; j++) {
                dst[label(order[from + j]) * count + j] = 1.0;
            }
            return;
        }
        for (int j = 0; j < count; j++) {
            int i = order[from + j];
            for (int t = 0; t < k; t++) {
                dst[t * count + j] = target(i, t);
            }
        }
    }

    /** As {@link #gatherTargets(int[], int, int, double[])}, in float. */
    default void gatherTargets(int[] order, int from, int count, float[] dst) {
        int k = targetSize();
        if (task() == Task.CLASSIFICATION) {
            Arrays.fill(dst, 0, k * count, 0f);
            for (int j = 0; j < count; j++) {
                dst[label(order[from + j]) * count + j] = 1f;
            }
            return;
        }
        for (int j = 0; j < count; j++) {
            int i = order[from + j];
            for (int t = 0; t < k; t++) {
                dst[t * count + j] = (float) target(i, t);
            }
        }
    }

    /**
     * Examples {@code [from, from+count)} as new matrices of {@code backend}, ready for
     * {@code network.backprop(batch.x(), batch.y())}: X is n_0 × count, Y is n_L × count. Allocates each call;
     * a training loop reuses buffers instead ({@code BatchLoader}).
     *
     * @throws IllegalArgumentException when the range is not inside the data set
     */
    default Batch batch(Backend backend, int from, int count) {
        if (count < 1 || from < 0 || (long) from + count > size()) {
            throw new IllegalArgumentException(name() + ": examples [" + from + ", " + ((long) from + count)
                    + ") are not a non-empty range of its " + size() + " examples");
        }
        int[] order = new int[count];
        for (int j = 0; j < count; j++) {
            order[j] = from + j;
        }
        int n0 = inputSize(), nL = targetSize();
        Matrix x, y;
        if (backend.precision() == Precision.FLOAT64) {
            double[] xs = new double[n0 * count], ys = new double[nL * count];   // n_0 × m, n_L × m
            gatherInputs(order, 0, count, xs);
            gatherTargets(order, 0, count, ys);
            x = backend.fromArray(n0, count, xs);
            y = backend.fromArray(nL, count, ys);
        } else {
            float[] xs = new float[n0 * count], ys = new float[nL * count];
            gatherInputs(order, 0, count, xs);
            gatherTargets(order, 0, count, ys);
            x = backend.fromArray(n0, count, xs);
            y = backend.fromArray(nL, count, ys);
        }
        return new Batch(x, y);
    }

    /** All examples as one batch: {@code batch(backend, 0, size())}. */
    default Batch batch(Backend backend) {
        return batch(backend, 0, size());
    }

    /** Examples {@code [from, to)} of this data set, as a view (no copy). */
    default Dataset subset(int from, int to) {
        return new SubsetDataset(this, from, to);
    }

    /**
     * A seeded random split into a training set and a test set of {@code round(testFraction·size)} examples
     * (at least one each), as views (no copy). Same seed, same split on every JDK.
     *
     * @throws IllegalArgumentException when the fraction is not in (0, 1) or leaves a side empty
     */
    default TrainTestSplit split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be between 0 and 1 (exclusive), got "
                    + testFraction);
        }
        int test = (int) Math.round(testFraction * size());
        if (test < 1 || test >= size()) {
            throw new IllegalArgumentException(name() + ": a test fraction of " + testFraction + " of its " + size()
                    + " examples leaves " + (test < 1 ? "no test" : "no training") + " examples");
        }
        int[] order = new int[size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        dev.backprop.random.Rng.forStream(seed, "train-test-split").shuffle(order);
        int train = size() - test;
        return new TrainTestSplit(new IndexedDataset(this, Arrays.copyOfRange(order, 0, train), name() + " train"),
                new IndexedDataset(this, Arrays.copyOfRange(order, train, order.length), name() + " test"));
    }

    /**
     * A data set of the given feature vectors (copied) and labels.
     *
     * @throws IllegalArgumentException when rows differ in length, counts differ, or a label is outside
     *                                  [0, classes)
     */
    static Dataset of(String name, double[][] inputs, int[] labels, int classes) {
        return ArrayDataset.of(name, inputs, labels, classes);
    }

    /**
     * A classification data set whose classes have names: label k is {@code classNames.get(k)}.
     *
     * @throws IllegalArgumentException as {@link #of(String, double[][], int[], int)}
     */
    static Dataset of(String name, double[][] inputs, int[] labels, List<String> classNames) {
        return ArrayDataset.of(name, inputs, labels, classNames.size()).withNames(classNames, List.of());
    }

    /**
     * A regression data set: example i has features {@code inputs[i]} and target {@code targets[i]} (both
     * copied; every row of a table must have the same length).
     *
     * @throws IllegalArgumentException when rows differ in length, counts differ, or a value is not finite
     */
    static Dataset regression(String name, double[][] inputs, double[][] targets) {
        return RegressionDataset.of(name, inputs, targets);
    }
}
