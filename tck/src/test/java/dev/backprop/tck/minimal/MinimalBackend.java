package dev.backprop.tck.minimal;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The worked example of a third-party backend: only the required core of the contract, on storage unlike the
 * reference's (off-heap direct buffers, column-major), and nothing else. Every activation, cost, BP1 shortcut,
 * bias broadcast, column sum, copy and argmax comes from {@link Backend}'s portable defaults, and the
 * conformance kit ({@code MinimalBackendConformanceTest}) checks the whole contract against the reference.
 *
 * <p>A real backend starts here and then overrides the defaults its profile says matter (the fused
 * {@code doAddBiasActivate}, say), while {@link Backend#kernelPaths()} shows which ones it has.
 */
public final class MinimalBackend extends Backend {

    public MinimalBackend(BackendConfig config) {
        super("minimal", config);
    }

    @Override
    public String description() {
        return "minimal: the required core only, column-major off-heap buffers, " + precision().shortName()
                + ", 1 thread";
    }

    /** A rows×cols matrix stored column-major in direct memory: element (r, c) at {@code c·rows + r}. */
    static final class BufferMatrix implements Matrix {
        final int rows, cols;
        final DoubleBuffer f64;   // null for float32
        final FloatBuffer f32;    // null for float64

        BufferMatrix(Precision precision, int rows, int cols) {
            this.rows = rows;
            this.cols = cols;
            int bytes = rows * cols * (precision == Precision.FLOAT64 ? Double.BYTES : Float.BYTES);
            ByteBuffer memory = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            this.f64 = precision == Precision.FLOAT64 ? memory.asDoubleBuffer() : null;
            this.f32 = precision == Precision.FLOAT32 ? memory.asFloatBuffer() : null;
        }

        /** Element i in column-major order, widened to double. */
        double at(int i) {
            return f64 != null ? f64.get(i) : f32.get(i);
        }

        /** Stores element i (column-major), rounding once for float32. */
        void put(int i, double v) {
            if (f64 != null) {
                f64.put(i, v);
            } else {
                f32.put(i, (float) v);
            }
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
            return f64 != null ? Precision.FLOAT64 : Precision.FLOAT32;
        }

        @Override
        public double get(int row, int col) {
            checkIndex(row, col);
            return at(col * rows + row);
        }

        @Override
        public void set(int row, int col, double value) {
            checkIndex(row, col);
            put(col * rows + row, value);
        }

        private void checkIndex(int row, int col) {
            if (row < 0 || row >= rows || col < 0 || col >= cols) {
                throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside a " + shape() + " matrix");
            }
        }
    }

    private static BufferMatrix buf(Matrix m) {
        return (BufferMatrix) m;
    }

    // ---------------------------------------------------------------- storage

    @Override
    protected boolean accepts(Matrix m) {
        return m instanceof BufferMatrix;
    }

    @Override
    protected Matrix doZeros(int rows, int cols) {
        return new BufferMatrix(precision(), rows, cols);
    }

    /** Row-major {@code src} into the column-major buffer. */
    @Override
    protected void doLoad(Matrix dst, double[] src) {
        BufferMatrix d = buf(dst);
        for (int r = 0; r < d.rows; r++) {
            for (int c = 0; c < d.cols; c++) {
                d.put(c * d.rows + r, src[r * d.cols + c]);
            }
        }
    }

    @Override
    protected void doStore(Matrix src, double[] dst) {
        BufferMatrix s = buf(src);
        for (int r = 0; r < s.rows; r++) {
            for (int c = 0; c < s.cols; c++) {
                dst[r * s.cols + c] = s.at(c * s.rows + r);
            }
        }
    }

    // ---------------------------------------------------------------- arithmetic

    /** {@code C ← α·op(A)·op(B) + β·C}: a dot product per element, accumulated in double. */
    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        BufferMatrix A = buf(a), B = buf(b), C = buf(c);
        int k = transA ? A.rows : A.cols;
        for (int j = 0; j < C.cols; j++) {
            for (int i = 0; i < C.rows; i++) {
                double dot = 0;
                for (int p = 0; p < k; p++) {
                    double aip = transA ? A.at(i * A.rows + p) : A.at(p * A.rows + i);   // op(A)[i][p]
                    double bpj = transB ? B.at(p * B.rows + j) : B.at(j * B.rows + p);   // op(B)[p][j]
                    dot += aip * bpj;
                }
                int ij = j * C.rows + i;
                C.put(ij, beta == 0 ? alpha * dot : alpha * dot + beta * C.at(ij));
            }
        }
    }

    @Override
    protected void doAxpby(double alpha, Matrix x, double beta, Matrix y) {
        BufferMatrix X = buf(x), Y = buf(y);
        for (int i = 0, n = X.size(); i < n; i++) {
            Y.put(i, beta == 0 ? alpha * X.at(i) : alpha * X.at(i) + beta * Y.at(i));
        }
    }

    @Override
    protected void doMap(Matrix x, DoubleUnaryOperator f, Matrix out) {
        BufferMatrix X = buf(x), O = buf(out);
        for (int i = 0, n = X.size(); i < n; i++) {
            O.put(i, f.applyAsDouble(X.at(i)));
        }
    }

    @Override
    protected void doZip(Matrix x, Matrix y, DoubleBinaryOperator f, Matrix out) {
        BufferMatrix X = buf(x), Y = buf(y), O = buf(out);
        for (int i = 0, n = X.size(); i < n; i++) {
            O.put(i, f.applyAsDouble(X.at(i), Y.at(i)));
        }
    }

    /**
     * {@code Σ f(X[i], Y[i])} in row-major order, as the contract asks (the reference sums in that order, so
     * the costs agree to the last bit rather than within the kit's tolerance).
     */
    @Override
    protected double doSumZip(Matrix x, Matrix y, DoubleBinaryOperator f) {
        BufferMatrix X = buf(x), Y = buf(y);
        double sum = 0;
        for (int r = 0; r < X.rows; r++) {
            for (int c = 0; c < X.cols; c++) {
                int i = c * X.rows + r;
                sum += f.applyAsDouble(X.at(i), Y.at(i));
            }
        }
        return sum;
    }
}
