package dev.backprop.data;

import java.util.List;

/**
 * Some of another data set's examples, in an order of its own, sharing its storage: example i of the view is
 * example {@link #parentIndex(int)} of the parent. Everything but the index is the parent's.
 */
abstract class DatasetView implements Dataset {

    final Dataset parent;

    DatasetView(Dataset parent) {
        this.parent = parent;
    }

    /** The parent's index of this view's example {@code i}, which is checked to be inside the view. */
    abstract int parentIndex(int i);

    final int check(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("example " + i + " is outside " + name() + " (" + size() + " examples)");
        }
        return i;
    }

    @Override
    public int inputSize() {
        return parent.inputSize();
    }

    @Override
    public Task task() {
        return parent.task();
    }

    @Override
    public int targetSize() {
        return parent.targetSize();
    }

    @Override
    public int classes() {
        return parent.classes();
    }

    @Override
    public List<String> classNames() {
        return parent.classNames();
    }

    @Override
    public List<String> featureNames() {
        return parent.featureNames();
    }

    @Override
    public List<String> targetNames() {
        return parent.targetNames();
    }

    @Override
    public int label(int i) {
        return parent.label(parentIndex(i));
    }

    @Override
    public double target(int i, int k) {
        return parent.target(parentIndex(i), k);
    }

    @Override
    public double input(int i, int f) {
        return parent.input(parentIndex(i), f);
    }

    @Override
    public void copyInput(int i, double[] dst, int offset, int stride) {
        parent.copyInput(parentIndex(i), dst, offset, stride);
    }

    @Override
    public void copyInput(int i, float[] dst, int offset, int stride) {
        parent.copyInput(parentIndex(i), dst, offset, stride);
    }
}
