package dev.backprop.backend.ejml;

import dev.backprop.backend.DoubleArrayMatrix;
import org.ejml.data.DMatrixRMaj;

/**
 * A float64 matrix of the {@link EjmlBackend}: an EJML {@link DMatrixRMaj}, whose row-major {@code data}
 * array is exactly backprop's layout, shared (not copied) with the {@link DoubleArrayMatrix} it extends, so
 * EJML's kernels and the array backend's loops work on the same numbers.
 */
final class EjmlDoubleMatrix extends DoubleArrayMatrix {

    final DMatrixRMaj ejml;      // rows × cols, row-major

    private EjmlDoubleMatrix(DMatrixRMaj ejml) {
        super(ejml.numRows, ejml.numCols, ejml.data);
        this.ejml = ejml;
    }

    /** A new {@code rows×cols} matrix of zeros. */
    static EjmlDoubleMatrix zeros(int rows, int cols) {
        return new EjmlDoubleMatrix(new DMatrixRMaj(rows, cols));
    }
}
