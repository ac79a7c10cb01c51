package dev.backprop.backend.vectorapi;

import dev.backprop.backend.ActivationKind;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.DoubleArrayMatrix;
import dev.backprop.backend.FloatArrayMatrix;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.backend.vectorapi.ElementwiseTask.Op;

import java.util.Arrays;

/**
 * The Vector API backend: the reference backend's row-major array matrices, with every operation of the
 * training step replaced by a SIMD kernel ({@link DoubleGemm}/{@link FloatGemm} for products,
 * {@link DoubleKernels}/{@link FloatKernels} for the fused elementwise work). The few operations it does not
 * accelerate (the logarithmic costs and their gradients, argmax, the generic map/zip) touch only the output
 * layer or run once per evaluation, and are inherited from the reference.
 *
 * <p>With {@code threads > 1} it owns a {@link WorkerPool} (created here, stopped by {@link #close()}) over
 * which large products and large elementwise calls are split; small ones stay on the calling thread.
 *
 * <p>Created only by {@link VectorApiBackendProvider}, after it has checked that the Vector API is usable.
 */
final class VectorApiBackend extends ScalarBackend {

    private final int threads;
    private final WorkerPool pool;
    private final GemmTask gemm;
    private final ElementwiseTask elementwise;
    private final String description;

    VectorApiBackend(BackendConfig config, String hardware) {
        super(VectorApiBackendProvider.NAME, config);
        this.threads = Math.min(config.threads(), Runtime.getRuntime().availableProcessors());
        this.pool = threads > 1 ? new WorkerPool(threads, "backprop-vectorapi") : null;
        this.gemm = new GemmTask(threads);
        this.elementwise = new ElementwiseTask(threads);
        int lanes = config.precision() == Precision.FLOAT64 ? Lanes.F64.length() : Lanes.F32.length();
        this.description = name() + ": Vector API SIMD kernels, " + hardware + ", " + lanes + " " + precision().shortName()
                + " lanes, " + ExpPath.describe() + ", " + threads + (threads == 1 ? " thread" : " threads")
                + (threads < config.threads() ? " (asked for " + config.threads() + "; this machine has "
                + threads + " processors)" : "");
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    protected boolean accepts(Matrix m) {
        return m instanceof DoubleArrayMatrix || m instanceof FloatArrayMatrix;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    private boolean f64() {
        return precision() == Precision.FLOAT64;
    }

    private static double[] d(Matrix m) {
        return ((DoubleArrayMatrix) m).data();
    }

    private static float[] f(Matrix m) {
        return ((FloatArrayMatrix) m).data();
    }

    /** Runs {@code task} split over the pool when it is large enough, else on this thread. */
    private void apply(ElementwiseTask task, Op op, ActivationKind f, long elements) {
        try {
            if (pool != null && ElementwiseTask.worthSplitting(op, f, elements)) {
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
        if (f64()) {
            elementwise.f64(op, f, d(x), y == null ? null : d(y), d(out), s0, s1, 0, n);
        } else {
            elementwise.f32(op, f, f(x), y == null ? null : f(y), f(out), s0, s1, 0, n);
        }
        apply(elementwise, op, f, n);
    }

    // ---------------------------------------------------------------- creation and transfer

    @Override
    protected void doCopy(Matrix src, Matrix dst) {
        if (f64()) {
            System.arraycopy(d(src), 0, d(dst), 0, src.size());
        } else {
            System.arraycopy(f(src), 0, f(dst), 0, src.size());
        }
    }

    @Override
    protected void doFill(Matrix dst, double value) {
        if (f64()) {
            Arrays.fill(d(dst), value);
        } else {
            Arrays.fill(f(dst), (float) value);
        }
    }

    // ---------------------------------------------------------------- linear algebra

    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        int m = c.rows(), n = c.cols();
        int k = transA ? a.rows() : a.cols();
        if (f64()) {
            gemm.gemm(pool, transA, transB, alpha, d(a), m, k, a.cols(), d(b), n, b.cols(), beta, d(c));
        } else {
            gemm.gemm(pool, transA, transB, alpha, f(a), m, k, a.cols(), f(b), n, b.cols(), beta, f(c));
        }
    }

    @Override
    protected void doAddBias(Matrix z, Matrix b) {
        if (f64()) {
            DoubleKernels.addBias(d(z), d(b), z.cols(), 0, z.rows());
        } else {
            FloatKernels.addBias(f(z), f(b), z.cols(), 0, z.rows());
        }
    }

    /** One pass: bias and activation together (softmax: the bias pass, then the column pass). */
    @Override
    protected void doAddBiasActivate(Matrix z, Matrix b, ActivationKind f, Matrix a) {
        if (f == ActivationKind.SOFTMAX) {
            doAddBias(z, b);
            doSoftmax(z, a);
            return;
        }
        int rows = z.rows(), m = z.cols();
        if (f64()) {
            elementwise.f64(Op.ADD_BIAS_ACTIVATE, f, d(z), d(b), d(a), 0, 0, m, rows);
        } else {
            elementwise.f32(Op.ADD_BIAS_ACTIVATE, f, f(z), f(b), f(a), 0, 0, m, rows);
        }
        apply(elementwise, Op.ADD_BIAS_ACTIVATE, f, (long) rows * m);
    }

    @Override
    protected void doSumColumns(double alpha, Matrix a, Matrix out) {
        if (f64()) {
            DoubleKernels.sumColumns(alpha, d(a), d(out), a.cols(), 0, a.rows());
        } else {
            FloatKernels.sumColumns(alpha, f(a), f(out), a.cols(), 0, a.rows());
        }
    }

    @Override
    protected void doAxpby(double alpha, Matrix x, double beta, Matrix y) {
        elementwise(Op.AXPBY, null, x, null, y, alpha, beta);
    }

    @Override
    protected void doHadamard(Matrix x, Matrix y, Matrix out) {
        elementwise(Op.HADAMARD, null, x, y, out, 0, 0);
    }

    @Override
    protected void doSubtract(Matrix x, Matrix y, Matrix out) {
        elementwise(Op.SUBTRACT, null, x, y, out, 0, 0);
    }

    @Override
    protected double doSumOfSquares(Matrix x) {
        return f64() ? DoubleKernels.sumOfSquares(d(x), 0, x.size()) : FloatKernels.sumOfSquares(f(x), 0, x.size());
    }

    // ---------------------------------------------------------------- activations

    @Override
    protected void doSigmoid(Matrix z, Matrix a) {
        elementwise(Op.ACTIVATE, ActivationKind.SIGMOID, z, null, a, 0, 0);
    }

    @Override
    protected void doSigmoidBackward(Matrix a, Matrix dA, Matrix dZ) {
        elementwise(Op.SIGMOID_BACKWARD, null, a, dA, dZ, 0, 0);
    }

    @Override
    protected void doTanh(Matrix z, Matrix a) {
        elementwise(Op.ACTIVATE, ActivationKind.TANH, z, null, a, 0, 0);
    }

    @Override
    protected void doTanhBackward(Matrix a, Matrix dA, Matrix dZ) {
        elementwise(Op.TANH_BACKWARD, null, a, dA, dZ, 0, 0);
    }

    @Override
    protected void doRelu(Matrix z, Matrix a) {
        elementwise(Op.ACTIVATE, ActivationKind.RELU, z, null, a, 0, 0);
    }

    @Override
    protected void doReluBackward(Matrix z, Matrix dA, Matrix dZ) {
        elementwise(Op.RELU_BACKWARD, null, z, dA, dZ, 0, 0);
    }

    @Override
    protected void doSoftmax(Matrix z, Matrix a) {
        if (f64()) {
            DoubleKernels.softmax(d(z), d(a), z.rows(), z.cols(), 0, z.cols());
        } else {
            FloatKernels.softmax(f(z), f(a), z.rows(), z.cols(), 0, z.cols());
        }
    }

    @Override
    protected void doSoftmaxBackward(Matrix a, Matrix dA, Matrix dZ) {
        if (f64()) {
            DoubleKernels.softmaxBackward(d(a), d(dA), d(dZ), a.rows(), a.cols(), 0, a.cols());
        } else {
            FloatKernels.softmaxBackward(f(a), f(dA), f(dZ), a.rows(), a.cols(), 0, a.cols());
        }
    }

    // ---------------------------------------------------------------- costs

    @Override
    protected double doQuadraticCost(Matrix a, Matrix y) {
        return f64() ? DoubleKernels.quadraticCost(d(a), d(y), 0, a.size())
                : FloatKernels.quadraticCost(f(a), f(y), 0, a.size());
    }
}
