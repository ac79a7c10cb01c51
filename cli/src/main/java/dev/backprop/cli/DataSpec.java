package dev.backprop.cli;

import dev.backprop.data.Dataset;
import dev.backprop.data.Mnist;
import dev.backprop.data.SyntheticData;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Parses {@code --data}: {@code synthetic} (or {@code synthetic:spirals}, {@code synthetic:blobs}),
 * {@code mnist[:DIR]}, {@code fashion-mnist[:DIR]}, {@code csv:FILE} or {@code npz:FILE} (see
 * {@link TabularSource}), into a training set and an optional test set. Without a
 * directory, MNIST-layout sets are looked for in {@code $BACKPROP_DATA/NAME}, else {@code data/NAME}: where
 * {@code backprop download NAME} puts them by default.
 */
final class DataSpec {

    static final String DEFAULT = "synthetic";
    private static final int SYNTHETIC_TRAIN = 2000;
    private static final int SYNTHETIC_TEST = 1000;

    /** Training data and, when the source has one, a test set (null otherwise). */
    record Loaded(Dataset train, Dataset test) {
    }

    private DataSpec() {
    }

    static Loaded load(String spec, long seed) throws IOException {
        return load(spec, seed, new TabularOptions(), TabularSource.Expect.NOTHING);
    }

    /** As {@link #load(String, long)}, with the options of CSV and NumPy data and what a model expects of them. */
    static Loaded load(String spec, long seed, TabularOptions tabular, TabularSource.Expect expect) throws IOException {
        String kind = spec, arg = null;
        int colon = spec.indexOf(':');
        if (colon >= 0) {
            kind = spec.substring(0, colon);
            arg = spec.substring(colon + 1);
        }
        switch (kind.toLowerCase(Locale.ROOT)) {
            case "synthetic":
                return synthetic(arg == null || arg.isEmpty() ? "spirals" : arg, seed);
            case "mnist":
            case "fashion-mnist":
                String name = kind.toLowerCase(Locale.ROOT);
                Path dir = arg == null || arg.isEmpty() ? defaultDirectory(name) : Path.of(arg);
                if ((arg == null || arg.isEmpty()) && !java.nio.file.Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("--data " + spec + ": no " + name + " at " + dir + "; fetch it "
                            + "with `backprop download " + name + "`, set BACKPROP_DATA to the directory that holds "
                            + name + "/, or give the directory: --data " + name + ":DIR");
                }
                Mnist.Split split = Mnist.load(dir, name);
                return new Loaded(split.train(), split.test());
            case "csv":
            case "npz":
                if (arg == null || arg.isEmpty()) {
                    throw new IllegalArgumentException("--data " + spec + ": give the file, e.g. --data " + kind
                            + ":data/train." + kind);
                }
                var tt = kind.equalsIgnoreCase("csv") ? TabularSource.csv(Path.of(arg), tabular, seed, expect)
                        : TabularSource.npz(Path.of(arg), tabular, seed, expect);
                return new Loaded(tt.train(), tt.test());
            default:
                throw new IllegalArgumentException("--data " + spec + ": unknown source '" + kind
                        + "'; use synthetic, synthetic:spirals, synthetic:blobs, mnist:DIR, fashion-mnist:DIR, "
                        + "csv:FILE or npz:FILE");
        }
    }

    /**
     * {@code spec} with its file or directory made absolute (a built-in directory resolved as {@link #load}
     * would), so that a model can record where its data was and find it from any working directory.
     */
    static String absolute(String spec) {
        int colon = spec.indexOf(':');
        String kind = (colon >= 0 ? spec.substring(0, colon) : spec).toLowerCase(Locale.ROOT);
        String arg = colon >= 0 ? spec.substring(colon + 1) : "";
        return switch (kind) {
            case "mnist", "fashion-mnist" -> kind + ":" + (arg.isEmpty() ? defaultDirectory(kind) : Path.of(arg))
                    .toAbsolutePath().normalize();
            case "csv", "npz" -> arg.isEmpty() ? spec : kind + ":" + Path.of(arg).toAbsolutePath().normalize();
            default -> spec;
        };
    }

    /** The file or directory {@code spec} reads; null for generated data. */
    static Path location(String spec) {
        int colon = spec.indexOf(':');
        String kind = (colon >= 0 ? spec.substring(0, colon) : spec).toLowerCase(Locale.ROOT);
        return kind.equals("synthetic") || colon < 0 ? null : Path.of(spec.substring(colon + 1));
    }

    /** Where an MNIST-layout set called {@code name} is looked for, and downloaded to, by default. */
    static Path defaultDirectory(String name) {
        String root = System.getenv("BACKPROP_DATA");
        return (root != null && !root.isEmpty() ? Path.of(root) : Path.of("data")).resolve(name);
    }

    /** A generated set split by range into 2,000 training and 1,000 test examples of the same distribution. */
    private static Loaded synthetic(String which, long seed) {
        Dataset all;
        switch (which.toLowerCase(Locale.ROOT)) {
            case "spirals":
                all = SyntheticData.spirals(SYNTHETIC_TRAIN + SYNTHETIC_TEST, 3, 0.1, seed);
                break;
            case "blobs":
                all = SyntheticData.blobs(SYNTHETIC_TRAIN + SYNTHETIC_TEST, 4, 8, 0.4, seed);
                break;
            default:
                throw new IllegalArgumentException("synthetic:" + which + " is not a synthetic set; use synthetic:spirals "
                        + "or synthetic:blobs");
        }
        return new Loaded(all.subset(0, SYNTHETIC_TRAIN), all.subset(SYNTHETIC_TRAIN, SYNTHETIC_TRAIN + SYNTHETIC_TEST));
    }
}
