package dev.backprop.backend.vectorapi;

import dev.backprop.backend.ActivationKind;

/**
 * One large elementwise or row-wise call, split into contiguous ranges for the {@link WorkerPool}: a reusable
 * holder of the call's arguments (so a split call allocates nothing) whose {@link #run(int)} applies the
 * f64 or f32 kernel to that part's range. Small calls never get here: see {@link #worthSplitting}.
 */
final class ElementwiseTask implements WorkerPool.Task {

    /** The operations worth splitting. Ranges count rows for ADD_BIAS_ACTIVATE, elements for the rest. */
    enum Op {
        ADD_BIAS_ACTIVATE(true),
        ACTIVATE(true),
        SIGMOID_BACKWARD(false),
        TANH_BACKWARD(false),
        RELU_BACKWARD(false),
        AXPBY(false),
        HADAMARD(false),
        SUBTRACT(false);

        /** Whether the activation may cost an exponential per element (and so pays for a split much sooner). */
        final boolean activates;

        Op(boolean activates) {
            this.activates = activates;
        }
    }

    /** Elements from which a split pays: ~20 µs of single-threaded work, against a few µs to wake a worker. */
    static final int MIN_TRANSCENDENTAL = 1 << 14;
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

    /** Whether a call over {@code elements} elements is big enough to split. */
    static boolean worthSplitting(Op op, ActivationKind f, long elements) {
        boolean exp = op.activates && (f == ActivationKind.SIGMOID || f == ActivationKind.TANH);
        return elements >= (exp ? MIN_TRANSCENDENTAL : MIN_CHEAP);
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
            runF64(from, to);
        } else {
            runF32(from, to);
        }
    }

    private void runF64(int from, int to) {
        switch (op) {
            case ADD_BIAS_ACTIVATE -> DoubleKernels.addBiasActivate(d0, d1, f, d2, m, from, to);
            case ACTIVATE -> DoubleKernels.activate(d0, f, d2, from, to);
            case SIGMOID_BACKWARD -> DoubleKernels.sigmoidBackward(d0, d1, d2, from, to);
            case TANH_BACKWARD -> DoubleKernels.tanhBackward(d0, d1, d2, from, to);
            case RELU_BACKWARD -> DoubleKernels.reluBackward(d0, d1, d2, from, to);
            case AXPBY -> DoubleKernels.axpby(s0, d0, s1, d2, from, to);
            case HADAMARD -> DoubleKernels.hadamard(d0, d1, d2, from, to);
            case SUBTRACT -> DoubleKernels.subtract(d0, d1, d2, from, to);
        }
    }

    private void runF32(int from, int to) {
        switch (op) {
            case ADD_BIAS_ACTIVATE -> FloatKernels.addBiasActivate(f0, f1, f, f2, m, from, to);
            case ACTIVATE -> FloatKernels.activate(f0, f, f2, from, to);
            case SIGMOID_BACKWARD -> FloatKernels.sigmoidBackward(f0, f1, f2, from, to);
            case TANH_BACKWARD -> FloatKernels.tanhBackward(f0, f1, f2, from, to);
            case RELU_BACKWARD -> FloatKernels.reluBackward(f0, f1, f2, from, to);
            case AXPBY -> FloatKernels.axpby((float) s0, f0, (float) s1, f2, from, to);
            case HADAMARD -> FloatKernels.hadamard(f0, f1, f2, from, to);
            case SUBTRACT -> FloatKernels.subtract(f0, f1, f2, from, to);
        }
    }
}
