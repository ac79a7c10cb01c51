package dev.backprop.data;

/** A contiguous range of another data set's examples, sharing its storage. */
final class SubsetDataset implements Dataset {

    private final Dataset parent;
    private final int from;
    private final int size;

    SubsetDataset(Dataset parent, int from, int to) {
        if (from < 0 || to > parent.size() || from >= to) {
            throw new IllegalArgumentException("subset [" + from + ", " + to + ") is not a non-empty range of "
                    + parent.name() + "'s " + parent.size() + " examples");
        }
        this.parent = parent;
        this.from = from;
        this.size = to - from;
    }

    @Override
    public String name() {
        return parent.name() + "[" + from + ".." + (from + size) + ")";
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int inputSize() {
        return parent.inputSize();
    }

    @Override
    public int classes() {
        return parent.classes();
    }

    @Override
    public int label(int i) {
        return parent.label(from + check(i));
    }

    @Override
    public double input(int i, int f) {
        return parent.input(from + check(i), f);
    }

    @Override
    public void copyInput(int i, double[] dst, int offset, int stride) {
        parent.copyInput(from + check(i), dst, offset, stride);
    }

    @Override
    public void copyInput(int i, float[] dst, int offset, int stride) {
        parent.copyInput(from + check(i), dst, offset, stride);
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("example " + i + " is outside " + name() + " (" + size + " examples)");
        }
        return i;
    }
}
