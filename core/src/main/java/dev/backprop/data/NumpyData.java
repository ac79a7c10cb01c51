package dev.backprop.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Data sets from NumPy arrays: inputs {@code x} of shape (n, …) (every dimension after the first is flattened
 * into features, so (n, 28, 28) images give 784 features) and targets {@code y} of shape (n,) or (n, k).
 *
 * <p>The task follows y's dtype unless asked otherwise: integer or bool labels are classes 0..K−1 (K being one
 * more than the largest label of the training and test sets), float values are regression targets.
 */
public final class NumpyData {

    /** The array names an {@code .npz} data set uses unless told otherwise. */
    public static final List<String> DEFAULT_NAMES = List.of("x_train", "y_train", "x_test", "y_test");

    private NumpyData() {
    }

    /**
     * Reads a training and a test set from an {@code .npz} archive.
     *
     * @param names x_train, y_train, x_test, y_test: the four arrays' names in the archive
     * @param task  classification or regression; null to follow y's dtype
     * @throws NpyFormatException when an array is missing, malformed, or the arrays do not fit together
     */
    public static TrainTestSplit load(Path npz, List<String> names, Task task) throws IOException {
        return load(npz, names, task, 0);
    }

    /**
     * As {@link #load(Path, List, Task)}, with the number of classes fixed (a model's outputs; 0 to count them
     * from the labels).
     */
    public static TrainTestSplit load(Path npz, List<String> names, Task task, int classes) throws IOException {
        if (names.size() != 4) {
            throw new IllegalArgumentException("give the four arrays' names: x_train, y_train, x_test, y_test; got "
                    + names);
        }
        Map<String, Npy.Array> a = Npz.read(npz, names);
        Npy.Array xTrain = a.get(names.get(0)), yTrain = a.get(names.get(1));
        Npy.Array xTest = a.get(names.get(2)), yTest = a.get(names.get(3));
        String base = npz.getFileName().toString();
        Task t = task != null ? task : yTrain.dtype().integral() ? Task.CLASSIFICATION : Task.REGRESSION;
        int k = classes > 0 ? classes
                : t == Task.CLASSIFICATION ? Math.max(maxLabel(yTrain), maxLabel(yTest)) + 1 : 0;
        return new TrainTestSplit(dataset(base + " train", xTrain, yTrain, t, k),
                dataset(base + " test", xTest, yTest, t, k));
    }

    /**
     * Reads one pair of arrays, inputs and targets, for a split of one's own ({@link Dataset#split}).
     *
     * @param classes the number of classes (0 to count them from the labels)
     */
    public static Dataset loadTrain(Path npz, String xName, String yName, Task task, int classes) throws IOException {
        Map<String, Npy.Array> a = Npz.read(npz, List.of(xName, yName));
        Npy.Array y = a.get(yName);
        Task t = task != null ? task : y.dtype().integral() ? Task.CLASSIFICATION : Task.REGRESSION;
        return dataset(npz.getFileName().toString(), a.get(xName), y, t,
                classes > 0 ? classes : t == Task.CLASSIFICATION ? maxLabel(y) + 1 : 0);
    }

    /**
     * A data set of inputs {@code x} and targets {@code y}.
     *
     * @param classes for classification, the number of classes (every label must be below it); ignored for
     *                regression
     * @throws NpyFormatException naming the array when the shapes disagree or a label is not a class
     */
    public static Dataset dataset(String name, Npy.Array x, Npy.Array y, Task task, int classes)
            throws NpyFormatException {
        if (x.shape().length < 1 || x.rows() == 0 || x.rowWidth() == 0) {
            throw new NpyFormatException(x.source(), "header.shape", Npy.describe(x.shape()) + " holds no examples: "
                    + "inputs are (n, features…) with n ≥ 1");
        }
        if (y.shape().length < 1 || y.rows() != x.rows()) {
            throw new NpyFormatException(y.source(), "header.shape", "targets " + Npy.describe(y.shape())
                    + " do not match inputs " + Npy.describe(x.shape()) + ": both must have " + x.rows() + " rows");
        }
        for (int i = 0; i < x.values().length; i++) {
            if (!Double.isFinite(x.values()[i])) {
                throw new NpyFormatException(x.source(), "data", "element " + i + " (example " + i / x.rowWidth()
                        + ") is " + x.values()[i] + "; inputs must be finite numbers");
            }
        }
        if (task == Task.REGRESSION) {
            for (int i = 0; i < y.values().length; i++) {
                if (!Double.isFinite(y.values()[i])) {
                    throw new NpyFormatException(y.source(), "data", "element " + i + " is " + y.values()[i]
                            + "; targets must be finite numbers");
                }
            }
            return new RegressionDataset(name, x.values(), x.rowWidth(), y.values(), y.rowWidth(), List.of(),
                    List.of());
        }
        if (y.rowWidth() != 1) {
            throw new NpyFormatException(y.source(), "header.shape", Npy.describe(y.shape()) + ": class labels are "
                    + "one per example, shape (n,); for one-hot rows use y.argmax(axis=1)");
        }
        int[] labels = new int[y.rows()];
        for (int i = 0; i < labels.length; i++) {
            double v = y.values()[i];
            if (!(v >= 0 && v < classes && v == Math.rint(v))) {
                throw new NpyFormatException(y.source(), "data", "label " + v + " of example " + i + " is not a "
                        + "class 0.." + (classes - 1) + "; labels are non-negative integers");
            }
            labels[i] = (int) v;
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            names.add(Integer.toString(k));
        }
        return new ArrayDataset(name, x.values(), x.rowWidth(), labels, classes, names, List.of());
    }

    private static int maxLabel(Npy.Array y) throws NpyFormatException {
        double max = 0;
        for (int i = 0; i < y.values().length; i++) {
            double v = y.values()[i];
            if (!(v >= 0 && v == Math.rint(v) && v < Csv.MAX_CLASSES)) {
                throw new NpyFormatException(y.source(), "data", "label " + v + " of example " + i + " is not a class"
                        + " index: labels are integers in 0.." + (Csv.MAX_CLASSES - 1) + " (pass --task regression "
                        + "for real-valued targets)");
            }
            max = Math.max(max, v);
        }
        return (int) max;
    }
}
