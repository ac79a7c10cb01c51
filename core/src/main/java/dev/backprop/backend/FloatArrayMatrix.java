package dev.backprop.backend;

/**
 * A float32 {@link ArrayMatrix}: element (r, c) at {@code data()[r·cols + c]}.
 *
 * <p>Like {@link DoubleArrayMatrix}, a library's own float32 row-major type can subclass this with
 * {@link #FloatArrayMatrix(int, int, float[])} to share its array.
 */
public non-sealed class FloatArrayMatrix extends ArrayMatrix {

    private final float[] data;

    /** A new {@code rows×cols} matrix of zeros. */
    public FloatArrayMatrix(int rows, int cols) {
        super(rows, cols);
        this.data = new float[rows * cols];
    }

    /**
     * A {@code rows×cols} matrix over {@code data} (not copied: the matrix and its owner share it).
     *
     * @throws IllegalArgumentException when data does not have {@code rows·cols} elements
     */
    protected FloatArrayMatrix(int rows, int cols, float[] data) {
        super(rows, cols);
        if (data.length != rows * cols) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix needs " + rows * cols
                    + " elements, the array has " + data.length);
        }
        this.data = data;
    }

    /** The live row-major storage (not a copy): writes change the matrix. */
    public final float[] data() {
        return data;
    }

    @Override
    public final Precision precision() {
        return Precision.FLOAT32;
    }

    @Override
    public final double at(int index) {
        return data[index];
    }

    @Override
    public final void put(int index, double value) {
        data[index] = (float) value;
    }
}
