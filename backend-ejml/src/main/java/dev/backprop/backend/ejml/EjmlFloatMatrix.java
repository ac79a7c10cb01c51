package dev.backprop.backend.ejml;

import dev.backprop.backend.FloatArrayMatrix;
import org.ejml.data.FMatrixRMaj;

/**
 * A float32 matrix of the {@link EjmlBackend}: an EJML {@link FMatrixRMaj} sharing its row-major array with
 * the {@link FloatArrayMatrix} it extends (see {@link EjmlDoubleMatrix}).
 */
final class EjmlFloatMatrix extends FloatArrayMatrix {

    final FMatrixRMaj ejml;      // rows × cols, row-major

    private EjmlFloatMatrix(FMatrixRMaj ejml) {
        super(ejml.numRows, ejml.numCols, ejml.data);
        this.ejml = ejml;
    }

    /** A new {@code rows×cols} matrix of zeros. */
    static EjmlFloatMatrix zeros(int rows, int cols) {
        return new EjmlFloatMatrix(new FMatrixRMaj(rows, cols));
    }
}
