package dev.backprop.tck;

import dev.backprop.backend.OptimizerKind;
import dev.backprop.backend.Precision;
import dev.backprop.random.Rng;
import dev.backprop.tck.OpCase.Arg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kit's cases for {@code optimizerStep}: per kind, hyper-parameter sets that reach its branches (PyTorch's
 * defaults, coupled L2 on and off, RMSProp with and without momentum, Adam's first step and late steps), on a
 * parameter W and gradient G in (−1, 1) and state tensors of the signs the kind produces (momentum buffers and
 * first moments signed, square averages positive).
 *
 * <p>The tolerance of each output scales with the magnitudes of the terms that formed it, found by running
 * the rule on absolute values with every subtraction made an addition (the forward error bound of the
 * chain). A cancelling sum such as {@code M·β₁ + (1 − β₁)·ĝ} therefore gets room for the rounding of its
 * terms, not of its small result, while a kernel that drops or misplaces a term is still off by orders of
 * magnitude.
 */
final class OptimizerCases {

    private OptimizerCases() {
    }

    /** One step's scalars. */
    record Scalars(double eta, double beta1, double beta2, double epsilon, double decay, long step) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "η=%s β₁=%s β₂=%s ε=%s δ=%s t=%d", eta, beta1, beta2, epsilon, decay, step);
        }
    }

    /** The hyper-parameter sets of kind {@code k}. */
    static List<Scalars> scalars(OptimizerKind k) {
        return switch (k) {
            case SGD -> List.of(new Scalars(0.5, 0, 0, 0, 1.0, 1), new Scalars(3.0, 0, 0, 0, 1 - 3.0 * 5.0 / 50_000, 9),
                    new Scalars(0.1, 0, 0, 0, 0.9995, 1000));
            case MOMENTUM, NESTEROV -> List.of(new Scalars(0.1, 0.9, 0, 0, 0, 1),
                    new Scalars(0.01, 0.5, 0, 0, 1e-3, 12));
            case RMSPROP -> List.of(new Scalars(0.01, 0.99, 0, 1e-8, 0, 1), new Scalars(0.001, 0.9, 0.9, 1e-6, 1e-4, 30));
            case ADAM -> List.of(new Scalars(1e-3, 0.9, 0.999, 1e-8, 0, 1), new Scalars(0.01, 0.8, 0.99, 1e-6, 1e-3, 7),
                    new Scalars(2e-3, 0.9, 0.999, 1e-8, 0, 1000));
            case ADAMW -> List.of(new Scalars(1e-3, 0.9, 0.999, 1e-8, 1 - 1e-3 * 0.01, 1),
                    new Scalars(0.01, 0.85, 0.995, 1e-7, 0.999, 50));
        };
    }

    static List<OpCase> cases(Operation op, OptimizerKind k, Dims d, Precision p, Rng rng) {
        List<Arg> args = new ArrayList<>();
        args.add(Operations.arg("W", d.m(), d.n(), Values.SIGNED, p, rng));
        args.add(Operations.arg("G", d.m(), d.n(), Values.SIGNED, p, rng));
        if (k.stateTensors() > 0) {
            args.add(Operations.arg("S1", d.m(), d.n(), k == OptimizerKind.RMSPROP ? Values.PROBABILITY : Values.SIGNED,
                    p, rng));
        }
        if (k.stateTensors() > 1) {
            args.add(Operations.arg("S2", d.m(), d.n(), k == OptimizerKind.RMSPROP ? Values.SIGNED : Values.PROBABILITY,
                    p, rng));
        }
        List<OpCase> out = new ArrayList<>();
        for (Scalars s : scalars(k)) {
            double[][] scales = magnitudes(k, args, s);
            out.add(new OpCase(op, d + " " + s, args, (be, m) -> {
                be.optimizerStep(k, m[0], m[1], m.length > 2 ? m[2] : null, m.length > 3 ? m[3] : null, s.eta(),
                        s.beta1(), s.beta2(), s.epsilon(), s.decay(), s.step());
                return null;
            }, (output, reference) -> output >= 0 && output != 1 ? scales[output] : null));
        }
        return out;
    }

    /** The magnitude behind each element of W (index 0), S1 (2) and S2 (3) after the step. */
    static double[][] magnitudes(OptimizerKind k, List<Arg> args, Scalars s) {
        double[] w = args.get(0).values(), g = args.get(1).values();
        double[] s1 = args.size() > 2 ? args.get(2).values() : null, s2 = args.size() > 3 ? args.get(3).values() : null;
        int n = w.length;
        double[] mw = new double[n], m1 = s1 == null ? null : new double[n], m2 = s2 == null ? null : new double[n];
        double eta = Math.abs(s.eta()), b1 = s.beta1(), b2 = s.beta2(), eps = s.epsilon(), decay = s.decay();
        for (int i = 0; i < n; i++) {
            double aw = Math.abs(w[i]);
            double gh = Math.abs(g[i]) + (k == OptimizerKind.SGD || k == OptimizerKind.ADAMW ? 0 : Math.abs(decay) * aw);
            switch (k) {
                case SGD -> mw[i] = eta * gh + Math.abs(decay) * aw;
                case MOMENTUM, NESTEROV -> {
                    double b = Math.abs(s1[i] * b1) + gh;
                    m1[i] = b;
                    mw[i] = aw + eta * (k == OptimizerKind.NESTEROV ? gh + b1 * b : b);
                }
                case RMSPROP -> {
                    double v = s1[i] * b1 + (1 - b1) * gh * gh;       // every term positive
                    m1[i] = v;
                    double denominator = Math.sqrt(v) + eps;
                    if (b2 == 0) {
                        mw[i] = aw + eta * gh / denominator;
                        m2[i] = Math.abs(s2[i]);                       // untouched
                    } else {
                        double b = Math.abs(s2[i] * b2) + gh / denominator;
                        m2[i] = b;
                        mw[i] = aw + eta * b;
                    }
                }
                case ADAM, ADAMW -> {
                    double m = Math.abs(s1[i] * b1) + (1 - b1) * gh;
                    double v = s2[i] * b2 + (1 - b2) * gh * gh;
                    m1[i] = m;
                    m2[i] = v;
                    double denominator = Math.sqrt(v) / Math.sqrt(OptimizerKind.biasCorrection(b2, s.step())) + eps;
                    double stepSize = eta / OptimizerKind.biasCorrection(b1, s.step());
                    mw[i] = (k == OptimizerKind.ADAMW ? Math.abs(decay) * aw : aw) + stepSize * m / denominator;
                }
            }
        }
        return new double[][]{mw, null, m1, m2};
    }
}
