package dev.backprop.backend.blas;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;

import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import static org.bytedeco.openblas.global.openblas_full.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_full.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_full.CblasTrans;
import static org.bytedeco.openblas.global.openblas_full.cblas_dgemm;
import static org.bytedeco.openblas.global.openblas_full.cblas_sgemm;

/**
 * The native-BLAS backend: the backend contract's required core, with the matrix product in OpenBLAS.
 *
 * <ul>
 *   <li><b>Storage</b>: {@link BlasMatrix}, row-major in native memory allocated by JavaCPP, freed by
 *       {@link #close()} (or by JavaCPP's deallocator when a matrix becomes unreachable first).</li>
 *   <li><b>{@code gemm}</b>: {@code cblas_dgemm}/{@code cblas_sgemm} on the matrices' own pointers
 *       ({@code CblasRowMajor}, {@code ld} = the stored column count, the transpose flags passed through), so no
 *       operand is copied; OpenBLAS's pool runs it on {@link BackendConfig#threads()} threads
 *       ({@link OpenBlasThreads}: the pool is process-wide).</li>
 *   <li><b>{@code axpby}, {@code map}, {@code zip}, {@code sumZip}, transfers</b>: Java loops over the
 *       matrices' direct-buffer views (see {@link BlasMatrix}), computing in double and rounding once on store,
 *       on the calling thread.</li>
 *   <li>Everything else runs the contract's <b>portable defaults</b>, which reach the native memory only through
 *       the kernels above: elementwise activations and costs through {@code map}/{@code zip}/{@code sumZip},
 *       bias broadcast and column sums as OpenBLAS products with a vector of ones, softmax and argmax through
 *       {@code store}/{@code load} to a reused array. {@link #kernelPaths()} lists which.</li>
 * </ul>
 */
final class BlasBackend extends Backend {

    private final OpenBlasLibrary.Info library;
    private final boolean f64;
    /** Every matrix made here that is still reachable, freed together by {@link #close()}. */
    private final Set<BlasMatrix> matrices = Collections.newSetFromMap(new WeakHashMap<>());

    /** A backend for {@code config} on the loaded {@code library} (the provider has loaded it). */
    BlasBackend(BackendConfig config, OpenBlasLibrary.Info library) {
        super(BlasBackendProvider.NAME, config);
        this.library = library;
        this.f64 = config.precision() == Precision.FLOAT64;
    }

    @Override
    public String description() {
        int threads = config().threads();
        return name() + ": OpenBLAS " + library.version() + " (" + library.core() + " kernels, detected at load; "
                + library.platform() + " natives from Maven Central), " + (f64 ? "cblas_dgemm" : "cblas_sgemm")
                + " on off-heap row-major " + precision().shortName() + " matrices, " + threads
                + (threads == 1 ? " thread" : " threads") + " (OpenBLAS's process-wide pool); elementwise kernels in"
                + " Java on the calling thread";
    }

    private static BlasMatrix blas(Matrix m) {
        return (BlasMatrix) m;
    }

    // ---------------------------------------------------------------- storage

    /** Any matrix a {@code blas} backend made (matrices move between such backends like arrays between array backends). */
    @Override
    protected boolean accepts(Matrix m) {
        if (m instanceof BlasMatrix b) {
            b.requireLive(name());
            return true;
        }
        return false;
    }

    @Override
    protected Matrix doZeros(int rows, int cols) {
        BlasMatrix m = new BlasMatrix(precision(), rows, cols);
        matrices.add(m);
        return m;
    }

    /** Frees the native memory of every matrix this backend made; those matrices refuse access afterwards. */
    @Override
    protected void doClose() {
        for (BlasMatrix m : new ArrayList<>(matrices)) {
            m.release();
        }
        matrices.clear();
    }

    @Override
    protected void doLoad(Matrix dst, double[] src) {
        BlasMatrix d = blas(dst);
        int n = d.size();
        if (f64) {
            d.f64.put(0, src, 0, n);
        } else {
            FloatBuffer D = d.f32;
            for (int i = 0; i < n; i++) {
                D.put(i, (float) src[i]);
            }
        }
        Reference.reachabilityFence(d);
    }

    @Override
    protected void doLoad(Matrix dst, float[] src) {
        BlasMatrix d = blas(dst);
        int n = d.size();
        if (f64) {
            DoubleBuffer D = d.f64;
            for (int i = 0; i < n; i++) {
                D.put(i, src[i]);
            }
        } else {
            d.f32.put(0, src, 0, n);
        }
        Reference.reachabilityFence(d);
    }

    @Override
    protected void doStore(Matrix src, double[] dst) {
        BlasMatrix s = blas(src);
        int n = s.size();
        if (f64) {
            s.f64.get(0, dst, 0, n);
        } else {
            FloatBuffer S = s.f32;
            for (int i = 0; i < n; i++) {
                dst[i] = S.get(i);
            }
        }
        Reference.reachabilityFence(s);
    }

    @Override
    protected void doStore(Matrix src, float[] dst) {
        BlasMatrix s = blas(src);
        int n = s.size();
        if (f64) {
            DoubleBuffer S = s.f64;
            for (int i = 0; i < n; i++) {
                dst[i] = (float) S.get(i);
            }
        } else {
            s.f32.get(0, dst, 0, n);
        }
        Reference.reachabilityFence(s);
    }

    @Override
    protected void doCopy(Matrix src, Matrix dst) {
        BlasMatrix s = blas(src), d = blas(dst);
        if (f64) {
            d.f64.put(0, s.f64, 0, s.size());
        } else {
            d.f32.put(0, s.f32, 0, s.size());
        }
        Reference.reachabilityFence(s);
        Reference.reachabilityFence(d);
    }

    // ---------------------------------------------------------------- the matrix product, in OpenBLAS

    /**
     * {@code C ← α·op(A)·op(B) + β·C} by {@code cblas_?gemm} on the row-major pointers: M×N = C's shape, K the
     * inner dimension, each leading dimension the stored column count. With β = 0 OpenBLAS writes C without
     * reading it (NaN in C does not propagate), as the contract asks. The pointers are the call's arguments, so
     * they, and the memory they own, stay alive until it returns.
     */
    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        BlasMatrix A = blas(a), B = blas(b), C = blas(c);
        int m = C.rows(), n = C.cols(), k = transA ? A.rows() : A.cols();
        int opA = transA ? CblasTrans : CblasNoTrans, opB = transB ? CblasTrans : CblasNoTrans;
        OpenBlasThreads.use(config().threads());
        if (f64) {
            cblas_dgemm(CblasRowMajor, opA, opB, m, n, k, alpha, A.f64Memory, A.cols(), B.f64Memory, B.cols(),
                    beta, C.f64Memory, C.cols());
        } else {
            cblas_sgemm(CblasRowMajor, opA, opB, m, n, k, (float) alpha, A.f32Memory, A.cols(), B.f32Memory,
                    B.cols(), (float) beta, C.f32Memory, C.cols());
        }
    }

    // ---------------------------------------------------------------- the elementwise core, in Java over the views

    /** {@code Y ← α·X + β·Y}, in double, rounded once on store; with β = 0, Y is not read. */
    @Override
    protected void doAxpby(double alpha, Matrix x, double beta, Matrix y) {
        BlasMatrix bx = blas(x), by = blas(y);
        int n = bx.size();
        if (f64) {
            DoubleBuffer X = bx.f64, Y = by.f64;
            if (beta == 0) {
                for (int i = 0; i < n; i++) {
                    Y.put(i, alpha * X.get(i));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    Y.put(i, alpha * X.get(i) + beta * Y.get(i));
                }
            }
        } else {
            FloatBuffer X = bx.f32, Y = by.f32;
            if (beta == 0) {
                for (int i = 0; i < n; i++) {
                    Y.put(i, (float) (alpha * X.get(i)));
                }
            } else {
                for (int i = 0; i < n; i++) {
                    Y.put(i, (float) (alpha * X.get(i) + beta * Y.get(i)));
                }
            }
        }
        Reference.reachabilityFence(bx);
        Reference.reachabilityFence(by);
    }

    @Override
    protected void doMap(Matrix x, DoubleUnaryOperator f, Matrix out) {
        BlasMatrix bx = blas(x), bo = blas(out);
        int n = bx.size();
        if (f64) {
            DoubleBuffer X = bx.f64, O = bo.f64;
            for (int i = 0; i < n; i++) {
                O.put(i, f.applyAsDouble(X.get(i)));
            }
        } else {
            FloatBuffer X = bx.f32, O = bo.f32;
            for (int i = 0; i < n; i++) {
                O.put(i, (float) f.applyAsDouble(X.get(i)));
            }
        }
        Reference.reachabilityFence(bx);
        Reference.reachabilityFence(bo);
    }

    @Override
    protected void doZip(Matrix x, Matrix y, DoubleBinaryOperator f, Matrix out) {
        BlasMatrix bx = blas(x), by = blas(y), bo = blas(out);
        int n = bx.size();
        if (f64) {
            DoubleBuffer X = bx.f64, Y = by.f64, O = bo.f64;
            for (int i = 0; i < n; i++) {
                O.put(i, f.applyAsDouble(X.get(i), Y.get(i)));
            }
        } else {
            FloatBuffer X = bx.f32, Y = by.f32, O = bo.f32;
            for (int i = 0; i < n; i++) {
                O.put(i, (float) f.applyAsDouble(X.get(i), Y.get(i)));
            }
        }
        Reference.reachabilityFence(bx);
        Reference.reachabilityFence(by);
        Reference.reachabilityFence(bo);
    }

    /** {@code Σ f(X[i], Y[i])} in storage order, which is row-major: the reference's order. */
    @Override
    protected double doSumZip(Matrix x, Matrix y, DoubleBinaryOperator f) {
        BlasMatrix bx = blas(x), by = blas(y);
        int n = bx.size();
        double sum = 0;
        if (f64) {
            DoubleBuffer X = bx.f64, Y = by.f64;
            for (int i = 0; i < n; i++) {
                sum += f.applyAsDouble(X.get(i), Y.get(i));
            }
        } else {
            FloatBuffer X = bx.f32, Y = by.f32;
            for (int i = 0; i < n; i++) {
                sum += f.applyAsDouble(X.get(i), Y.get(i));
            }
        }
        Reference.reachabilityFence(bx);
        Reference.reachabilityFence(by);
        return sum;
    }
}
