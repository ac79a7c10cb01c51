package dev.backprop.backend;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Storage for backends whose matrices are row-major Java arrays ({@link DoubleArrayMatrix},
 * {@link FloatArrayMatrix}): creation, transfer and copies by array copies; the generic elementwise core
 * ({@code map}, {@code zip}, {@code sumZip}) as plain loops computing in double and rounding once on store; and
 * the row-wise steps every dense layer takes (bias broadcast, column sums, and bias plus an elementwise
 * activation in one pass, applying the kind's own rule), which on arrays are single loops where the portable
 * defaults would go through a product with ones or two passes. A backend built on it writes the arithmetic of
 * the core ({@link #doGemm}, {@link #doAxpby}) and overrides what it has faster kernels for.
 *
 * <p>It holds no arithmetic of the reference: the scalar reference backend is a sibling that extends this
 * class like every other array backend, not their parent, so a fast backend that forgets a kernel runs the
 * portable default (and {@link Backend#kernelPaths()} says so), never another backend's code.
 *
 * <p>A library that keeps its own matrix type over such an array (EJML's {@code DMatrixRMaj}) subclasses
 * {@link DoubleArrayMatrix}/{@link FloatArrayMatrix} to share the array, and overrides {@link #newMatrix}
 * and {@link #accepts}.
 */
public abstract class ArrayBackend extends Backend {

    protected ArrayBackend(String name, BackendConfig config) {
        super(name, config);
    }

    /** A new zero matrix of the backend's precision; a {@link DoubleArrayMatrix} or {@link FloatArrayMatrix}. */
    protected ArrayMatrix newMatrix(int rows, int cols) {
        return precision() == Precision.FLOAT64 ? new DoubleArrayMatrix(rows, cols) : new FloatArrayMatrix(rows, cols);
    }

    @Override
    protected boolean accepts(Matrix m) {
        return m instanceof ArrayMatrix;
    }

    /** The live float64 storage of a matrix this backend accepts. */
    protected static double[] f64(Matrix m) {
        return ((DoubleArrayMatrix) m).data();
    }

    /** The live float32 storage of a matrix this backend accepts. */
    protected static float[] f32(Matrix m) {
        return ((FloatArrayMatrix) m).data();
    }

    /** Whether this backend computes in float64. */
    protected final boolean isFloat64() {
        return precision() == Precision.FLOAT64;
    }

    // ---------------------------------------------------------------- storage

    @Override
    protected final Matrix doZeros(int rows, int cols) {
        return newMatrix(rows, cols);
    }

    @Override
    protected void doLoad(Matrix dst, double[] src) {
        int n = dst.size();
        if (isFloat64()) {
            System.arraycopy(src, 0, f64(dst), 0, n);
        } else {
            float[] d = f32(dst);
            for (int i = 0; i < n; i++) {
                d[i] = (float) src[i];
            }
        }
    }

    @Override
    protected void doLoad(Matrix dst, float[] src) {
        int n = dst.size();
        if (isFloat64()) {
            double[] d = f64(dst);
            for (int i = 0; i < n; i++) {
                d[i] = src[i];
            }
        } else {
            System.arraycopy(src, 0, f32(dst), 0, n);
        }
    }

    @Override
    protected void doStore(Matrix src, double[] dst) {
        int n = src.size();
        if (isFloat64()) {
            System.arraycopy(f64(src), 0, dst, 0, n);
        } else {
            float[] s = f32(src);
            for (int i = 0; i < n; i++) {
                dst[i] = s[i];
            }
        }
    }

    @Override
    protected void doStore(Matrix src, float[] dst) {
        int n = src.size();
        if (isFloat64()) {
            double[] s = f64(src);
            for (int i = 0; i < n; i++) {
                dst[i] = (float) s[i];
            }
        } else {
            System.arraycopy(f32(src), 0, dst, 0, n);
        }
    }

    @Override
    protected void doCopy(Matrix src, Matrix dst) {
        if (isFloat64()) {
            System.arraycopy(f64(src), 0, f64(dst), 0, src.size());
        } else {
            System.arraycopy(f32(src), 0, f32(dst), 0, src.size());
        }
    }

    // ---------------------------------------------------------------- the generic elementwise core

    @Override
    protected void doMap(Matrix x, DoubleUnaryOperator f, Matrix out) {
        int n = x.size();
        if (isFloat64()) {
            double[] X = f64(x), O = f64(out);
            for (int i = 0; i < n; i++) {
                O[i] = f.applyAsDouble(X[i]);
            }
        } else {
            float[] X = f32(x), O = f32(out);
            for (int i = 0; i < n; i++) {
                O[i] = (float) f.applyAsDouble(X[i]);
            }
        }
    }

    @Override
    protected void doZip(Matrix x, Matrix y, DoubleBinaryOperator f, Matrix out) {
        int n = x.size();
        if (isFloat64()) {
            double[] X = f64(x), Y = f64(y), O = f64(out);
            for (int i = 0; i < n; i++) {
                O[i] = f.applyAsDouble(X[i], Y[i]);
            }
        } else {
            float[] X = f32(x), Y = f32(y), O = f32(out);
            for (int i = 0; i < n; i++) {
                O[i] = (float) f.applyAsDouble(X[i], Y[i]);
            }
        }
    }

    @Override
    protected double doSumZip(Matrix x, Matrix y, DoubleBinaryOperator f) {
        int n = x.size();
        double sum = 0;
        if (isFloat64()) {
            double[] X = f64(x), Y = f64(y);
            for (int i = 0; i < n; i++) {
                sum += f.applyAsDouble(X[i], Y[i]);
            }
        } else {
            float[] X = f32(x), Y = f32(y);
            for (int i = 0; i < n; i++) {
                sum += f.applyAsDouble(X[i], Y[i]);
            }
        }
        return sum;
    }

    // ---------------------------------------------------------------- a dense layer's row-wise steps

    /** {@code Z[i][j] ← Z[i][j] + b[i]}, one rounding per element as the portable default. */
    @Override
    protected void doAddBias(Matrix z, Matrix b) {
        int rows = z.rows(), m = z.cols();
        if (isFloat64()) {
            double[] Z = f64(z), B = f64(b);
            for (int i = 0; i < rows; i++) {
                double bi = B[i];
                for (int ij = i * m, end = ij + m; ij < end; ij++) {
                    Z[ij] += bi;
                }
            }
        } else {
            float[] Z = f32(z), B = f32(b);
            for (int i = 0; i < rows; i++) {
                float bi = B[i];
                for (int ij = i * m, end = ij + m; ij < end; ij++) {
                    Z[ij] += bi;                                // one float add: the correctly rounded sum
                }
            }
        }
    }

    /** {@code out[i] ← α·Σ_j A[i][j]}, summed in double. */
    @Override
    protected void doSumColumns(double alpha, Matrix a, Matrix out) {
        int rows = a.rows(), m = a.cols();
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            if (isFloat64()) {
                double[] A = f64(a);
                for (int ij = i * m, end = ij + m; ij < end; ij++) {
                    sum += A[ij];
                }
                f64(out)[i] = alpha * sum;
            } else {
                float[] A = f32(a);
                for (int ij = i * m, end = ij + m; ij < end; ij++) {
                    sum += A[ij];
                }
                f32(out)[i] = (float) (alpha * sum);
            }
        }
    }

    /**
     * {@code Z ← Z + b·1ᵀ; A ← σ(Z)} in one pass for the elementwise kinds, computing in double and rounding
     * once per stored value; softmax, which needs whole columns, takes the portable default's two passes.
     */
    @Override
    protected void doAddBiasActivate(Matrix z, Matrix b, ActivationKind f, Matrix a) {
        if (!f.elementwise()) {
            super.doAddBiasActivate(z, b, f, a);
            return;
        }
        int rows = z.rows(), m = z.cols();
        if (isFloat64()) {
            double[] Z = f64(z), B = f64(b), A = f64(a);
            for (int i = 0; i < rows; i++) {
                double bi = B[i];
                for (int ij = i * m, end = ij + m; ij < end; ij++) {
                    double zij = Z[ij] + bi;
                    Z[ij] = zij;
                    A[ij] = f.apply(zij);
                }
            }
        } else {
            float[] Z = f32(z), B = f32(b), A = f32(a);
            for (int i = 0; i < rows; i++) {
                double bi = B[i];
                for (int ij = i * m, end = ij + m; ij < end; ij++) {
                    float zij = (float) (Z[ij] + bi);
                    Z[ij] = zij;
                    A[ij] = (float) f.apply(zij);
                }
            }
        }
    }
}
