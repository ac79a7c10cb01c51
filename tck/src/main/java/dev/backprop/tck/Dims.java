package dev.backprop.tck;

/**
 * The sizes of one case: an elementwise operation works on {@code m×n} matrices; {@code gemm} computes an
 * {@code m×n} result from {@code op(A)} ({@code m×k}) and {@code op(B)} ({@code k×n}).
 */
record Dims(int m, int k, int n) {

    Dims {
        if (m < 1 || k < 1 || n < 1) {
            throw new IllegalArgumentException("sizes must be at least 1, got " + m + ", " + k + ", " + n);
        }
    }

    static Dims of(int rows, int cols) {
        return new Dims(rows, 1, cols);
    }

    /** Multiply-adds of a gemm of these sizes, the kit's measure of a case's cost. */
    long work() {
        return (long) m * k * n;
    }

    @Override
    public String toString() {
        return m + "×" + n;
    }
}
