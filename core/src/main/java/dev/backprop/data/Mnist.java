package dev.backprop.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Loads MNIST-layout data sets (MNIST, Fashion-MNIST) from a directory holding the four standard IDX
 * files, gzip-compressed or not: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte} (each optionally with {@code .gz}).
 */
public final class Mnist {

    public static final int CLASSES = 10;

    private Mnist() {
    }

    /** A training and a test set. */
    public record Split(Dataset train, Dataset test) {
    }

    /**
     * Reads the training and test sets of {@code dir}.
     *
     * @param name a label for the data sets, e.g. {@code mnist} or {@code fashion-mnist}
     * @throws IOException naming the missing or malformed file
     */
    public static Split load(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException(dir + ": not a directory; point to the directory that holds " + name
                    + "'s four IDX files (train-images-idx3-ubyte.gz and the others)");
        }
        Dataset train = pair(dir, "train", name + " train");
        Dataset test = pair(dir, "t10k", name + " test");
        return new Split(train, test);
    }

    /** One images/labels pair, e.g. prefix {@code train}. */
    public static ImageDataset pair(Path dir, String prefix, String name) throws IOException {
        Path imagesFile = find(dir, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(dir, prefix + "-labels-idx1-ubyte");
        return images(imagesFile, labelsFile, name);
    }

    /** An image data set from an images file (n×rows×cols) and a labels file (n), labels 0..9. */
    public static ImageDataset images(Path imagesFile, Path labelsFile, String name) throws IOException {
        Idx.IdxFile images = Idx.read(imagesFile);
        Idx.IdxFile labels = Idx.read(labelsFile);
        if (images.dimensions().length != 3) {
            throw new IdxFormatException(imagesFile, "an images file has 3 dimensions (count, rows, columns), this one has "
                    + images.dimensions().length);
        }
        if (labels.dimensions().length != 1) {
            throw new IdxFormatException(labelsFile, "a labels file has 1 dimension (count), this one has "
                    + labels.dimensions().length);
        }
        if (images.count() != labels.count()) {
            throw new IdxFormatException(labelsFile, String.format(Locale.ROOT,
                    "holds %d labels but %s holds %d images", labels.count(), imagesFile.getFileName(), images.count()));
        }
        byte[] raw = labels.data();
        int[] classOf = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            classOf[i] = raw[i] & 0xFF;
            if (classOf[i] >= CLASSES) {
                throw new IdxFormatException(labelsFile, "label " + classOf[i] + " of example " + i
                        + " is outside 0.." + (CLASSES - 1));
            }
        }
        return new ImageDataset(name, images.data(), images.dimensions()[1], images.dimensions()[2], classOf, CLASSES);
    }

    private static Path find(Path dir, String base) throws IOException {
        for (String candidate : new String[]{base + ".gz", base, base.replace("-idx", ".idx") + ".gz",
                base.replace("-idx", ".idx")}) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IOException(dir + ": no " + base + ".gz (or " + base + ") here; the directory must hold the four "
                + "MNIST-layout IDX files");
    }
}
