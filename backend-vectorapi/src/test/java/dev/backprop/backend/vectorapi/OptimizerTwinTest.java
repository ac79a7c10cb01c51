package dev.backprop.backend.vectorapi;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.OptimizerKind;
import dev.backprop.backend.Precision;
import dev.backprop.random.Rng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every fused optimizer kernel against the reference's rule ({@link OptimizerKind#apply} through the scalar
 * backend), on seeded random parameters, gradients and state over lengths that hit every vector tail, for three
 * consecutive steps (so the state the kernel wrote is read back). f64 kernels do the reference's operations in
 * its order: the results must be equal as numbers. f32 kernels compute in float: each result must lie within
 * 32 float ulp of the magnitudes of the terms that formed it (the kit's optimizer tolerance).
 */
class OptimizerTwinTest {

    private static final double U32 = 0x1p-24;
    private static final Backend[] OPEN = new Backend[2];

    @AfterAll
    static void close() {
        for (Backend b : OPEN) {
            if (b != null) {
                b.close();
            }
        }
    }

    private static Backend vector(Precision p) {
        if (OPEN[p.ordinal()] == null) {
            OPEN[p.ordinal()] = Twins.vector(p, 1);
        }
        return OPEN[p.ordinal()];
    }

    /** η, β₁, β₂, ε, δ per kind: L2 on where the kind takes it, RMSProp with momentum. */
    private static double[] scalars(OptimizerKind k) {
        return switch (k) {
            case SGD -> new double[]{0.5, 0, 0, 0, 0.9995};
            case MOMENTUM, NESTEROV -> new double[]{0.05, 0.9, 0, 0, 1e-3};
            case RMSPROP -> new double[]{0.01, 0.99, 0.5, 1e-8, 1e-3};
            case ADAM -> new double[]{2e-3, 0.9, 0.999, 1e-8, 1e-3};
            case ADAMW -> new double[]{2e-3, 0.85, 0.99, 1e-7, 1 - 2e-3 * 0.01};
        };
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void everyKernelMatchesTheReferenceRule(Precision p) {
        for (OptimizerKind k : OptimizerKind.values()) {
            for (boolean l2 : new boolean[]{false, true}) {
                for (int n : Twins.awkwardLengths()) {
                    try {
                        check(p, k, l2, 3, n);
                    } catch (AssertionError e) {
                        throw new AssertionError(k + (l2 ? " with L2" : "") + ", " + p.shortName() + ", 3×" + n + ": "
                                + e.getMessage(), e);
                    }
                }
            }
        }
    }

    /** RMSProp without momentum is a kernel of its own. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void rmspropWithoutMomentum(Precision p) {
        for (int n : Twins.awkwardLengths()) {
            Rng rng = new Rng(n);
            Matrix[] w = pair(p, 2, n, Twins.random(rng, 2 * n, -1, 1)), g = pair(p, 2, n, Twins.random(rng, 2 * n, -1, 1));
            Matrix[] s1 = pair(p, 2, n, Twins.random(rng, 2 * n, 0, 1)), s2 = pair(p, 2, n, new double[2 * n]);
            for (int t = 1; t <= 3; t++) {
                double[] w0 = w[1].toArray(), g0 = g[1].toArray(), v0 = s1[1].toArray();
                vector(p).optimizerStep(OptimizerKind.RMSPROP, w[0], g[0], s1[0], s2[0], 0.01, 0.99, 0, 1e-8, 0, t);
                Twins.reference(p).optimizerStep(OptimizerKind.RMSPROP, w[1], g[1], s1[1], s2[1], 0.01, 0.99, 0, 1e-8, 0, t);
                if (p == Precision.FLOAT64) {
                    assertArrayEquals(w[1].toArray(), w[0].toArray(), "W after step " + t);
                    assertArrayEquals(s1[1].toArray(), s1[0].toArray(), "V after step " + t);
                } else {
                    double[] scale = new double[w0.length];
                    for (int i = 0; i < scale.length; i++) {
                        scale[i] = Math.abs(w0[i]) + 0.01 * Math.abs(g0[i]) / (Math.sqrt(0.99 * v0[i] + 0.01 * g0[i] * g0[i]) + 1e-8);
                    }
                    within("W after step " + t, w, scale);
                }
                assertArrayEquals(new double[2 * n], s2[0].toArray(), "S2 stays zero without momentum");
            }
        }
    }

    /** Two threads split a large tensor into ranges; every element is computed alone, so the bits are the same. */
    @Test
    void twoThreadsGiveTheSameBitsAsOne() {
        int n = OptimizerTask.MIN_SPLIT + 77;
        for (Precision p : Precision.values()) {
            try (Backend two = Twins.vector(p, 2)) {
                for (OptimizerKind k : OptimizerKind.values()) {
                    Rng rng = new Rng(k.ordinal());
                    double[] w = Twins.random(rng, n, -1, 1), g = Twins.random(rng, n, -1, 1);
                    double[] a = Twins.random(rng, n, -1, 1), b = Twins.random(rng, n, 0, 1);
                    Matrix[] one = step(vector(p), k, w, g, a, b), split = step(two, k, w, g, a, b);
                    for (int i = 0; i < one.length; i++) {
                        if (one[i] != null) {
                            assertArrayEquals(one[i].toArray(), split[i].toArray(), k + " " + p.shortName() + " tensor " + i);
                        }
                    }
                }
            }
        }
    }

    private static Matrix[] step(Backend be, OptimizerKind k, double[] w, double[] g, double[] s1, double[] s2) {
        int n = w.length;
        Matrix W = be.fromArray(1, n, w), G = be.fromArray(1, n, g);
        Matrix S1 = k.stateTensors() > 0 ? be.fromArray(1, n, k == OptimizerKind.RMSPROP ? s2 : s1) : null;
        Matrix S2 = k.stateTensors() > 1 ? be.fromArray(1, n, k == OptimizerKind.RMSPROP ? s1 : s2) : null;
        double[] s = scalars(k);
        be.optimizerStep(k, W, G, S1, S2, s[0], s[1], s[2], s[3], s[4], 4);
        return new Matrix[]{W, S1, S2};
    }

    private static void check(Precision p, OptimizerKind k, boolean l2, int rows, int cols) {
        Rng rng = new Rng(31L * cols + k.ordinal());
        int n = rows * cols;
        double[] s = scalars(k);
        double decay = l2 || k == OptimizerKind.SGD || k == OptimizerKind.ADAMW ? s[4] : 0;
        boolean rms = k == OptimizerKind.RMSPROP;
        Matrix[] w = pair(p, rows, cols, Twins.random(rng, n, -1, 1)), g = pair(p, rows, cols, Twins.random(rng, n, -1, 1));
        Matrix[] s1 = k.stateTensors() > 0 ? pair(p, rows, cols, Twins.random(rng, n, rms ? 0 : -1, 1)) : null;
        Matrix[] s2 = k.stateTensors() > 1 ? pair(p, rows, cols, Twins.random(rng, n, rms ? -1 : 0, 1)) : null;
        for (int t = 1; t <= 3; t++) {
            if (p == Precision.FLOAT32) {
                sync(w, s1, s2);                   // float results differ by rounding: each step starts from equal inputs
            }
            double[][] before = {w[1].toArray(), g[1].toArray(), s1 == null ? null : s1[1].toArray(),
                    s2 == null ? null : s2[1].toArray()};
            vector(p).optimizerStep(k, w[0], g[0], s1 == null ? null : s1[0], s2 == null ? null : s2[0], s[0], s[1], s[2],
                    s[3], decay, t);
            Twins.reference(p).optimizerStep(k, w[1], g[1], s1 == null ? null : s1[1], s2 == null ? null : s2[1], s[0],
                    s[1], s[2], s[3], decay, t);
            if (p == Precision.FLOAT64) {
                equalAsNumbers("W after step " + t, w);
                if (s1 != null) {
                    equalAsNumbers("S1 after step " + t, s1);
                }
                if (s2 != null) {
                    equalAsNumbers("S2 after step " + t, s2);
                }
            } else {
                double[][] m = magnitudes(k, before, s, decay, t);
                within("W after step " + t, w, m[0]);
                if (s1 != null) {
                    within("S1 after step " + t, s1, m[1]);
                }
                if (s2 != null) {
                    within("S2 after step " + t, s2, m[2]);
                }
            }
            g = pair(p, rows, cols, Twins.random(rng, n, -1, 1));          // a new gradient for the next step
        }
    }

    private static void sync(Matrix[]... pairs) {
        for (Matrix[] pair : pairs) {
            if (pair != null) {
                vector(pair[0].precision()).load(pair[0], pair[1].toArray());
            }
        }
    }

    /** The magnitudes of the terms behind W, S1 and S2 after one step: the rule on absolute values, all sums. */
    private static double[][] magnitudes(OptimizerKind k, double[][] in, double[] s, double decay, long t) {
        double[] w = in[0], g = in[1], s1 = in[2], s2 = in[3];
        int n = w.length;
        double[][] out = new double[3][n];
        double eta = s[0], b1 = s[1], b2 = s[2], eps = s[3];
        for (int i = 0; i < n; i++) {
            double aw = Math.abs(w[i]);
            double gh = Math.abs(g[i]) + (k == OptimizerKind.SGD || k == OptimizerKind.ADAMW ? 0 : Math.abs(decay) * aw);
            switch (k) {
                case SGD -> out[0][i] = eta * gh + Math.abs(decay) * aw;
                case MOMENTUM, NESTEROV -> {
                    double b = Math.abs(s1[i]) * b1 + gh;
                    out[1][i] = b;
                    out[0][i] = aw + eta * (k == OptimizerKind.NESTEROV ? gh + b1 * b : b);
                }
                case RMSPROP -> {
                    double v = s1[i] * b1 + (1 - b1) * gh * gh;
                    double d = Math.sqrt(v) + eps;
                    double b = Math.abs(s2[i]) * b2 + gh / d;
                    out[1][i] = v;
                    out[2][i] = b;
                    out[0][i] = aw + eta * b;
                }
                case ADAM, ADAMW -> {
                    double m = Math.abs(s1[i]) * b1 + (1 - b1) * gh;
                    double v = s2[i] * b2 + (1 - b2) * gh * gh;
                    double d = Math.sqrt(v) / Math.sqrt(OptimizerKind.biasCorrection(b2, t)) + eps;
                    out[1][i] = m;
                    out[2][i] = v;
                    out[0][i] = (k == OptimizerKind.ADAMW ? decay : 1) * aw
                            + eta / OptimizerKind.biasCorrection(b1, t) * m / d;
                }
            }
        }
        return out;
    }

    private static Matrix[] pair(Precision p, int rows, int cols, double[] values) {
        return Twins.pair(vector(p), Twins.reference(p), rows, cols, values);
    }

    private static void equalAsNumbers(String what, Matrix[] pair) {
        double[] v = pair[0].toArray(), r = pair[1].toArray();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] == r[i])) {
                fail(what + "[" + i + "]: " + v[i] + " vs reference " + r[i]);
            }
        }
    }

    private static void within(String what, Matrix[] pair, double[] scale) {
        double[] v = pair[0].toArray(), r = pair[1].toArray();
        for (int i = 0; i < v.length; i++) {
            double allowed = 32 * U32 * scale[i] + Float.MIN_NORMAL;
            if (!(Math.abs(v[i] - r[i]) <= allowed)) {
                fail(what + "[" + i + "]: " + v[i] + " vs reference " + r[i] + ", allowed " + allowed);
            }
        }
    }
}
