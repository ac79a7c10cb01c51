package dev.backprop.backend.ejml;

import dev.backprop.backend.ArrayMatrix;
import dev.backprop.backend.Precision;
import org.ejml.data.FMatrixRMaj;

/**
 * A float32 matrix of the {@link EjmlBackend}: an EJML {@link FMatrixRMaj}, whose row-major {@code data}
 * array is exactly backprop's layout (see {@link EjmlDoubleMatrix}).
 */
final class EjmlFloatMatrix extends ArrayMatrix {

    final FMatrixRMaj ejml;      // rows × cols, row-major

    EjmlFloatMatrix(int rows, int cols) {
        super(rows, cols);
        this.ejml = new FMatrixRMaj(rows, cols);
    }

    /** The live row-major storage. */
    float[] data() {
        return ejml.data;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT32;
    }

    @Override
    public double at(int index) {
        return ejml.data[index];
    }

    @Override
    public void put(int index, double value) {
        ejml.data[index] = (float) value;
    }
}
