package dev.backprop.backend.ojalgo;

import dev.backprop.backend.FloatArrayMatrix;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R032Store;

/**
 * A float32 matrix of the {@link OjalgoBackend}. ojAlgo stores are column-major, so backprop's row-major
 * {@code rows×cols} matrix X is kept as the {@code cols×rows} store {@code Xᵀ}: the same array, element
 * (r, c) at index {@code r·cols + c} in both readings, shared with the {@link FloatArrayMatrix} it extends.
 * Nothing is ever copied between the views.
 */
final class OjalgoFloatMatrix extends FloatArrayMatrix {

    final R032Store transposed;                  // cols × rows column-major: Xᵀ
    final MatrixStore<Double> original;          // rows × cols: a lazy transposed view of it, X itself

    private OjalgoFloatMatrix(R032Store transposed) {
        super((int) transposed.countColumns(), (int) transposed.countRows(), transposed.data);
        this.transposed = transposed;
        this.original = transposed.transpose();
    }

    /** A new {@code rows×cols} matrix of zeros. */
    static OjalgoFloatMatrix zeros(int rows, int cols) {
        return new OjalgoFloatMatrix(R032Store.FACTORY.make(cols, rows));
    }
}
