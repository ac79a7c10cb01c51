package dev.backprop.backend;

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The tensor operations the backprop equations need, on matrices this backend owns.
 *
 * <p>The public methods are the <em>facade</em>: each checks its arguments once (ownership, precision,
 * shapes, aliasing, finite scalars) and then calls the backend's kernel, the protected {@code do…} method
 * of the same name, which may assume valid input. Because the checks live here, every backend rejects the
 * same mistakes with the same exception types and messages. A backend implements the {@code do…} methods
 * and {@link #accepts(Matrix)}; it never overrides the facade.
 *
 * <p>Every operation writes into an output the caller preallocated; none allocates on the hot path. Unless
 * a method says otherwise, an elementwise operation's output may be the very same matrix as one of its
 * inputs (in-place update); matrix products and reductions need an output distinct from their inputs.
 *
 * <p>A backend instance is meant for one thread at a time; create one per thread for concurrent use. Close
 * it when done: backends that own thread pools release them in {@link #close()}.
 */
public abstract class Backend implements AutoCloseable {

    private final String name;
    private final BackendConfig config;

    protected Backend(String name, BackendConfig config) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The provider's name, e.g. {@code scalar} or {@code ejml}. */
    public final String name() {
        return name;
    }

    /** The configuration this backend was created with. */
    public final BackendConfig config() {
        return config;
    }

    /** The precision of every matrix this backend creates and accepts. */
    public final Precision precision() {
        return config.precision();
    }

    /** A one-line description of what this instance runs on (threads used, SIMD width, library version). */
    public String description() {
        return name + " (" + config + ")";
    }

    /** Whether {@code m} is a matrix this backend's kernels can work on (normally: one it created). */
    protected abstract boolean accepts(Matrix m);

    /**
     * Throws the facade's own error when {@code m} is null, foreign to this backend or of the other
     * precision, naming {@code context} and {@code name} (for callers such as the network that check their
     * inputs up front).
     */
    public final void requireOwn(String context, String name, Matrix m) {
        Checks.owned(this, context, name, m);
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return description();
    }

    // ---------------------------------------------------------------- creation and transfer

    /** A new {@code rows×cols} matrix of zeros. Allocates: call it when building workspaces, not per step. */
    public final Matrix zeros(int rows, int cols) {
        Checks.shape("zeros", rows, cols);
        return doZeros(rows, cols);
    }

    /** A new {@code rows×cols} matrix holding {@code rowMajor} (copied; rounded to float for float32 backends). */
    public final Matrix fromArray(int rows, int cols, double[] rowMajor) {
        Checks.shape("fromArray", rows, cols);
        Objects.requireNonNull(rowMajor, "rowMajor");
        Matrix m = doZeros(rows, cols);
        Checks.arrayLength("fromArray", "rowMajor", rowMajor.length, m);
        doLoad(m, rowMajor);
        return m;
    }

    /** A new {@code rows×cols} matrix holding {@code rowMajor} (copied; widened for float64 backends). */
    public final Matrix fromArray(int rows, int cols, float[] rowMajor) {
        Checks.shape("fromArray", rows, cols);
        Objects.requireNonNull(rowMajor, "rowMajor");
        Matrix m = doZeros(rows, cols);
        Checks.arrayLength("fromArray", "rowMajor", rowMajor.length, m);
        doLoad(m, rowMajor);
        return m;
    }

    /** Copies row-major {@code src} into {@code dst}: {@code dst ← src}. */
    public final void load(Matrix dst, double[] src) {
        Checks.owned(this, "load", "dst", dst);
        Objects.requireNonNull(src, "load: src is null");
        Checks.arrayLength("load", "src", src.length, dst);
        doLoad(dst, src);
    }

    /** Copies row-major {@code src} into {@code dst}: {@code dst ← src}. */
    public final void load(Matrix dst, float[] src) {
        Checks.owned(this, "load", "dst", dst);
        Objects.requireNonNull(src, "load: src is null");
        Checks.arrayLength("load", "src", src.length, dst);
        doLoad(dst, src);
    }

    /** Copies {@code src} into row-major {@code dst}. */
    public final void store(Matrix src, double[] dst) {
        Checks.owned(this, "store", "src", src);
        Objects.requireNonNull(dst, "store: dst is null");
        Checks.arrayLength("store", "dst", dst.length, src);
        doStore(src, dst);
    }

    /** Copies {@code src} into row-major {@code dst} (float64 values are rounded to float). */
    public final void store(Matrix src, float[] dst) {
        Checks.owned(this, "store", "src", src);
        Objects.requireNonNull(dst, "store: dst is null");
        Checks.arrayLength("store", "dst", dst.length, src);
        doStore(src, dst);
    }

    /** {@code dst ← src}. */
    public final void copy(Matrix src, Matrix dst) {
        Checks.owned(this, "copy", "src", src);
        Checks.owned(this, "copy", "dst", dst);
        Checks.sameShape("copy", "src", src, "dst", dst);
        doCopy(src, dst);
    }

    /** Sets every element of {@code dst} to {@code value}. */
    public final void fill(Matrix dst, double value) {
        Checks.owned(this, "fill", "dst", dst);
        doFill(dst, value);
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * General matrix multiply: {@code C ← α·op(A)·op(B) + β·C}, where {@code op(X)} is {@code Xᵀ} when the
     * matching flag is set and {@code X} otherwise. Modifies {@code C} only.
     *
     * <p>With {@code β = 0}, C's previous contents are ignored (not multiplied), so NaN or garbage in C does
     * not propagate, as in BLAS. C must be a different matrix from A and B.
     *
     * @throws IllegalArgumentException when {@code op(A)} is m×k, {@code op(B)} is not k×n, or C is not m×n;
     *                                  when C is A or B; when α or β is not finite
     */
    public final void gemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        Checks.owned(this, "gemm", "A", a);
        Checks.owned(this, "gemm", "B", b);
        Checks.owned(this, "gemm", "C", c);
        Checks.gemm(transA, transB, a, b, c);
        Checks.distinct("gemm", "C", c, "A", a);
        Checks.distinct("gemm", "C", c, "B", b);
        Checks.finite("gemm", "alpha", alpha);
        Checks.finite("gemm", "beta", beta);
        doGemm(transA, transB, alpha, a, b, beta, c);
    }

    /**
     * Broadcast bias add, the {@code + b·1ᵀ} of the forward pass: {@code Z[i][j] ← Z[i][j] + b[i]} for every
     * column j. Modifies {@code z} only.
     *
     * @param z n×m, updated in place
     * @param b n×1
     */
    public final void addBias(Matrix z, Matrix b) {
        Checks.owned(this, "addBias", "Z", z);
        Checks.owned(this, "addBias", "b", b);
        Checks.columnVector("addBias", "b", b, z.rows());
        Checks.distinct("addBias", "Z", z, "b", b);
        doAddBias(z, b);
    }

    /**
     * A dense layer's forward pass after its matrix product, fused so a backend can do it in one pass over
     * memory: {@code Z ← Z + b·1ᵀ}, then {@code A ← f(Z)} (column-wise for softmax). Both Z and A are written:
     * the backward pass needs them. A may be the same matrix as Z (then Z's biased values are lost).
     *
     * @param z n×m, updated in place
     * @param b n×1
     * @param a n×m (written)
     */
    public final void addBiasActivate(Matrix z, Matrix b, ActivationKind f, Matrix a) {
        Checks.owned(this, "addBiasActivate", "Z", z);
        Checks.owned(this, "addBiasActivate", "b", b);
        Checks.owned(this, "addBiasActivate", "A", a);
        Checks.columnVector("addBiasActivate", "b", b, z.rows());
        Checks.sameShape("addBiasActivate", "Z", z, "A", a);
        Checks.distinct("addBiasActivate", "Z", z, "b", b);
        Checks.distinct("addBiasActivate", "A", a, "b", b);
        Objects.requireNonNull(f, "addBiasActivate: f is null");
        doAddBiasActivate(z, b, f, a);
    }

    /**
     * Scaled sum of the columns, the {@code (1/m)·Δ·1} of BP3: {@code out[i] ← α·Σ_j A[i][j]}.
     *
     * @param a   n×m
     * @param out n×1, a different matrix from {@code a}
     */
    public final void sumColumns(double alpha, Matrix a, Matrix out) {
        Checks.owned(this, "sumColumns", "A", a);
        Checks.owned(this, "sumColumns", "out", out);
        Checks.columnVector("sumColumns", "out", out, a.rows());
        Checks.distinct("sumColumns", "out", out, "A", a);
        Checks.finite("sumColumns", "alpha", alpha);
        doSumColumns(alpha, a, out);
    }

    /**
     * {@code Y ← α·X + β·Y}, the SGD update with L2 weight decay
     * ({@code W ← (1 − ηλ/n)·W − η·∂C/∂W} is {@code axpby(−η, ∂C/∂W, 1 − ηλ/n, W)}). Modifies {@code y}.
     * With {@code β = 0}, Y's previous contents are ignored.
     */
    public final void axpby(double alpha, Matrix x, double beta, Matrix y) {
        Checks.owned(this, "axpby", "X", x);
        Checks.owned(this, "axpby", "Y", y);
        Checks.sameShape("axpby", "X", x, "Y", y);
        Checks.finite("axpby", "alpha", alpha);
        Checks.finite("axpby", "beta", beta);
        doAxpby(alpha, x, beta, y);
    }

    /** Elementwise (Hadamard) product: {@code out ← X ⊙ Y}. */
    public final void hadamard(Matrix x, Matrix y, Matrix out) {
        checkElementwise("hadamard", "X", x, "Y", y, out);
        doHadamard(x, y, out);
    }

    /** Elementwise difference {@code out ← X − Y}; also the fused output delta {@code Δ[L] = A − Y}. */
    public final void subtract(Matrix x, Matrix y, Matrix out) {
        checkElementwise("subtract", "X", x, "Y", y, out);
        doSubtract(x, y, out);
    }

    /** {@code Σ x²} over all elements, accumulated in double (the L2 penalty's {@code ‖W‖²}). */
    public final double sumOfSquares(Matrix x) {
        Checks.owned(this, "sumOfSquares", "X", x);
        return doSumOfSquares(x);
    }

    // ---------------------------------------------------------------- activations: forward and backward in pairs

    /** {@code A ← σ(Z)} with {@code σ(z) = 1/(1 + e^(−z))}. */
    public final void sigmoid(Matrix z, Matrix a) {
        checkUnary("sigmoid", "Z", z, "A", a);
        doSigmoid(z, a);
    }

    /** {@code dZ ← dA ⊙ σ'(Z)} with {@code σ'(z) = σ(z)·(1 − σ(z)) = A ⊙ (1 − A)}, computed from A. */
    public final void sigmoidBackward(Matrix a, Matrix dA, Matrix dZ) {
        checkElementwise("sigmoidBackward", "A", a, "dA", dA, dZ);
        doSigmoidBackward(a, dA, dZ);
    }

    /** {@code A ← tanh(Z)}. */
    public final void tanh(Matrix z, Matrix a) {
        checkUnary("tanh", "Z", z, "A", a);
        doTanh(z, a);
    }

    /** {@code dZ ← dA ⊙ (1 − A²)}, since {@code tanh'(z) = 1 − tanh²(z)}. */
    public final void tanhBackward(Matrix a, Matrix dA, Matrix dZ) {
        checkElementwise("tanhBackward", "A", a, "dA", dA, dZ);
        doTanhBackward(a, dA, dZ);
    }

    /** {@code A ← max(Z, 0)}. */
    public final void relu(Matrix z, Matrix a) {
        checkUnary("relu", "Z", z, "A", a);
        doRelu(z, a);
    }

    /** {@code dZ ← dA ⊙ [Z > 0]} (the derivative at 0 is taken as 0). */
    public final void reluBackward(Matrix z, Matrix dA, Matrix dZ) {
        checkElementwise("reluBackward", "Z", z, "dA", dA, dZ);
        doReluBackward(z, dA, dZ);
    }

    /**
     * Column-wise softmax: {@code A[i][j] ← e^(Z[i][j] − max_k Z[k][j]) / Σ_k e^(Z[k][j] − max_k Z[k][j])}.
     * Subtracting the column maximum keeps the exponentials finite; the result is the same.
     */
    public final void softmax(Matrix z, Matrix a) {
        checkUnary("softmax", "Z", z, "A", a);
        doSoftmax(z, a);
    }

    /**
     * The softmax Jacobian applied column by column:
     * {@code dZ[i][j] ← A[i][j]·(dA[i][j] − Σ_k dA[k][j]·A[k][j])}. {@code dZ} may be {@code dA}.
     */
    public final void softmaxBackward(Matrix a, Matrix dA, Matrix dZ) {
        checkElementwise("softmaxBackward", "A", a, "dA", dA, dZ);
        doSoftmaxBackward(a, dA, dZ);
    }

    // ---------------------------------------------------------------- costs (sums over every example in the batch)

    /** {@code Σ_j C_x} for the quadratic cost {@code C_x = ½·‖a − y‖²}; its gradient is {@link #subtract A − Y}. */
    public final double quadraticCost(Matrix a, Matrix y) {
        checkCost("quadraticCost", a, y);
        return doQuadraticCost(a, y);
    }

    /**
     * {@code Σ_j C_x} for the (binary) cross-entropy {@code C_x = −Σ_i [y ln a + (1 − y) ln(1 − a)]}, with
     * {@code 0·ln 0} taken as 0 and other logarithms' arguments clamped to the smallest normal double, so
     * the cost is finite for every a in [0, 1].
     */
    public final double crossEntropyCost(Matrix a, Matrix y) {
        checkCost("crossEntropyCost", a, y);
        return doCrossEntropyCost(a, y);
    }

    /**
     * {@code dA ← ∂C_x/∂a = (a − y) / (a·(1 − a))}, the denominator clamped to the smallest normal double.
     * With a sigmoid output layer the engine uses the fused {@code Δ = A − Y} instead.
     */
    public final void crossEntropyGradient(Matrix a, Matrix y, Matrix dA) {
        checkElementwise("crossEntropyGradient", "A", a, "Y", y, dA);
        doCrossEntropyGradient(a, y, dA);
    }

    /**
     * {@code Σ_j C_x} for the log-likelihood (categorical cross-entropy) {@code C_x = −Σ_i y ln a}, with
     * {@code 0·ln 0} taken as 0 and the logarithm's argument clamped to the smallest normal double.
     */
    public final double logLikelihoodCost(Matrix a, Matrix y) {
        checkCost("logLikelihoodCost", a, y);
        return doLogLikelihoodCost(a, y);
    }

    /**
     * {@code dA ← ∂C_x/∂a = −y / a}, the denominator clamped to the smallest normal double. With a softmax
     * output layer the engine uses the fused {@code Δ = A − Y} instead.
     */
    public final void logLikelihoodGradient(Matrix a, Matrix y, Matrix dA) {
        checkElementwise("logLikelihoodGradient", "A", a, "Y", y, dA);
        doLogLikelihoodGradient(a, y, dA);
    }

    // ---------------------------------------------------------------- generic elementwise (user-defined activations and costs)

    /**
     * {@code out[i] ← f(X[i])} for every element, computed in double. Slower than the built-in kernels (one
     * call per element), but it runs on every backend: a user's own {@code Activation} is built on it.
     */
    public final void map(Matrix x, DoubleUnaryOperator f, Matrix out) {
        checkUnary("map", "X", x, "out", out);
        Objects.requireNonNull(f, "map: f is null");
        doMap(x, f, out);
    }

    /** {@code out[i] ← f(X[i], Y[i])} for every element, computed in double. */
    public final void zip(Matrix x, Matrix y, DoubleBinaryOperator f, Matrix out) {
        checkElementwise("zip", "X", x, "Y", y, out);
        Objects.requireNonNull(f, "zip: f is null");
        doZip(x, y, f, out);
    }

    /** {@code Σ_i f(X[i], Y[i])} over all elements, accumulated in double (a user-defined cost's value). */
    public final double sumZip(Matrix x, Matrix y, DoubleBinaryOperator f) {
        checkCost("sumZip", x, y);
        Objects.requireNonNull(f, "sumZip: f is null");
        return doSumZip(x, y, f);
    }

    // ---------------------------------------------------------------- evaluation

    /**
     * For every column j, {@code out[j] ← argmax_i A[i][j]} (the predicted class of example j; the first
     * index wins ties). Writes {@code out[0 .. cols)}.
     */
    public final void argmaxColumns(Matrix a, int[] out) {
        Checks.owned(this, "argmaxColumns", "A", a);
        Objects.requireNonNull(out, "argmaxColumns: out is null");
        if (out.length < a.cols()) {
            throw new IllegalArgumentException("argmaxColumns: out has " + out.length + " slots but A is "
                    + a.shape() + "; it needs at least " + a.cols() + " (one per column)");
        }
        doArgmaxColumns(a, out);
    }

    // ---------------------------------------------------------------- the checks shared by several operations

    private void checkUnary(String op, String inName, Matrix in, String outName, Matrix out) {
        Checks.owned(this, op, inName, in);
        Checks.owned(this, op, outName, out);
        Checks.sameShape(op, inName, in, outName, out);
    }

    private void checkElementwise(String op, String xName, Matrix x, String yName, Matrix y, Matrix out) {
        Checks.owned(this, op, xName, x);
        Checks.owned(this, op, yName, y);
        Checks.owned(this, op, "out", out);
        Checks.sameShape(op, xName, x, yName, y);
        Checks.sameShape(op, xName, x, "out", out);
    }

    private void checkCost(String op, Matrix a, Matrix y) {
        Checks.owned(this, op, "A", a);
        Checks.owned(this, op, "Y", y);
        Checks.sameShape(op, "A", a, "Y", y);
    }

    // ---------------------------------------------------------------- kernels: arguments already checked

    protected abstract Matrix doZeros(int rows, int cols);

    protected abstract void doLoad(Matrix dst, double[] src);

    protected abstract void doLoad(Matrix dst, float[] src);

    protected abstract void doStore(Matrix src, double[] dst);

    protected abstract void doStore(Matrix src, float[] dst);

    protected abstract void doCopy(Matrix src, Matrix dst);

    protected abstract void doFill(Matrix dst, double value);

    protected abstract void doGemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c);

    protected abstract void doAddBias(Matrix z, Matrix b);

    /**
     * The unfused default: {@link #doAddBias} then the activation's own kernel. Backends that can do both in
     * one pass override it.
     */
    protected void doAddBiasActivate(Matrix z, Matrix b, ActivationKind f, Matrix a) {
        doAddBias(z, b);
        switch (f) {
            case IDENTITY:
                if (a != z) {
                    doCopy(z, a);
                }
                break;
            case SIGMOID:
                doSigmoid(z, a);
                break;
            case TANH:
                doTanh(z, a);
                break;
            case RELU:
                doRelu(z, a);
                break;
            case SOFTMAX:
                doSoftmax(z, a);
                break;
            default:
                throw new AssertionError(f);
        }
    }

    protected abstract void doSumColumns(double alpha, Matrix a, Matrix out);

    protected abstract void doAxpby(double alpha, Matrix x, double beta, Matrix y);

    protected abstract void doHadamard(Matrix x, Matrix y, Matrix out);

    protected abstract void doSubtract(Matrix x, Matrix y, Matrix out);

    protected abstract double doSumOfSquares(Matrix x);

    protected abstract void doSigmoid(Matrix z, Matrix a);

    protected abstract void doSigmoidBackward(Matrix a, Matrix dA, Matrix dZ);

    protected abstract void doTanh(Matrix z, Matrix a);

    protected abstract void doTanhBackward(Matrix a, Matrix dA, Matrix dZ);

    protected abstract void doRelu(Matrix z, Matrix a);

    protected abstract void doReluBackward(Matrix z, Matrix dA, Matrix dZ);

    protected abstract void doSoftmax(Matrix z, Matrix a);

    protected abstract void doSoftmaxBackward(Matrix a, Matrix dA, Matrix dZ);

    protected abstract double doQuadraticCost(Matrix a, Matrix y);

    protected abstract double doCrossEntropyCost(Matrix a, Matrix y);

    protected abstract void doCrossEntropyGradient(Matrix a, Matrix y, Matrix dA);

    protected abstract double doLogLikelihoodCost(Matrix a, Matrix y);

    protected abstract void doLogLikelihoodGradient(Matrix a, Matrix y, Matrix dA);

    protected abstract void doMap(Matrix x, DoubleUnaryOperator f, Matrix out);

    protected abstract void doZip(Matrix x, Matrix y, DoubleBinaryOperator f, Matrix out);

    protected abstract double doSumZip(Matrix x, Matrix y, DoubleBinaryOperator f);

    protected abstract void doArgmaxColumns(Matrix a, int[] out);
}
