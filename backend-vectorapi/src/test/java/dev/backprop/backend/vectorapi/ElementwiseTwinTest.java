package dev.backprop.backend.vectorapi;

import dev.backprop.backend.ActivationKind;
import dev.backprop.backend.Backend;
import dev.backprop.backend.CostKind;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.random.Rng;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.function.BiConsumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Every elementwise, column-wise and reduction kernel against the scalar reference, on seeded random inputs
 * over shapes whose widths hit every vector tail. Plain arithmetic must agree to a few ulp (f64 kernels use
 * the reference's very operations; f32 kernels compute in float where the reference rounds once from
 * double); exponentials within {@link VectorExp}'s error, which the tolerance states per precision.
 */
class ElementwiseTwinTest {

    /** Allowed error in ulp of the reference result, and an absolute floor for results near zero. */
    private static final double ULPS_EXACT = 2, ULPS_EXP = 8;

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

    @ParameterizedTest
    @EnumSource(Precision.class)
    void fusedBiasAndActivationMatchBiasThenActivation(Precision p) {
        for (ActivationKind f : ActivationKind.values()) {
            forShapes(p, f.name(), (be, ref) -> {
                Rng rng = new Rng(17);
                int rows = be.rows, cols = be.cols;
                double[] z = Twins.random(rng, rows * cols, -12, 12), b = Twins.random(rng, rows, -2, 2);
                Matrix[] Z = be.pair(z), B = be.pair(rows, 1, b), A = be.pair(new double[rows * cols]);
                be.vector.addBiasActivate(Z[0], B[0], f, A[0]);
                be.reference.addBiasActivate(Z[1], B[1], f, A[1]);
                // in place the kernels take their one-loop form, out of place (on JDK 17) sigmoid and tanh take two loops
                Matrix[] inPlace = be.pair(z);
                be.vector.addBiasActivate(inPlace[0], B[0], f, inPlace[0]);
                assertSameInPlace(be, f + " fused", inPlace[0], A[0]);
                be.assertClose("Z (biased)", Z, ULPS_EXACT);
                if (f == ActivationKind.SOFTMAX && p == Precision.FLOAT32) {
                    be.assertRelative("A", A, 24 * 2 * 0x1p-24 + ULPS_EXP * 0x1p-24);   // see activationsForward…
                } else {
                    be.assertClose("A", A, f == ActivationKind.RELU || f == ActivationKind.IDENTITY ? 0 : ULPS_EXP);
                }
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void activationsForwardInPlaceAndNot(Precision p) {
        forShapes(p, "activations", (be, ref) -> {
            Rng rng = new Rng(23);
            double[] z = Twins.random(rng, be.rows * be.cols, -30, 30);
            z[0] = 0;
            for (ActivationKind op : new ActivationKind[]{ActivationKind.SIGMOID, ActivationKind.TANH,
                    ActivationKind.RELU, ActivationKind.SOFTMAX}) {
                Matrix[] Z = be.pair(z), A = be.pair(new double[z.length]);
                be.vector.activate(op, Z[0], A[0]);
                be.reference.activate(op, Z[1], A[1]);
                if (op == ActivationKind.SOFTMAX && p == Precision.FLOAT32) {
                    // float rounds z − max (up to 60 here) to 2⁻²⁴ relative, and e^x turns that into relative error
                    be.assertRelative(op.name(), A, 60 * 0x1p-24 + ULPS_EXP * 0x1p-24);
                } else {
                    be.assertClose(op.name(), A, op == ActivationKind.RELU ? 0 : ULPS_EXP);
                }
                Matrix[] inPlace = be.pair(z);
                be.vector.activate(op, inPlace[0], inPlace[0]);
                assertSameInPlace(be, op.toString(), inPlace[0], A[0]);
            }
        });
    }

    /**
     * The f32 sigmoid gives its scalar twin's bits in every lane and tail, in place and not, with and without the
     * bias, on whichever ExpPath this JVM takes (the vector polynomial; or the scalar path's two loops out of
     * place and its one loop in place): a slip in any of them would otherwise show only as an error within the
     * 8-ulp tolerance against the reference. Inputs reach both clamps of exp's argument and the infinities;
     * SVML's exp has no bit-exact twin.
     */
    @Test
    void f32SigmoidIsItsScalarTwinBitForBit() {
        assumeFalse(ExpPath.SVML, "SVML's exp differs from Math.exp in the last bits");
        Rng rng = new Rng(31);
        for (int m : new int[]{1, 7, 16, 37, 64, 300}) {
            int rows = 3, n = rows * m;
            float[] z = new float[n], bias = new float[rows];
            for (int j = 0; j < n; j++) {
                z[j] = (float) rng.nextDouble(-120, 120);
            }
            z[0] = Float.POSITIVE_INFINITY;
            z[n - 1] = Float.NEGATIVE_INFINITY;
            z[n / 2] = -0f;
            for (int i = 0; i < rows; i++) {
                bias[i] = (float) rng.nextDouble(-2, 2);
            }
            float[] a = new float[n], inPlace = z.clone(), biasedZ = z.clone(), biasedA = new float[n];
            FloatKernels.activate(z, ActivationKind.SIGMOID, a, 0, n);
            FloatKernels.activate(inPlace, ActivationKind.SIGMOID, inPlace, 0, n);
            FloatKernels.addBiasActivate(biasedZ, bias, ActivationKind.SIGMOID, biasedA, m, 0, rows);
            for (int j = 0; j < n; j++) {
                float twin = FloatKernels.sigmoid(z[j]), biasedTwin = FloatKernels.sigmoid(z[j] + bias[j / m]);
                String at = " at m = " + m + ", element " + j + " (z = " + z[j] + ")";
                assertEquals(Float.floatToIntBits(twin), Float.floatToIntBits(a[j]), "sigmoid" + at);
                assertEquals(Float.floatToIntBits(twin), Float.floatToIntBits(inPlace[j]), "sigmoid in place" + at);
                assertEquals(Float.floatToIntBits(biasedTwin), Float.floatToIntBits(biasedA[j]), "biased sigmoid" + at);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void backwardKernels(Precision p) {
        forShapes(p, "backward", (be, ref) -> {
            Rng rng = new Rng(29);
            int n = be.rows * be.cols;
            double[] a = Twins.random(rng, n, 0.001, 0.999), dA = Twins.random(rng, n, -3, 3);
            double[] z = Twins.random(rng, n, -1, 1);
            for (ActivationKind op : new ActivationKind[]{ActivationKind.SIGMOID, ActivationKind.TANH,
                    ActivationKind.RELU, ActivationKind.SOFTMAX}) {
                Matrix[] Z = be.pair(z), A = be.pair(a), D = be.pair(dA), out = be.pair(new double[n]);
                be.vector.activateBackward(op, Z[0], A[0], D[0], out[0]);
                be.reference.activateBackward(op, Z[1], A[1], D[1], out[1]);
                if (op == ActivationKind.SOFTMAX) {
                    // dA − Σ dA·A cancels: the error is relative to Σ|dA·A| + |dA| (≤ 6 here), not to the result
                    be.assertCloseAbs(op + "Backward", out, 4 * (be.rows + 2) * 6 * eps(p));
                } else if (p == Precision.FLOAT32) {
                    // float's 1 − a or 1 − a² cancels near a = 1: the error is relative to |dA| (≤ 3), not the result
                    be.assertCloseAbs(op + "Backward", out, 4 * 3 * 2 * eps(p));
                } else {
                    be.assertClose(op + "Backward", out, ULPS_EXACT);  // the reference's very operations
                }
                be.vector.activateBackward(op, Z[0], A[0], D[0], D[0]);   // dZ may be dA
                assertEquals(0, maxDiff(D[0], out[0]), op + "Backward in place differs");
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void linearCombinationsAndReductions(Precision p) {
        forShapes(p, "linear", (be, ref) -> {
            Rng rng = new Rng(31);
            int n = be.rows * be.cols;
            double[] x = Twins.random(rng, n, -5, 5), y = Twins.random(rng, n, -5, 5);
            for (double[] ab : new double[][]{{-0.1, 0.9995}, {2, 0}, {1, 1}}) {
                Matrix[] X = be.pair(x), Y = be.pair(y);
                if (ab[1] == 0) {
                    be.vector.load(Y[0], nans(n));                 // β = 0 must not read Y
                }
                be.vector.axpby(ab[0], X[0], ab[1], Y[0]);
                be.reference.axpby(ab[0], X[1], ab[1], Y[1]);
                // α·x + β·y may cancel: bound the error by the terms' size (|x|, |y| ≤ 5), not the result's
                be.assertCloseAbs("axpby" + java.util.Arrays.toString(ab), Y,
                        4 * eps(p) * 5 * (Math.abs(ab[0]) + Math.abs(ab[1])));
            }
            Matrix[] X = be.pair(x), Y = be.pair(y), out = be.pair(new double[n]);
            Matrix[] Z0 = be.pair(y);
            be.vector.outputDelta(CostKind.CROSS_ENTROPY, ActivationKind.SIGMOID, Z0[0], X[0], Y[0], out[0]);
            be.reference.outputDelta(CostKind.CROSS_ENTROPY, ActivationKind.SIGMOID, Z0[1], X[1], Y[1], out[1]);
            be.assertCloseAbs("outputDelta (Δ = A − Y)", out, 10 * eps(p));
            Matrix[] sums = be.pair(be.rows, 1, new double[be.rows]);
            be.vector.sumColumns(0.125, X[0], sums[0]);
            be.reference.sumColumns(0.125, X[1], sums[1]);
            be.assertCloseAbs("sumColumns", sums, be.cols * 5 * eps(p));
            double qc = be.reference.cost(CostKind.QUADRATIC, X[1], Y[1]);
            assertEquals(qc, be.vector.cost(CostKind.QUADRATIC, X[0], Y[0]), n * 0x1p-52 * qc, "quadratic cost");
            Matrix[] copy = be.pair(new double[n]);
            be.vector.copy(X[0], copy[0]);
            assertEquals(0, maxDiff(copy[0], X[0]), "copy");
            Matrix[] Z = be.pair(x), B = be.pair(be.rows, 1, Twins.random(rng, be.rows, -1, 1));
            be.vector.addBias(Z[0], B[0]);
            be.reference.addBias(Z[1], B[1]);
            be.assertClose("addBias", Z, 0);
        });
    }

    // ---------------------------------------------------------------- plumbing

    private static double eps(Precision p) {
        return p == Precision.FLOAT64 ? 0x1p-52 : 0x1p-23;
    }

    private static double[] nans(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        return v;
    }

    /**
     * A kernel run in place gives the bits it gives out of place. Under SVML's exp only to within {@link #ULPS_EXP}:
     * that path is not bit-reproducible ({@link ExpPath}), since a call made before C2 has compiled the kernel takes
     * {@code Math.exp} lane by lane and a later one SVML, and the two differ in the last bits (softmax f64 10×1024
     * differed by 2.2e-16 in CI when the second call ran compiled).
     */
    private static void assertSameInPlace(Case be, String what, Matrix inPlace, Matrix outOfPlace) {
        if (ExpPath.SVML) {
            be.assertClose(what + " in place vs out of place", new Matrix[]{inPlace, outOfPlace}, ULPS_EXP);
        } else {
            assertEquals(0, maxDiff(inPlace, outOfPlace), what + " in place differs from out of place");
        }
    }

    private static double maxDiff(Matrix a, Matrix b) {
        double[] x = a.toArray(), y = b.toArray();
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            d = Math.max(d, Math.abs(x[i] - y[i]));
        }
        return d;
    }

    /** Runs {@code body} over shapes (rows × cols) whose widths cross every tail, for precision p. */
    private static void forShapes(Precision p, String what, BiConsumer<Case, Backend> body) {
        int[] widths = Twins.awkwardLengths();
        int[] heights = {1, 3, 10};
        for (int cols : widths) {
            for (int rows : heights) {
                Case c = new Case(p, vector(p), Twins.reference(p), rows, cols);
                try {
                    body.accept(c, c.reference);
                } catch (AssertionError e) {
                    throw new AssertionError(what + ", " + p.shortName() + " " + rows + "×" + cols + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** One shape on both backends. */
    private static final class Case {
        final Precision precision;
        final Backend vector, reference;
        final int rows, cols;

        Case(Precision precision, Backend vector, Backend reference, int rows, int cols) {
            this.precision = precision;
            this.vector = vector;
            this.reference = reference;
            this.rows = rows;
            this.cols = cols;
        }

        Matrix[] pair(double[] values) {
            return pair(rows, cols, values);
        }

        Matrix[] pair(int r, int c, double[] values) {
            return Twins.pair(vector, reference, r, c, values);
        }

        /** Each element within {@code ulps} ulp of the reference (or 1e-300 absolute, for underflowed ones). */
        void assertClose(String what, Matrix[] pair, double ulps) {
            double[] v = pair[0].toArray(), r = pair[1].toArray();
            for (int i = 0; i < v.length; i++) {
                double u = Twins.ulps(precision, v[i], r[i]);
                if (!(u <= ulps) && !(Math.abs(v[i] - r[i]) < 1e-300)) {
                    fail(what + "[" + i + "]: " + v[i] + " vs reference " + r[i] + " (" + u + " ulp, allowed " + ulps + ")");
                }
            }
        }

        /** Each element within {@code relative}·|reference| (or 1e-300 absolute, for underflowed ones). */
        void assertRelative(String what, Matrix[] pair, double relative) {
            double[] v = pair[0].toArray(), r = pair[1].toArray();
            for (int i = 0; i < v.length; i++) {
                if (!(Math.abs(v[i] - r[i]) <= relative * Math.abs(r[i])) && !(Math.abs(v[i] - r[i]) < 1e-300)) {
                    fail(what + "[" + i + "]: " + v[i] + " vs reference " + r[i] + ", allowed relative " + relative);
                }
            }
        }

        void assertCloseAbs(String what, Matrix[] pair, double tolerance) {
            double[] v = pair[0].toArray(), r = pair[1].toArray();
            for (int i = 0; i < v.length; i++) {
                if (!(Math.abs(v[i] - r[i]) <= tolerance)) {
                    fail(what + "[" + i + "]: " + v[i] + " vs reference " + r[i] + ", allowed " + tolerance);
                }
            }
        }
    }
}
