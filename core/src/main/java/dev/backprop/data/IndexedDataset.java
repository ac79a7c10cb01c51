package dev.backprop.data;

/** Chosen examples of another data set, in a given order (e.g. a seeded random split), sharing its storage. */
final class IndexedDataset extends DatasetView {

    private final int[] indices;
    private final String name;

    /** @param indices the parent's examples, in this view's order (kept, not copied) */
    IndexedDataset(Dataset parent, int[] indices, String name) {
        super(parent);
        for (int i : indices) {
            if (i < 0 || i >= parent.size()) {
                throw new IllegalArgumentException(name + ": example " + i + " is outside " + parent.name());
            }
        }
        this.indices = indices;
        this.name = name;
    }

    @Override
    int parentIndex(int i) {
        return indices[check(i)];
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return indices.length;
    }
}
