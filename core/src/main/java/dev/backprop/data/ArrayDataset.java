package dev.backprop.data;

import java.util.Objects;

/** A data set held as one row-major {@code double[]}: example i's features at {@code [i·n_0, (i+1)·n_0)}. */
final class ArrayDataset implements Dataset {

    private final String name;
    private final double[] features;
    private final int inputSize;
    private final int[] labels;
    private final int classes;

    private ArrayDataset(String name, double[] features, int inputSize, int[] labels, int classes) {
        this.name = name;
        this.features = features;
        this.inputSize = inputSize;
        this.labels = labels;
        this.classes = classes;
    }

    static ArrayDataset of(String name, double[][] inputs, int[] labels, int classes) {
        Objects.requireNonNull(name, "name");
        if (inputs.length == 0) {
            throw new IllegalArgumentException(name + ": a data set needs at least one example");
        }
        if (inputs.length != labels.length) {
            throw new IllegalArgumentException(name + ": " + inputs.length + " inputs but " + labels.length + " labels");
        }
        int n = inputs[0].length;
        if (n == 0) {
            throw new IllegalArgumentException(name + ": examples need at least one feature");
        }
        Labels.check(name, labels, classes);
        double[] flat = new double[inputs.length * n];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != n) {
                throw new IllegalArgumentException(name + ": example " + i + " has " + inputs[i].length
                        + " features but example 0 has " + n);
            }
            System.arraycopy(inputs[i], 0, flat, i * n, n);
        }
        return new ArrayDataset(name, flat, n, labels.clone(), classes);
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
        return inputSize;
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
        return features[i * inputSize + f];
    }

    @Override
    public void copyInput(int i, double[] dst, int offset, int stride) {
        int base = i * inputSize;
        for (int f = 0; f < inputSize; f++) {
            dst[offset + f * stride] = features[base + f];
        }
    }

    @Override
    public void copyInput(int i, float[] dst, int offset, int stride) {
        int base = i * inputSize;
        for (int f = 0; f < inputSize; f++) {
            dst[offset + f * stride] = (float) features[base + f];
        }
    }
}
