package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.data.Csv;
import dev.backprop.data.Idx;
import dev.backprop.data.Task;
import dev.backprop.io.ModelFiles;
import dev.backprop.memory.MemoryBudget;
import dev.backprop.io.SavedModel;
import dev.backprop.nn.Network;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code backprop predict}: runs a saved model on image files (PNG…), the images of an IDX file, or the rows of
 * a CSV file, and prints each prediction by class name (or, for a regression, the predicted values).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classifies images with a saved model and prints each one's class and its three largest outputs.",
                "Images are PNG (or another format javax.imageio reads), used as MNIST's are: greyscale, white digit on "
                        + "black. Other sizes are scaled to the model's input (e.g. 28×28) as a whole, so crop to the "
                        + "digit with a margin. A light background is inverted automatically (--invert).",
                "Or --idx FILE classifies the images of an IDX file (e.g. t10k-images-idx3-ubyte.gz); with --labels, "
                        + "each prediction is marked right or wrong.",
                "Or --csv FILE predicts each row of a CSV file from the columns the model was trained on (by name); "
                        + "when the file has the model's target column, each prediction is marked right or wrong.",
                "Inputs are normalised as the model's training data was; classes are printed by name."},
        footer = {"", "Examples:", "  backprop predict --model mnist.safetensors digit.png",
                "  backprop predict --model mnist.safetensors --count 20 \\",
                "                   --idx data/mnist/t10k-images-idx3-ubyte.gz \\",
                "                   --labels data/mnist/t10k-labels-idx1-ubyte.gz",
                "  backprop predict --model rings.safetensors --csv new-points.csv"})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "A CSV file with a header row holding the model's feature columns.")
    Path csv;

    @Option(names = "--model", paramLabel = "MODEL", required = true,
            description = "The model: .safetensors (or a checkpoint) or network2 .json.")
    Path model;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "Image files to classify (PNG, …).")
    List<Path> images = new ArrayList<>();

    @Option(names = "--idx", paramLabel = "FILE", description = "An IDX images file (count × rows × columns).")
    Path idx;

    @Option(names = "--labels", paramLabel = "FILE", description = "The IDX labels file that goes with --idx.")
    Path labels;

    @Option(names = "--first", paramLabel = "K", defaultValue = "0",
            description = "With --idx: the first image to classify, 0-based (default: ${DEFAULT-VALUE}).")
    int first;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10",
            description = "With --idx: how many images to classify (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--invert", paramLabel = "auto|yes|no", defaultValue = "auto",
            description = "Swap light and dark in image files: auto does it when the background is light (default).")
    DigitImage.Invert invert;

    @Mixin
    StateDictOptions stateDict;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Usage.require(spec, (images.isEmpty() ? 0 : 1) + (idx == null ? 0 : 1) + (csv == null ? 0 : 1) == 1,
                "give image files to classify, --idx FILE or --csv FILE: one of them");
        Usage.require(spec, labels == null || idx != null, "--labels goes with --idx");
        Usage.require(spec, first >= 0, "--first " + first + ": must be 0 or more");
        Usage.require(spec, count >= 1, "--count " + count + ": must be at least 1");
        Usage.require(spec, backendOptions.threads >= 1 && backendOptions.threads <= BackendConfig.MAX_THREADS,
                "--threads " + backendOptions.threads + ": must be between 1 and " + BackendConfig.MAX_THREADS);
        SavedModel saved = ModelFiles.read(model, stateDict.architecture());
        int inputs = saved.sizes()[0];
        List<String> names = new ArrayList<>();
        List<double[]> inputsList = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        List<String> classNames = saved.context().classNames();
        if (idx != null) {
            readIdx(inputs, names, inputsList, truth);
        } else if (csv != null) {
            readCsv(saved, names, inputsList, truth);
        } else {
            int side = (int) Math.round(Math.sqrt(inputs));
            if (side * side != inputs) {
                throw new IllegalArgumentException("the model takes " + inputs + " inputs, not a square image; image "
                        + "files can only be classified by models of square images such as 784 = 28×28");
            }
            for (Path p : images) {
                DigitImage.Loaded img = DigitImage.read(p, side, invert);
                names.add(p + (img.inverted() ? " (inverted)" : "")
                        + (img.width() != side || img.height() != side
                        ? String.format(Locale.ROOT, " (scaled from %d×%d)", img.width(), img.height()) : ""));
                inputsList.add(img.pixels());
            }
        }
        if (saved.context().scaling() != null) {
            inputsList.forEach(saved.context().scaling()::applyInPlace);   // as the training data was
        }
        try (Backend backend = backendOptions.create()) {
            Network net = saved.build(backend);
            int n = inputsList.size(), classes = net.outputSize();
            MemoryBudget.require(MemoryBudget.bytes(MemoryBudget.arrayLength(inputs, n, "the images"), 16L),
                    n + " images of " + inputs + " inputs");
            double[] x = new double[inputs * n];                          // n_0 × n, columns are images
            for (int j = 0; j < n; j++) {
                double[] v = inputsList.get(j);
                for (int f = 0; f < inputs; f++) {
                    x[f * n + j] = v[f];
                }
            }
            double[] a = net.forward(backend.fromArray(inputs, n, x)).toArray();   // n_L × n
            if (saved.context().task() == Task.REGRESSION) {
                List<String> targets = saved.context().targetNames();
                for (int j = 0; j < n; j++) {
                    StringBuilder line = new StringBuilder(names.get(j)).append(':');
                    for (int k = 0; k < classes; k++) {
                        line.append(String.format(Locale.ROOT, " %s = %.6g", targets.isEmpty() ? "output " + k
                                : targets.get(k), a[k * n + j]));
                    }
                    out.println(line);
                }
                out.flush();
                return 0;
            }
            int right = 0;
            for (int j = 0; j < n; j++) {
                int[] top = top3(a, classes, n, j);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s: %s", names.get(j),
                        className(classNames, top[0])));
                line.append(String.format(Locale.ROOT, "   (output %.3f", a[top[0] * n + j]));
                for (int r = 1; r < top.length; r++) {
                    line.append(String.format(Locale.ROOT, "; %s %.3f", className(classNames, top[r]),
                            a[top[r] * n + j]));
                }
                line.append(')');
                if (!truth.isEmpty()) {
                    boolean ok = truth.get(j) == top[0];
                    right += ok ? 1 : 0;
                    line.append(ok ? "  right" : "  WRONG, label " + className(classNames, truth.get(j)));
                }
                out.println(line);
            }
            if (!truth.isEmpty()) {
                out.printf(Locale.ROOT, "%d of %d right (%.1f%%)%n", right, n, 100.0 * right / n);
            }
            out.flush();
        }
        return 0;
    }

    private static String className(List<String> names, int k) {
        return names.isEmpty() ? Integer.toString(k) : names.get(k);
    }

    /**
     * The rows of {@code --csv}: the model's features by name (its recorded features, else every column but its
     * recorded target), and the recorded target's class when the file has that column.
     */
    private void readCsv(SavedModel saved, List<String> names, List<double[]> out, List<Integer> truth)
            throws Exception {
        List<String> features = saved.context().featureNames();
        List<String> targetNames = saved.context().targetNames();
        String target = targetNames.size() == 1 ? targetNames.get(0) : null;
        if (features.isEmpty()) {
            throw new IllegalArgumentException(model + " does not record its input columns (it was not trained on a CSV "
                    + "file by backprop train), so the columns of --csv " + csv + " cannot be matched to its inputs");
        }
        boolean classes = saved.context().task() == Task.CLASSIFICATION && !saved.context().classNames().isEmpty();
        Csv.Rows rows = Csv.readRows(csv, features, classes ? target : null);
        for (int i = 0; i < rows.rows().length; i++) {
            out.add(rows.rows()[i]);
            names.add("row " + (i + 1));
        }
        for (int i = 0; i < rows.labels().size(); i++) {
            int k = saved.context().classNames().indexOf(rows.labels().get(i));
            if (k < 0) {
                throw new IllegalArgumentException(csv + ": row " + (i + 1) + "'s " + target + " '" + rows.labels().get(i)
                        + "' is not one of the model's classes " + saved.context().classNames());
            }
            truth.add(k);
        }
    }

    /** Images first..first+count−1 of --idx: only they are read (and inflated), not the whole file. */
    private void readIdx(int inputs, List<String> names, List<double[]> out, List<Integer> truth) throws Exception {
        int[] dims = Idx.dimensions(idx);
        long perImage = 1;
        for (int i = 1; i < dims.length; i++) {
            perImage *= dims[i];
        }
        if (perImage != inputs) {
            throw new IllegalArgumentException(idx + " holds images of " + perImage + " pixels but the model takes "
                    + inputs + " inputs");
        }
        if (first < 0 || count < 1 || first >= dims[0]) {
            throw new IllegalArgumentException("--first " + first + " --count " + count + " is not a range of the "
                    + dims[0] + " images in " + idx);
        }
        int end = (int) Math.min(dims[0], (long) first + count);
        MemoryBudget.require(MemoryBudget.bytes((long) end - first, 8L * inputs + 64), (end - first) + " images of "
                + idx);
        byte[] labelBytes = null;
        if (labels != null) {
            if (Idx.dimensions(labels).length != 1 || Idx.dimensions(labels)[0] != dims[0]) {
                throw new IllegalArgumentException(labels + " does not hold one label per image of " + idx);
            }
            labelBytes = Idx.readFirst(labels, end).data();
        }
        byte[] data = Idx.readFirst(idx, end).data();
        for (int i = first; i < end; i++) {
            double[] v = new double[inputs];
            for (int f = 0; f < inputs; f++) {
                v[f] = (data[(int) ((long) i * inputs + f)] & 0xFF) / 255.0;
            }
            out.add(v);
            names.add("image " + i);
            if (labelBytes != null) {
                truth.add(labelBytes[i] & 0xFF);
            }
        }
    }

    /** The indices of column j's three largest outputs (fewer when there are fewer classes), largest first. */
    private static int[] top3(double[] a, int classes, int n, int j) {
        int k = Math.min(3, classes);
        int[] top = new int[k];
        boolean[] taken = new boolean[classes];
        for (int r = 0; r < k; r++) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (!taken[c] && (best < 0 || a[c * n + j] > a[best * n + j])) {
                    best = c;
                }
            }
            taken[best] = true;
            top[r] = best;
        }
        return top;
    }
}
