package dev.backprop.backend.vectorapi;

import dev.backprop.backend.ActivationKind;

/**
 * One large elementwise or row-wise call, split into contiguous ranges for the {@link WorkerPool}: a reusable
 * holder of the call's arguments (so a split call allocates nothing) whose {@link #run(int)} applies the
 * f64 or f32 kernel to that part's range. Small calls never get here: see {@link #worthSplitting}.
 */
final class ElementwiseTask implements WorkerPool.Task {

    /**
     * The operations worth splitting, each with its f64 and f32 range kernel. Ranges count rows for
     * ADD_BIAS_ACTIVATE, elements for the rest.
     *
     * <p>Each constant carries its own kernel bodies rather than one {@code switch} naming them all: the call
     * {@code op.f64(…)} sees many receiver classes, so C2 compiles it as a virtual call and every kernel stays a
     * compilation unit of its own. With a switch, JDK 17's C2 inlined every kernel (each with its inlined
     * polynomial {@code exp}) into the worker's loop, ran past its inlining node budget, left some Vector API
     * calls un-inlined, and boxed their vectors: in about a third of the JVMs, the 2-thread f64 training step
     * allocated ~1 MB and ran 20% slower.
     */
    enum Op {
        ADD_BIAS_ACTIVATE(true) {
            @Override
            void f64(ElementwiseTask t, int from, int to) {
                DoubleKernels.addBiasActivate(t.d0, t.d1, t.f, t.d2, t.m, from, to);
            }

            @Override
            void f32(ElementwiseTask t, int from, int to) {
                FloatKernels.addBiasActivate(t.f0, t.f1, t.f, t.f2, t.m, from, to);
            }
        },
        ACTIVATE(true) {
            @Override
            void f64(ElementwiseTask t, int from, int to) {
                DoubleKernels.activate(t.d0, t.f, t.d2, from, to);
            }

            @Override
            void f32(ElementwiseTask t, int from, int to) {
                FloatKernels.activate(t.f0, t.f, t.f2, from, to);
            }
        },
        SIGMOID_BACKWARD(false) {
            @Override
            void f64(ElementwiseTask t, int from, int to) {
                DoubleKernels.sigmoidBackward(t.d0, t.d1, t.d2, from, to);
            }

            @Override
            void f32(ElementwiseTask t, int from, int to) {
                FloatKernels.sigmoidBackward(t.f0, t.f1, t.f2, from, to);
            }
        },
        TANH_BACKWARD(false) {
            @Override
            void f64(ElementwiseTask t, int from, int to) {
                DoubleKernels.tanhBackward(t.d0, t.d1, t.d2, from, to);
            }

            @Override
            void f32(ElementwiseTask t, int from, int to) {
                FloatKernels.tanhBackward(t.f0, t.f1, t.f2, from, to);
            }
        },
        RELU_BACKWARD(false) {
            @Override
            void f64(ElementwiseTask t, int from, int to) {
                DoubleKernels.reluBackward(t.d0, t.d1, t.d2, from, to);
            }

            @Override
            void f32(ElementwiseTask t, int from, int to) {
                FloatKernels.reluBackward(t.f0, t.f1, t.f2, from, to);
            }
        },
        AXPBY(false) {
            @Override
            void f64(ElementwiseTask t, int from, int to) {
                DoubleKernels.axpby(t.s0, t.d0, t.s1, t.d2, from, to);
            }

            @Override
            void f32(ElementwiseTask t, int from, int to) {
                FloatKernels.axpby((float) t.s0, t.f0, (float) t.s1, t.f2, from, to);
            }
        },
        SUBTRACT(false) {
            @Override
            void f64(ElementwiseTask t, int from, int to) {
                DoubleKernels.subtract(t.d0, t.d1, t.d2, from, to);
            }

            @Override
            void f32(ElementwiseTask t, int from, int to) {
                FloatKernels.subtract(t.f0, t.f1, t.f2, from, to);
            }
        };

        /** Whether the activation may cost an exponential per element (and so pays for a split much sooner). */
        final boolean activates;

        Op(boolean activates) {
            this.activates = activates;
        }

        /** Applies the f64 kernel to units [from, to) of the call held by {@code t}. */
        abstract void f64(ElementwiseTask t, int from, int to);

        /** Applies the f32 kernel to units [from, to) of the call held by {@code t}. */
        abstract void f32(ElementwiseTask t, int from, int to);
    }

    /**
     * Elements from which a split of a sigmoid or tanh pays, on the vector exp path: ~20 µs of single-threaded
     * work, against a few µs to wake a worker.
     */
    static final int MIN_TRANSCENDENTAL = 1 << 14;
    /**
     * The same on the scalar exp path ({@link ExpPath#VECTOR_F64} or {@link ExpPath#VECTOR_F32} false: before
     * JDK 25), which costs 5–6 ns per sigmoid element on a Zen 2 core (JMH ActivationBenchmark, 100×64 biased:
     * 40 µs in f64), four times the vector path's rate, so there the 784-100-10 step's 100×64 sigmoid is split
     * too.
     */
    static final int MIN_TRANSCENDENTAL_SCALAR_EXP = 1 << 12;
    static final int MIN_CHEAP = 1 << 17;

    private final int threads;
    private Op op;
    private ActivationKind f;
    private double[] d0, d1, d2;
    private float[] f0, f1, f2;
    private double s0, s1;
    /** Columns per row (row-wise ops) and how many units (rows or elements) the call covers. */
    private int m, count;

    ElementwiseTask(int threads) {
        this.threads = threads;
    }

    /**
     * Whether a call over {@code elements} elements is big enough to split, its kernels taking exponentials on
     * vectors ({@code vectorExp}) or by the scalar twin.
     */
    static boolean worthSplitting(Op op, ActivationKind f, long elements, boolean vectorExp) {
        boolean exp = op.activates && (f == ActivationKind.SIGMOID || f == ActivationKind.TANH);
        return elements >= (!exp ? MIN_CHEAP : vectorExp ? MIN_TRANSCENDENTAL : MIN_TRANSCENDENTAL_SCALAR_EXP);
    }

    ElementwiseTask f64(Op op, ActivationKind f, double[] d0, double[] d1, double[] d2, double s0, double s1,
                        int m, int count) {
        this.op = op;
        this.f = f;
        this.d0 = d0;
        this.d1 = d1;
        this.d2 = d2;
        this.f0 = this.f1 = this.f2 = null;
        this.s0 = s0;
        this.s1 = s1;
        this.m = m;
        this.count = count;
        return this;
    }

    ElementwiseTask f32(Op op, ActivationKind f, float[] f0, float[] f1, float[] f2, double s0, double s1,
                        int m, int count) {
        this.op = op;
        this.f = f;
        this.f0 = f0;
        this.f1 = f1;
        this.f2 = f2;
        this.d0 = this.d1 = this.d2 = null;
        this.s0 = s0;
        this.s1 = s1;
        this.m = m;
        this.count = count;
        return this;
    }

    /** Drops the references to the caller's arrays once the call is done. */
    void clear() {
        d0 = d1 = d2 = null;
        f0 = f1 = f2 = null;
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
        if (d0 != null) {
            op.f64(this, from, to);
        } else {
            op.f32(this, from, to);
        }
    }
}
