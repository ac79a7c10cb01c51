package dev.backprop.backend.ejml;

import dev.backprop.backend.ActivationKind;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import org.ejml.EjmlVersion;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * A backend on EJML's dense row-major matrices: {@link DMatrixRMaj} for float64, {@link FMatrixRMaj} for
 * float32.
 *
 * <p>EJML's row-major {@code data} array is backprop's own layout, so the matrices subclass core's
 * {@code ArrayMatrix} and this backend extends the {@link ScalarBackend}: EJML does what it has a kernel for
 * (the matrix products, {@code α·X + β·Y}, elementwise product and difference, row sums, copy, fill), tight
 * loops over the backing array do the per-layer forward and backward steps EJML has no kernel for (fused
 * bias + activation, σ'), and the reference loops serve every remaining operation unchanged. Everything is
 * checked against the reference by the conformance kit.
 *
 * <p>Matrix products: {@code C ← α·op(A)·op(B) + β·C} maps onto {@code CommonOps_DDRM.mult},
 * {@code multTransA}, {@code multTransB}, {@code multTransAB} (β = 0: C is overwritten, so NaN in C is
 * ignored) or their {@code multAdd…} forms (β = 1; any other β scales C first). With {@code threads > 1} the
 * {@code CommonOps_MT_DDRM}/{@code _MT_FDRM} variants run on EJML's JVM-wide pool (see {@link EjmlThreadPool}).
 * float32 products accumulate in float, as EJML does.
 */
public class EjmlBackend extends ScalarBackend {

    private final boolean concurrent;

    public EjmlBackend(BackendConfig config) {
        super(EjmlBackendProvider.NAME, config);
        this.concurrent = config.threads() > 1;
        if (concurrent) {
            EjmlThreadPool.size(config.threads());
        }
    }

    @Override
    public String description() {
        String type = precision() == Precision.FLOAT64 ? "DMatrixRMaj" : "FMatrixRMaj";
        String ops = precision() == Precision.FLOAT64 ? "DDRM" : "FDRM";
        return name() + ": EJML " + EjmlVersion.VERSION + " " + type + ", " + precision().shortName() + ", "
                + (concurrent ? config().threads() + " threads (CommonOps_MT_" + ops + " on EJML's JVM-wide pool, now "
                + EjmlThreadPool.width() + " wide)" : "1 thread (CommonOps_" + ops + ")");
    }

    @Override
    protected boolean accepts(Matrix m) {
        return m instanceof EjmlDoubleMatrix || m instanceof EjmlFloatMatrix;
    }

    @Override
    protected Matrix doZeros(int rows, int cols) {
        return precision() == Precision.FLOAT64 ? new EjmlDoubleMatrix(rows, cols) : new EjmlFloatMatrix(rows, cols);
    }

    private static DMatrixRMaj d(Matrix m) {
        return ((EjmlDoubleMatrix) m).ejml;
    }

    private static FMatrixRMaj f(Matrix m) {
        return ((EjmlFloatMatrix) m).ejml;
    }

    private boolean float64() {
        return precision() == Precision.FLOAT64;
    }

    // ---------------------------------------------------------------- creation and transfer

    @Override
    protected void doLoad(Matrix dst, double[] src) {
        if (float64()) {
            System.arraycopy(src, 0, d(dst).data, 0, src.length);
        } else {
            float[] out = f(dst).data;
            for (int i = 0; i < src.length; i++) {
                out[i] = (float) src[i];
            }
        }
    }

    @Override
    protected void doLoad(Matrix dst, float[] src) {
        if (float64()) {
            double[] out = d(dst).data;
            for (int i = 0; i < src.length; i++) {
                out[i] = src[i];
            }
        } else {
            System.arraycopy(src, 0, f(dst).data, 0, src.length);
        }
    }

    @Override
    protected void doStore(Matrix src, double[] dst) {
        if (float64()) {
            System.arraycopy(d(src).data, 0, dst, 0, dst.length);
        } else {
            float[] in = f(src).data;
            for (int i = 0; i < dst.length; i++) {
                dst[i] = in[i];
            }
        }
    }

    @Override
    protected void doStore(Matrix src, float[] dst) {
        if (float64()) {
            double[] in = d(src).data;
            for (int i = 0; i < dst.length; i++) {
                dst[i] = (float) in[i];
            }
        } else {
            System.arraycopy(f(src).data, 0, dst, 0, dst.length);
        }
    }

    @Override
    protected void doCopy(Matrix src, Matrix dst) {
        if (float64()) {
            d(dst).setTo(d(src));
        } else {
            f(dst).setTo(f(src));
        }
    }

    @Override
    protected void doFill(Matrix dst, double value) {
        if (float64()) {
            CommonOps_DDRM.fill(d(dst), value);
        } else {
            CommonOps_FDRM.fill(f(dst), (float) value);
        }
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        if (float64()) {
            DMatrixRMaj C = d(c);
            if (beta == 0) {
                mult64(transA, transB, alpha, d(a), d(b), C);
            } else {
                if (beta != 1) {
                    CommonOps_DDRM.scale(beta, C);
                }
                multAdd64(transA, transB, alpha, d(a), d(b), C);
            }
        } else {
            FMatrixRMaj C = f(c);
            if (beta == 0) {
                mult32(transA, transB, (float) alpha, f(a), f(b), C);
            } else {
                if (beta != 1) {
                    CommonOps_FDRM.scale((float) beta, C);
                }
                multAdd32(transA, transB, (float) alpha, f(a), f(b), C);
            }
        }
    }

    /** {@code C ← α·op(A)·op(B)}, overwriting C. */
    private void mult64(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (concurrent) {
            if (transA && transB) {
                CommonOps_MT_DDRM.multTransAB(alpha, a, b, c);
            } else if (transA) {
                CommonOps_MT_DDRM.multTransA(alpha, a, b, c);
            } else if (transB) {
                CommonOps_MT_DDRM.multTransB(alpha, a, b, c);
            } else {
                CommonOps_MT_DDRM.mult(alpha, a, b, c);
            }
        } else if (transA && transB) {
            CommonOps_DDRM.multTransAB(alpha, a, b, c);
        } else if (transA) {
            CommonOps_DDRM.multTransA(alpha, a, b, c);
        } else if (transB) {
            CommonOps_DDRM.multTransB(alpha, a, b, c);
        } else {
            CommonOps_DDRM.mult(alpha, a, b, c);
        }
    }

    /** {@code C ← C + α·op(A)·op(B)}. */
    private void multAdd64(boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
        if (concurrent) {
            if (transA && transB) {
                CommonOps_MT_DDRM.multAddTransAB(alpha, a, b, c);
            } else if (transA) {
                CommonOps_MT_DDRM.multAddTransA(alpha, a, b, c);
            } else if (transB) {
                CommonOps_MT_DDRM.multAddTransB(alpha, a, b, c);
            } else {
                CommonOps_MT_DDRM.multAdd(alpha, a, b, c);
            }
        } else if (transA && transB) {
            CommonOps_DDRM.multAddTransAB(alpha, a, b, c);
        } else if (transA) {
            CommonOps_DDRM.multAddTransA(alpha, a, b, c);
        } else if (transB) {
            CommonOps_DDRM.multAddTransB(alpha, a, b, c);
        } else {
            CommonOps_DDRM.multAdd(alpha, a, b, c);
        }
    }

    /** {@code C ← α·op(A)·op(B)}, overwriting C. */
    private void mult32(boolean transA, boolean transB, float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (concurrent) {
            if (transA && transB) {
                CommonOps_MT_FDRM.multTransAB(alpha, a, b, c);
            } else if (transA) {
                CommonOps_MT_FDRM.multTransA(alpha, a, b, c);
            } else if (transB) {
                CommonOps_MT_FDRM.multTransB(alpha, a, b, c);
            } else {
                CommonOps_MT_FDRM.mult(alpha, a, b, c);
            }
        } else if (transA && transB) {
            CommonOps_FDRM.multTransAB(alpha, a, b, c);
        } else if (transA) {
            CommonOps_FDRM.multTransA(alpha, a, b, c);
        } else if (transB) {
            CommonOps_FDRM.multTransB(alpha, a, b, c);
        } else {
            CommonOps_FDRM.mult(alpha, a, b, c);
        }
    }

    /** {@code C ← C + α·op(A)·op(B)}. */
    private void multAdd32(boolean transA, boolean transB, float alpha, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c) {
        if (concurrent) {
            if (transA && transB) {
                CommonOps_MT_FDRM.multAddTransAB(alpha, a, b, c);
            } else if (transA) {
                CommonOps_MT_FDRM.multAddTransA(alpha, a, b, c);
            } else if (transB) {
                CommonOps_MT_FDRM.multAddTransB(alpha, a, b, c);
            } else {
                CommonOps_MT_FDRM.multAdd(alpha, a, b, c);
            }
        } else if (transA && transB) {
            CommonOps_FDRM.multAddTransAB(alpha, a, b, c);
        } else if (transA) {
            CommonOps_FDRM.multAddTransA(alpha, a, b, c);
        } else if (transB) {
            CommonOps_FDRM.multAddTransB(alpha, a, b, c);
        } else {
            CommonOps_FDRM.multAdd(alpha, a, b, c);
        }
    }

    /** {@code out ← α·(A·1)}: EJML's row sums (our "sum over the columns"), then an in-place scale. */
    @Override
    protected void doSumColumns(double alpha, Matrix a, Matrix out) {
        if (float64()) {
            CommonOps_DDRM.sumRows(d(a), d(out));
            if (alpha != 1) {
                CommonOps_DDRM.scale(alpha, d(out));
            }
        } else {
            CommonOps_FDRM.sumRows(f(a), f(out));
            if (alpha != 1) {
                CommonOps_FDRM.scale((float) alpha, f(out));
            }
        }
    }

    /**
     * {@code Y ← α·X + β·Y}: β = 0 is EJML's {@code scale} into Y (Y's old contents, NaN included, are never
     * read), β = 1 its {@code addEquals}, any other β its {@code add} with Y as both input and output.
     */
    @Override
    protected void doAxpby(double alpha, Matrix x, double beta, Matrix y) {
        if (float64()) {
            if (beta == 0) {
                CommonOps_DDRM.scale(alpha, d(x), d(y));
            } else if (beta == 1) {
                CommonOps_DDRM.addEquals(d(y), alpha, d(x));
            } else {
                CommonOps_DDRM.add(alpha, d(x), beta, d(y), d(y));
            }
        } else {
            if (beta == 0) {
                CommonOps_FDRM.scale((float) alpha, f(x), f(y));
            } else if (beta == 1) {
                CommonOps_FDRM.addEquals(f(y), (float) alpha, f(x));
            } else {
                CommonOps_FDRM.add((float) alpha, f(x), (float) beta, f(y), f(y));
            }
        }
    }

    @Override
    protected void doHadamard(Matrix x, Matrix y, Matrix out) {
        if (float64()) {
            CommonOps_DDRM.elementMult(d(x), d(y), d(out));
        } else {
            CommonOps_FDRM.elementMult(f(x), f(y), f(out));
        }
    }

    @Override
    protected void doSubtract(Matrix x, Matrix y, Matrix out) {
        if (float64()) {
            CommonOps_DDRM.subtract(d(x), d(y), d(out));
        } else {
            CommonOps_FDRM.subtract(f(x), f(y), f(out));
        }
    }

    // ---------------------------------------------------------------- a layer's elementwise steps (EJML has no kernel)

    /**
     * {@code Z ← Z + b·1ᵀ; A ← f(Z)} in one pass over the backing arrays for the elementwise activations,
     * computing in double and rounding once per stored value as the reference does; softmax, which needs
     * whole columns, takes the reference's two passes.
     */
    @Override
    protected void doAddBiasActivate(Matrix z, Matrix b, ActivationKind f, Matrix a) {
        if (f == ActivationKind.SOFTMAX) {
            super.doAddBiasActivate(z, b, f, a);
        } else if (float64()) {
            addBiasActivate64(d(z).data, d(b).data, f, d(a).data, z.rows(), z.cols());
        } else {
            addBiasActivate32(f(z).data, f(b).data, f, f(a).data, z.rows(), z.cols());
        }
    }

    private static void addBiasActivate64(double[] z, double[] b, ActivationKind f, double[] a, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            double bi = b[i];
            for (int ij = i * cols, end = ij + cols; ij < end; ij++) {
                double zij = z[ij] + bi;
                z[ij] = zij;
                a[ij] = activate(f, zij);
            }
        }
    }

    private static void addBiasActivate32(float[] z, float[] b, ActivationKind f, float[] a, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            double bi = b[i];
            for (int ij = i * cols, end = ij + cols; ij < end; ij++) {
                float zij = (float) (z[ij] + bi);
                z[ij] = zij;
                a[ij] = (float) activate(f, zij);
            }
        }
    }

    /** The elementwise activations, as the reference computes them. */
    private static double activate(ActivationKind f, double z) {
        switch (f) {
            case IDENTITY:
                return z;
            case SIGMOID:
                return 1.0 / (1.0 + Math.exp(-z));
            case TANH:
                return Math.tanh(z);
            case RELU:
                return Math.max(z, 0.0);
            default:
                throw new AssertionError(f);
        }
    }

    /** {@code dZ ← dA ⊙ A ⊙ (1 − A)}, the reference's formula and order over the backing arrays. */
    @Override
    protected void doSigmoidBackward(Matrix a, Matrix dA, Matrix dZ) {
        if (float64()) {
            double[] A = d(a).data, DA = d(dA).data, DZ = d(dZ).data;
            for (int i = 0, n = a.size(); i < n; i++) {
                double ai = A[i];
                DZ[i] = DA[i] * ai * (1.0 - ai);
            }
        } else {
            float[] A = f(a).data, DA = f(dA).data, DZ = f(dZ).data;
            for (int i = 0, n = a.size(); i < n; i++) {
                double ai = A[i];
                DZ[i] = (float) (DA[i] * ai * (1.0 - ai));
            }
        }
    }
}
