package dev.backprop.tck;

import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;

/** A matrix no backend made: every facade must reject it with the reference's message. */
final class ForeignMatrix implements Matrix {

    private final int rows;
    private final int cols;
    private final Precision precision;

    ForeignMatrix(int rows, int cols, Precision precision) {
        this.rows = rows;
        this.cols = cols;
        this.precision = precision;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public Precision precision() {
        return precision;
    }

    @Override
    public double get(int row, int col) {
        return 0;
    }

    @Override
    public void set(int row, int col, double value) {
        throw new UnsupportedOperationException("the kit's foreign matrix is read-only");
    }
}
