package dev.backprop.data;

/**
 * Labelled examples for classification: each example is a vector of {@link #inputSize()} features and a
 * class label in [0, {@link #classes()}); its target is the one-hot vector of the label.
 *
 * <p>Batches are gathered straight into the engine's layout, a matrix whose columns are examples
 * ({@link #gatherInputs}, {@link #gatherTargets}).
 */
public interface Dataset {

    /** A short description, e.g. {@code mnist train}. */
    String name();

    /** Number of examples. */
    int size();

    /** Features per example, n_0. */
    int inputSize();

    /** Number of classes, n_L. */
    int classes();

    /** The class of example {@code i}, in [0, classes). */
    int label(int i);

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

    /** The one-hot targets of examples {@code order[from .. from+count)} as a classes × count row-major matrix. */
    default void gatherTargets(int[] order, int from, int count, double[] dst) {
        java.util.Arrays.fill(dst, 0, classes() * count, 0.0);
        for (int j = 0; j < count; j++) {
            dst[label(order[from + j]) * count + j] = 1.0;
        }
    }

    /** As {@link #gatherTargets(int[], int, int, double[])}, in float. */
    default void gatherTargets(int[] order, int from, int count, float[] dst) {
        java.util.Arrays.fill(dst, 0, classes() * count, 0f);
        for (int j = 0; j < count; j++) {
            dst[label(order[from + j]) * count + j] = 1f;
        }
    }

    /** Examples {@code [from, to)} of this data set, as a view (no copy). */
    default Dataset subset(int from, int to) {
        return new SubsetDataset(this, from, to);
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
}
