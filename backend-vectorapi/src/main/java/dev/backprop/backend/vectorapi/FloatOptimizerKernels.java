package dev.backprop.backend.vectorapi;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The f32 optimizer steps ({@link dev.backprop.backend.OptimizerKind}'s rules), each one pass over a range of a
 * parameter tensor and its state: every element read once and written once, as many lanes at a time as the species
 * holds. Each vector loop ends in a scalar tail doing the same operations in the same order, so an element's
 * result does not depend on whether it fell in a vector or in the tail.
 *
 * <p>Arithmetic is in float (the reference computes in double and rounds each stored value once, so the two differ
 * by a few float ulp of the terms, within the kit's optimizer tolerance); the square root of a float, computed in
 * double and rounded, is the correctly rounded float square root, as the lanes' is. The coupled L2 term is always
 * added, {@code ĝ = G + c·W} (the reference skips it when c = 0; {@code G + 0·W} equals G as a number, so the
 * results agree as numbers); otherwise the operations are the reference's, in its order, without fused
 * multiply-adds. Each kernel is one straight loop, so C2 compiles it as a unit of its own (see {@link
 * OptimizerTask}).
 */
final class FloatOptimizerKernels {

    private static final VectorSpecies<Float> S = Lanes.F32;
    private static final int L = S.length();

    private FloatOptimizerKernels() {
    }

    /** Heavy-ball momentum: {@code ĝ = G + c·W}, {@code B ← B·μ + ĝ}, {@code W ← W + (−η)·B}. */
    static void momentum(float[] w, float[] g, float[] b, int from, int to, float negEta, float mu, float c) {
        int j = from;
        for (; j <= to - L; j += L) {
            FloatVector wv = FloatVector.fromArray(S, w, j);
            FloatVector gh = FloatVector.fromArray(S, g, j).add(wv.mul(c));
            FloatVector bv = FloatVector.fromArray(S, b, j).mul(mu).add(gh);
            bv.intoArray(b, j);
            wv.add(bv.mul(negEta)).intoArray(w, j);
        }
        for (; j < to; j++) {
            float gh = g[j] + w[j] * c;
            float bj = b[j] * mu + gh;
            b[j] = bj;
            w[j] = w[j] + negEta * bj;
        }
    }

    /** Nesterov: {@code ĝ = G + c·W}, {@code B ← B·μ + ĝ}, {@code W ← W + (−η)·(ĝ + μ·B)}. */
    static void nesterov(float[] w, float[] g, float[] b, int from, int to, float negEta, float mu, float c) {
        int j = from;
        for (; j <= to - L; j += L) {
            FloatVector wv = FloatVector.fromArray(S, w, j);
            FloatVector gh = FloatVector.fromArray(S, g, j).add(wv.mul(c));
            FloatVector bv = FloatVector.fromArray(S, b, j).mul(mu).add(gh);
            bv.intoArray(b, j);
            wv.add(gh.add(bv.mul(mu)).mul(negEta)).intoArray(w, j);
        }
        for (; j < to; j++) {
            float gh = g[j] + w[j] * c;
            float bj = b[j] * mu + gh;
            b[j] = bj;
            w[j] = w[j] + negEta * (gh + mu * bj);
        }
    }

    /** RMSProp without momentum: {@code V ← V·α + ((1 − α)·ĝ)·ĝ}, {@code W ← W + ((−η)·ĝ)/(√V + ε)}. */
    static void rmsprop(float[] w, float[] g, float[] v, int from, int to, float negEta, float alpha, float oneMinusAlpha,
                        float epsilon, float c) {
        int j = from;
        for (; j <= to - L; j += L) {
            FloatVector wv = FloatVector.fromArray(S, w, j);
            FloatVector gh = FloatVector.fromArray(S, g, j).add(wv.mul(c));
            FloatVector vv = FloatVector.fromArray(S, v, j).mul(alpha).add(gh.mul(oneMinusAlpha).mul(gh));
            vv.intoArray(v, j);
            FloatVector d = vv.sqrt().add(epsilon);
            wv.add(gh.mul(negEta).div(d)).intoArray(w, j);
        }
        for (; j < to; j++) {
            float gh = g[j] + w[j] * c;
            float vj = v[j] * alpha + oneMinusAlpha * gh * gh;
            v[j] = vj;
            float d = (float) Math.sqrt(vj) + epsilon;
            w[j] = w[j] + negEta * gh / d;
        }
    }

    /** RMSProp with momentum: V as {@link #rmsprop}, {@code B ← B·μ + ĝ/(√V + ε)}, {@code W ← W + (−η)·B}. */
    static void rmspropMomentum(float[] w, float[] g, float[] v, float[] b, int from, int to, float negEta, float alpha,
                                float oneMinusAlpha, float mu, float epsilon, float c) {
        int j = from;
        for (; j <= to - L; j += L) {
            FloatVector wv = FloatVector.fromArray(S, w, j);
            FloatVector gh = FloatVector.fromArray(S, g, j).add(wv.mul(c));
            FloatVector vv = FloatVector.fromArray(S, v, j).mul(alpha).add(gh.mul(oneMinusAlpha).mul(gh));
            vv.intoArray(v, j);
            FloatVector d = vv.sqrt().add(epsilon);
            FloatVector bv = FloatVector.fromArray(S, b, j).mul(mu).add(gh.div(d));
            bv.intoArray(b, j);
            wv.add(bv.mul(negEta)).intoArray(w, j);
        }
        for (; j < to; j++) {
            float gh = g[j] + w[j] * c;
            float vj = v[j] * alpha + oneMinusAlpha * gh * gh;
            v[j] = vj;
            float d = (float) Math.sqrt(vj) + epsilon;
            float bj = b[j] * mu + gh / d;
            b[j] = bj;
            w[j] = w[j] + negEta * bj;
        }
    }

    /**
     * Adam with coupled L2: {@code M ← M·β₁ + (1 − β₁)·ĝ}, {@code V ← V·β₂ + ((1 − β₂)·ĝ)·ĝ},
     * {@code W ← W + ((−η/b₁)·M)/(√V/√b₂ + ε)}; {@code negStep = −η/b₁}, {@code root2 = √b₂}.
     */
    static void adam(float[] w, float[] g, float[] m, float[] v, int from, int to, float negStep, float root2, float beta1,
                     float oneMinusBeta1, float beta2, float oneMinusBeta2, float epsilon, float c) {
        int j = from;
        for (; j <= to - L; j += L) {
            FloatVector wv = FloatVector.fromArray(S, w, j);
            FloatVector gh = FloatVector.fromArray(S, g, j).add(wv.mul(c));
            FloatVector mv = FloatVector.fromArray(S, m, j).mul(beta1).add(gh.mul(oneMinusBeta1));
            FloatVector vv = FloatVector.fromArray(S, v, j).mul(beta2).add(gh.mul(oneMinusBeta2).mul(gh));
            mv.intoArray(m, j);
            vv.intoArray(v, j);
            FloatVector d = vv.sqrt().div(root2).add(epsilon);
            wv.add(mv.mul(negStep).div(d)).intoArray(w, j);
        }
        for (; j < to; j++) {
            float gh = g[j] + w[j] * c;
            float mj = m[j] * beta1 + oneMinusBeta1 * gh;
            float vj = v[j] * beta2 + oneMinusBeta2 * gh * gh;
            m[j] = mj;
            v[j] = vj;
            float d = (float) Math.sqrt(vj) / root2 + epsilon;
            w[j] = w[j] + negStep * mj / d;
        }
    }

    /** AdamW: {@code W ← ρ·W}, then Adam's step on the plain gradient (no L2). */
    static void adamw(float[] w, float[] g, float[] m, float[] v, int from, int to, float negStep, float root2, float beta1,
                      float oneMinusBeta1, float beta2, float oneMinusBeta2, float epsilon, float rho) {
        int j = from;
        for (; j <= to - L; j += L) {
            FloatVector wv = FloatVector.fromArray(S, w, j).mul(rho);
            FloatVector gv = FloatVector.fromArray(S, g, j);
            FloatVector mv = FloatVector.fromArray(S, m, j).mul(beta1).add(gv.mul(oneMinusBeta1));
            FloatVector vv = FloatVector.fromArray(S, v, j).mul(beta2).add(gv.mul(oneMinusBeta2).mul(gv));
            mv.intoArray(m, j);
            vv.intoArray(v, j);
            FloatVector d = vv.sqrt().div(root2).add(epsilon);
            wv.add(mv.mul(negStep).div(d)).intoArray(w, j);
        }
        for (; j < to; j++) {
            float wj = w[j] * rho;
            float mj = m[j] * beta1 + oneMinusBeta1 * g[j];
            float vj = v[j] * beta2 + oneMinusBeta2 * g[j] * g[j];
            m[j] = mj;
            v[j] = vj;
            float d = (float) Math.sqrt(vj) / root2 + epsilon;
            w[j] = wj + negStep * mj / d;
        }
    }
}
