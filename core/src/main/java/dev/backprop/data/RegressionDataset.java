package dev.backprop.data;

import java.util.List;
import java.util.Objects;

/**
 * A regression data set held as two row-major {@code double[]}s: example i's features at
 * {@code [i·n_0, (i+1)·n_0)} and its target at {@code [i·n_L, (i+1)·n_L)}.
 */
final class RegressionDataset implements Dataset {

    private final String name;
    private final double[] features;     // size × n_0, row-major
    private final int inputSize;
    private final double[] targets;      // size × n_L, row-major
    private final int targetSize;
    private final List<String> featureNames;
    private final List<String> targetNames;

    /** Takes the arrays as they are (not copied); every value must be finite. */
    RegressionDataset(String name, double[] features, int inputSize, double[] targets, int targetSize,
                      List<String> featureNames, List<String> targetNames) {
        this.name = Objects.requireNonNull(name, "name");
        if (inputSize < 1 || targetSize < 1) {
            throw new IllegalArgumentException(name + ": examples need at least one feature and one target value");
        }
        long size = features.length / inputSize;
        if (features.length % inputSize != 0 || (long) targets.length != size * targetSize || size == 0) {
            throw new IllegalArgumentException(name + ": " + features.length + " feature values in rows of "
                    + inputSize + " and " + targets.length + " target values in rows of " + targetSize
                    + " do not make the same, non-zero number of examples");
        }
        for (int i = 0; i < targets.length; i++) {
            if (!Double.isFinite(targets[i])) {
                throw new IllegalArgumentException(name + ": target " + (i % targetSize) + " of example "
                        + i / targetSize + " is " + targets[i] + "; targets must be finite numbers");
            }
        }
        if (!featureNames.isEmpty() && featureNames.size() != inputSize) {
            throw new IllegalArgumentException(name + ": " + featureNames.size() + " feature names for " + inputSize
                    + " features");
        }
        if (!targetNames.isEmpty() && targetNames.size() != targetSize) {
            throw new IllegalArgumentException(name + ": " + targetNames.size() + " target names for " + targetSize
                    + " target values");
        }
        this.features = features;
        this.inputSize = inputSize;
        this.targets = targets;
        this.targetSize = targetSize;
        this.featureNames = List.copyOf(featureNames);
        this.targetNames = List.copyOf(targetNames);
    }

    static RegressionDataset of(String name, double[][] inputs, double[][] targets) {
        Objects.requireNonNull(name, "name");
        if (inputs.length != targets.length) {
            throw new IllegalArgumentException(name + ": " + inputs.length + " inputs but " + targets.length + " targets");
        }
        return new RegressionDataset(name, Tables.flatten(name, inputs, "example"), Tables.width(inputs),
                Tables.flatten(name, targets, "target"), Tables.width(targets), List.of(), List.of());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return targets.length / targetSize;
    }

    @Override
    public int inputSize() {
        return inputSize;
    }

    @Override
    public Task task() {
        return Task.REGRESSION;
    }

    @Override
    public int targetSize() {
        return targetSize;
    }

    @Override
    public int classes() {
        return 0;
    }

    @Override
    public int label(int i) {
        throw new UnsupportedOperationException(name + " is a regression data set: it has targets "
                + "(target(i, k)), not class labels");
    }

    @Override
    public double target(int i, int k) {
        return targets[i * targetSize + k];
    }

    @Override
    public List<String> classNames() {
        return List.of();
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public List<String> targetNames() {
        return targetNames;
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
