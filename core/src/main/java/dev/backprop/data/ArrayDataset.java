package dev.backprop.data;

import java.util.List;
import java.util.Objects;

/**
 * A classification data set held as one row-major {@code double[]}: example i's features at
 * {@code [i·n_0, (i+1)·n_0)}, its label at {@code labels[i]}.
 */
final class ArrayDataset implements Dataset {

    private final String name;
    private final double[] features;     // size × n_0, row-major
    private final int inputSize;
    private final int[] labels;
    private final int classes;
    private final List<String> classNames;     // empty: "0", "1", …
    private final List<String> featureNames;   // empty: unnamed
    private final List<String> targetNames;    // the label column's name, or empty

    /** Takes the arrays as they are (not copied); checks the labels and the names' counts. */
    ArrayDataset(String name, double[] features, int inputSize, int[] labels, int classes, List<String> classNames,
                 List<String> featureNames) {
        this.name = Objects.requireNonNull(name, "name");
        Labels.check(name, labels, classes);
        if (!classNames.isEmpty() && classNames.size() != classes) {
            throw new IllegalArgumentException(name + ": " + classNames.size() + " class names for " + classes
                    + " classes");
        }
        if (!featureNames.isEmpty() && featureNames.size() != inputSize) {
            throw new IllegalArgumentException(name + ": " + featureNames.size() + " feature names for " + inputSize
                    + " features");
        }
        if ((long) labels.length * inputSize != features.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " examples of " + inputSize
                    + " features need " + (long) labels.length * inputSize + " values, got " + features.length);
        }
        this.features = features;
        this.inputSize = inputSize;
        this.labels = labels;
        this.classes = classes;
        this.classNames = List.copyOf(classNames);
        this.featureNames = List.copyOf(featureNames);
        this.targetNames = List.of();
    }

    /** This data set (sharing its arrays) whose labels came from the column {@code labelColumn}. */
    ArrayDataset withLabelColumn(String labelColumn) {
        return new ArrayDataset(this, List.of(labelColumn));
    }

    private ArrayDataset(ArrayDataset d, List<String> targetNames) {
        this.name = d.name;
        this.features = d.features;
        this.inputSize = d.inputSize;
        this.labels = d.labels;
        this.classes = d.classes;
        this.classNames = d.classNames;
        this.featureNames = d.featureNames;
        this.targetNames = targetNames;
    }

    static ArrayDataset of(String name, double[][] inputs, int[] labels, int classes) {
        Objects.requireNonNull(name, "name");
        if (inputs.length != labels.length) {
            throw new IllegalArgumentException(name + ": " + inputs.length + " inputs but " + labels.length + " labels");
        }
        return new ArrayDataset(name, Tables.flatten(name, inputs, "example"), Tables.width(inputs), labels.clone(),
                classes, List.of(), List.of());
    }

    /** This data set (sharing its arrays) with named classes and features; an empty list leaves them unnamed. */
    ArrayDataset withNames(List<String> newClassNames, List<String> newFeatureNames) {
        return new ArrayDataset(name, features, inputSize, labels, classes, newClassNames, newFeatureNames);
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
    public List<String> classNames() {
        return classNames.isEmpty() ? Dataset.super.classNames() : classNames;
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
