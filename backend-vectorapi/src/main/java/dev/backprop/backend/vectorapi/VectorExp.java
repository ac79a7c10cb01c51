package dev.backprop.backend.vectorapi;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LT;

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
 *
 * <p>Why the vector methods are written out flat, with the polynomial and {@code 2^k} inline rather than in
 * helpers like their scalar twins: a vector method that C2 does not inline must take and return its vectors as
 * heap objects. JDK 17's C2 stops inlining ordinary calls once a compilation passes a node budget (its
 * {@code NodeCountInliningCutoff}), and one exp inlined into an activation loop comes close to it: in some JVMs
 * the last helper call of exp was left out and every element boxed (about 0.6–0.9 MB per training step of
 * 784-100-10 at batch 64, 15% slower). Calls into the Vector API itself are force-inlined and not subject to
 * that budget, so a flat method has no call to lose.
 *
 * <p>Written for latency: an activation loop is one long dependency chain per vector, and C2 keeps only two or
 * three iterations in flight. So the f64 polynomial is evaluated by Estrin's scheme (powers r², r⁴, r⁸ and
 * pairs of coefficients in parallel: a chain of five multiply-adds instead of Horner's twelve), and inputs are
 * clamped by compare and blend rather than {@code max}/{@code min}, whose Java semantics (NaN, −0.0) cost C2
 * five instructions each; a NaN is not below or above any bound, so it passes through either way. The f64
 * sigmoid of 100×64 elements with a bias (JMH ActivationBenchmark.biasedForward, JDK 25, Zen 2) ran 1.24×
 * faster with Estrin and 1.41× with both; the f32 sigmoid 1.16× with the blends. The f32 polynomial stays in
 * Horner form: Estrin made it only 1.04× faster on JDK 25, and on JDK 17 C2 no longer auto-vectorized its
 * scalar twin in {@link #expStart(float)}'s pass, which then ran at 0.56× (the f64 twin's pass: 1.02–1.04×).
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
    /** ln 2, for {@link #pow2Exact(double)}'s polynomial (not for the range reduction, which splits it). */
    private static final double LN2 = 0.6931471805599453;
    private static final float LN2_F = 0.6931472f;

    private static final VectorSpecies<Double> F64 = Lanes.F64;
    private static final VectorSpecies<Float> F32 = Lanes.F32;
    /**
     * The f64 constants as vectors, read from fields: with a broadcast call per coefficient, exp's bytecode
     * passed C2's 325-byte limit for inlining a hot method, and a call left out boxes its vectors.
     */
    private static final DoubleVector V_LN2_LO = DoubleVector.broadcast(F64, -LN2_LO),
            VF13 = DoubleVector.broadcast(F64, F13), VF12 = DoubleVector.broadcast(F64, F12),
            VF11 = DoubleVector.broadcast(F64, F11), VF10 = DoubleVector.broadcast(F64, F10),
            VF9 = DoubleVector.broadcast(F64, F9), VF8 = DoubleVector.broadcast(F64, F8),
            VF7 = DoubleVector.broadcast(F64, F7), VF6 = DoubleVector.broadcast(F64, F6),
            VF5 = DoubleVector.broadcast(F64, F5), VF4 = DoubleVector.broadcast(F64, F4),
            VF3 = DoubleVector.broadcast(F64, F3), VF2 = DoubleVector.broadcast(F64, F2);

    private VectorExp() {
    }

    // ---------------------------------------------------------------- f64

    /** {@code e^x} lane by lane. */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector xc = x.blend(MIN_IN, x.compare(LT, MIN_IN));   // clamped: see the class comment
        xc = xc.blend(MAX_IN, xc.compare(GT, MAX_IN));
        DoubleVector t = xc.fma(LOG2E, SHIFT);                 // round(x·log2 e) + SHIFT
        DoubleVector k = t.sub(SHIFT);
        DoubleVector r = k.mul(-LN2_HI).add(xc);               // exact: k·LN2_HI has no rounding
        r = k.fma(V_LN2_LO, r);
        DoubleVector r2 = r.mul(r), r4 = r2.mul(r2), r8 = r4.mul(r4);   // p = e^r − 1, as expm1Reduced(double)
        DoubleVector b0 = r.fma(VF5, VF4).fma(r2, r.fma(VF3, VF2));
        DoubleVector b1 = r.fma(VF9, VF8).fma(r2, r.fma(VF7, VF6));
        DoubleVector b2 = r.fma(VF13, VF12).fma(r2, r.fma(VF11, VF10));
        DoubleVector p = b2.fma(r8, b1.fma(r4, b0)).mul(r).fma(r, r);
        DoubleVector half = k.fma(0.5, SHIFT);                  // k1 = round(k/2) + SHIFT, k2 = k − k1
        DoubleVector k1 = half.sub(SHIFT);
        DoubleVector s1 = half.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(1023L << 52)
                .reinterpretAsDoubles();                        // 2^k1, as pow2(double)
        DoubleVector s2 = k.sub(k1).add(SHIFT).reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52)
                .add(1023L << 52).reinterpretAsDoubles();       // 2^k2
        return p.fma(s1, s1).mul(s2);                          // 2^k·(1 + p), overflow/underflow in the last step
    }

    /**
     * Scalar twin of {@link #exp(DoubleVector)}: the same operations, the same bits, written as its two halves
     * ({@link #expStart(double)}, {@link #expFinish(double, double)}), which the scalar path's kernels also run
     * as two loops.
     */
    static double exp(double x) {
        return expFinish(expStart(x), x);
    }

    /**
     * The first half of {@link #exp(double)}: {@code p = e^r − 1} for x's reduced argument r. With
     * {@link #expFinish(double, double)} it is exp cut in two for loops that take every element through this half
     * first: this half is plain double arithmetic (no bits moved between registers), which C2's auto-vectorizer
     * compiles to SIMD code without the Vector API. The pair is the scalar twin; its bits equal the vector lanes'.
     */
    static double expStart(double x) {
        double xc = Math.min(Math.max(x, MIN_IN), MAX_IN);
        double k = Math.fma(xc, LOG2E, SHIFT) - SHIFT;
        double r = k * -LN2_HI + xc;
        return expm1Reduced(Math.fma(k, -LN2_LO, r));
    }

    /**
     * The second half of {@link #exp(double)}: {@code e^x} from x and {@code p = expStart(x)}. The clamp is
     * written with comparisons, which in scalar code cost less than {@code Math.min}/{@code Math.max} and give the
     * same value for these non-zero bounds, NaN included.
     */
    static double expFinish(double p, double x) {
        double xc = x < MIN_IN ? MIN_IN : x > MAX_IN ? MAX_IN : x;
        double k = Math.fma(xc, LOG2E, SHIFT) - SHIFT;
        double half = Math.fma(k, 0.5, SHIFT);
        double k1 = half - SHIFT;
        double s1 = pow2(half);
        double s2 = pow2(k - k1 + SHIFT);
        return Math.fma(p, s1, s1) * s2;
    }

    /**
     * {@link #expFinish(double, double)} for loops that C2's auto-vectorizer should compile, as the scalar path's
     * two-pass kernels run it on JDK 17: the same bits for every x with {@code p = expStart(x)} (NaN included, as
     * p is then NaN), but {@code 2^k1} is built by multiplications ({@link #pow2Exact(double)}) and {@code 2^k2}
     * from it, where {@link #pow2(double)} moves bits between registers, which that vectorizer leaves scalar
     * (and so the whole loop). Slower than expFinish in scalar code, so the one-loop twin keeps expFinish.
     */
    static double expFinishVectorizable(double p, double x) {
        double xc = Math.min(Math.max(x, MIN_IN), MAX_IN);
        double k = Math.fma(xc, LOG2E, SHIFT) - SHIFT;
        double k1 = Math.fma(k, 0.5, SHIFT) - SHIFT;           // round(k/2), ties to even, in [−538, 512]
        double d = k - k1 - k1;                                // k2 − k1 ∈ {−1, 0, 1}
        double s1 = pow2Exact(k1);
        double s2 = s1 * Math.fma(d, Math.fma(d, 0.25, 0.75), 1.0);   // 2^k2 = 2^k1·2^d; 2^d exact for those d
        return Math.fma(p, s1, s1) * s2;
    }

    /**
     * {@code e^x − 1} for {@code x ≤ 0} (what tanh needs), accurate relative to the result even for tiny x:
     * {@code 2^k·(1 + p) − 1} is formed as {@code 2^k·p + (2^k − 1)}, with no cancellation.
     */
    static DoubleVector expm1NonPositive(DoubleVector x) {
        DoubleVector xc = x.blend(-40.0, x.compare(LT, -40.0));   // e^−40 − 1 is −1 to double precision
        DoubleVector t = xc.fma(LOG2E, SHIFT);
        DoubleVector k = t.sub(SHIFT);
        DoubleVector r = k.mul(-LN2_HI).add(xc);               // exact: k·LN2_HI has no rounding
        r = k.fma(V_LN2_LO, r);
        DoubleVector r2 = r.mul(r), r4 = r2.mul(r2), r8 = r4.mul(r4);   // p = e^r − 1, as expm1Reduced(double)
        DoubleVector b0 = r.fma(VF5, VF4).fma(r2, r.fma(VF3, VF2));
        DoubleVector b1 = r.fma(VF9, VF8).fma(r2, r.fma(VF7, VF6));
        DoubleVector b2 = r.fma(VF13, VF12).fma(r2, r.fma(VF11, VF10));
        DoubleVector p = b2.fma(r8, b1.fma(r4, b0)).mul(r).fma(r, r);
        DoubleVector s = t.reinterpretAsLongs().lanewise(VectorOperators.LSHL, 52).add(1023L << 52)
                .reinterpretAsDoubles();                        // 2^k, as pow2(double)
        return p.fma(s, s.sub(1.0));
    }

    /** Scalar twin of {@link #expm1NonPositive(DoubleVector)}, as its two halves. */
    static double expm1NonPositive(double x) {
        return expm1NonPositiveFinish(expm1NonPositiveStart(x), x);
    }


    /** The first half of {@link #expm1NonPositive(double)}, as {@link #expStart(double)} is of exp. */
    static double expm1NonPositiveStart(double x) {
        double xc = Math.max(x, -40.0);
        double k = Math.fma(xc, LOG2E, SHIFT) - SHIFT;
        double r = k * -LN2_HI + xc;
        return expm1Reduced(Math.fma(k, -LN2_LO, r));
    }

    /** The second half of {@link #expm1NonPositive(double)}, from x and {@code p = expm1NonPositiveStart(x)}. */
    static double expm1NonPositiveFinish(double p, double x) {
        double s = pow2(Math.fma(x < -40.0 ? -40.0 : x, LOG2E, SHIFT));
        return Math.fma(p, s, s - 1.0);
    }

    /** {@link #expm1NonPositiveFinish(double, double)} for vectorized loops, as {@link #expFinishVectorizable(double, double)} is of expFinish. */
    static double expm1NonPositiveFinishVectorizable(double p, double x) {
        double s = pow2Exact(Math.fma(Math.max(x, -40.0), LOG2E, SHIFT) - SHIFT);   // k in [−58, 0]
        return Math.fma(p, s, s - 1.0);
    }

    private static double expm1Reduced(double r) {
        double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
        double b0 = Math.fma(Math.fma(r, F5, F4), r2, Math.fma(r, F3, F2));
        double b1 = Math.fma(Math.fma(r, F9, F8), r2, Math.fma(r, F7, F6));
        double b2 = Math.fma(Math.fma(r, F13, F12), r2, Math.fma(r, F11, F10));
        return Math.fma(Math.fma(b2, r8, Math.fma(b1, r4, b0)) * r, r, r);
    }



    private static double pow2(double t) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(t) << 52) + (1023L << 52));
    }

    /**
     * {@code 2^j} for a whole number j in [−538, 512], exactly, from multiplications and additions only (so that
     * JDK 17's auto-vectorizer compiles it): {@code u ≈ 2^(j/1024)} by the degree-4 Taylor polynomial of
     * {@code e^w} (relative error below 1e-4), squared ten times to {@code 2^j} within 9%, then rounded to two
     * significant bits by Veltkamp's split ({@code g = (2⁵¹ + 1)·u; g − (g − u)}), which only {@code 2^j} itself
     * is near enough to. The tests compare it with {@link #pow2(double)} for every j in the range.
     */
    static double pow2Exact(double j) {
        double w = j * (LN2 / 1024);
        double u = Math.fma(Math.fma(Math.fma(Math.fma(w, 1.0 / 24, 1.0 / 6), w, 0.5), w, 1.0), w, 1.0);
        u *= u;
        u *= u;
        u *= u;
        u *= u;
        u *= u;
        u *= u;
        u *= u;
        u *= u;
        u *= u;
        u *= u;
        double g = u * 0x1.0000000000002p51;                  // 2⁵¹ + 1
        return g - (g - u);
    }

    /** The exponent-bit {@code 2^j} that {@link #pow2Exact(double)} must equal, for the tests. */
    static double pow2Bits(int j) {
        return pow2(j + SHIFT);
    }

    // ---------------------------------------------------------------- f32

    /** {@code e^x} lane by lane, in float. */
    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.blend(MIN_IN_F, x.compare(LT, MIN_IN_F));
        xc = xc.blend(MAX_IN_F, xc.compare(GT, MAX_IN_F));
        FloatVector t = xc.fma(LOG2E_F, SHIFT_F);
        FloatVector k = t.sub(SHIFT_F);
        FloatVector r = k.mul(-LN2_HI_F).add(xc);
        r = k.fma(FloatVector.broadcast(F32, -LN2_LO_F), r);
        FloatVector q = r.fma(1f / 5040, 1f / 720);             // p = e^r − 1, as expm1Reduced(float)
        q = q.fma(r, FloatVector.broadcast(F32, 1f / 120));
        q = q.fma(r, FloatVector.broadcast(F32, 1f / 24));
        q = q.fma(r, FloatVector.broadcast(F32, 1f / 6));
        q = q.fma(r, FloatVector.broadcast(F32, 0.5f));
        FloatVector p = q.mul(r).fma(r, r);
        FloatVector half = k.fma(0.5f, SHIFT_F);
        FloatVector k1 = half.sub(SHIFT_F);
        FloatVector s1 = half.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(127 << 23)
                .reinterpretAsFloats();                         // 2^k1, as pow2(float)
        FloatVector s2 = k.sub(k1).add(SHIFT_F).reinterpretAsInts().lanewise(VectorOperators.LSHL, 23)
                .add(127 << 23).reinterpretAsFloats();          // 2^k2
        return p.fma(s1, s1).mul(s2);
    }

    /** Scalar twin of {@link #exp(FloatVector)}, as its two halves. */
    static float exp(float x) {
        return expFinish(expStart(x), x);
    }

    /** The first half of {@link #exp(float)}; see {@link #expStart(double)}. */
    static float expStart(float x) {
        float xc = Math.min(Math.max(x, MIN_IN_F), MAX_IN_F);
        float k = Math.fma(xc, LOG2E_F, SHIFT_F) - SHIFT_F;
        float r = k * -LN2_HI_F + xc;
        return expm1Reduced(Math.fma(k, -LN2_LO_F, r));
    }

    /** The second half of {@link #exp(float)}; see {@link #expFinish(double, double)}. */
    static float expFinish(float p, float x) {
        float xc = x < MIN_IN_F ? MIN_IN_F : x > MAX_IN_F ? MAX_IN_F : x;
        float k = Math.fma(xc, LOG2E_F, SHIFT_F) - SHIFT_F;
        float half = Math.fma(k, 0.5f, SHIFT_F);
        float k1 = half - SHIFT_F;
        float s1 = pow2(half);
        float s2 = pow2(k - k1 + SHIFT_F);
        return Math.fma(p, s1, s1) * s2;
    }

    /** {@link #expFinish(float, float)} for vectorized loops; see {@link #expFinishVectorizable(double, double)}. */
    static float expFinishVectorizable(float p, float x) {
        float xc = Math.min(Math.max(x, MIN_IN_F), MAX_IN_F);
        float k = Math.fma(xc, LOG2E_F, SHIFT_F) - SHIFT_F;
        float k1 = Math.fma(k, 0.5f, SHIFT_F) - SHIFT_F;       // in [−75, 64]
        float d = k - k1 - k1;
        float s1 = pow2Exact(k1);
        float s2 = s1 * Math.fma(d, Math.fma(d, 0.25f, 0.75f), 1f);
        return Math.fma(p, s1, s1) * s2;
    }

    /** {@code e^x − 1} for {@code x ≤ 0}, in float; see the f64 version. */
    static FloatVector expm1NonPositive(FloatVector x) {
        FloatVector xc = x.blend(-20f, x.compare(LT, -20f));       // e^−20 − 1 is −1 to float precision
        FloatVector t = xc.fma(LOG2E_F, SHIFT_F);
        FloatVector k = t.sub(SHIFT_F);
        FloatVector r = k.mul(-LN2_HI_F).add(xc);
        r = k.fma(FloatVector.broadcast(F32, -LN2_LO_F), r);
        FloatVector q = r.fma(1f / 5040, 1f / 720);             // p = e^r − 1, as expm1Reduced(float)
        q = q.fma(r, FloatVector.broadcast(F32, 1f / 120));
        q = q.fma(r, FloatVector.broadcast(F32, 1f / 24));
        q = q.fma(r, FloatVector.broadcast(F32, 1f / 6));
        q = q.fma(r, FloatVector.broadcast(F32, 0.5f));
        FloatVector p = q.mul(r).fma(r, r);
        FloatVector s = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(127 << 23)
                .reinterpretAsFloats();                         // 2^k, as pow2(float)
        return p.fma(s, s.sub(1f));
    }

    /** Scalar twin of {@link #expm1NonPositive(FloatVector)}, as its two halves. */
    static float expm1NonPositive(float x) {
        return expm1NonPositiveFinish(expm1NonPositiveStart(x), x);
    }


    /** The first half of {@link #expm1NonPositive(float)}; see {@link #expm1NonPositiveStart(double)}. */
    static float expm1NonPositiveStart(float x) {
        float xc = Math.max(x, -20f);
        float k = Math.fma(xc, LOG2E_F, SHIFT_F) - SHIFT_F;
        float r = k * -LN2_HI_F + xc;
        return expm1Reduced(Math.fma(k, -LN2_LO_F, r));
    }

    /** The second half of {@link #expm1NonPositive(float)}. */
    static float expm1NonPositiveFinish(float p, float x) {
        float s = pow2(Math.fma(x < -20f ? -20f : x, LOG2E_F, SHIFT_F));
        return Math.fma(p, s, s - 1f);
    }

    /** {@link #expm1NonPositiveFinish(float, float)} for vectorized loops; see {@link #expFinishVectorizable(double, double)}. */
    static float expm1NonPositiveFinishVectorizable(float p, float x) {
        float s = pow2Exact(Math.fma(Math.max(x, -20f), LOG2E_F, SHIFT_F) - SHIFT_F);   // k in [−29, 0]
        return Math.fma(p, s, s - 1f);
    }

    private static float expm1Reduced(float r) {
        float q = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(r, 1f / 5040, 1f / 720), r, 1f / 120), r, 1f / 24),
                r, 1f / 6), r, 0.5f);
        return Math.fma(q * r, r, r);
    }



    private static float pow2(float t) {
        return Float.intBitsToFloat((Float.floatToRawIntBits(t) << 23) + (127 << 23));
    }

    /**
     * {@code 2^j} for a whole number j in [−75, 64], exactly, from multiplications and additions only; see
     * {@link #pow2Exact(double)}: here {@code u ≈ 2^(j/128)}, squared seven times, rounded with {@code 2²² + 1}.
     */
    static float pow2Exact(float j) {
        float w = j * (LN2_F / 128);
        float u = Math.fma(Math.fma(Math.fma(Math.fma(w, 1f / 24, 1f / 6), w, 0.5f), w, 1f), w, 1f);
        u *= u;
        u *= u;
        u *= u;
        u *= u;
        u *= u;
        u *= u;
        u *= u;
        float g = u * 4194305f;                                 // 2²² + 1
        return g - (g - u);
    }

    /** The exponent-bit {@code 2^j} that {@link #pow2Exact(float)} must equal, for the tests. */
    static float pow2BitsF(int j) {
        return pow2(j + SHIFT_F);
    }
}
