package dev.backprop.backend;

/**
 * The built-in optimizers, each with its per-element update rule: what {@link Backend#optimizerStep} does to one
 * parameter tensor W, given its gradient G = ∂C/∂W and the optimizer's state tensors S1, S2. A backend runs
 * these rules through its portable default (the tensors stored to double buffers, the rule applied element by
 * element in double, the results loaded back: the reference) unless it has a fused kernel for the kind.
 *
 * <p>The rules are PyTorch's {@code torch.optim} single-tensor updates, operation for operation (so that float64
 * trajectories agree with PyTorch's to rounding), except {@link #SGD}, which is network2's form. The step's
 * scalars, as {@link Backend#optimizerStep} passes them:
 * <ul>
 *   <li>η, the learning rate of this step;</li>
 *   <li>β₁: the momentum μ of {@link #MOMENTUM} and {@link #NESTEROV}, the smoothing α of {@link #RMSPROP}'s
 *       square average, Adam's β₁;</li>
 *   <li>β₂: Adam's β₂; {@link #RMSPROP}'s momentum μ (0: none);</li>
 *   <li>ε, added to the denominators of {@link #RMSPROP} and Adam;</li>
 *   <li>δ, the weight decay, whose meaning is the kind's and is named in its rule: the factor ρ that scales W
 *       ({@link #SGD}: network2's coupled L2, ρ = 1 − ηλ/n; {@link #ADAMW}: decoupled weight decay,
 *       ρ = 1 − η·wd), or the coefficient c of coupled L2 added to the gradient, ĝ = G + c·W (the other
 *       kinds; c = 0 adds nothing);</li>
 *   <li>t, the number of this step (1 for the first), for Adam's bias corrections
 *       {@code b₁ = 1 − β₁ᵗ}, {@code b₂ = 1 − β₂ᵗ} ({@link #biasCorrection}).</li>
 * </ul>
 * Below, every product, quotient and sum is one rounded operation in the order written (left to right).
 */
public enum OptimizerKind {

    /**
     * Network2's SGD with coupled L2, no state: {@code W ← (−η)·G + ρ·W} with {@code ρ = 1 − ηλ/n} (ρ = 1 for
     * biases and without L2). The very arithmetic of {@link Backend#axpby}{@code (−η, G, ρ, W)}.
     */
    SGD(0) {
        @Override
        void applyRange(double[] w, double[] g, double[] s1, double[] s2, int from, int to, double eta, double beta1,
                        double beta2, double epsilon, double decay, long step) {
            for (int i = from; i < to; i++) {
                w[i] = -eta * g[i] + decay * w[i];
            }
        }
    },

    /**
     * Heavy-ball momentum as {@code torch.optim.SGD(momentum=μ)}, with one buffer B = S1 (zero before the first
     * step): {@code ĝ = G + c·W}, {@code B ← B·μ + ĝ}, {@code W ← W + (−η)·B}.
     */
    MOMENTUM(1) {
        @Override
        void applyRange(double[] w, double[] g, double[] s1, double[] s2, int from, int to, double eta, double mu,
                        double beta2, double epsilon, double c, long step) {
            for (int i = from; i < to; i++) {
                double gh = c == 0 ? g[i] : g[i] + c * w[i];
                double b = s1[i] * mu + gh;
                s1[i] = b;
                w[i] = w[i] + -eta * b;
            }
        }
    },

    /**
     * Nesterov momentum as {@code torch.optim.SGD(momentum=μ, nesterov=True)}, buffer B = S1:
     * {@code ĝ = G + c·W}, {@code B ← B·μ + ĝ}, {@code W ← W + (−η)·(ĝ + μ·B)}.
     */
    NESTEROV(1) {
        @Override
        void applyRange(double[] w, double[] g, double[] s1, double[] s2, int from, int to, double eta, double mu,
                        double beta2, double epsilon, double c, long step) {
            for (int i = from; i < to; i++) {
                double gh = c == 0 ? g[i] : g[i] + c * w[i];
                double b = s1[i] * mu + gh;
                s1[i] = b;
                w[i] = w[i] + -eta * (gh + mu * b);
            }
        }
    },

    /**
     * RMSProp as {@code torch.optim.RMSprop} (not centred), square average V = S1, momentum buffer B = S2:
     * {@code ĝ = G + c·W}, {@code V ← V·α + ((1 − α)·ĝ)·ĝ}, {@code d = √V + ε}; without momentum (μ = 0)
     * {@code W ← W + ((−η)·ĝ)/d}, with it {@code B ← B·μ + ĝ/d}, {@code W ← W + (−η)·B}.
     */
    RMSPROP(2) {
        @Override
        void applyRange(double[] w, double[] g, double[] s1, double[] s2, int from, int to, double eta, double alpha,
                        double mu, double epsilon, double c, long step) {
            double oneMinusAlpha = 1 - alpha;
            for (int i = from; i < to; i++) {
                double gh = c == 0 ? g[i] : g[i] + c * w[i];
                double v = s1[i] * alpha + oneMinusAlpha * gh * gh;
                s1[i] = v;
                double d = Math.sqrt(v) + epsilon;
                if (mu == 0) {
                    w[i] = w[i] + -eta * gh / d;
                } else {
                    double b = s2[i] * mu + gh / d;
                    s2[i] = b;
                    w[i] = w[i] + -eta * b;
                }
            }
        }
    },

    /**
     * Adam as {@code torch.optim.Adam}, first moment M = S1, second moment V = S2, with coupled L2:
     * {@code ĝ = G + c·W}, {@code M ← M·β₁ + (1 − β₁)·ĝ}, {@code V ← V·β₂ + ((1 − β₂)·ĝ)·ĝ},
     * {@code d = √V / √b₂ + ε}, {@code W ← W + ((−η/b₁)·M)/d}.
     */
    ADAM(2) {
        @Override
        void applyRange(double[] w, double[] g, double[] s1, double[] s2, int from, int to, double eta, double beta1,
                        double beta2, double epsilon, double c, long step) {
            adam(w, g, s1, s2, from, to, eta, beta1, beta2, epsilon, c, step);
        }
    },

    /**
     * AdamW as {@code torch.optim.AdamW}: decoupled weight decay, then Adam's step without L2:
     * {@code W ← ρ·W} with {@code ρ = 1 − η·wd}, {@code M ← M·β₁ + (1 − β₁)·G}, {@code V ← V·β₂ + ((1 − β₂)·G)·G},
     * {@code d = √V / √b₂ + ε}, {@code W ← W + ((−η/b₁)·M)/d}.
     */
    ADAMW(2) {
        @Override
        void applyRange(double[] w, double[] g, double[] s1, double[] s2, int from, int to, double eta, double beta1,
                        double beta2, double epsilon, double rho, long step) {
            for (int i = from; i < to; i++) {
                w[i] = w[i] * rho;
            }
            adam(w, g, s1, s2, from, to, eta, beta1, beta2, epsilon, 0.0, step);
        }
    };

    private final int stateTensors;

    OptimizerKind(int stateTensors) {
        this.stateTensors = stateTensors;
    }

    /**
     * How many state tensors (each shaped like the parameter, zero before the first step) the kind keeps per
     * parameter tensor: 0 for SGD, 1 for the momentum kinds (S1), 2 for RMSProp and the Adams (S1 and S2).
     */
    public int stateTensors() {
        return stateTensors;
    }

    /** {@code 1 − βᵗ}, Adam's bias correction after t steps ({@link StrictMath#pow}: the same bits on every JVM). */
    public static double biasCorrection(double beta, long step) {
        return 1 - StrictMath.pow(beta, step);
    }

    /**
     * Applies the kind's rule to every element of row-major arrays, in double: the reference every backend's
     * {@link Backend#optimizerStep} is checked against. {@code w}, {@code s1} and {@code s2} are updated in
     * place; state arrays the kind does not keep may be null.
     *
     * @param w    the parameter, n values (updated)
     * @param g    its gradient ∂C/∂W, n values (read)
     * @param s1   the first state tensor, n values, or null when {@link #stateTensors()} is 0 (updated)
     * @param s2   the second state tensor, n values, or null when {@link #stateTensors()} is below 2 (updated)
     * @param n    how many elements, from index 0
     * @param step t ≥ 1, the number of this step
     */
    public void apply(double[] w, double[] g, double[] s1, double[] s2, int n, double eta, double beta1, double beta2,
                      double epsilon, double decay, long step) {
        applyRange(w, g, s1, s2, 0, n, eta, beta1, beta2, epsilon, decay, step);
    }

    abstract void applyRange(double[] w, double[] g, double[] s1, double[] s2, int from, int to, double eta,
                             double beta1, double beta2, double epsilon, double decay, long step);

    private static void adam(double[] w, double[] g, double[] m, double[] v, int from, int to, double eta,
                             double beta1, double beta2, double epsilon, double c, long step) {
        double stepSize = eta / biasCorrection(beta1, step);
        double correction2Sqrt = Math.sqrt(biasCorrection(beta2, step));
        double oneMinusBeta1 = 1 - beta1, oneMinusBeta2 = 1 - beta2;
        for (int i = from; i < to; i++) {
            double gh = c == 0 ? g[i] : g[i] + c * w[i];
            double mi = m[i] * beta1 + oneMinusBeta1 * gh;
            double vi = v[i] * beta2 + oneMinusBeta2 * gh * gh;
            m[i] = mi;
            v[i] = vi;
            double d = Math.sqrt(vi) / correction2Sqrt + epsilon;
            w[i] = w[i] + -stepSize * mi / d;
        }
    }
}
