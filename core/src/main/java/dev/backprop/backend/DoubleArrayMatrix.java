package dev.backprop.backend;

/** A float64 {@link ArrayMatrix}. */
public final class DoubleArrayMatrix extends ArrayMatrix {

    private final double[] data;

    public DoubleArrayMatrix(int rows, int cols) {
        super(rows, cols);
        this.data = new double[rows * cols];
    }

    /** The live row-major storage (not a copy): writes change the matrix. */
    public double[] data() {
        return data;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT64;
    }

    @Override
    public double at(int index) {
        return data[index];
    }

    @Override
    public void put(int index, double value) {
        data[index] = value;
    }

    @Override
    public double[] toArray() {
        return data.clone();
    }
}
