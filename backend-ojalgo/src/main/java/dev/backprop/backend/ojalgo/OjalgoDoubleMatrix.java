package dev.backprop.backend.ojalgo;

import dev.backprop.backend.ArrayMatrix;
import dev.backprop.backend.Precision;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * A float64 matrix of the {@link OjalgoBackend}. ojAlgo stores are column-major, so backprop's row-major
 * {@code rows×cols} matrix X is kept as the {@code cols×rows} store {@code Xᵀ}: the same array, element
 * (r, c) at index {@code r·cols + c} in both readings. Nothing is ever copied between the two views.
 */
final class OjalgoDoubleMatrix extends ArrayMatrix {

    final R064Store transposed;                  // cols × rows column-major: Xᵀ
    final MatrixStore<Double> original;          // rows × cols: a lazy transposed view of it, X itself

    OjalgoDoubleMatrix(int rows, int cols) {
        super(rows, cols);
        this.transposed = R064Store.FACTORY.make(cols, rows);
        this.original = transposed.transpose();
    }

    /** The live row-major storage (ojAlgo's column-major storage of Xᵀ). */
    double[] data() {
        return transposed.data;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT64;
    }

    @Override
    public double at(int index) {
        return transposed.data[index];
    }

    @Override
    public void put(int index, double value) {
        transposed.data[index] = value;
    }

    @Override
    public double[] toArray() {
        return transposed.data.clone();
    }
}
