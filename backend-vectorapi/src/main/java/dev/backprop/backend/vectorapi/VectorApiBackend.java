package dev.backprop.backend.vectorapi;

import dev.backprop.backend.ActivationKind;
import dev.backprop.backend.ArrayBackend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.OptimizerKind;
import dev.backprop.backend.Precision;
import dev.backprop.backend.CostKind;
import dev.backprop.backend.vectorapi.ElementwiseTask.Op;

/**
 * The Vector API backend: row-major array matrices ({@link ArrayBackend}), with every operation of the training
 * step as a SIMD kernel ({@link DoubleGemm}/{@link FloatGemm} for products, {@link DoubleKernels}/{@link
 * FloatKernels} for the fused elementwise work, {@link DoubleOptimizerKernels}/{@link FloatOptimizerKernels} for
 * every optimizer's fused step). What it does not accelerate (the logarithmic costs and their
 * gradients, the unfused BP1 pairs, argmax, identity's backward copy) touches only the output layer or runs
 * once per evaluation, and runs the contract's portable defaults; {@link #kernelPaths()} lists both.
 *
 * <p>With {@code threads > 1} it owns a {@link WorkerPool} (created here, stopped by {@link #doClose()}) over
 * which large products and large elementwise calls are split; small ones stay on the calling thread.
 *
 * <p>Created only by {@link VectorApiBackendProvider}, after it has checked that the Vector API is usable.
 */
final class VectorApiBackend extends ArrayBackend {

    private final int threads;
    private final WorkerPool pool;
    private final GemmTask gemm;
    private final ElementwiseTask elementwise;
    private final OptimizerTask optimizer;
    private final String description;
    /** Whether this precision's activation kernels take exponentials on vectors ({@link ExpPath}). */
    private final boolean vectorExp;

    VectorApiBackend(BackendConfig config, String hardware) {
        super(VectorApiBackendProvider.NAME, config);
        this.threads = Math.min(config.threads(), Runtime.getRuntime().availableProcessors());
        this.pool = threads > 1 ? new WorkerPool(threads, "backprop-vectorapi") : null;
        this.gemm = new GemmTask(threads);
        this.elementwise = new ElementwiseTask(threads);
        this.optimizer = new OptimizerTask(threads);
        int lanes = config.precision() == Precision.FLOAT64 ? Lanes.F64.length() : Lanes.F32.length();
        ExpPath.Choice exp = isFloat64() ? ExpPath.CHOICE_F64 : ExpPath.CHOICE_F32;
        this.vectorExp = exp != ExpPath.Choice.SCALAR;
        this.description = name() + ": Vector API SIMD kernels, " + hardware + ", " + lanes + " " + precision().shortName()
                + " lanes, " + ExpPath.describe(exp) + ", " + threads + (threads == 1 ? " thread" : " threads")
                + (threads < config.threads() ? " (asked for " + config.threads() + "; this machine has "
                + threads + " processors)" : "");
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    protected void doClose() {
        if (pool != null) {
            pool.close();
        }
    }

    /** Runs {@code task} split over the pool when it is large enough, else on this thread. */
    private void apply(ElementwiseTask task, Op op, ActivationKind f, long elements) {
        try {
            if (pool != null && ElementwiseTask.worthSplitting(op, f, elements, vectorExp)) {
                pool.invoke(task);
            } else {
                task.runWhole();
            }
        } finally {
            task.clear();
        }
    }

    private void elementwise(Op op, ActivationKind f, Matrix x, Matrix y, Matrix out, double s0, double s1) {
        int n = out.size();
        if (isFloat64()) {
            elementwise.f64(op, f, f64(x), y == null ? null : f64(y), f64(out), s0, s1, 0, n);
        } else {
            elementwise.f32(op, f, f32(x), y == null ? null : f32(y), f32(out), s0, s1, 0, n);
        }
        apply(elementwise, op, f, n);
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        int m = c.rows(), n = c.cols();
        int k = transA ? a.rows() : a.cols();
        if (isFloat64()) {
            gemm.gemm(pool, transA, transB, alpha, f64(a), m, k, a.cols(), f64(b), n, b.cols(), beta, f64(c));
        } else {
            gemm.gemm(pool, transA, transB, alpha, f32(a), m, k, a.cols(), f32(b), n, b.cols(), beta, f32(c));
        }
    }

    @Override
    protected void doAddBias(Matrix z, Matrix b) {
        if (isFloat64()) {
            DoubleKernels.addBias(f64(z), f64(b), z.cols(), 0, z.rows());
        } else {
            FloatKernels.addBias(f32(z), f32(b), z.cols(), 0, z.rows());
        }
    }

    /** One pass: bias and activation together (softmax: the bias pass, then the column pass). */
    @Override
    protected void doAddBiasActivate(Matrix z, Matrix b, ActivationKind f, Matrix a) {
        if (!f.elementwise()) {
            doAddBias(z, b);
            softmax(z, a);
            return;
        }
        int rows = z.rows(), m = z.cols();
        if (isFloat64()) {
            elementwise.f64(Op.ADD_BIAS_ACTIVATE, f, f64(z), f64(b), f64(a), 0, 0, m, rows);
        } else {
            elementwise.f32(Op.ADD_BIAS_ACTIVATE, f, f32(z), f32(b), f32(a), 0, 0, m, rows);
        }
        apply(elementwise, Op.ADD_BIAS_ACTIVATE, f, (long) rows * m);
    }

    @Override
    protected void doSumColumns(double alpha, Matrix a, Matrix out) {
        if (isFloat64()) {
            DoubleKernels.sumColumns(alpha, f64(a), f64(out), a.cols(), 0, a.rows());
        } else {
            FloatKernels.sumColumns(alpha, f32(a), f32(out), a.cols(), 0, a.rows());
        }
    }

    @Override
    protected void doAxpby(double alpha, Matrix x, double beta, Matrix y) {
        elementwise(Op.AXPBY, null, x, null, y, alpha, beta);
    }

    // ---------------------------------------------------------------- optimizer steps

    /**
     * SGD is the {@code axpby} kernel itself ({@code W ← (−η)·G + ρ·W}: network2's step, bit for bit and as fast
     * as before the optimizer family); every other kind is one fused pass over W, G and the state.
     */
    @Override
    protected void doOptimizerStep(OptimizerKind k, Matrix w, Matrix g, Matrix s1, Matrix s2, double eta,
                                   double beta1, double beta2, double epsilon, double decay, long step) {
        if (k == OptimizerKind.SGD) {
            elementwise(Op.AXPBY, null, g, null, w, -eta, decay);
            return;
        }
        optimizer.scalars(k, eta, beta1, beta2, epsilon, decay, step);
        if (isFloat64()) {
            optimizer.f64(f64(w), f64(g), s1 == null ? null : f64(s1), s2 == null ? null : f64(s2));
        } else {
            optimizer.f32(f32(w), f32(g), s1 == null ? null : f32(s1), s2 == null ? null : f32(s2));
        }
        try {
            if (pool != null && optimizer.worthSplitting()) {
                pool.invoke(optimizer);
            } else {
                optimizer.runWhole();
            }
        } finally {
            optimizer.clear();
        }
    }

    // ---------------------------------------------------------------- activations, forward beside backward

    @Override
    protected void doActivate(ActivationKind f, Matrix z, Matrix a) {
        if (f.elementwise()) {
            elementwise(Op.ACTIVATE, f, z, null, a, 0, 0);
        } else {
            softmax(z, a);
        }
    }

    @Override
    protected void doActivateBackward(ActivationKind f, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
        switch (f) {
            case SIGMOID -> elementwise(Op.SIGMOID_BACKWARD, null, a, dA, dZ, 0, 0);   // dA·a·(1 − a)
            case TANH -> elementwise(Op.TANH_BACKWARD, null, a, dA, dZ, 0, 0);         // dA·(1 − a)(1 + a)
            case RELU -> elementwise(Op.RELU_BACKWARD, null, z, dA, dZ, 0, 0);         // dA·[z > 0]
            case SOFTMAX -> softmaxBackward(a, dA, dZ);
            case IDENTITY -> super.doActivateBackward(f, z, a, dA, dZ);                // a copy: nothing to speed up
        }
    }

    private void softmax(Matrix z, Matrix a) {
        if (isFloat64()) {
            DoubleKernels.softmax(f64(z), f64(a), z.rows(), z.cols(), 0, z.cols());
        } else {
            FloatKernels.softmax(f32(z), f32(a), z.rows(), z.cols(), 0, z.cols());
        }
    }

    private void softmaxBackward(Matrix a, Matrix dA, Matrix dZ) {
        if (isFloat64()) {
            DoubleKernels.softmaxBackward(f64(a), f64(dA), f64(dZ), a.rows(), a.cols(), 0, a.cols());
        } else {
            FloatKernels.softmaxBackward(f32(a), f32(dA), f32(dZ), a.rows(), a.cols(), 0, a.cols());
        }
    }

    // ---------------------------------------------------------------- costs and BP1

    @Override
    protected double doCost(CostKind c, Matrix a, Matrix y) {
        if (c != CostKind.QUADRATIC) {
            return super.doCost(c, a, y);                        // a logarithm per element: the default's Math.log
        }
        return isFloat64() ? DoubleKernels.quadraticCost(f64(a), f64(y), 0, a.size())
                : FloatKernels.quadraticCost(f32(a), f32(y), 0, a.size());
    }

    /** The fused pairs' {@code Δ = A − Y} as a SIMD subtraction; the other pairs through the default. */
    @Override
    protected void doOutputDelta(CostKind c, ActivationKind f, Matrix z, Matrix a, Matrix y, Matrix delta) {
        if (c.fusedOutput() == f) {
            elementwise(Op.SUBTRACT, null, a, y, delta, 0, 0);
        } else {
            super.doOutputDelta(c, f, z, a, y, delta);
        }
    }
}
