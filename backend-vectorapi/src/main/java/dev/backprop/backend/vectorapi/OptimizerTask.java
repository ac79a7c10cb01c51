package dev.backprop.backend.vectorapi;

import dev.backprop.backend.OptimizerKind;

/**
 * One optimizer step on one parameter tensor: a reusable holder of the call's arrays and scalars (so a call
 * allocates nothing) whose {@link #run(int)} applies the rule's f64 or f32 kernel to that part's range of
 * elements, on the calling thread or split over the {@link WorkerPool}.
 *
 * <p>As in {@link ElementwiseTask.Op}, each rule is an enum constant with its own kernel bodies rather than one
 * {@code switch} naming them all: {@code rule.f64(…)} sees many receiver classes, so C2 compiles it as a virtual
 * call and every kernel stays a compilation unit of its own. Inlined together, several kernels of a dozen live
 * vectors each would run JDK 17's C2 past its inlining budget, and Vector API calls left un-inlined box their
 * vectors (allocation on every step).
 */
final class OptimizerTask implements WorkerPool.Task {

    /** The fused kernels, one per rule (RMSProp with and without momentum are different passes). */
    enum Rule {
        MOMENTUM {
            @Override
            void f64(OptimizerTask t, int from, int to) {
                DoubleOptimizerKernels.momentum(t.dw, t.dg, t.d1, from, to, t.negEta, t.beta1, t.decay);
            }

            @Override
            void f32(OptimizerTask t, int from, int to) {
                FloatOptimizerKernels.momentum(t.fw, t.fg, t.f1, from, to, (float) t.negEta, (float) t.beta1,
                        (float) t.decay);
            }
        },
        NESTEROV {
            @Override
            void f64(OptimizerTask t, int from, int to) {
                DoubleOptimizerKernels.nesterov(t.dw, t.dg, t.d1, from, to, t.negEta, t.beta1, t.decay);
            }

            @Override
            void f32(OptimizerTask t, int from, int to) {
                FloatOptimizerKernels.nesterov(t.fw, t.fg, t.f1, from, to, (float) t.negEta, (float) t.beta1,
                        (float) t.decay);
            }
        },
        RMSPROP {
            @Override
            void f64(OptimizerTask t, int from, int to) {
                DoubleOptimizerKernels.rmsprop(t.dw, t.dg, t.d1, from, to, t.negEta, t.beta1, t.oneMinusBeta1,
                        t.epsilon, t.decay);
            }

            @Override
            void f32(OptimizerTask t, int from, int to) {
                FloatOptimizerKernels.rmsprop(t.fw, t.fg, t.f1, from, to, (float) t.negEta, (float) t.beta1,
                        (float) t.oneMinusBeta1, (float) t.epsilon, (float) t.decay);
            }
        },
        RMSPROP_MOMENTUM {
            @Override
            void f64(OptimizerTask t, int from, int to) {
                DoubleOptimizerKernels.rmspropMomentum(t.dw, t.dg, t.d1, t.d2, from, to, t.negEta, t.beta1,
                        t.oneMinusBeta1, t.beta2, t.epsilon, t.decay);
            }

            @Override
            void f32(OptimizerTask t, int from, int to) {
                FloatOptimizerKernels.rmspropMomentum(t.fw, t.fg, t.f1, t.f2, from, to, (float) t.negEta,
                        (float) t.beta1, (float) t.oneMinusBeta1, (float) t.beta2, (float) t.epsilon, (float) t.decay);
            }
        },
        ADAM {
            @Override
            void f64(OptimizerTask t, int from, int to) {
                DoubleOptimizerKernels.adam(t.dw, t.dg, t.d1, t.d2, from, to, t.negStep, t.root2, t.beta1,
                        t.oneMinusBeta1, t.beta2, t.oneMinusBeta2, t.epsilon, t.decay);
            }

            @Override
            void f32(OptimizerTask t, int from, int to) {
                FloatOptimizerKernels.adam(t.fw, t.fg, t.f1, t.f2, from, to, (float) t.negStep, (float) t.root2,
                        (float) t.beta1, (float) t.oneMinusBeta1, (float) t.beta2, (float) t.oneMinusBeta2,
                        (float) t.epsilon, (float) t.decay);
            }
        },
        ADAMW {
            @Override
            void f64(OptimizerTask t, int from, int to) {
                DoubleOptimizerKernels.adamw(t.dw, t.dg, t.d1, t.d2, from, to, t.negStep, t.root2, t.beta1,
                        t.oneMinusBeta1, t.beta2, t.oneMinusBeta2, t.epsilon, t.decay);
            }

            @Override
            void f32(OptimizerTask t, int from, int to) {
                FloatOptimizerKernels.adamw(t.fw, t.fg, t.f1, t.f2, from, to, (float) t.negStep, (float) t.root2,
                        (float) t.beta1, (float) t.oneMinusBeta1, (float) t.beta2, (float) t.oneMinusBeta2,
                        (float) t.epsilon, (float) t.decay);
            }
        };

        /** Applies the f64 kernel to elements [from, to) of the call held by {@code t}. */
        abstract void f64(OptimizerTask t, int from, int to);

        /** Applies the f32 kernel to elements [from, to) of the call held by {@code t}. */
        abstract void f32(OptimizerTask t, int from, int to);

        /** The kernel for {@code kind} (not SGD, which is the backend's axpby); RMSProp's depends on its μ. */
        static Rule of(OptimizerKind kind, double rmspropMomentum) {
            return switch (kind) {
                case MOMENTUM -> MOMENTUM;
                case NESTEROV -> NESTEROV;
                case RMSPROP -> rmspropMomentum == 0 ? RMSPROP : RMSPROP_MOMENTUM;
                case ADAM -> ADAM;
                case ADAMW -> ADAMW;
                case SGD -> throw new IllegalArgumentException("SGD runs as axpby, not as an optimizer task");
            };
        }
    }

    /**
     * Elements from which a split pays: a step reads and writes up to seven arrays and takes a square root and
     * a division per element (Adam), about 1 ns per element on one core, so 2¹⁵ elements are ~30 µs of work
     * against a few µs to wake a worker.
     */
    static final int MIN_SPLIT = 1 << 15;

    private final int threads;
    private Rule rule;
    private double[] dw, dg, d1, d2;
    private float[] fw, fg, f1, f2;
    private double negEta, beta1, oneMinusBeta1, beta2, oneMinusBeta2, epsilon, decay, negStep, root2;
    private int count;

    OptimizerTask(int threads) {
        this.threads = threads;
    }

    /**
     * Holds one step's scalars: η, β₁ (μ or α), β₂ (Adam's, or RMSProp's μ), ε, the weight decay δ and the step
     * t, from which Adam's {@code −η/b₁} and {@code √b₂} are computed once for the whole tensor, as the
     * reference computes them.
     */
    OptimizerTask scalars(OptimizerKind kind, double eta, double beta1, double beta2, double epsilon, double decay,
                          long step) {
        this.rule = Rule.of(kind, beta2);
        this.negEta = -eta;
        this.beta1 = beta1;
        this.oneMinusBeta1 = 1 - beta1;
        this.beta2 = beta2;
        this.oneMinusBeta2 = 1 - beta2;
        this.epsilon = epsilon;
        this.decay = decay;
        if (kind == OptimizerKind.ADAM || kind == OptimizerKind.ADAMW) {
            this.negStep = -(eta / OptimizerKind.biasCorrection(beta1, step));
            this.root2 = Math.sqrt(OptimizerKind.biasCorrection(beta2, step));
        }
        return this;
    }

    /** Holds a float64 call's arrays (state arrays the rule does not use may be null). */
    OptimizerTask f64(double[] w, double[] g, double[] s1, double[] s2) {
        this.dw = w;
        this.dg = g;
        this.d1 = s1;
        this.d2 = s2;
        this.fw = this.fg = this.f1 = this.f2 = null;
        this.count = w.length;
        return this;
    }

    /** Holds a float32 call's arrays. */
    OptimizerTask f32(float[] w, float[] g, float[] s1, float[] s2) {
        this.fw = w;
        this.fg = g;
        this.f1 = s1;
        this.f2 = s2;
        this.dw = this.dg = this.d1 = this.d2 = null;
        this.count = w.length;
        return this;
    }

    /** Whether the call is large enough to split over the pool. */
    boolean worthSplitting() {
        return count >= MIN_SPLIT;
    }

    /** Drops the references to the caller's arrays once the call is done. */
    void clear() {
        dw = dg = d1 = d2 = null;
        fw = fg = f1 = f2 = null;
    }

    /** Runs the whole call on the calling thread. */
    void runWhole() {
        range(0, count);
    }

    @Override
    public void run(int part) {
        range((int) ((long) count * part / threads), (int) ((long) count * (part + 1) / threads));
    }

    private void range(int from, int to) {
        if (from >= to) {
            return;
        }
        if (dw != null) {
            rule.f64(this, from, to);
        } else {
            rule.f32(this, from, to);
        }
    }
}
