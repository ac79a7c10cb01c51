package dev.backprop.backend.ejml;

import dev.backprop.backend.ArrayBackend;
import dev.backprop.backend.ArrayMatrix;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
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
 * <p>EJML's row-major {@code data} array is backprop's own layout, so the matrices share it with core's array
 * matrices and this backend is an {@link ArrayBackend}: EJML does what it has a kernel for (the matrix
 * products, {@code α·X + β·Y}, row sums), the array backend's loops do the per-layer forward step EJML has no
 * kernel for, and every other operation runs the contract's portable defaults ({@link #kernelPaths()} lists
 * which). Everything is checked against the reference by the
 * conformance kit.
 *
 * <p>Matrix products: {@code C ← α·op(A)·op(B) + β·C} maps onto {@code CommonOps_DDRM.mult},
 * {@code multTransA}, {@code multTransB}, {@code multTransAB} (β = 0: C is overwritten, so NaN in C is
 * ignored) or their {@code multAdd…} forms (β = 1; any other β scales C first). With {@code threads > 1} the
 * {@code CommonOps_MT_DDRM}/{@code _MT_FDRM} variants run on EJML's JVM-wide pool (see {@link EjmlThreadPool}).
 * float32 products accumulate in float, as EJML does.
 */
public final class EjmlBackend extends ArrayBackend {

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
    protected ArrayMatrix newMatrix(int rows, int cols) {
        return isFloat64() ? EjmlDoubleMatrix.zeros(rows, cols) : EjmlFloatMatrix.zeros(rows, cols);
    }

    private static DMatrixRMaj d(Matrix m) {
        return ((EjmlDoubleMatrix) m).ejml;
    }

    private static FMatrixRMaj f(Matrix m) {
        return ((EjmlFloatMatrix) m).ejml;
    }

    private boolean float64() {
        return isFloat64();
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
}
