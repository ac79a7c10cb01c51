package dev.backprop.backend.vectorapi;

import dev.backprop.random.Rng;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The vectorised exponentials against their scalar twins (the same bits, lane by lane) and against
 * {@code Math.exp}/{@code Math.expm1} (the stated accuracy), over the whole useful range, the edges where
 * results overflow or underflow, and the special values.
 */
class VectorExpTest {

    private static final double[] SPECIAL = {0, -0.0, 1, -1, 1e-300, -1e-300, 0.5 * Math.log(2), -0.5 * Math.log(2),
            709.78, 709.79, 710, 1000, -708.39, -708.4, -745.1, -745.2, -746, -1000,
            88.72, 88.73, -87.33, -87.34, -103.9, -104, 1e-8, -1e-8,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    @Test
    void f64LanesEqualTheScalarTwinAndStayWithinTwoUlpOfMathExp() {
        double[] x = inputs(-750, 715);
        int l = Lanes.F64.length();
        double[] lanes = new double[x.length];
        double[] m1 = new double[x.length];
        for (int i = 0; i + l <= x.length; i += l) {
            VectorExp.exp(DoubleVector.fromArray(Lanes.F64, x, i)).intoArray(lanes, i);
            VectorExp.expm1NonPositive(DoubleVector.fromArray(Lanes.F64, x, i)).intoArray(m1, i);
        }
        double worst = 0, worstM1 = 0;
        for (int i = 0; i < x.length - x.length % l; i++) {
            double twin = VectorExp.exp(x[i]);
            assertEquals(Double.doubleToLongBits(twin), Double.doubleToLongBits(lanes[i]), () -> "lane and twin differ");
            assertEquals(Double.doubleToLongBits(VectorExp.expm1NonPositive(x[i])), Double.doubleToLongBits(m1[i]));
            double exact = Math.exp(x[i]);
            if (Double.isNaN(exact)) {
                assertTrue(Double.isNaN(twin), "NaN in, NaN out");
            } else if (exact >= Double.MIN_NORMAL || Double.isInfinite(exact)) {
                worst = Math.max(worst, Twins.ulps(dev.backprop.backend.Precision.FLOAT64, twin, exact));
            } else {
                assertEquals(exact, twin, Double.MIN_NORMAL * 0x1p-50, "subnormal results to within 2 units");
            }
            if (x[i] <= 0) {
                worstM1 = Math.max(worstM1, Twins.ulps(dev.backprop.backend.Precision.FLOAT64,
                        VectorExp.expm1NonPositive(x[i]), Math.expm1(x[i])));
            }
        }
        assertTrue(worst <= 2, "exp: worst error " + worst + " ulp");
        assertTrue(worstM1 <= 3, "expm1: worst error " + worstM1 + " ulp");
    }

    @Test
    void f32LanesEqualTheScalarTwinAndStayWithinTwoFloatUlpOfMathExp() {
        double[] xd = inputs(-110, 90);
        float[] x = new float[xd.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) xd[i];
        }
        int l = Lanes.F32.length();
        float[] lanes = new float[x.length], m1 = new float[x.length];
        for (int i = 0; i + l <= x.length; i += l) {
            VectorExp.exp(FloatVector.fromArray(Lanes.F32, x, i)).intoArray(lanes, i);
            VectorExp.expm1NonPositive(FloatVector.fromArray(Lanes.F32, x, i)).intoArray(m1, i);
        }
        double worst = 0, worstM1 = 0;
        for (int i = 0; i < x.length - x.length % l; i++) {
            float twin = VectorExp.exp(x[i]);
            assertEquals(Float.floatToIntBits(twin), Float.floatToIntBits(lanes[i]), "lane and twin differ");
            assertEquals(Float.floatToIntBits(VectorExp.expm1NonPositive(x[i])), Float.floatToIntBits(m1[i]));
            double exact = Math.exp(x[i]);
            if (Double.isNaN(exact)) {
                assertTrue(Float.isNaN(twin));
            } else if ((float) exact == Float.POSITIVE_INFINITY) {
                assertEquals(Float.POSITIVE_INFINITY, twin, "overflows to ∞ where float does");
            } else if (exact >= Float.MIN_NORMAL) {
                worst = Math.max(worst, Twins.ulps(dev.backprop.backend.Precision.FLOAT32, twin, exact));
            } else {
                assertEquals(exact, twin, Float.MIN_NORMAL * 0x1p-20, "subnormal results to within 8 units");
            }
            if (x[i] <= 0) {
                worstM1 = Math.max(worstM1, Twins.ulps(dev.backprop.backend.Precision.FLOAT32,
                        VectorExp.expm1NonPositive(x[i]), Math.expm1(x[i])));
            }
        }
        assertTrue(worst <= 2, "exp: worst error " + worst + " float ulp");
        assertTrue(worstM1 <= 3, "expm1: worst error " + worstM1 + " float ulp");
    }

    @Test
    void pow2ExactIsTheExponentBitsPowerForEveryWholeNumberOfItsRange() {
        for (int j = -538; j <= 512; j++) {
            assertEquals(VectorExp.pow2Bits(j), VectorExp.pow2Exact((double) j), "2^" + j + " in f64");
        }
        for (int j = -75; j <= 64; j++) {
            assertEquals(VectorExp.pow2BitsF(j), VectorExp.pow2Exact((float) j), "2^" + j + " in f32");
        }
    }

    /**
     * The second halves that the two-pass loops run against the one-loop twin, bit for bit: on the random inputs and
     * special values, and in f32 on every 61st float from 0 up to beyond both clamps, of either sign ({@code e^x − 1}
     * only where it is defined, {@code x ≤ 0} or NaN).
     */
    @Test
    void vectorizableFinishesGiveTheTwinsBits() {
        for (double x : inputs(-750, 715)) {
            assertEquals(Double.doubleToRawLongBits(VectorExp.exp(x)),
                    Double.doubleToRawLongBits(VectorExp.expFinishVectorizable(VectorExp.expStart(x), x)),
                    () -> "exp(" + x + ")");
            if (!(x > 0)) {
                assertEquals(Double.doubleToRawLongBits(VectorExp.expm1NonPositive(x)),
                        Double.doubleToRawLongBits(VectorExp.expm1NonPositiveFinishVectorizable(
                                VectorExp.expm1NonPositiveStart(x), x)), () -> "expm1(" + x + ")");
            }
        }
        int checked = 0;
        for (int bits = 0; bits <= Float.floatToRawIntBits(120f); bits += 61) {
            float x = Float.intBitsToFloat(bits);
            assertEquals(Float.floatToRawIntBits(VectorExp.exp(x)),
                    Float.floatToRawIntBits(VectorExp.expFinishVectorizable(VectorExp.expStart(x), x)),
                    () -> "exp(" + x + "f)");
            assertEquals(Float.floatToRawIntBits(VectorExp.exp(-x)),
                    Float.floatToRawIntBits(VectorExp.expFinishVectorizable(VectorExp.expStart(-x), -x)),
                    () -> "exp(-" + x + "f)");
            assertEquals(Float.floatToRawIntBits(VectorExp.expm1NonPositive(-x)),
                    Float.floatToRawIntBits(VectorExp.expm1NonPositiveFinishVectorizable(
                            VectorExp.expm1NonPositiveStart(-x), -x)), () -> "expm1(-" + x + "f)");
            checked += 2;
        }
        for (double xd : SPECIAL) {
            float x = (float) xd;
            assertEquals(Float.floatToRawIntBits(VectorExp.exp(x)),
                    Float.floatToRawIntBits(VectorExp.expFinishVectorizable(VectorExp.expStart(x), x)));
            if (!(x > 0)) {
                assertEquals(Float.floatToRawIntBits(VectorExp.expm1NonPositive(x)),
                        Float.floatToRawIntBits(VectorExp.expm1NonPositiveFinishVectorizable(
                                VectorExp.expm1NonPositiveStart(x), x)));
            }
        }
        assertTrue(checked > 30_000_000, "the sweep covers the range: " + checked);
    }

    /**
     * Seeded random inputs across [low, high], denser near 0, plus the special values: 2¹⁶ in all, a whole number
     * of vectors at every width, so that the special values at the end are compared lane against twin too.
     */
    private static double[] inputs(double low, double high) {
        Rng rng = new Rng(41);
        int n = (1 << 16) - SPECIAL.length;
        double[] x = new double[n + SPECIAL.length];
        for (int i = 0; i < n; i++) {
            x[i] = i % 4 == 0 ? rng.nextDouble(-1, 1) * Math.pow(10, -rng.nextInt(12)) : rng.nextDouble(low, high);
        }
        System.arraycopy(SPECIAL, 0, x, n, SPECIAL.length);
        return x;
    }
}
