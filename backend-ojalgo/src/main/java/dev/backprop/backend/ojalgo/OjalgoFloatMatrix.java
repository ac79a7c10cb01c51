package dev.backprop.backend.ojalgo;

import dev.backprop.backend.ArrayMatrix;
import dev.backprop.backend.Precision;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R032Store;

/**
 * A float32 matrix of the {@link OjalgoBackend}. ojAlgo stores are column-major, so backprop's row-major
 * {@code rows×cols} matrix X is kept as the {@code cols×rows} store {@code Xᵀ}: the same array, element
 * (r, c) at index {@code r·cols + c} in both readings. Nothing is ever copied between the two views.
 */
final class OjalgoFloatMatrix extends ArrayMatrix {

    final R032Store transposed;                  // cols × rows column-major: Xᵀ
    final MatrixStore<Double> original;          // rows × cols: a lazy transposed view of it, X itself

    OjalgoFloatMatrix(int rows, int cols) {
        super(rows, cols);
        this.transposed = R032Store.FACTORY.make(cols, rows);
        this.original = transposed.transpose();
    }

    /** The live row-major storage (ojAlgo's column-major storage of Xᵀ). */
    float[] data() {
        return transposed.data;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT32;
    }

    @Override
    public double at(int index) {
        return transposed.data[index];
    }

    @Override
    public void put(int index, double value) {
        transposed.data[index] = (float) value;
    }
}
