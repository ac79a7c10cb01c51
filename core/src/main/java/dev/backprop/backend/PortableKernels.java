package dev.backprop.backend;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The portable defaults of a {@link Backend}: every non-core kernel, built only from the backend's required
 * core (storage, {@code gemm}, {@code map}, {@code zip}, {@code sumZip}), so a backend that writes the core
 * gets correct results for every operation and every kind. Why each default is right:
 * <ul>
 *   <li>elementwise activations and costs pass the kind's own rule ({@link ActivationKind},
 *       {@link CostKind}) to {@code map}/{@code zip}/{@code sumZip}, which compute in double and round once
 *       on store: the reference semantics;</li>
 *   <li>{@code addBias} is {@code Z ← 1·(b·1ᵀ) + 1·Z} and {@code sumColumns} is {@code α·(A·1)}: products
 *       with a vector of ones (each product term is exact, so addBias rounds once per element like a plain
 *       add);</li>
 *   <li>column-wise work (softmax forward and backward, argmax), float transfers and the optimizer steps
 *       (except SGD, which is {@code axpby}) store the operands to reused double buffers, compute there in
 *       double, and load the result back.</li>
 * </ul>
 * Nothing here allocates once the buffers and ones-vectors have grown to the shapes in use. Every default
 * counts itself in {@link #runs}, so {@link KernelPaths} can tell which operations a backend runs through
 * them.
 */
final class PortableKernels {

    private static final DoubleUnaryOperator IDENTITY = x -> x;
    private static final DoubleBinaryOperator SUBTRACT = (x, y) -> x - y;
    /** How many vectors of ones to keep: a row and a column for each batch size in use (training, evaluation). */
    private static final int ONES_CACHE = 8;

    private final Backend be;
    /** Portable kernels run so far. */
    int runs;
    private double[] buffer0 = new double[0];
    private double[] buffer1 = new double[0];
    private double[] buffer2 = new double[0];
    private double[] buffer3 = new double[0];
    private final Matrix[] ones = new Matrix[ONES_CACHE];           // 1 × m rows and m × 1 columns
    private int nextOnes;

    PortableKernels(Backend be) {
        this.be = be;
    }

    void load(Matrix dst, float[] src) {
        runs++;
        int n = dst.size();
        double[] wide = buffer0(n);
        for (int i = 0; i < n; i++) {
            wide[i] = src[i];
        }
        be.doLoad(dst, wide);
    }

    void store(Matrix src, float[] dst) {
        runs++;
        int n = src.size();
        double[] wide = buffer0(n);
        be.doStore(src, wide);
        for (int i = 0; i < n; i++) {
            dst[i] = (float) wide[i];
        }
    }

    void copy(Matrix src, Matrix dst) {
        runs++;
        be.doMap(src, IDENTITY, dst);
    }

    /** {@code Z ← 1·(b·1ᵀ) + 1·Z}: b is n×1, the ones row 1×m. */
    void addBias(Matrix z, Matrix b) {
        runs++;
        be.doGemm(false, false, 1.0, b, ones(1, z.cols()), 1.0, z);
    }

    /** {@code out ← α·(A·1)}: A is n×m, the ones column m×1. */
    void sumColumns(double alpha, Matrix a, Matrix out) {
        runs++;
        be.doGemm(false, false, alpha, a, ones(a.cols(), 1), 0.0, out);
    }

    void activate(ActivationKind f, Matrix z, Matrix a) {
        runs++;
        if (f.elementwise()) {
            be.doMap(z, f.elementwiseForward(), a);
            return;
        }
        int n = z.rows(), m = z.cols();
        double[] v = buffer0(z.size());
        be.doStore(z, v);
        for (int j = 0; j < m; j++) {
            ActivationKind.softmaxColumn(v, j, m, n);
        }
        be.doLoad(a, v);
    }

    void activateBackward(ActivationKind f, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
        runs++;
        if (f.elementwise()) {
            be.doZip(f.derivativeFromOutput() ? a : z, dA, f.elementwiseBackward(), dZ);
            return;
        }
        int n = a.rows(), m = a.cols();
        double[] av = buffer0(a.size()), dv = buffer1(a.size());
        be.doStore(a, av);
        be.doStore(dA, dv);
        for (int j = 0; j < m; j++) {
            ActivationKind.softmaxBackwardColumn(av, dv, j, m, n);
        }
        be.doLoad(dZ, dv);
    }

    void addBiasActivate(Matrix z, Matrix b, ActivationKind f, Matrix a) {
        runs++;
        be.doAddBias(z, b);
        be.doActivate(f, z, a);
    }

    double cost(CostKind c, Matrix a, Matrix y) {
        runs++;
        return be.doSumZip(a, y, c.termFunction());
    }

    void costGradient(CostKind c, Matrix a, Matrix y, Matrix dA) {
        runs++;
        be.doZip(a, y, c.gradientFunction(), dA);
    }

    void outputDelta(CostKind c, ActivationKind f, Matrix z, Matrix a, Matrix y, Matrix delta) {
        runs++;
        if (c.fusedOutput() == f) {
            be.doZip(a, y, SUBTRACT, delta);                    // Δ = A − Y: σ' cancels the cost's denominator
        } else {
            be.doCostGradient(c, a, y, delta);                  // ∇_A C
            be.doActivateBackward(f, z, a, delta, delta);       // ⊙ σ'(Z)
        }
    }

    /**
     * SGD is {@code axpby(−η, G, ρ, W)}, the rule's own arithmetic; every other kind runs its double rule on
     * reused buffers: W, G and the state stored (widened exactly), updated, and W and the state loaded back.
     */
    void optimizerStep(OptimizerKind k, Matrix w, Matrix g, Matrix s1, Matrix s2, double eta, double beta1,
                       double beta2, double epsilon, double decay, long step) {
        runs++;
        if (k == OptimizerKind.SGD) {
            be.doAxpby(-eta, g, decay, w);
            return;
        }
        int n = w.size();
        double[] wv = buffer0(n), gv = buffer1(n), v1 = buffer2(n), v2 = k.stateTensors() > 1 ? buffer3(n) : null;
        be.doStore(w, wv);
        be.doStore(g, gv);
        be.doStore(s1, v1);
        if (v2 != null) {
            be.doStore(s2, v2);
        }
        k.apply(wv, gv, v1, v2, n, eta, beta1, beta2, epsilon, decay, step);
        be.doLoad(w, wv);
        be.doLoad(s1, v1);
        if (v2 != null) {
            be.doLoad(s2, v2);
        }
    }

    void argmaxColumns(Matrix a, int[] out) {
        runs++;
        int n = a.rows(), m = a.cols();
        double[] v = buffer0(a.size());
        be.doStore(a, v);
        for (int j = 0; j < m; j++) {
            int best = 0;
            for (int i = 1; i < n; i++) {
                if (v[i * m + j] > v[best * m + j]) {
                    best = i;
                }
            }
            out[j] = best;
        }
    }

    private double[] buffer0(int n) {
        if (buffer0.length < n) {
            buffer0 = new double[n];
        }
        return buffer0;
    }

    private double[] buffer1(int n) {
        if (buffer1.length < n) {
            buffer1 = new double[n];
        }
        return buffer1;
    }

    private double[] buffer2(int n) {
        if (buffer2.length < n) {
            buffer2 = new double[n];
        }
        return buffer2;
    }

    private double[] buffer3(int n) {
        if (buffer3.length < n) {
            buffer3 = new double[n];
        }
        return buffer3;
    }

    /** A rows×cols matrix of ones, made on first use of the shape (replacing the oldest kept). */
    private Matrix ones(int rows, int cols) {
        for (Matrix m : ones) {
            if (m != null && m.rows() == rows && m.cols() == cols) {
                return m;
            }
        }
        double[] values = new double[rows * cols];
        Arrays.fill(values, 1.0);
        Matrix m = be.doZeros(rows, cols);
        be.doLoad(m, values);
        ones[nextOnes] = m;
        nextOnes = (nextOnes + 1) % ONES_CACHE;
        return m;
    }
}
