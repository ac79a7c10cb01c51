package dev.backprop.backend.scalar;

import dev.backprop.backend.ActivationKind;
import dev.backprop.backend.Backend;
import dev.backprop.backend.CostKind;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.random.Rng;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reference kernels against values worked out by hand or by an independent naive formula. */
class ScalarBackendTest {

    @ParameterizedTest
    @EnumSource(Precision.class)
    void gemmMatchesTheDefinitionForEveryTransposeAndScaling(Precision p) {
        Backend be = new ScalarBackend(BackendConfig.of(p, 1));
        Rng rng = new Rng(7);
        int m = 5, n = 3, k = 4;
        for (boolean ta : new boolean[]{false, true}) {
            for (boolean tb : new boolean[]{false, true}) {
                double[] a = random(rng, m * k), b = random(rng, k * n), c0 = random(rng, m * n);
                Matrix A = ta ? be.fromArray(k, m, transpose(a, m, k)) : be.fromArray(m, k, a);
                Matrix B = tb ? be.fromArray(n, k, transpose(b, k, n)) : be.fromArray(k, n, b);
                Matrix C = be.fromArray(m, n, c0);
                double alpha = 0.75, beta = -1.5;
                be.gemm(ta, tb, alpha, A, B, beta, C);
                double tol = p == Precision.FLOAT64 ? 1e-14 : 1e-6;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double dot = 0;
                        for (int q = 0; q < k; q++) {
                            dot += A.get(ta ? q : i, ta ? i : q) * B.get(tb ? j : q, tb ? q : j);
                        }
                        double expected = alpha * dot + beta * (float64(p) ? c0[i * n + j] : (float) c0[i * n + j]);
                        assertEquals(expected, C.get(i, j), tol, "transA=" + ta + " transB=" + tb + " at " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void gemmWithBetaZeroIgnoresNaNInTheOutput() {
        Backend be = new ScalarBackend(BackendConfig.defaults());
        Matrix a = be.fromArray(1, 1, new double[]{2}), b = be.fromArray(1, 1, new double[]{3});
        Matrix c = be.fromArray(1, 1, new double[]{Double.NaN});
        be.gemm(false, false, 1, a, b, 0, c);
        assertEquals(6.0, c.get(0, 0));
    }

    @Test
    void biasAddAndColumnSumsWorkOnRowsAndColumns() {
        Backend be = new ScalarBackend(BackendConfig.defaults());
        Matrix z = be.fromArray(2, 3, new double[]{1, 2, 3, 4, 5, 6});
        be.addBias(z, be.fromArray(2, 1, new double[]{10, 20}));
        assertArrayEquals(new double[]{11, 12, 13, 24, 25, 26}, z.toArray());
        Matrix sums = be.zeros(2, 1);
        be.sumColumns(0.5, z, sums);
        assertArrayEquals(new double[]{18, 37.5}, sums.toArray());
    }

    @Test
    void softmaxColumnsAreDistributionsAndSurviveHugeInputs() {
        Backend be = new ScalarBackend(BackendConfig.defaults());
        Matrix z = be.fromArray(3, 2, new double[]{1, 1000, 2, 1001, 3, 1002});
        Matrix a = be.zeros(3, 2);
        be.activate(ActivationKind.SOFTMAX, z, a);
        double e1 = Math.exp(1), e2 = Math.exp(2), e3 = Math.exp(3), s = e1 + e2 + e3;
        for (int j = 0; j < 2; j++) {                     // both columns: softmax is shift-invariant
            assertThat(a.get(0, j)).isCloseTo(e1 / s, within(1e-15));
            assertThat(a.get(1, j)).isCloseTo(e2 / s, within(1e-15));
            assertThat(a.get(2, j)).isCloseTo(e3 / s, within(1e-15));
        }
    }

    @Test
    void softmaxBackwardIsTheJacobianProductEvenInPlace() {
        Backend be = new ScalarBackend(BackendConfig.defaults());
        double[] av = {0.2, 0.3, 0.5};
        double[] dav = {1.0, -2.0, 0.5};
        Matrix a = be.fromArray(3, 1, av), d = be.fromArray(3, 1, dav);
        be.activateBackward(ActivationKind.SOFTMAX, a, a, d, d);
        for (int i = 0; i < 3; i++) {
            double expected = 0;
            for (int k = 0; k < 3; k++) {
                expected += dav[k] * av[k] * ((i == k ? 1 : 0) - av[i]);   // Σ_k dA_k ∂A_k/∂Z_i
            }
            assertThat(d.get(i, 0)).isCloseTo(expected, within(1e-15));
        }
    }

    @Test
    void activationsAndTheirDerivatives() {
        Backend be = new ScalarBackend(BackendConfig.defaults());
        Matrix z = be.fromArray(1, 4, new double[]{-2, -0.5, 0, 3});
        Matrix a = be.zeros(1, 4), d = be.zeros(1, 4), ones = be.fromArray(1, 4, new double[]{1, 1, 1, 1});
        be.activate(ActivationKind.SIGMOID, z, a);
        assertThat(a.get(0, 3)).isCloseTo(1 / (1 + Math.exp(-3)), within(1e-16));
        be.activateBackward(ActivationKind.SIGMOID, z, a, ones, d);
        assertThat(d.get(0, 0)).isCloseTo(Math.exp(-2) / Math.pow(1 + Math.exp(-2), 2), within(1e-16));
        be.activate(ActivationKind.RELU, z, a);
        assertArrayEquals(new double[]{0, 0, 0, 3}, a.toArray());
        be.activateBackward(ActivationKind.RELU, z, a, ones, d);
        assertArrayEquals(new double[]{0, 0, 0, 1}, d.toArray());
        be.activate(ActivationKind.TANH, z, a);
        be.activateBackward(ActivationKind.TANH, z, a, ones, d);
        assertThat(d.get(0, 1)).isCloseTo(1 / Math.pow(Math.cosh(-0.5), 2), within(1e-15));
    }

    @Test
    void costsAreFiniteAtTheEdgesOfTheirDomain() {
        Backend be = new ScalarBackend(BackendConfig.defaults());
        Matrix a = be.fromArray(2, 1, new double[]{1.0, 0.0}), y = be.fromArray(2, 1, new double[]{1.0, 0.0});
        assertEquals(0.0, be.cost(CostKind.CROSS_ENTROPY, a, y));           // 0·ln 0 taken as 0
        assertEquals(0.0, be.cost(CostKind.LOG_LIKELIHOOD, a, y));
        Matrix wrong = be.fromArray(2, 1, new double[]{0.0, 1.0});
        assertThat(be.cost(CostKind.CROSS_ENTROPY, wrong, y)).isFinite().isGreaterThan(1000);
        Matrix q = be.fromArray(2, 1, new double[]{0.5, 0.25});
        assertEquals(0.5 * (0.25 + 0.0625), be.cost(CostKind.QUADRATIC, q, y));
        Matrix d = be.zeros(2, 1);
        be.costGradient(CostKind.CROSS_ENTROPY, q, y, d);
        assertArrayEquals(new double[]{(0.5 - 1) / 0.25, 0.25 / (0.25 * 0.75)}, d.toArray(), 1e-15);
    }

    @Test
    void argmaxTakesTheFirstOfEqualMaxima() {
        Backend be = new ScalarBackend(BackendConfig.defaults());
        Matrix a = be.fromArray(3, 2, new double[]{1, 5, 3, 5, 3, 0});
        int[] out = new int[2];
        be.argmaxColumns(a, out);
        assertArrayEquals(new int[]{1, 0}, out);
    }

    @Test
    void float32StoresRoundedValuesButComputesInDouble() {
        Backend be = new ScalarBackend(BackendConfig.of(Precision.FLOAT32, 1));
        Matrix x = be.fromArray(1, 1, new double[]{0.1});
        assertEquals((double) 0.1f, x.get(0, 0));
        assertEquals(Precision.FLOAT32, x.precision());
    }

    private static boolean float64(Precision p) {
        return p == Precision.FLOAT64;
    }

    private static double[] random(Rng rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private static double[] transpose(double[] rowMajor, int rows, int cols) {
        double[] t = new double[rowMajor.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = rowMajor[r * cols + c];
            }
        }
        return t;
    }
}
