package dev.backprop.data;

/** A contiguous range of another data set's examples, sharing its storage. */
final class SubsetDataset extends DatasetView {

    private final int from;
    private final int size;

    SubsetDataset(Dataset parent, int from, int to) {
        super(parent);
        if (from < 0 || to > parent.size() || from >= to) {
            throw new IllegalArgumentException("subset [" + from + ", " + to + ") is not a non-empty range of "
                    + parent.name() + "'s " + parent.size() + " examples");
        }
        this.from = from;
        this.size = to - from;
    }

    @Override
    int parentIndex(int i) {
        return from + check(i);
    }

    @Override
    public String name() {
        return parent.name() + "[" + from + ".." + (from + size) + ")";
    }

    @Override
    public int size() {
        return size;
    }
}
