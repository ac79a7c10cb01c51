package dev.backprop.data;

/** Another data set with its features normalised by a {@link Scaling}, computed as the batch is gathered. */
final class ScaledDataset extends DatasetView {

    private final Scaling scaling;

    ScaledDataset(Dataset parent, Scaling scaling) {
        super(parent);
        this.scaling = scaling;
    }

    @Override
    int parentIndex(int i) {
        return i;
    }

    @Override
    public String name() {
        return parent.name();
    }

    @Override
    public int size() {
        return parent.size();
    }

    @Override
    public double input(int i, int f) {
        return scaling.apply(f, parent.input(i, f));
    }

    @Override
    public void copyInput(int i, double[] dst, int offset, int stride) {
        parent.copyInput(i, dst, offset, stride);
        for (int f = 0; f < scaling.features(); f++) {
            dst[offset + f * stride] = scaling.apply(f, dst[offset + f * stride]);
        }
    }

    @Override
    public void copyInput(int i, float[] dst, int offset, int stride) {
        for (int f = 0; f < scaling.features(); f++) {
            dst[offset + f * stride] = (float) input(i, f);    // scale in double, round once
        }
    }
}
