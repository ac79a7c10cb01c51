package dev.backprop.backend.vectorapi;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The f64 optimizer steps ({@link dev.backprop.backend.OptimizerKind}'s rules), each one pass over a range of a
 * parameter tensor and its state: every element read once and written once, as many lanes at a time as the species
 * holds. Each vector loop ends in a scalar tail doing the same operations in the same order, so an element's
 * result does not depend on whether it fell in a vector or in the tail.
 *
 * <p>Arithmetic is in double, as the reference's. The coupled L2 term is always added, {@code ĝ = G + c·W} (the
 * reference skips it when c = 0; {@code G + 0·W} equals G as a number, so the results agree as numbers); otherwise
 * the operations are the reference's, in its order, without fused multiply-adds. Each kernel is one straight loop,
 * so C2 compiles it as a unit of its own (see {@link OptimizerTask}).
 */
final class DoubleOptimizerKernels {

    private static final VectorSpecies<Double> S = Lanes.F64;
    private static final int L = S.length();

    private DoubleOptimizerKernels() {
    }

    /** Heavy-ball momentum: {@code ĝ = G + c·W}, {@code B ← B·μ + ĝ}, {@code W ← W + (−η)·B}. */
    static void momentum(double[] w, double[] g, double[] b, int from, int to, double negEta, double mu, double c) {
        int j = from;
        for (; j <= to - L; j += L) {
            DoubleVector wv = DoubleVector.fromArray(S, w, j);
            DoubleVector gh = DoubleVector.fromArray(S, g, j).add(wv.mul(c));
            DoubleVector bv = DoubleVector.fromArray(S, b, j).mul(mu).add(gh);
            bv.intoArray(b, j);
            wv.add(bv.mul(negEta)).intoArray(w, j);
        }
        for (; j < to; j++) {
            double gh = g[j] + w[j] * c;
            double bj = b[j] * mu + gh;
            b[j] = bj;
            w[j] = w[j] + negEta * bj;
        }
    }

    /** Nesterov: {@code ĝ = G + c·W}, {@code B ← B·μ + ĝ}, {@code W ← W + (−η)·(ĝ + μ·B)}. */
    static void nesterov(double[] w, double[] g, double[] b, int from, int to, double negEta, double mu, double c) {
        int j = from;
        for (; j <= to - L; j += L) {
            DoubleVector wv = DoubleVector.fromArray(S, w, j);
            DoubleVector gh = DoubleVector.fromArray(S, g, j).add(wv.mul(c));
            DoubleVector bv = DoubleVector.fromArray(S, b, j).mul(mu).add(gh);
            bv.intoArray(b, j);
            wv.add(gh.add(bv.mul(mu)).mul(negEta)).intoArray(w, j);
        }
        for (; j < to; j++) {
            double gh = g[j] + w[j] * c;
            double bj = b[j] * mu + gh;
            b[j] = bj;
            w[j] = w[j] + negEta * (gh + mu * bj);
        }
    }

    /** RMSProp without momentum: {@code V ← V·α + ((1 − α)·ĝ)·ĝ}, {@code W ← W + ((−η)·ĝ)/(√V + ε)}. */
    static void rmsprop(double[] w, double[] g, double[] v, int from, int to, double negEta, double alpha, double oneMinusAlpha,
                        double epsilon, double c) {
        int j = from;
        for (; j <= to - L; j += L) {
            DoubleVector wv = DoubleVector.fromArray(S, w, j);
            DoubleVector gh = DoubleVector.fromArray(S, g, j).add(wv.mul(c));
            DoubleVector vv = DoubleVector.fromArray(S, v, j).mul(alpha).add(gh.mul(oneMinusAlpha).mul(gh));
            vv.intoArray(v, j);
            DoubleVector d = vv.sqrt().add(epsilon);
            wv.add(gh.mul(negEta).div(d)).intoArray(w, j);
        }
        for (; j < to; j++) {
            double gh = g[j] + w[j] * c;
            double vj = v[j] * alpha + oneMinusAlpha * gh * gh;
            v[j] = vj;
            double d = Math.sqrt(vj) + epsilon;
            w[j] = w[j] + negEta * gh / d;
        }
    }

    /** RMSProp with momentum: V as {@link #rmsprop}, {@code B ← B·μ + ĝ/(√V + ε)}, {@code W ← W + (−η)·B}. */
    static void rmspropMomentum(double[] w, double[] g, double[] v, double[] b, int from, int to, double negEta, double alpha,
                                double oneMinusAlpha, double mu, double epsilon, double c) {
        int j = from;
        for (; j <= to - L; j += L) {
            DoubleVector wv = DoubleVector.fromArray(S, w, j);
            DoubleVector gh = DoubleVector.fromArray(S, g, j).add(wv.mul(c));
            DoubleVector vv = DoubleVector.fromArray(S, v, j).mul(alpha).add(gh.mul(oneMinusAlpha).mul(gh));
            vv.intoArray(v, j);
            DoubleVector d = vv.sqrt().add(epsilon);
            DoubleVector bv = DoubleVector.fromArray(S, b, j).mul(mu).add(gh.div(d));
            bv.intoArray(b, j);
            wv.add(bv.mul(negEta)).intoArray(w, j);
        }
        for (; j < to; j++) {
            double gh = g[j] + w[j] * c;
            double vj = v[j] * alpha + oneMinusAlpha * gh * gh;
            v[j] = vj;
            double d = Math.sqrt(vj) + epsilon;
            double bj = b[j] * mu + gh / d;
            b[j] = bj;
            w[j] = w[j] + negEta * bj;
        }
    }

    /**
     * Adam with coupled L2: {@code M ← M·β₁ + (1 − β₁)·ĝ}, {@code V ← V·β₂ + ((1 − β₂)·ĝ)·ĝ},
     * {@code W ← W + ((−η/b₁)·M)/(√V/√b₂ + ε)}; {@code negStep = −η/b₁}, {@code root2 = √b₂}.
     */
    static void adam(double[] w, double[] g, double[] m, double[] v, int from, int to, double negStep, double root2, double beta1,
                     double oneMinusBeta1, double beta2, double oneMinusBeta2, double epsilon, double c) {
        int j = from;
        for (; j <= to - L; j += L) {
            DoubleVector wv = DoubleVector.fromArray(S, w, j);
            DoubleVector gh = DoubleVector.fromArray(S, g, j).add(wv.mul(c));
            DoubleVector mv = DoubleVector.fromArray(S, m, j).mul(beta1).add(gh.mul(oneMinusBeta1));
            DoubleVector vv = DoubleVector.fromArray(S, v, j).mul(beta2).add(gh.mul(oneMinusBeta2).mul(gh));
            mv.intoArray(m, j);
            vv.intoArray(v, j);
            DoubleVector d = vv.sqrt().div(root2).add(epsilon);
            wv.add(mv.mul(negStep).div(d)).intoArray(w, j);
        }
        for (; j < to; j++) {
            double gh = g[j] + w[j] * c;
            double mj = m[j] * beta1 + oneMinusBeta1 * gh;
            double vj = v[j] * beta2 + oneMinusBeta2 * gh * gh;
            m[j] = mj;
            v[j] = vj;
            double d = Math.sqrt(vj) / root2 + epsilon;
            w[j] = w[j] + negStep * mj / d;
        }
    }

    /** AdamW: {@code W ← ρ·W}, then Adam's step on the plain gradient (no L2). */
    static void adamw(double[] w, double[] g, double[] m, double[] v, int from, int to, double negStep, double root2, double beta1,
                      double oneMinusBeta1, double beta2, double oneMinusBeta2, double epsilon, double rho) {
        int j = from;
        for (; j <= to - L; j += L) {
            DoubleVector wv = DoubleVector.fromArray(S, w, j).mul(rho);
            DoubleVector gv = DoubleVector.fromArray(S, g, j);
            DoubleVector mv = DoubleVector.fromArray(S, m, j).mul(beta1).add(gv.mul(oneMinusBeta1));
            DoubleVector vv = DoubleVector.fromArray(S, v, j).mul(beta2).add(gv.mul(oneMinusBeta2).mul(gv));
            mv.intoArray(m, j);
            vv.intoArray(v, j);
            DoubleVector d = vv.sqrt().div(root2).add(epsilon);
            wv.add(mv.mul(negStep).div(d)).intoArray(w, j);
        }
        for (; j < to; j++) {
            double wj = w[j] * rho;
            double mj = m[j] * beta1 + oneMinusBeta1 * g[j];
            double vj = v[j] * beta2 + oneMinusBeta2 * g[j] * g[j];
            m[j] = mj;
            v[j] = vj;
            double d = Math.sqrt(vj) / root2 + epsilon;
            w[j] = wj + negStep * mj / d;
        }
    }
}
