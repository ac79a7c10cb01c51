package dev.backprop.backend;

/**
 * A dense matrix owned by one {@link Backend}, stored in the backend's {@link Precision}.
 *
 * <p>Matrices are created by a backend ({@link Backend#zeros}, {@link Backend#fromArray}) and passed back
 * to the same backend's operations; the operations write into preallocated outputs, so a training loop
 * allocates nothing once its matrices exist. Element access here is for inspection and tests: it is
 * bounds-checked and slow compared with the backend's kernels.
 *
 * <p>Rows and columns follow the notation of the engine: in a batch, <b>columns are examples</b>.
 */
public interface Matrix {

    int rows();

    int cols();

    Precision precision();

    /** The element at ({@code row}, {@code col}), widened to {@code double}. */
    double get(int row, int col);

    /** Sets the element at ({@code row}, {@code col}); a float32 matrix rounds {@code value} to float. */
    void set(int row, int col, double value);

    /** A new row-major {@code double[]} copy of the elements. */
    default double[] toArray() {
        double[] out = new double[rows() * cols()];
        for (int r = 0; r < rows(); r++) {
            for (int c = 0; c < cols(); c++) {
                out[r * cols() + c] = get(r, c);
            }
        }
        return out;
    }

    /** Number of elements, {@code rows·cols}. */
    default int size() {
        return rows() * cols();
    }

    /** The shape as {@code rows×cols}, as error messages print it. */
    default String shape() {
        return rows() + "×" + cols();
    }
}
