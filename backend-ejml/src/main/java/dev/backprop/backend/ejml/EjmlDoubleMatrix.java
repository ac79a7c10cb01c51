package dev.backprop.backend.ejml;

import dev.backprop.backend.ArrayMatrix;
import dev.backprop.backend.Precision;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * A float64 matrix of the {@link EjmlBackend}: an EJML {@link DMatrixRMaj}, whose row-major {@code data}
 * array is exactly backprop's layout, so the scalar reference kernels inherited by the backend work on it
 * unchanged and EJML's kernels work on it without copies.
 */
final class EjmlDoubleMatrix extends ArrayMatrix {

    final DMatrixRMaj ejml;      // rows × cols, row-major

    EjmlDoubleMatrix(int rows, int cols) {
        super(rows, cols);
        this.ejml = new DMatrixRMaj(rows, cols);
    }

    /** The live row-major storage. */
    double[] data() {
        return ejml.data;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT64;
    }

    @Override
    public double at(int index) {
        return ejml.data[index];
    }

    @Override
    public void put(int index, double value) {
        ejml.data[index] = value;
    }

    @Override
    public double[] toArray() {
        return Arrays.copyOf(ejml.data, rows * cols);
    }
}
