package dev.backprop.backend.scalar;

import dev.backprop.backend.ArrayBackend;
import dev.backprop.backend.ArrayMatrix;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;

import java.util.Arrays;

/**
 * The scalar reference backend: the required core as plain Java loops over row-major arrays, written once for
 * both precisions through {@link ArrayMatrix#at}/{@link ArrayMatrix#put}, and every other operation through the
 * {@link dev.backprop.backend.Backend}'s portable defaults, which apply the definitions in
 * {@link dev.backprop.backend.ActivationKind} and {@link dev.backprop.backend.CostKind}. Every other backend
 * is tested against it, so it favours being obviously right over being fast:
 * <ul>
 *   <li>arithmetic is done in double and rounded once when stored, so its float32 results are the correctly
 *       accumulated values other float32 backends are compared with;</li>
 *   <li>it runs on one thread whatever the config asks for (and says so in {@link #description()}).</li>
 * </ul>
 * It is final and no backend extends it: the storage all array backends share is {@link ArrayBackend}.
 */
public final class ScalarBackend extends ArrayBackend {

    /** One row of a GEMM result, accumulated in double; grown on demand, so steady state allocates nothing. */
    private double[] gemmRow = new double[0];

    public ScalarBackend(BackendConfig config) {
        super(ScalarBackendProvider.NAME, config);
    }

    @Override
    public String description() {
        return name() + " reference loops, " + precision().shortName() + ", single-threaded"
                + (config().threads() > 1 ? " (asked for " + config().threads() + " threads, uses 1)" : "");
    }

    private static ArrayMatrix arr(Matrix m) {
        return (ArrayMatrix) m;
    }

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
                Arrays.fill(row, 0, n, 0.0);
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
    protected void doAxpby(double alpha, Matrix x, double beta, Matrix y) {
        ArrayMatrix X = arr(x), Y = arr(y);
        for (int i = 0, n = X.size(); i < n; i++) {
            Y.put(i, beta == 0 ? alpha * X.at(i) : alpha * X.at(i) + beta * Y.at(i));
        }
    }
}
