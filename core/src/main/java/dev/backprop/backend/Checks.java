package dev.backprop.backend;

/**
 * The facade's argument checks, shared by every backend so that every backend rejects the same mistakes
 * with the same exception types and messages. Each message names the operation, the argument and the
 * shapes involved, and says what would be valid.
 */
final class Checks {

    private Checks() {
    }

    static void owned(Backend backend, String op, String name, Matrix m) {
        backend.checkOpen(op);
        if (m == null) {
            throw new NullPointerException(op + ": " + name + " is null");
        }
        if (!backend.accepts(m)) {
            throw new IllegalArgumentException(op + ": " + name + " (" + m.getClass().getName() + ", " + m.shape()
                    + ") was not made by backend '" + backend.name() + "'; create matrices with this backend's"
                    + " zeros() or fromArray()");
        }
        if (m.precision() != backend.precision()) {
            throw new IllegalArgumentException(op + ": " + name + " is " + m.precision().shortName() + " but backend '"
                    + backend.name() + "' computes in " + backend.precision().shortName()
                    + "; create every matrix with the same backend");
        }
    }

    static void sameShape(String op, String nameA, Matrix a, String nameB, Matrix b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": " + nameA + " is " + a.shape() + " but " + nameB + " is "
                    + b.shape() + "; this operation needs equal shapes");
        }
    }

    static void distinct(String op, String outName, Matrix out, String inName, Matrix in) {
        if (out == in) {
            throw new IllegalArgumentException(op + ": " + outName + " is the same matrix as " + inName
                    + "; this operation needs a separate output matrix (" + outName + " is written while "
                    + inName + " is still read)");
        }
    }

    static void columnVector(String op, String name, Matrix v, int rows) {
        if (v.rows() != rows || v.cols() != 1) {
            throw new IllegalArgumentException(op + ": " + name + " is " + v.shape() + " but must be a " + rows
                    + "×1 column vector");
        }
    }

    static void finite(String op, String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(op + ": " + name + " is " + value + "; it must be a finite number");
        }
    }

    static void gemm(boolean transA, boolean transB, Matrix a, Matrix b, Matrix c) {
        int aRows = transA ? a.cols() : a.rows();
        int aCols = transA ? a.rows() : a.cols();
        int bRows = transB ? b.cols() : b.rows();
        int bCols = transB ? b.rows() : b.cols();
        if (aCols != bRows) {
            throw new IllegalArgumentException("gemm: " + describeOp("A", transA, aRows, aCols) + " but "
                    + describeOp("B", transB, bRows, bCols) + ": the inner dimensions " + aCols + " and " + bRows
                    + " must agree");
        }
        if (c.rows() != aRows || c.cols() != bCols) {
            throw new IllegalArgumentException("gemm: " + describeOp("A", transA, aRows, aCols) + " and "
                    + describeOp("B", transB, bRows, bCols) + ", so C must be " + aRows + "×" + bCols
                    + ", but C is " + c.shape());
        }
    }

    private static String describeOp(String name, boolean transposed, int rows, int cols) {
        return "op(" + name + ") = " + name + (transposed ? "ᵀ" : "") + " is " + rows + "×" + cols;
    }

    static void arrayLength(String op, String name, int length, Matrix m) {
        arrayLength(op, name, length, m.rows(), m.cols());
    }

    static void arrayLength(String op, String name, int length, int rows, int cols) {
        if (length != rows * cols) {
            throw new IllegalArgumentException(op + ": " + name + " has " + length + " elements but the matrix is "
                    + rows + "×" + cols + " = " + rows * cols + " elements (row-major)");
        }
    }

    static void shape(String op, int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException(op + ": a matrix needs at least one row and one column, got "
                    + rows + "×" + cols);
        }
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(op + ": a " + rows + "×" + cols
                    + " matrix has more elements than a Java array can hold");
        }
    }
}
