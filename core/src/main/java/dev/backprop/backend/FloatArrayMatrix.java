package dev.backprop.backend;

/** A float32 {@link ArrayMatrix}. */
public final class FloatArrayMatrix extends ArrayMatrix {

    private final float[] data;

    public FloatArrayMatrix(int rows, int cols) {
        super(rows, cols);
        this.data = new float[rows * cols];
    }

    /** The live row-major storage (not a copy): writes change the matrix. */
    public float[] data() {
        return data;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT32;
    }

    @Override
    public double at(int index) {
        return data[index];
    }

    @Override
    public void put(int index, double value) {
        data[index] = (float) value;
    }
}
