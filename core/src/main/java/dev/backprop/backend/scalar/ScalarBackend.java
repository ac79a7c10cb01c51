package dev.backprop.backend.scalar;

import dev.backprop.backend.ArrayMatrix;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The scalar reference backend: every operation as plain Java loops over row-major arrays, written once
 * for both precisions through {@link ArrayMatrix#at}/{@link ArrayMatrix#put}. Every other backend is tested
 * against it, so it favours being obviously right over being fast:
 * <ul>
 *   <li>arithmetic is done in double and rounded once when stored, so its float32 results are the
 *       correctly accumulated values other float32 backends are compared with;</li>
 *   <li>it runs on one thread whatever the config asks for (and says so in {@link #description()}).</li>
 * </ul>
 *
 * <p>A backend whose matrices are row-major arrays may extend this class, override {@link #accepts},
 * {@link #doZeros} and the kernels it accelerates, and inherit the reference loops for the rest.
 */
public class ScalarBackend extends Backend {

    /** Smallest positive normal double: the floor for logarithms and divisions in the costs. */
    private static final double TINY = Double.MIN_NORMAL;

    /** One row of a GEMM result, accumulated in double; grown on demand, so steady state allocates nothing. */
    private double[] gemmRow = new double[0];

    public ScalarBackend(BackendConfig config) {
        this(ScalarBackendProvider.NAME, config);
    }

    protected ScalarBackend(String name, BackendConfig config) {
        super(name, config);
    }

    @Override
    public String description() {
        return name() + " reference loops, " + precision().shortName() + ", single-threaded"
                + (config().threads() > 1 ? " (asked for " + config().threads() + " threads, uses 1)" : "");
    }

    @Override
    protected boolean accepts(Matrix m) {
        return m instanceof ArrayMatrix;
    }

    private static ArrayMatrix arr(Matrix m) {
        return (ArrayMatrix) m;
    }

    // ---------------------------------------------------------------- creation and transfer

    @Override
    protected Matrix doZeros(int rows, int cols) {
        return ArrayMatrix.zeros(precision(), rows, cols);
    }

    @Override
    protected void doLoad(Matrix dst, double[] src) {
        ArrayMatrix d = arr(dst);
        for (int i = 0; i < src.length; i++) {
            d.put(i, src[i]);
        }
    }

    @Override
    protected void doLoad(Matrix dst, float[] src) {
        ArrayMatrix d = arr(dst);
        for (int i = 0; i < src.length; i++) {
            d.put(i, src[i]);
        }
    }

    @Override
    protected void doStore(Matrix src, double[] dst) {
        ArrayMatrix s = arr(src);
        for (int i = 0; i < dst.length; i++) {
            dst[i] = s.at(i);
        }
    }

    @Override
    protected void doStore(Matrix src, float[] dst) {
        ArrayMatrix s = arr(src);
        for (int i = 0; i < dst.length; i++) {
            dst[i] = (float) s.at(i);
        }
    }

    @Override
    protected void doCopy(Matrix src, Matrix dst) {
        ArrayMatrix s = arr(src), d = arr(dst);
        for (int i = 0, n = s.size(); i < n; i++) {
            d.put(i, s.at(i));
        }
    }

    @Override
    protected void doFill(Matrix dst, double value) {
        ArrayMatrix d = arr(dst);
        for (int i = 0, n = d.size(); i < n; i++) {
            d.put(i, value);
        }
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * {@code C ← α·op(A)·op(B) + β·C}, one row of C at a time, accumulated in double. Without Bᵀ, row i of
     * the product is a combination of B's rows (streams B row by row); with Bᵀ, each element is a dot
     * product of op(A)'s row i with B's row j (both contiguous when A is not transposed).
     */
    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        ArrayMatrix A = arr(a), B = arr(b), C = arr(c);
        int m = C.rows(), n = C.cols();
        int k = transA ? A.rows() : A.cols();
        int lda = A.cols(), ldb = B.cols();
        double[] row = gemmRow(n);
        for (int i = 0; i < m; i++) {
            if (!transB) {
                java.util.Arrays.fill(row, 0, n, 0.0);
                for (int p = 0; p < k; p++) {
                    double aip = transA ? A.at(p * lda + i) : A.at(i * lda + p);   // op(A)[i][p]
                    for (int j = 0; j < n; j++) {
                        row[j] += aip * B.at(p * ldb + j);                         // B[p][j]
                    }
                }
            } else {
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int p = 0; p < k; p++) {
                        double aip = transA ? A.at(p * lda + i) : A.at(i * lda + p);
                        dot += aip * B.at(j * ldb + p);                            // Bᵀ[p][j] = B[j][p]
                    }
                    row[j] = dot;
                }
            }
            for (int j = 0; j < n; j++) {
                int ij = i * n + j;
                C.put(ij, beta == 0 ? alpha * row[j] : alpha * row[j] + beta * C.at(ij));
            }
        }
    }

    private double[] gemmRow(int n) {
        if (gemmRow.length < n) {
            gemmRow = new double[n];
        }
        return gemmRow;
    }

    @Override
    protected void doAddBias(Matrix z, Matrix b) {
        ArrayMatrix Z = arr(z), B = arr(b);
        int m = Z.cols();
        for (int i = 0; i < Z.rows(); i++) {
            double bi = B.at(i);
            for (int j = 0; j < m; j++) {
                Z.put(i * m + j, Z.at(i * m + j) + bi);
            }
        }
    }

    @Override
    protected void doSumColumns(double alpha, Matrix a, Matrix out) {
        ArrayMatrix A = arr(a), O = arr(out);
        int m = A.cols();
        for (int i = 0; i < A.rows(); i++) {
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += A.at(i * m + j);
            }
            O.put(i, alpha * sum);
        }
    }

    @Override
    protected void doAxpby(double alpha, Matrix x, double beta, Matrix y) {
        ArrayMatrix X = arr(x), Y = arr(y);
        for (int i = 0, n = X.size(); i < n; i++) {
            Y.put(i, beta == 0 ? alpha * X.at(i) : alpha * X.at(i) + beta * Y.at(i));
        }
    }

    @Override
    protected void doHadamard(Matrix x, Matrix y, Matrix out) {
        ArrayMatrix X = arr(x), Y = arr(y), O = arr(out);
        for (int i = 0, n = X.size(); i < n; i++) {
            O.put(i, X.at(i) * Y.at(i));
        }
    }

    @Override
    protected void doSubtract(Matrix x, Matrix y, Matrix out) {
        ArrayMatrix X = arr(x), Y = arr(y), O = arr(out);
        for (int i = 0, n = X.size(); i < n; i++) {
            O.put(i, X.at(i) - Y.at(i));
        }
    }

    @Override
    protected double doSumOfSquares(Matrix x) {
        ArrayMatrix X = arr(x);
        double sum = 0;
        for (int i = 0, n = X.size(); i < n; i++) {
            sum += X.at(i) * X.at(i);
        }
        return sum;
    }

    // ---------------------------------------------------------------- activations, forward beside backward

    @Override
    protected void doSigmoid(Matrix z, Matrix a) {
        ArrayMatrix Z = arr(z), A = arr(a);
        for (int i = 0, n = Z.size(); i < n; i++) {
            A.put(i, 1.0 / (1.0 + Math.exp(-Z.at(i))));
        }
    }

    @Override
    protected void doSigmoidBackward(Matrix a, Matrix dA, Matrix dZ) {
        ArrayMatrix A = arr(a), DA = arr(dA), DZ = arr(dZ);
        for (int i = 0, n = A.size(); i < n; i++) {
            double ai = A.at(i);
            DZ.put(i, DA.at(i) * ai * (1.0 - ai));
        }
    }

    @Override
    protected void doTanh(Matrix z, Matrix a) {
        ArrayMatrix Z = arr(z), A = arr(a);
        for (int i = 0, n = Z.size(); i < n; i++) {
            A.put(i, Math.tanh(Z.at(i)));
        }
    }

    @Override
    protected void doTanhBackward(Matrix a, Matrix dA, Matrix dZ) {
        ArrayMatrix A = arr(a), DA = arr(dA), DZ = arr(dZ);
        for (int i = 0, n = A.size(); i < n; i++) {
            double ai = A.at(i);
            DZ.put(i, DA.at(i) * (1.0 - ai * ai));
        }
    }

    @Override
    protected void doRelu(Matrix z, Matrix a) {
        ArrayMatrix Z = arr(z), A = arr(a);
        for (int i = 0, n = Z.size(); i < n; i++) {
            A.put(i, Math.max(Z.at(i), 0.0));   // Math.max keeps NaN, so divergence stays visible
        }
    }

    @Override
    protected void doReluBackward(Matrix z, Matrix dA, Matrix dZ) {
        ArrayMatrix Z = arr(z), DA = arr(dA), DZ = arr(dZ);
        for (int i = 0, n = Z.size(); i < n; i++) {
            DZ.put(i, Z.at(i) > 0 ? DA.at(i) : 0.0);
        }
    }

    @Override
    protected void doSoftmax(Matrix z, Matrix a) {
        ArrayMatrix Z = arr(z), A = arr(a);
        int rows = Z.rows(), m = Z.cols();
        for (int j = 0; j < m; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < rows; i++) {
                max = Math.max(max, Z.at(i * m + j));
            }
            double sum = 0;
            for (int i = 0; i < rows; i++) {
                sum += Math.exp(Z.at(i * m + j) - max);
            }
            for (int i = 0; i < rows; i++) {
                A.put(i * m + j, Math.exp(Z.at(i * m + j) - max) / sum);
            }
        }
    }

    @Override
    protected void doSoftmaxBackward(Matrix a, Matrix dA, Matrix dZ) {
        ArrayMatrix A = arr(a), DA = arr(dA), DZ = arr(dZ);
        int rows = A.rows(), m = A.cols();
        for (int j = 0; j < m; j++) {
            double dot = 0;                    // Σ_k dA[k][j]·A[k][j], read before dZ (maybe dA) is written
            for (int i = 0; i < rows; i++) {
                dot += DA.at(i * m + j) * A.at(i * m + j);
            }
            for (int i = 0; i < rows; i++) {
                int ij = i * m + j;
                DZ.put(ij, A.at(ij) * (DA.at(ij) - dot));
            }
        }
    }

    // ---------------------------------------------------------------- costs

    @Override
    protected double doQuadraticCost(Matrix a, Matrix y) {
        ArrayMatrix A = arr(a), Y = arr(y);
        double sum = 0;
        for (int i = 0, n = A.size(); i < n; i++) {
            double d = A.at(i) - Y.at(i);
            sum += d * d;
        }
        return 0.5 * sum;
    }

    @Override
    protected double doCrossEntropyCost(Matrix a, Matrix y) {
        ArrayMatrix A = arr(a), Y = arr(y);
        double sum = 0;
        for (int i = 0, n = A.size(); i < n; i++) {
            double ai = A.at(i), yi = Y.at(i);
            if (yi != 0) {
                sum -= yi * Math.log(Math.max(ai, TINY));
            }
            if (yi != 1) {
                sum -= (1 - yi) * Math.log(Math.max(1 - ai, TINY));
            }
        }
        return sum;
    }

    @Override
    protected void doCrossEntropyGradient(Matrix a, Matrix y, Matrix dA) {
        ArrayMatrix A = arr(a), Y = arr(y), D = arr(dA);
        for (int i = 0, n = A.size(); i < n; i++) {
            double ai = A.at(i);
            D.put(i, (ai - Y.at(i)) / Math.max(ai * (1 - ai), TINY));
        }
    }

    @Override
    protected double doLogLikelihoodCost(Matrix a, Matrix y) {
        ArrayMatrix A = arr(a), Y = arr(y);
        double sum = 0;
        for (int i = 0, n = A.size(); i < n; i++) {
            double yi = Y.at(i);
            if (yi != 0) {
                sum -= yi * Math.log(Math.max(A.at(i), TINY));
            }
        }
        return sum;
    }

    @Override
    protected void doLogLikelihoodGradient(Matrix a, Matrix y, Matrix dA) {
        ArrayMatrix A = arr(a), Y = arr(y), D = arr(dA);
        for (int i = 0, n = A.size(); i < n; i++) {
            D.put(i, -Y.at(i) / Math.max(A.at(i), TINY));
        }
    }

    // ---------------------------------------------------------------- generic elementwise

    @Override
    protected void doMap(Matrix x, DoubleUnaryOperator f, Matrix out) {
        ArrayMatrix X = arr(x), O = arr(out);
        for (int i = 0, n = X.size(); i < n; i++) {
            O.put(i, f.applyAsDouble(X.at(i)));
        }
    }

    @Override
    protected void doZip(Matrix x, Matrix y, DoubleBinaryOperator f, Matrix out) {
        ArrayMatrix X = arr(x), Y = arr(y), O = arr(out);
        for (int i = 0, n = X.size(); i < n; i++) {
            O.put(i, f.applyAsDouble(X.at(i), Y.at(i)));
        }
    }

    @Override
    protected double doSumZip(Matrix x, Matrix y, DoubleBinaryOperator f) {
        ArrayMatrix X = arr(x), Y = arr(y);
        double sum = 0;
        for (int i = 0, n = X.size(); i < n; i++) {
            sum += f.applyAsDouble(X.at(i), Y.at(i));
        }
        return sum;
    }

    // ---------------------------------------------------------------- evaluation

    @Override
    protected void doArgmaxColumns(Matrix a, int[] out) {
        ArrayMatrix A = arr(a);
        int rows = A.rows(), m = A.cols();
        for (int j = 0; j < m; j++) {
            int best = 0;
            for (int i = 1; i < rows; i++) {
                if (A.at(i * m + j) > A.at(best * m + j)) {
                    best = i;
                }
            }
            out[j] = best;
        }
    }
}
