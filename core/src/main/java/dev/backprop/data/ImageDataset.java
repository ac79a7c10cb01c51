package dev.backprop.data;

/**
 * Greyscale images stored as unsigned bytes, as in the IDX files, and scaled to [0, 1] on the way into a
 * batch ({@code pixel / 255}, computed in double). One byte per pixel keeps MNIST's 60,000 training
 * images at 47 MB.
 */
public final class ImageDataset implements Dataset {

    private final String name;
    private final byte[] pixels;        // example i at [i·n_0, (i+1)·n_0)
    private final int rows;
    private final int cols;
    private final int[] labels;
    private final int classes;

    /**
     * @param pixels images one after another, row-major, unsigned bytes (not copied)
     * @param labels one label per image, in [0, classes)
     */
    public ImageDataset(String name, byte[] pixels, int rows, int cols, int[] labels, int classes) {
        this.name = name;
        this.rows = rows;
        this.cols = cols;
        if ((long) rows * cols * labels.length != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels of " + rows + "×" + cols
                    + " images need " + (long) rows * cols * labels.length + " pixels, got " + pixels.length);
        }
        Labels.check(name, labels, classes);
        this.pixels = pixels;
        this.labels = labels;
        this.classes = classes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int inputSize() {
        return rows * cols;
    }

    public int imageRows() {
        return rows;
    }

    public int imageCols() {
        return cols;
    }

    @Override
    public int classes() {
        return classes;
    }

    @Override
    public int label(int i) {
        return labels[i];
    }

    @Override
    public double input(int i, int f) {
        return (pixels[i * inputSize() + f] & 0xFF) / 255.0;
    }

    @Override
    public void copyInput(int i, double[] dst, int offset, int stride) {
        int n = inputSize(), base = i * n;
        for (int f = 0; f < n; f++) {
            dst[offset + f * stride] = (pixels[base + f] & 0xFF) / 255.0;
        }
    }

    @Override
    public void copyInput(int i, float[] dst, int offset, int stride) {
        int n = inputSize(), base = i * n;
        for (int f = 0; f < n; f++) {
            dst[offset + f * stride] = (float) ((pixels[base + f] & 0xFF) / 255.0);
        }
    }
}
