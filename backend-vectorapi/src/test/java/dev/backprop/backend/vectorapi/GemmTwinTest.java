package dev.backprop.backend.vectorapi;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.random.Rng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The packed GEMM against the scalar reference, element by element, with a bound that follows from the
 * arithmetic rather than a guessed tolerance: for a K-term dot product the rounding error is at most about
 * {@code (K + 2)·ε·(|α|·Σ_p |a_ip·b_pj| + |β·c_ij|)}, ε the unit roundoff of the precision that accumulates
 * (float for f32: the kernel accumulates in float, the reference in double).
 */
class GemmTwinTest {

    private static final Backend[] OPEN = new Backend[4];

    @AfterAll
    static void close() {
        for (Backend b : OPEN) {
            if (b != null) {
                b.close();
            }
        }
    }

    private static Backend vector(Precision p, int threads) {
        int slot = p.ordinal() * 2 + (threads - 1);
        if (OPEN[slot] == null) {
            OPEN[slot] = Twins.vector(p, threads);
        }
        return OPEN[slot];
    }

    /** Every transpose form and scaling over random shapes drawn from the awkward sizes. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void awkwardShapesAllTransposesAllScalings(Precision p) {
        Rng rng = new Rng(11 + p.ordinal());
        int l = p == Precision.FLOAT64 ? Lanes.F64.length() : Lanes.F32.length();
        int nr = p == Precision.FLOAT64 ? DoubleGemm.NR : FloatGemm.NR;
        int[] sizes = {1, 2, l - 1, l, l + 1, nr - 1, nr, nr + 1, 5, 6, 7, 13, 31};
        int[] depths = {1, 3, 13, 64, 300};
        double[][] scalings = {{1, 0}, {1, 1}, {0.75, -1.5}, {-2, 0.5}, {0, 1}};
        for (int trial = 0; trial < 120; trial++) {
            int m = Math.max(1, sizes[rng.nextInt(sizes.length)]);
            int n = Math.max(1, sizes[rng.nextInt(sizes.length)]);
            int k = depths[rng.nextInt(depths.length)];
            double[] ab = scalings[trial % scalings.length];
            check(p, 1, rng, trial % 2 == 1, trial / 2 % 2 == 1, m, n, k, ab[0], ab[1]);
        }
    }

    /** Shapes that cross every blocking boundary: several K blocks, packed X, more than one Y slab. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void blockingBoundaries(Precision p) {
        Rng rng = new Rng(5);
        int[][] shapes = {
                {100, 64, 784},     // the MLP's W·A
                {100, 784, 10},     // Δ·Aᵀ at batch 10
                {100, 64, 10},      // Wᵀ·Δ when A is transposed: X read in place down its columns
                {13, 40, 600},      // the same over three K blocks, with a strip's leftover rows packed
                {207, 130, 513},    // packed X, three K blocks, row and panel remainders
                {13, 1100, 20},     // more than one Y slab (NC)
                {1100, 9, 17},      // transposed orientation, many strips
                {5, 64, 300},       // fewer rows than a strip: only the padded kernel runs
                {1, 1024, 1},
                {1024, 1, 3},
        };
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                check(p, 1, rng, t % 2 == 1, t / 2 == 1, s[0], s[1], s[2], 0.5, t == 3 ? 0.25 : 0);
            }
        }
    }

    /**
     * Split over two threads, the result is the same to the bit: each element sees the same operations. The
     * last two shapes cross K blocks and Y slabs inside each thread's part.
     */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void twoThreadsGiveTheSameBitsAsOne(Precision p) {
        Rng rng = new Rng(3);
        int[][] shapes = {{256, 256, 64}, {100, 784, 64}, {100, 64, 10}, {1024, 10, 100}, {10, 1024, 300}, {64, 64, 257},
                {64, 1100, 300}, {64, 1100, 600}};
        for (int[] s : shapes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = t % 2 == 1, tb = t / 2 == 1;
                double[] a = Twins.random(rng, s[0] * s[2], -1, 1), b = Twins.random(rng, s[2] * s[1], -1, 1);
                double[] c = Twins.random(rng, s[0] * s[1], -1, 1);
                double[][] out = new double[2][];
                for (int threads = 1; threads <= 2; threads++) {
                    Backend be = vector(p, threads);
                    Matrix A = ta ? be.fromArray(s[2], s[0], a) : be.fromArray(s[0], s[2], a);
                    Matrix B = tb ? be.fromArray(s[1], s[2], b) : be.fromArray(s[2], s[1], b);
                    Matrix C = be.fromArray(s[0], s[1], c);
                    be.gemm(ta, tb, 0.5, A, B, -1, C);
                    out[threads - 1] = C.toArray();
                }
                for (int i = 0; i < out[0].length; i++) {
                    assertEquals(out[0][i], out[1][i], 0.0, () -> "1 vs 2 threads differ for " + s[0] + "×" + s[1]
                            + "×" + s[2]);
                }
            }
        }
    }

    /**
     * The GEMM task on a pool of three and of four threads gives the bits of one thread. This machine may have
     * two processors, which caps the backend's threads, so the task and pool are driven directly: beyond two
     * threads the chunks of rows are taken in order rather than from both ends.
     */
    @Test
    void moreThreadsThanTwoGiveTheSameBitsAsOne() {
        Rng rng = new Rng(5);
        GemmTask single = new GemmTask(1);
        for (int threads = 3; threads <= 4; threads++) {
            GemmTask split = new GemmTask(threads);
            try (WorkerPool pool = new WorkerPool(threads, "gemm-twin-test")) {
                for (int[] s : new int[][]{{100, 64, 784}, {100, 784, 64}, {1024, 100, 10}, {64, 300, 1100}}) {
                    int m = s[0], n = s[1], k = s[2];
                    double[] a = Twins.random(rng, m * k, -1, 1), b = Twins.random(rng, k * n, -1, 1);
                    double[] c1 = Twins.random(rng, m * n, -1, 1), c2 = c1.clone();
                    single.gemm(null, false, false, 0.5, a, m, k, k, b, n, n, -1, c1);
                    split.gemm(pool, false, false, 0.5, a, m, k, k, b, n, n, -1, c2);
                    float[] fa = toFloat(a), fb = toFloat(b), f1 = toFloat(c1), f2 = f1.clone();
                    single.gemm(null, false, true, 0.5, fa, m, k, k, fb, n, k, 0, f1);
                    split.gemm(pool, false, true, 0.5, fa, m, k, k, fb, n, k, 0, f2);
                    for (int i = 0; i < m * n; i++) {
                        assertEquals(c1[i], c2[i], 0.0, threads + " threads differ from 1 for " + m + "×" + n + "×" + k);
                        assertEquals(f1[i], f2[i], 0.0, threads + " threads differ from 1 for " + m + "×" + n + "×" + k
                                + " (B transposed)");
                    }
                }
            }
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** β = 0 ignores C, so NaN there must not leak into the result (the BLAS convention the facade documents). */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void betaZeroIgnoresNaNInC(Precision p) {
        Backend be = vector(p, 1);
        Rng rng = new Rng(9);
        for (int[] s : new int[][]{{6, 8, 5}, {10, 3, 7}, {33, 17, 300}}) {
            Matrix a = be.fromArray(s[0], s[2], Twins.random(rng, s[0] * s[2], -1, 1));
            Matrix b = be.fromArray(s[2], s[1], Twins.random(rng, s[2] * s[1], -1, 1));
            double[] nan = new double[s[0] * s[1]];
            java.util.Arrays.fill(nan, Double.NaN);
            Matrix c = be.fromArray(s[0], s[1], nan);
            be.gemm(false, false, 1, a, b, 0, c);
            for (double v : c.toArray()) {
                assertTrue(Double.isFinite(v), "NaN in C leaked through β = 0");
            }
        }
    }

    @Test
    void theLayoutPicksTheOrientationThatCostsLess() {
        GemmLayout g = new GemmLayout();
        assertEquals(false, g.set(false, false, 100, 64, 784, 784, 64, 8, 6, 4).transposed, "64 columns fill the panels");
        assertEquals(false, g.set(false, false, 100, 10, 784, 784, 10, 8, 6, 4).transposed,
                "turning W·A at batch 10 around would save padding but transpose all of W");
        assertEquals(false, g.set(false, true, 100, 784, 10, 10, 10, 8, 6, 4).transposed,
                "Δ·Aᵀ at batch 10 would write its 100×784 C column by column");
        assertEquals(true, g.set(true, false, 1000, 3, 50, 1000, 3, 8, 6, 4).transposed,
                "C with 3 columns wastes 5 of 8 lanes, and Aᵀ is contiguous along C's 1000 rows");
        assertEquals(false, g.set(false, false, 8, 8, 3, 3, 8, 8, 6, 4).transposed, "a tie keeps the normal orientation");
    }

    private void check(Precision p, int threads, Rng rng, boolean ta, boolean tb, int m, int n, int k,
                       double alpha, double beta) {
        Backend be = vector(p, threads);
        Backend ref = Twins.reference(p);
        double[] a = Twins.random(rng, m * k, -1, 1), b = Twins.random(rng, k * n, -1, 1);
        double[] c = Twins.random(rng, m * n, -1, 1);
        Matrix[] A = ta ? Twins.pair(be, ref, k, m, a) : Twins.pair(be, ref, m, k, a);
        Matrix[] B = tb ? Twins.pair(be, ref, n, k, b) : Twins.pair(be, ref, k, n, b);
        Matrix[] C = Twins.pair(be, ref, m, n, c);
        double[] c0 = C[1].toArray();
        be.gemm(ta, tb, alpha, A[0], B[0], beta, C[0]);
        ref.gemm(ta, tb, alpha, A[1], B[1], beta, C[1]);
        double eps = p == Precision.FLOAT64 ? 0x1p-53 : 0x1p-24;
        List<String> bad = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double abs = 0;
                for (int q = 0; q < k; q++) {
                    abs += Math.abs(A[1].get(ta ? q : i, ta ? i : q) * B[1].get(tb ? j : q, tb ? q : j));
                }
                double bound = (k + 2) * eps * (Math.abs(alpha) * abs + Math.abs(beta * c0[i * n + j]))
                        + (p == Precision.FLOAT32 ? Math.ulp((float) C[1].get(i, j)) : 0);
                double diff = Math.abs(C[0].get(i, j) - C[1].get(i, j));
                if (!(diff <= bound) && bad.size() < 5) {
                    bad.add("(" + i + "," + j + "): " + C[0].get(i, j) + " vs " + C[1].get(i, j) + ", bound " + bound);
                }
            }
        }
        if (!bad.isEmpty()) {
            fail(p.shortName() + " gemm(" + ta + ", " + tb + ", α=" + alpha + ", β=" + beta + ") " + m + "×" + n + "×" + k
                    + " differs from the reference at " + bad);
        }
    }
}
