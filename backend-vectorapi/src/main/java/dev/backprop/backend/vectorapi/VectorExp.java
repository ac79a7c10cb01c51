package dev.backprop.backend.vectorapi;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vectorised {@code e^x} and {@code e^x − 1}, each beside its scalar twin, which performs the very same
 * IEEE operations (fused multiply-adds included) and so returns the very same bits: tails of arrays use the
 * twin, and a result never depends on where in the array an element sits.
 *
 * <p>Why our own: on JDK 17 and 25 {@code VectorOperators.EXP} calls Intel's SVML stubs, but {@code TANH}
 * on f64 was measured at ~30–45 ns per element on this AMD CPU (a Java fallback), and SVML's results differ
 * between JDK builds. A polynomial gives the same gradients on every JDK.
 *
 * <p>Method (both precisions): {@code x = k·ln 2 + r} with {@code k = round(x/ln 2)}, {@code |r| ≤ ln2/2},
 * r computed with a two-part ln 2 (Cody–Waite); {@code e^r − 1} by its Taylor polynomial (degree 13 for
 * f64, whose first omitted term is below 2⁻⁵² relative; degree 7 for f32); {@code 2^k} built in the exponent
 * bits, split into two factors so that overflow to ∞ and gradual underflow to 0 come out of the arithmetic
 * instead of special cases. Accuracy, checked against {@code Math.exp}/{@code Math.expm1} by the twin tests:
 * within 2 ulp (f64) and 2 ulp of float (f32) for normal results; NaN in, NaN out.
 */
final class VectorExp {

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 in two parts: the high part has trailing zero bits, so {@code k·LN2_HI} is exact. */
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** 1.5·2⁵²: adding it rounds to an integer and leaves that integer in the low mantissa bits. */
    private static final double SHIFT = 0x1.8p52;
    /** Inputs are clamped here: beyond, e^x is already ∞ or 0 and k must stay representable. */
    private static final double MAX_IN = 710, MIN_IN = -746;
    /** 1/n!, the Taylor coefficients. */
    private static final double F2 = 1.0 / 2, F3 = 1.0 / 6, F4 = 1.0 / 24, F5 = 1.0 / 120, F6 = 1.0 / 720,
            F7 = 1.0 / 5040, F8 = 1.0 / 40320, F9 = 1.0 / 362880, F10 = 1.0 / 3628800, F11 = 1.0 / 39916800,
            F12 = 1.0 / 479001600, F13 = 1.0 / 6227020800.0;

    private static final float LOG2E_F = 1.44269504f;
    private static final float LN2_HI_F = 0.693359375f;        // 8 significant bits: k·LN2_HI_F exact for |k| < 2¹⁵
    private static final float LN2_LO_F = -2.12194440e-4f;
    private static final float SHIFT_F = 0x1.8p23f;
    private static final float MAX_IN_F = 89, MIN_IN_F = -104;

    private VectorExp() {
    }

    // ---------------------------------------------------------------- f64

    /** {@code e^x} lane by lane. */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.max(MIN_IN).min(MAX_IN);
        DoubleVector t = xc.fma(LOG2E, SHIFT);                 // round(x·log2 e) + SHIFT
        DoubleVector k = t.sub(SHIFT);
        DoubleVector r = k.mul(-LN2_HI).add(xc);               // exact: k·LN2_HI has no rounding
        r = k.fma(d(-LN2_LO), r);
        DoubleVector p = expm1Reduced(r);
        DoubleVector half = k.fma(0.5, SHIFT);                  // k1 = round(k/2) + SHIFT, k2 = k − k1
        DoubleVector k1 = half.sub(SHIFT);
        DoubleVector s1 = pow2(half);
        DoubleVector s2 = pow2(k.sub(k1).add(SHIFT));
        return p.fma(s1, s1).mul(s2);                          // 2^k·(1 + p), overflow/underflow in the last step
    }

    /** Scalar twin of {@link #exp(DoubleVector)}: the same operations, the same bits. */
    static double exp(double x) {
        double xc = Math.min(Math.max(x, MIN_IN), MAX_IN);
        double t = Math.fma(xc, LOG2E, SHIFT);
        double k = t - SHIFT;
        double r = k * -LN2_HI + xc;
        r = Math.fma(k, -LN2_LO, r);
        double p = expm1Reduced(r);
        double half = Math.fma(k, 0.5, SHIFT);
        double k1 = half - SHIFT;
        double s1 = pow2(half);
        double s2 = pow2(k - k1 + SHIFT);
        return Math.fma(p, s1, s1) * s2;
    }

    /**
     * {@code e^x − 1} for {@code x ≤ 0} (what tanh needs), accurate relative to the result even for tiny x:
     * {@code 2^k·(1 + p) − 1} is formed as {@code 2^k·p + (2^k − 1)}, with no cancellation.
     */
    static DoubleVector expm1NonPositive(DoubleVector x) {
        DoubleVector xc = x.max(-40.0);                        // e^−40 − 1 is −1 to double precision
        DoubleVector t = xc.fma(LOG2E, SHIFT);
        DoubleVector k = t.sub(SHIFT);
        DoubleVector r = k.mul(-LN2_HI).add(xc);               // exact: k·LN2_HI has no rounding
        r = k.fma(d(-LN2_LO), r);
        DoubleVector p = expm1Reduced(r);
        DoubleVector s = pow2(t);
        return p.fma(s, s.sub(1.0));
    }

    /** Scalar twin of {@link #expm1NonPositive(DoubleVector)}. */
    static double expm1NonPositive(double x) {
        double xc = Math.max(x, -40.0);
        double t = Math.fma(xc, LOG2E, SHIFT);
        double k = t - SHIFT;
        double r = k * -LN2_HI + xc;
        r = Math.fma(k, -LN2_LO, r);
        double p = expm1Reduced(r);
        double s = pow2(t);
        return Math.fma(p, s, s - 1.0);
    }

    /** {@code e^r − 1} for {@code |r| ≤ ln2/2}: {@code r + r²·(1/2! + r·(1/3! + …))}. */
    private static DoubleVector expm1Reduced(DoubleVector r) {
        DoubleVector q = r.fma(F13, F12);
        q = q.fma(r, d(F11));
        q = q.fma(r, d(F10));
        q = q.fma(r, d(F9));
        q = q.fma(r, d(F8));
        q = q.fma(r, d(F7));
        q = q.fma(r, d(F6));
        q = q.fma(r, d(F5));
        q = q.fma(r, d(F4));
        q = q.fma(r, d(F3));
        q = q.fma(r, d(F2));
        return q.mul(r).fma(r, r);
    }

    private static double expm1Reduced(double r) {
        double q = Math.fma(r, F13, F12);
        q = Math.fma(q, r, F11);
        q = Math.fma(q, r, F10);
        q = Math.fma(q, r, F9);
        q = Math.fma(q, r, F8);
        q = Math.fma(q, r, F7);
        q = Math.fma(q, r, F6);
        q = Math.fma(q, r, F5);
        q = Math.fma(q, r, F4);
        q = Math.fma(q, r, F3);
        q = Math.fma(q, r, F2);
        return Math.fma(q * r, r, r);
    }

    private static DoubleVector d(double c) {
        return DoubleVector.broadcast(Lanes.F64, c);
    }

    /** {@code 2^k} from {@code t = k + SHIFT}: k sits in t's low mantissa bits; move it to the exponent. */
    private static DoubleVector pow2(DoubleVector t) {
        return t.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(1023L << 52).reinterpretAsDoubles();
    }

    private static double pow2(double t) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(t) << 52) + (1023L << 52));
    }

    // ---------------------------------------------------------------- f32

    /** {@code e^x} lane by lane, in float. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(MIN_IN_F).min(MAX_IN_F);
        FloatVector t = xc.fma(LOG2E_F, SHIFT_F);
        FloatVector k = t.sub(SHIFT_F);
        FloatVector r = k.mul(-LN2_HI_F).add(xc);
        r = k.fma(f(-LN2_LO_F), r);
        FloatVector p = expm1Reduced(r);
        FloatVector half = k.fma(0.5f, SHIFT_F);
        FloatVector k1 = half.sub(SHIFT_F);
        FloatVector s1 = pow2(half);
        FloatVector s2 = pow2(k.sub(k1).add(SHIFT_F));
        return p.fma(s1, s1).mul(s2);
    }

    /** Scalar twin of {@link #exp(FloatVector)}. */
    static float exp(float x) {
        float xc = Math.min(Math.max(x, MIN_IN_F), MAX_IN_F);
        float t = Math.fma(xc, LOG2E_F, SHIFT_F);
        float k = t - SHIFT_F;
        float r = k * -LN2_HI_F + xc;
        r = Math.fma(k, -LN2_LO_F, r);
        float p = expm1Reduced(r);
        float half = Math.fma(k, 0.5f, SHIFT_F);
        float k1 = half - SHIFT_F;
        float s1 = pow2(half);
        float s2 = pow2(k - k1 + SHIFT_F);
        return Math.fma(p, s1, s1) * s2;
    }

    /** {@code e^x − 1} for {@code x ≤ 0}, in float; see the f64 version. */
    static FloatVector expm1NonPositive(FloatVector x) {
        FloatVector xc = x.max(-20f);                          // e^−20 − 1 is −1 to float precision
        FloatVector t = xc.fma(LOG2E_F, SHIFT_F);
        FloatVector k = t.sub(SHIFT_F);
        FloatVector r = k.mul(-LN2_HI_F).add(xc);
        r = k.fma(f(-LN2_LO_F), r);
        FloatVector p = expm1Reduced(r);
        FloatVector s = pow2(t);
        return p.fma(s, s.sub(1f));
    }

    /** Scalar twin of {@link #expm1NonPositive(FloatVector)}. */
    static float expm1NonPositive(float x) {
        float xc = Math.max(x, -20f);
        float t = Math.fma(xc, LOG2E_F, SHIFT_F);
        float k = t - SHIFT_F;
        float r = k * -LN2_HI_F + xc;
        r = Math.fma(k, -LN2_LO_F, r);
        float p = expm1Reduced(r);
        float s = pow2(t);
        return Math.fma(p, s, s - 1f);
    }

    /** {@code e^r − 1} for {@code |r| ≤ ln2/2}, degree 7: {@code r + r²·(1/2! + r·(1/3! + … + r/7!))}. */
    private static FloatVector expm1Reduced(FloatVector r) {
        FloatVector q = r.fma(1f / 5040, 1f / 720);
        q = q.fma(r, f(1f / 120));
        q = q.fma(r, f(1f / 24));
        q = q.fma(r, f(1f / 6));
        q = q.fma(r, f(0.5f));
        return q.mul(r).fma(r, r);
    }

    private static float expm1Reduced(float r) {
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(r, 1f / 5040, 1f / 720), r, 1f / 120), r, 1f / 24),
                r, 1f / 6), r, 0.5f);
        return Math.fma(q * r, r, r);
    }

    private static FloatVector f(float c) {
        return FloatVector.broadcast(Lanes.F32, c);
    }

    private static FloatVector pow2(FloatVector t) {
        return t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(127 << 23).reinterpretAsFloats();
    }

    private static float pow2(float t) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(t) << 23) + (127 << 23));
    }
}
