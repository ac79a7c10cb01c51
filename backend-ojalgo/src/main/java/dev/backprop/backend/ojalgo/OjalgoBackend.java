package dev.backprop.backend.ojalgo;

import dev.backprop.backend.ArrayBackend;
import dev.backprop.backend.ArrayMatrix;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import org.ojalgo.OjAlgoUtils;
import org.ojalgo.machine.VirtualMachine;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.PhysicalStore;
import org.ojalgo.matrix.store.PrimitiveFactory;
import org.ojalgo.matrix.store.R032Store;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.structure.Factory2D;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * A backend on ojAlgo's dense stores: {@link R064Store} for float64, {@link R032Store} for float32.
 *
 * <p>ojAlgo is column-major, backprop row-major. A row-major {@code rows×cols} array is exactly the
 * column-major {@code cols×rows} store of the transpose, so every matrix here is held as its transpose
 * ({@link OjalgoDoubleMatrix}), and a product is computed transposed on the same storage:
 * <pre>
 *   C = op(A)·op(B)   ⇔   Cᵀ = op(B)ᵀ·op(A)ᵀ
 * </pre>
 * where each {@code op(X)ᵀ} is either X's store itself (when X is not transposed) or ojAlgo's transposed view
 * of that store (created once per matrix, so no data is copied and nothing is allocated per call on our side;
 * ojAlgo's kernels for a transposed operand gather one of its columns at a time into a scratch array of
 * their own). ojAlgo's {@code fillByMultiplying} overwrites its target, which gives β = 0 (NaN in C ignored);
 * other β go through a product scratch store. The matrix product runs on {@code threads} threads (see
 * {@link OjalgoThreads}). ojAlgo has no fused kernels for the rest of the step, so storage and the elementwise
 * core are the {@link ArrayBackend}'s loops over the shared array and every other operation is the contract's
 * portable default ({@link #kernelPaths()} lists them); the conformance kit checks all of it.
 */
public final class OjalgoBackend extends ArrayBackend {

    private final OjalgoThreads threads;
    /**
     * Product scratch stores for β ≠ 0, one per shape. A training step accumulates into every layer's weights
     * (SGD folded into BP4), so its shapes alternate within a step: one store per shape keeps the step from
     * allocating a weight-sized store per layer per step (a single slot did: 637 KB per 784-100-10 f64 step).
     */
    private final List<R064Store> scratch64 = new ArrayList<>();
    private final List<R032Store> scratch32 = new ArrayList<>();
    /** How many shapes the scratch lists keep before dropping the oldest (more layers than any MLP we run). */
    private static final int SCRATCH_SHAPES = 16;

    public OjalgoBackend(BackendConfig config) {
        super(OjalgoBackendProvider.NAME, config);
        this.threads = new OjalgoThreads(config.threads());
    }

    /** ojAlgo's version: from its module descriptor on the module path, its jar's manifest on the class path. */
    static String ojalgoVersion() {
        ModuleDescriptor module = OjAlgoUtils.class.getModule().getDescriptor();
        if (module != null && module.rawVersion().isPresent()) {
            return module.rawVersion().get();
        }
        String v = OjAlgoUtils.getVersion();                  // "X.Y.Z" when the manifest is not readable
        return v == null || v.isBlank() || v.equals("X.Y.Z") ? "(version unknown)" : v;
    }

    @Override
    public String description() {
        return name() + ": ojAlgo " + ojalgoVersion() + " " + (precision() == Precision.FLOAT64 ? "R064Store" : "R032Store")
                + " (column-major, used as the transpose), " + precision().shortName() + ", " + threads.threads()
                + (threads.threads() == 1 ? " thread" : " threads") + " for matrix products"
                + (threads.threads() < config().threads() ? " (asked for " + config().threads() + "; the hardware has "
                + threads.threads() + ")" : "");
    }

    @Override
    protected boolean accepts(Matrix m) {
        return m instanceof OjalgoDoubleMatrix || m instanceof OjalgoFloatMatrix;
    }

    @Override
    protected ArrayMatrix newMatrix(int rows, int cols) {
        return isFloat64() ? OjalgoDoubleMatrix.zeros(rows, cols) : OjalgoFloatMatrix.zeros(rows, cols);
    }

    // ---------------------------------------------------------------- linear algebra

    /** {@code C ← α·op(A)·op(B) + β·C}, computed as {@code Cᵀ = op(B)ᵀ·op(A)ᵀ} on ojAlgo's column-major stores. */
    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        VirtualMachine outer = threads.begin();
        try {
            if (isFloat64()) {
                gemm64(transA, transB, alpha, (OjalgoDoubleMatrix) a, (OjalgoDoubleMatrix) b, beta, (OjalgoDoubleMatrix) c);
            } else {
                gemm32(transA, transB, alpha, (OjalgoFloatMatrix) a, (OjalgoFloatMatrix) b, beta, (OjalgoFloatMatrix) c);
            }
        } finally {
            threads.end(outer);
        }
    }

    private void gemm64(boolean transA, boolean transB, double alpha, OjalgoDoubleMatrix a, OjalgoDoubleMatrix b,
                        double beta, OjalgoDoubleMatrix c) {
        MatrixStore<Double> left = transB ? b.original : b.transposed;     // op(B)ᵀ: n×k
        MatrixStore<Double> right = transA ? a.original : a.transposed;    // op(A)ᵀ: k×m
        double[] C = c.data();                                             // Cᵀ: n×m column-major = C row-major
        if (beta == 0) {
            c.transposed.fillByMultiplying(left, right);
            if (alpha != 1) {
                for (int i = 0; i < C.length; i++) {
                    C[i] *= alpha;
                }
            }
        } else {
            R064Store product = scratch(scratch64, R064Store.FACTORY, c.cols(), c.rows());
            product.fillByMultiplying(left, right);
            double[] P = product.data;
            for (int i = 0; i < C.length; i++) {
                C[i] = alpha * P[i] + beta * C[i];
            }
        }
    }

    private void gemm32(boolean transA, boolean transB, double alpha, OjalgoFloatMatrix a, OjalgoFloatMatrix b,
                        double beta, OjalgoFloatMatrix c) {
        MatrixStore<Double> left = transB ? b.original : b.transposed;     // op(B)ᵀ: n×k
        MatrixStore<Double> right = transA ? a.original : a.transposed;    // op(A)ᵀ: k×m
        float[] C = c.data();                                              // Cᵀ: n×m column-major = C row-major
        if (beta == 0) {
            c.transposed.fillByMultiplying(left, right);
            if (alpha != 1) {
                for (int i = 0; i < C.length; i++) {
                    C[i] = (float) (alpha * C[i]);
                }
            }
        } else {
            R032Store product = scratch(scratch32, R032Store.FACTORY, c.cols(), c.rows());
            product.fillByMultiplying(left, right);
            float[] P = product.data;
            for (int i = 0; i < C.length; i++) {
                C[i] = (float) (alpha * P[i] + beta * C[i]);
            }
        }
    }

    /**
     * {@code Y ← α·X + β·Y} as one loop over the shared arrays: ojAlgo's own {@code axpy} covers only β = 1, and
     * scaling Y first would be a second pass (and a function object per call).
     */
    @Override
    protected void doAxpby(double alpha, Matrix x, double beta, Matrix y) {
        int n = x.size();
        if (isFloat64()) {
            double[] X = f64(x), Y = f64(y);
            for (int i = 0; i < n; i++) {
                Y[i] = beta == 0 ? alpha * X[i] : alpha * X[i] + beta * Y[i];
            }
        } else {
            float[] X = f32(x), Y = f32(y);
            for (int i = 0; i < n; i++) {
                Y[i] = (float) (beta == 0 ? alpha * X[i] : alpha * X[i] + beta * Y[i]);
            }
        }
    }

    /** A product store of the given shape, made once per shape (an indexed loop: a lookup allocates nothing). */
    private static <S extends PhysicalStore<Double> & Factory2D.Builder<S>> S scratch(List<S> stores,
                                                                                 PrimitiveFactory<S> factory,
                                                                                 int rows, int cols) {
        for (int i = 0; i < stores.size(); i++) {
            S s = stores.get(i);
            if (s.getRowDim() == rows && s.getColDim() == cols) {
                return s;
            }
        }
        if (stores.size() == SCRATCH_SHAPES) {
            stores.remove(0);
        }
        S made = factory.make(rows, cols);
        stores.add(made);
        return made;
    }
}
