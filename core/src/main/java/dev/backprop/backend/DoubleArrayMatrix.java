package dev.backprop.backend;

/**
 * A float64 {@link ArrayMatrix}: element (r, c) at {@code data()[r·cols + c]}.
 *
 * <p>A library whose float64 matrices keep a row-major {@code double[]} (EJML's {@code DMatrixRMaj}, or an
 * ojAlgo column-major store read as its transpose) subclasses this with {@link #DoubleArrayMatrix(int, int,
 * double[])} to share that array, so {@link ArrayBackend}'s storage and elementwise loops work on it without
 * copies.
 */
public non-sealed class DoubleArrayMatrix extends ArrayMatrix {

    private final double[] data;

    /** A new {@code rows×cols} matrix of zeros. */
    public DoubleArrayMatrix(int rows, int cols) {
        super(rows, cols);
        this.data = new double[rows * cols];
    }

    /**
     * A {@code rows×cols} matrix over {@code data} (not copied: the matrix and its owner share it).
     *
     * @throws IllegalArgumentException when data does not have {@code rows·cols} elements
     */
    protected DoubleArrayMatrix(int rows, int cols, double[] data) {
        super(rows, cols);
        if (data.length != rows * cols) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + rows * cols
                    + " elements, the array has " + data.length);
        }
        this.data = data;
    }

    /** The live row-major storage (not a copy): writes change the matrix. */
    public final double[] data() {
        return data;
    }

    @Override
    public final Precision precision() {
        return Precision.FLOAT64;
    }

    @Override
    public final double at(int index) {
        return data[index];
    }

    @Override
    public final void put(int index, double value) {
        data[index] = value;
    }

    @Override
    public double[] toArray() {
        return data.clone();
    }
}
