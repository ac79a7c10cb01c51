package dev.backprop.backend;

/**
 * A matrix stored row-major in one Java array: element (r, c) lives at index {@code r·cols + c}. The two
 * kinds are {@link DoubleArrayMatrix} and {@link FloatArrayMatrix}; {@link ArrayBackend} provides the storage
 * and elementwise kernels of every backend built on them.
 *
 * <p>{@link #at(int)} and {@link #put(int, double)} give precision-independent access for code written once
 * for both precisions; fast kernels use {@link DoubleArrayMatrix#data()} or {@link FloatArrayMatrix#data()}.
 */
public abstract sealed class ArrayMatrix implements Matrix permits DoubleArrayMatrix, FloatArrayMatrix {

    protected final int rows;
    protected final int cols;

    protected ArrayMatrix(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("a matrix needs at least one row and one column, got " + rows + "×" + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a " + rows + "×" + cols + " matrix has more elements than a Java array can hold");
        }
        this.rows = rows;
        this.cols = cols;
    }

    /** A new zero matrix of the given precision and shape. */
    public static ArrayMatrix zeros(Precision precision, int rows, int cols) {
        return precision == Precision.FLOAT64 ? new DoubleArrayMatrix(rows, cols) : new FloatArrayMatrix(rows, cols);
    }

    @Override
    public final int rows() {
        return rows;
    }

    @Override
    public final int cols() {
        return cols;
    }

    /** The element at row-major {@code index}, widened to double. Not bounds-checked beyond the array's own check. */
    public abstract double at(int index);

    /** Stores {@code value} at row-major {@code index}, rounding to the matrix's precision. */
    public abstract void put(int index, double value);

    @Override
    public final double get(int row, int col) {
        return at(index(row, col));
    }

    @Override
    public final void set(int row, int col, double value) {
        put(index(row, col), value);
    }

    private int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside a " + shape() + " matrix");
        }
        return row * cols + col;
    }

    @Override
    public String toString() {
        return precision().shortName() + " " + shape() + " matrix";
    }
}
