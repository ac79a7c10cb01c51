package dev.backprop.backend.vectorapi;

import dev.backprop.backend.ActivationKind;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The f64 elementwise and column-wise kernels on row-major arrays. Each works on a range (of elements, rows
 * or columns) so the backend can split large calls across threads; each vector loop ends in a scalar tail
 * that performs the same operations as the lanes. Exponentials follow the {@link ExpPath} this JVM takes: on
 * the polynomial and scalar paths the tail uses {@link VectorExp}'s scalar twins, so an element's result does
 * not depend on whether it fell in a vector or in the tail; on the SVML path the tail uses {@code Math.exp},
 * and the two agree within SVML's few ulp.
 *
 * <p>Where the reference backend's formula is plain f64 arithmetic, the kernels use the same operations in
 * the same order and agree with it to the bit; exponentials agree within {@link VectorExp}'s stated error.
 */
final class DoubleKernels {

    private static final VectorSpecies<Double> S = Lanes.F64;
    private static final int L = S.length();

    private DoubleKernels() {
    }

    // ---------------------------------------------------------------- forward: bias and activation, fused

    /**
     * For rows [r0, r1) of the n×m matrices: {@code Z[i][·] ← Z[i][·] + b[i]}, then {@code A[i][·] ← f(Z[i][·])}
     * in the same pass (f is not softmax, which needs whole columns: see {@link #softmax}). A may be Z.
     */
    static void addBiasActivate(double[] z, double[] b, ActivationKind f, double[] a, int m, int r0, int r1) {
        if (!ExpPath.VECTOR_F64 && a != z && (f == ActivationKind.SIGMOID || f == ActivationKind.TANH)) {
            // the scalar path's loops over all the rows at once: a row of a batch is often shorter than the
            // auto-vectorized loop's unrolled body (64 elements at batch 64), and then ran in its scalar tail;
            // the bias in plain code too, as this path takes the Vector API nowhere (see ExpPath)
            for (int i = r0; i < r1; i++) {
                double bias = b[i];
                for (int j = i * m, to = j + m; j < to; j++) {
                    z[j] += bias;
                }
            }
            activate(z, f, a, r0 * m, r1 * m);
            return;
        }
        for (int i = r0; i < r1; i++) {
            int from = i * m, to = from + m;
            double bias = b[i];
            switch (f) {
                case SIGMOID -> sigmoidBiasedRun(z, a, from, to, bias);
                case TANH -> tanhBiasedRun(z, a, from, to, bias);
                case RELU -> reluBiasedRun(z, a, from, to, bias);
                case IDENTITY -> identityBiasedRun(z, a, from, to, bias);
                default -> throw new IllegalArgumentException(f + " is not an elementwise activation");
            }
        }
    }

    /** {@code A ← f(Z)} over elements [from, to) (f is not softmax). A may be Z. */
    static void activate(double[] z, ActivationKind f, double[] a, int from, int to) {
        switch (f) {
            case SIGMOID -> sigmoidRun(z, a, from, to);
            case TANH -> tanhRun(z, a, from, to);
            case RELU -> reluRun(z, a, from, to);
            case IDENTITY -> {
                if (a != z) {
                    System.arraycopy(z, from, a, from, to - from);
                }
            }
            default -> throw new IllegalArgumentException(f + " is not an elementwise activation");
        }
    }

    /** {@code Z[i][·] ← Z[i][·] + b[i]} for rows [r0, r1). */
    static void addBias(double[] z, double[] b, int m, int r0, int r1) {
        for (int i = r0; i < r1; i++) {
            int from = i * m, to = from + m;
            double bi = b[i];
            int j = from;
            for (; j <= to - L; j += L) {
                DoubleVector.fromArray(S, z, j).add(bi).intoArray(z, j);
            }
            for (; j < to; j++) {
                z[j] += bi;
            }
        }
    }

    /*
     * One method per activation, with and without the bias, each a single straight loop: with a `biased` flag
     * inside the loop, the vector z merged two values at a branch, and when C2 compiled such a method on its
     * own (flag unknown), JDK 17 boxed the merged vector in some JVMs (hundreds of KB per training step).
     */

    private static void sigmoidRun(double[] z, double[] a, int from, int to) {
        if (!ExpPath.VECTOR_F64 && a != z) {
            sigmoidInTwoPasses(z, a, from, to);
            return;
        }
        int j = from;
        if (ExpPath.VECTOR_F64) {                               // else all in the scalar tail
            for (; j <= to - L; j += L) {
                sigmoid(DoubleVector.fromArray(S, z, j)).intoArray(a, j);
            }
        }
        for (; j < to; j++) {
            a[j] = sigmoid(z[j]);
        }
    }

    private static void sigmoidBiasedRun(double[] z, double[] a, int from, int to, double bias) {
        int j = from;
        if (ExpPath.VECTOR_F64) {                               // else all in the scalar tail
            for (; j <= to - L; j += L) {
                DoubleVector zv = DoubleVector.fromArray(S, z, j).add(bias);
                zv.intoArray(z, j);
                sigmoid(zv).intoArray(a, j);
            }
        }
        for (; j < to; j++) {
            a[j] = sigmoid(z[j] = z[j] + bias);
        }
    }

    /*
     * The scalar path's sigmoid (ExpPath says when it is taken), out of place: exp's scalar twin cut in two
     * (VectorExp.expStart, then expFinishVectorizable), each half a loop over the whole run. Both halves are
     * plain arithmetic, which C2's own auto-vectorizer turns into SIMD code (the second builds 2^k by
     * multiplications, since that vectorizer leaves moves of bits between registers scalar, and with them the
     * whole loop). The same bits as the one-loop form (which in-place calls keep: the first loop parks e^r − 1
     * in A), several times as fast: see ExpPath.
     */

    private static void sigmoidInTwoPasses(double[] z, double[] a, int from, int to) {
        for (int j = from; j < to; j++) {
            a[j] = VectorExp.expStart(-z[j]);
        }
        for (int j = from; j < to; j++) {
            a[j] = 1.0 / (VectorExp.expFinishVectorizable(a[j], -z[j]) + 1.0);
        }
    }

    private static void tanhRun(double[] z, double[] a, int from, int to) {
        if (!ExpPath.VECTOR_F64 && a != z) {
            tanhInTwoPasses(z, a, from, to);
            return;
        }
        int j = from;
        if (ExpPath.VECTOR_F64) {                               // else all in the scalar tail
            for (; j <= to - L; j += L) {
                tanh(DoubleVector.fromArray(S, z, j)).intoArray(a, j);
            }
        }
        for (; j < to; j++) {
            a[j] = tanh(z[j]);
        }
    }

    private static void tanhBiasedRun(double[] z, double[] a, int from, int to, double bias) {
        int j = from;
        if (ExpPath.VECTOR_F64) {                               // else all in the scalar tail
            for (; j <= to - L; j += L) {
                DoubleVector zv = DoubleVector.fromArray(S, z, j).add(bias);
                zv.intoArray(z, j);
                tanh(zv).intoArray(a, j);
            }
        }
        for (; j < to; j++) {
            a[j] = tanh(z[j] = z[j] + bias);
        }
    }

    /* The scalar path's tanh, out of place, in loops for the same reason as sigmoidInTwoPasses. */

    private static void tanhInTwoPasses(double[] z, double[] a, int from, int to) {
        for (int j = from; j < to; j++) {
            a[j] = VectorExp.expm1NonPositiveStart(Math.abs(z[j]) * -2.0);
        }
        for (int j = from; j < to; j++) {
            double u = VectorExp.expm1NonPositiveFinishVectorizable(a[j], Math.abs(z[j]) * -2.0);
            a[j] = -u / (u + 2.0);                            // tanh |z|, as tanhFromExpm1
        }
        for (int j = from; j < to; j++) {                  // z's sign apart: a select, which stays scalar
            a[j] = z[j] < 0.0 ? -a[j] : a[j];
        }
    }

    private static void reluRun(double[] z, double[] a, int from, int to) {
        int j = from;
        for (; j <= to - L; j += L) {
            DoubleVector.fromArray(S, z, j).max(0.0).intoArray(a, j);       // like Math.max: NaN stays NaN
        }
        for (; j < to; j++) {
            a[j] = Math.max(z[j], 0.0);
        }
    }

    private static void reluBiasedRun(double[] z, double[] a, int from, int to, double bias) {
        int j = from;
        for (; j <= to - L; j += L) {
            DoubleVector zv = DoubleVector.fromArray(S, z, j).add(bias);
            zv.intoArray(z, j);
            zv.max(0.0).intoArray(a, j);
        }
        for (; j < to; j++) {
            a[j] = Math.max(z[j] = z[j] + bias, 0.0);
        }
    }

    private static void identityBiasedRun(double[] z, double[] a, int from, int to, double bias) {
        int j = from;
        for (; j <= to - L; j += L) {
            DoubleVector zv = DoubleVector.fromArray(S, z, j).add(bias);
            zv.intoArray(z, j);
            zv.intoArray(a, j);
        }
        for (; j < to; j++) {
            a[j] = z[j] = z[j] + bias;
        }
    }

    /** {@code σ(z) = 1/(1 + e^(−z))}. */
    static DoubleVector sigmoid(DoubleVector z) {
        return DoubleVector.broadcast(S, 1.0).div(exp(z.neg()).add(1.0));
    }

    static double sigmoid(double z) {
        return 1.0 / (exp(-z) + 1.0);
    }

    /** {@code e^x} by the {@link ExpPath} this JVM takes (a folded constant: C2 compiles one branch). */
    private static DoubleVector exp(DoubleVector x) {
        return ExpPath.SVML ? x.lanewise(VectorOperators.EXP) : VectorExp.exp(x);
    }

    /** The tails' {@code e^x}: {@code Math.exp} beside SVML (the reference's function), else the polynomial's twin. */
    private static double exp(double x) {
        return ExpPath.SVML ? Math.exp(x) : VectorExp.exp(x);
    }

    /** {@code e^x − 1} for {@code x ≤ 0}, by the {@link ExpPath} this JVM takes. */
    private static DoubleVector expm1NonPositive(DoubleVector x) {
        return ExpPath.SVML ? x.lanewise(VectorOperators.EXPM1) : VectorExp.expm1NonPositive(x);
    }

    private static double expm1NonPositive(double x) {
        return ExpPath.SVML ? Math.expm1(x) : VectorExp.expm1NonPositive(x);
    }

    /**
     * {@code tanh z = sign(z)·(−u)/(2 + u)} with {@code u = e^(−2|z|) − 1}: no overflow for large |z| and
     * no cancellation for small |z|, where tanh z ≈ z.
     */
    static DoubleVector tanh(DoubleVector z) {
        DoubleVector u = expm1NonPositive(z.abs().mul(-2.0));
        DoubleVector t = u.neg().div(u.add(2.0));
        return t.blend(t.neg(), z.lt(0.0));
    }

    static double tanh(double z) {
        return tanhFromExpm1(expm1NonPositive(Math.abs(z) * -2.0), z);
    }

    /** {@code tanh z} from {@code u = e^(−2|z|) − 1}: {@code −u/(u + 2)}, with z's sign. */
    private static double tanhFromExpm1(double u, double z) {
        double t = -u / (u + 2.0);
        return z < 0.0 ? -t : t;
    }

    /**
     * Column-wise softmax over columns [c0, c1) of the n×m matrices:
     * {@code A[i][j] ← e^(Z[i][j] − max_k Z[k][j]) / Σ_k e^(Z[k][j] − max_k Z[k][j])}. Vectors run across
     * L neighbouring columns, which are contiguous in a row, and walk down the rows; the sum runs over the
     * rows in order, as in the reference. A may be Z.
     */
    static void softmax(double[] z, double[] a, int n, int m, int c0, int c1) {
        int j = c0;
        if (ExpPath.VECTOR_F64) {                               // else all in the scalar tail
            for (; j <= c1 - L; j += L) {
                DoubleVector max = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
                for (int i = 0, ij = j; i < n; i++, ij += m) {
                    max = max.max(DoubleVector.fromArray(S, z, ij));
                }
                DoubleVector sum = DoubleVector.zero(S);
                for (int i = 0, ij = j; i < n; i++, ij += m) {
                    DoubleVector e = exp(DoubleVector.fromArray(S, z, ij).sub(max));
                    e.intoArray(a, ij);
                    sum = sum.add(e);
                }
                for (int i = 0, ij = j; i < n; i++, ij += m) {
                    DoubleVector.fromArray(S, a, ij).div(sum).intoArray(a, ij);
                }
            }
        }
        for (; j < c1; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0, ij = j; i < n; i++, ij += m) {
                max = Math.max(max, z[ij]);
            }
            double sum = 0;
            for (int i = 0, ij = j; i < n; i++, ij += m) {
                double e = exp(z[ij] - max);
                a[ij] = e;
                sum += e;
            }
            for (int i = 0, ij = j; i < n; i++, ij += m) {
                a[ij] /= sum;
            }
        }
    }

    // ---------------------------------------------------------------- backward: dZ = dA ⊙ σ'(Z)

    /** {@code dZ ← dA ⊙ A ⊙ (1 − A)} over [from, to). dZ may be dA. */
    static void sigmoidBackward(double[] a, double[] dA, double[] dZ, int from, int to) {
        int j = from;
        for (; j <= to - L; j += L) {
            DoubleVector av = DoubleVector.fromArray(S, a, j);
            DoubleVector.fromArray(S, dA, j).mul(av).mul(DoubleVector.broadcast(S, 1.0).sub(av)).intoArray(dZ, j);
        }
        for (; j < to; j++) {
            dZ[j] = dA[j] * a[j] * (1.0 - a[j]);
        }
    }

    /** {@code dZ ← dA ⊙ (1 − A²)} over [from, to). dZ may be dA. */
    static void tanhBackward(double[] a, double[] dA, double[] dZ, int from, int to) {
        int j = from;
        for (; j <= to - L; j += L) {
            DoubleVector av = DoubleVector.fromArray(S, a, j);
            DoubleVector.fromArray(S, dA, j).mul(DoubleVector.broadcast(S, 1.0).sub(av.mul(av))).intoArray(dZ, j);
        }
        for (; j < to; j++) {
            dZ[j] = dA[j] * (1.0 - a[j] * a[j]);
        }
    }

    /** {@code dZ ← dA ⊙ [Z > 0]} over [from, to). dZ may be dA. */
    static void reluBackward(double[] z, double[] dA, double[] dZ, int from, int to) {
        int j = from;
        DoubleVector zero = DoubleVector.zero(S);
        for (; j <= to - L; j += L) {
            DoubleVector dv = DoubleVector.fromArray(S, dA, j);
            zero.blend(dv, DoubleVector.fromArray(S, z, j).compare(VectorOperators.GT, 0.0)).intoArray(dZ, j);
        }
        for (; j < to; j++) {
            dZ[j] = z[j] > 0 ? dA[j] : 0.0;
        }
    }

    /**
     * The softmax Jacobian for columns [c0, c1): {@code dZ[i][j] ← A[i][j]·(dA[i][j] − Σ_k dA[k][j]·A[k][j])}.
     * The dot product is complete before dZ (which may be dA) is written.
     */
    static void softmaxBackward(double[] a, double[] dA, double[] dZ, int n, int m, int c0, int c1) {
        int j = c0;
        for (; j <= c1 - L; j += L) {
            DoubleVector dot = DoubleVector.zero(S);
            for (int i = 0, ij = j; i < n; i++, ij += m) {
                dot = dot.add(DoubleVector.fromArray(S, dA, ij).mul(DoubleVector.fromArray(S, a, ij)));
            }
            for (int i = 0, ij = j; i < n; i++, ij += m) {
                DoubleVector.fromArray(S, a, ij).mul(DoubleVector.fromArray(S, dA, ij).sub(dot)).intoArray(dZ, ij);
            }
        }
        for (; j < c1; j++) {
            double dot = 0;
            for (int i = 0, ij = j; i < n; i++, ij += m) {
                dot += dA[ij] * a[ij];
            }
            for (int i = 0, ij = j; i < n; i++, ij += m) {
                dZ[ij] = a[ij] * (dA[ij] - dot);
            }
        }
    }

    // ---------------------------------------------------------------- linear combinations and reductions

    /** {@code Y ← α·X + β·Y} over [from, to); with β = 0, Y is not read. */
    static void axpby(double alpha, double[] x, double beta, double[] y, int from, int to) {
        int j = from;
        if (beta == 0) {
            for (; j <= to - L; j += L) {
                DoubleVector.fromArray(S, x, j).mul(alpha).intoArray(y, j);
            }
            for (; j < to; j++) {
                y[j] = alpha * x[j];
            }
            return;
        }
        for (; j <= to - L; j += L) {
            DoubleVector.fromArray(S, x, j).mul(alpha).add(DoubleVector.fromArray(S, y, j).mul(beta)).intoArray(y, j);
        }
        for (; j < to; j++) {
            y[j] = alpha * x[j] + beta * y[j];
        }
    }

    /** {@code out ← X − Y} over [from, to). */
    static void subtract(double[] x, double[] y, double[] out, int from, int to) {
        int j = from;
        for (; j <= to - L; j += L) {
            DoubleVector.fromArray(S, x, j).sub(DoubleVector.fromArray(S, y, j)).intoArray(out, j);
        }
        for (; j < to; j++) {
            out[j] = x[j] - y[j];
        }
    }

    /** {@code out[i] ← α·Σ_j A[i][j]} for rows [r0, r1) of the n×m matrix A. */
    static void sumColumns(double alpha, double[] a, double[] out, int m, int r0, int r1) {
        for (int i = r0; i < r1; i++) {
            int from = i * m, to = from + m;
            int j = from;
            DoubleVector acc = DoubleVector.zero(S);
            for (; j <= to - L; j += L) {
                acc = acc.add(DoubleVector.fromArray(S, a, j));
            }
            double sum = acc.reduceLanes(VectorOperators.ADD);
            for (; j < to; j++) {
                sum += a[j];
            }
            out[i] = alpha * sum;
        }
    }

    /** {@code ½·Σ (a − y)²} over [from, to). */
    static double quadraticCost(double[] a, double[] y, int from, int to) {
        int j = from;
        DoubleVector acc = DoubleVector.zero(S);
        for (; j <= to - L; j += L) {
            DoubleVector d = DoubleVector.fromArray(S, a, j).sub(DoubleVector.fromArray(S, y, j));
            acc = d.fma(d, acc);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; j < to; j++) {
            double d = a[j] - y[j];
            sum += d * d;
        }
        return 0.5 * sum;
    }
}
