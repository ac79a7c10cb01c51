package dev.backprop.backend;

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The tensor operations the backprop equations need, on matrices this backend owns.
 *
 * <p>The public methods are the <em>facade</em>: each checks its arguments once (ownership, precision,
 * shapes, aliasing, finite scalars, the backend still open) and then calls the backend's kernel, the
 * protected {@code do…} method of the same name, which may assume valid input. Because the checks live here,
 * every backend rejects the same mistakes with the same exception types and messages.
 *
 * <h2>The contract: a small required core, everything else with a portable default</h2>
 * A backend must write the <b>core</b>: storage ({@link #accepts}, {@link #doZeros}, {@link #doLoad(Matrix,
 * double[])}, {@link #doStore(Matrix, double[])}), the matrix product {@link #doGemm}, the scaled sum
 * {@link #doAxpby}, and the generic elementwise families {@link #doMap}, {@link #doZip}, {@link #doSumZip}.
 * Every other kernel has a <b>portable default</b> built from the core (see {@link PortableKernels}): the
 * activations, costs and optimizer steps are keyed by kind ({@link ActivationKind}, {@link CostKind},
 * {@link OptimizerKind}), whose definitions run through {@code map}/{@code zip}/{@code sumZip} (or, for the
 * optimizers, on reused double buffers); bias broadcast and column sums are products with a vector of
 * ones; column-wise work (softmax, argmax) stores the matrix to a reused array and loads the result back.
 * A fast backend overrides the defaults it has fused kernels for (calling {@code super} for the kinds it
 * does not), and {@link #kernelPaths()} reports, per operation and kind, which ran the backend's own kernel and
 * which the default: an unaccelerated path is visible, not silent.
 *
 * <p>Every operation writes into an output the caller preallocated; none allocates on the hot path (the
 * defaults' ones-vectors and column buffers are made once per shape and reused). Unless a method says
 * otherwise, an elementwise operation's output may be the very same matrix as one of its inputs (in-place
 * update); matrix products and reductions need an output distinct from their inputs.
 *
 * <p>A backend instance is meant for one thread at a time; create one per thread for concurrent use. Close it
 * when done: backends that own thread pools release them in {@link #doClose()}; a closed backend refuses
 * every further operation.
 */
public abstract class Backend implements AutoCloseable {

    private final String name;
    private final BackendConfig config;
    private final PortableKernels portable = new PortableKernels(this);
    private volatile boolean closed;
    private KernelPaths kernelPaths;

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

    /**
     * Which operations and kinds run this backend's own kernels and which run the portable defaults, found by
     * running each once on small matrices (the first call; later calls return the same report).
     */
    public final KernelPaths kernelPaths() {
        checkOpen("kernelPaths");
        if (kernelPaths == null) {
            kernelPaths = KernelPaths.probe(this);
        }
        return kernelPaths;
    }

    /** How many portable-default kernels have run on this backend: {@link KernelPaths} watches it. */
    final int portableRuns() {
        return portable.runs;
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

    /** Releases what the backend holds (thread pools, native memory); afterwards every operation is refused. */
    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            doClose();
        }
    }

    /** Whether {@link #close()} has been called. */
    public final boolean isClosed() {
        return closed;
    }

    /** Releases the backend's resources; called once, by the first {@link #close()}. Nothing by default. */
    protected void doClose() {
    }

    final void checkOpen(String op) {
        if (closed) {
            throw new IllegalStateException(op + ": backend '" + name + "' has been closed; create a new one"
                    + " (Backends.create) to go on computing");
        }
    }

    @Override
    public String toString() {
        return description();
    }

    // ---------------------------------------------------------------- creation and transfer

    /** A new {@code rows×cols} matrix of zeros. Allocates: call it when building workspaces, not per step. */
    public final Matrix zeros(int rows, int cols) {
        checkOpen("zeros");
        Checks.shape("zeros", rows, cols);
        return doZeros(rows, cols);
    }

    /** A new {@code rows×cols} matrix holding {@code rowMajor} (copied; rounded to float for float32 backends). */
    public final Matrix fromArray(int rows, int cols, double[] rowMajor) {
        checkOpen("fromArray");
        Checks.shape("fromArray", rows, cols);
        Objects.requireNonNull(rowMajor, "rowMajor");
        Checks.arrayLength("fromArray", "rowMajor", rowMajor.length, rows, cols);
        Matrix m = doZeros(rows, cols);
        doLoad(m, rowMajor);
        return m;
    }

    /** A new {@code rows×cols} matrix holding {@code rowMajor} (copied; widened for float64 backends). */
    public final Matrix fromArray(int rows, int cols, float[] rowMajor) {
        checkOpen("fromArray");
        Checks.shape("fromArray", rows, cols);
        Objects.requireNonNull(rowMajor, "rowMajor");
        Checks.arrayLength("fromArray", "rowMajor", rowMajor.length, rows, cols);
        Matrix m = doZeros(rows, cols);
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

    // ---------------------------------------------------------------- optimizers, keyed by kind: one fused update per parameter tensor

    /**
     * One optimizer step on one parameter tensor, fused: the rule of kind {@code k} ({@link OptimizerKind}, where
     * each rule is written out) updates W and the kind's state tensors from the gradient G in one pass. The
     * scalars are passed as numbers, so a step allocates nothing. Modifies {@code w} and the state tensors the
     * kind keeps ({@link OptimizerKind#stateTensors()}); the others must be null.
     *
     * @param w       the parameter W, n×m (updated)
     * @param g       its gradient ∂C/∂W, n×m (read)
     * @param s1      the first state tensor, n×m (updated), or null for {@link OptimizerKind#SGD}
     * @param s2      the second state tensor, n×m (updated), or null for the kinds that keep fewer than two
     * @param eta     η, the learning rate of this step
     * @param beta1   μ (momentum, Nesterov), α (RMSProp's smoothing) or β₁ (Adam, AdamW)
     * @param beta2   β₂ (Adam, AdamW) or RMSProp's momentum μ; unused by the others
     * @param epsilon ε of RMSProp's and Adam's denominators; unused by the others
     * @param decay   the weight decay, as the kind uses it: the factor ρ scaling W (SGD: 1 − ηλ/n; AdamW:
     *                1 − η·wd) or the coefficient c of coupled L2 added to the gradient (the others)
     * @param step    t ≥ 1, the number of this step (Adam's bias corrections)
     * @throws IllegalArgumentException when a tensor is not shaped like W, two tensors are the same matrix, a
     *                                  state tensor is missing or given where the kind keeps none, a scalar is
     *                                  not finite, or t &lt; 1
     */
    public final void optimizerStep(OptimizerKind k, Matrix w, Matrix g, Matrix s1, Matrix s2, double eta,
                                    double beta1, double beta2, double epsilon, double decay, long step) {
        Objects.requireNonNull(k, "optimizerStep: k is null");
        checkBinary("optimizerStep", "W", w, "G", g);
        Checks.distinct("optimizerStep", "W", w, "G", g);
        checkState(k, 1, s1, w, g);
        checkState(k, 2, s2, w, g);
        if (s2 != null) {
            Checks.distinct("optimizerStep", "S2", s2, "S1", s1);
        }
        Checks.finite("optimizerStep", "eta", eta);
        Checks.finite("optimizerStep", "beta1", beta1);
        Checks.finite("optimizerStep", "beta2", beta2);
        Checks.finite("optimizerStep", "epsilon", epsilon);
        Checks.finite("optimizerStep", "decay", decay);
        if (step < 1) {
            throw new IllegalArgumentException("optimizerStep: step is " + step + "; steps are numbered from 1");
        }
        doOptimizerStep(k, w, g, s1, s2, eta, beta1, beta2, epsilon, decay, step);
    }

    /** State tensor {@code S<index>} of an optimizer step: given, owned and shaped like W when the kind keeps it, else null. */
    private void checkState(OptimizerKind k, int index, Matrix s, Matrix w, Matrix g) {
        String name = index == 1 ? "S1" : "S2";                // constants: the checks allocate nothing
        if (index > k.stateTensors()) {
            if (s != null) {
                throw new IllegalArgumentException("optimizerStep: " + k + " keeps " + stateTensors(k) + ", but "
                        + name + " was given; pass null for " + name);
            }
            return;
        }
        if (s == null) {
            throw new NullPointerException("optimizerStep: " + name + " is null, but " + k + " keeps "
                    + stateTensors(k) + " shaped like W (zeros before the first step)");
        }
        Checks.owned(this, "optimizerStep", name, s);
        Checks.sameShape("optimizerStep", "W", w, name, s);
        Checks.distinct("optimizerStep", name, s, "W", w);
        Checks.distinct("optimizerStep", name, s, "G", g);
    }

    private static String stateTensors(OptimizerKind k) {
        return k.stateTensors() + " state tensor" + (k.stateTensors() == 1 ? "" : "s");
    }

    // ---------------------------------------------------------------- activations, keyed by kind: forward beside backward

    /**
     * {@code A ← σ(Z)} for the built-in σ of kind {@code f} (column-wise for softmax). A may be Z.
     *
     * @param z n×m pre-activations
     * @param a n×m activations (written)
     */
    public final void activate(ActivationKind f, Matrix z, Matrix a) {
        Objects.requireNonNull(f, "activate: f is null");
        checkUnary("activate", "Z", z, "A", a);
        doActivate(f, z, a);
    }

    /**
     * {@code dZ ← dA ⊙ σ'(Z)} for the built-in σ of kind {@code f}; for softmax the Jacobian product
     * {@code dZ[i][j] ← A[i][j]·(dA[i][j] − Σ_k dA[k][j]·A[k][j])} column by column. Each kind reads what its
     * derivative needs ({@link ActivationKind#derivativeFromOutput()}: A for sigmoid, tanh and softmax, Z for
     * ReLU), so both are passed. {@code dZ} may be {@code dA}.
     *
     * @param z  n×m pre-activations of the forward pass
     * @param a  n×m activations of the forward pass
     * @param dA n×m gradient of the cost with respect to A
     * @param dZ n×m gradient of the cost with respect to Z (written)
     */
    public final void activateBackward(ActivationKind f, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
        Objects.requireNonNull(f, "activateBackward: f is null");
        checkElementwise("activateBackward", "Z", z, "A", a, dZ);
        Checks.owned(this, "activateBackward", "dA", dA);
        Checks.sameShape("activateBackward", "Z", z, "dA", dA);
        Checks.distinct("activateBackward", "dZ", dZ, "Z", z);
        Checks.distinct("activateBackward", "dZ", dZ, "A", a);
        doActivateBackward(f, z, a, dA, dZ);
    }

    /**
     * A dense layer's forward pass after its matrix product, fused so a backend can do it in one pass over
     * memory: {@code Z ← Z + b·1ᵀ}, then {@code A ← σ(Z)} (column-wise for softmax). Both Z and A are written:
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

    // ---------------------------------------------------------------- costs, keyed by kind (sums over every example in the batch)

    /**
     * {@code Σ_x C_x}, the built-in cost of kind {@code c} summed over every example (column) of the batch,
     * accumulated in double. Dividing by the batch size gives the mean cost.
     *
     * @param a n×m outputs
     * @param y n×m targets
     */
    public final double cost(CostKind c, Matrix a, Matrix y) {
        Objects.requireNonNull(c, "cost: c is null");
        checkBinary("cost", "A", a, "Y", y);
        return doCost(c, a, y);
    }

    /**
     * {@code dA ← ∂C_x/∂a} elementwise for the built-in cost of kind {@code c}: {@code a − y} (quadratic),
     * {@code (a − y)/(a·(1 − a))} (cross-entropy), {@code −y/a} (log-likelihood), denominators clamped to
     * {@link CostKind#TINY}. {@code dA} may be A or Y.
     */
    public final void costGradient(CostKind c, Matrix a, Matrix y, Matrix dA) {
        Objects.requireNonNull(c, "costGradient: c is null");
        checkElementwise("costGradient", "A", a, "Y", y, dA);
        doCostGradient(c, a, y, dA);
    }

    /**
     * BP1, the output error {@code Δ[L] = ∇_A C ⊙ σ'(Z[L])} for built-in cost {@code c} and output activation
     * {@code f}: {@code Δ = A − Y} when f is the cost's {@link CostKind#fusedOutput() fused output} (the σ'
     * factor cancels), otherwise the cost's gradient followed by the activation's backward rule.
     *
     * @param z     n×m output pre-activations Z[L]
     * @param a     n×m outputs A[L]
     * @param y     n×m targets
     * @param delta n×m, written; a different matrix from Z, A and Y
     */
    public final void outputDelta(CostKind c, ActivationKind f, Matrix z, Matrix a, Matrix y, Matrix delta) {
        Objects.requireNonNull(c, "outputDelta: c is null");
        Objects.requireNonNull(f, "outputDelta: f is null");
        checkElementwise("outputDelta", "A", a, "Y", y, delta);
        Checks.owned(this, "outputDelta", "Z", z);
        Checks.sameShape("outputDelta", "Z", z, "A", a);
        Checks.distinct("outputDelta", "Δ", delta, "Z", z);
        Checks.distinct("outputDelta", "Δ", delta, "A", a);
        Checks.distinct("outputDelta", "Δ", delta, "Y", y);
        doOutputDelta(c, f, z, a, y, delta);
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
        checkBinary("sumZip", "X", x, "Y", y);
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

    private void checkBinary(String op, String xName, Matrix x, String yName, Matrix y) {
        Checks.owned(this, op, xName, x);
        Checks.owned(this, op, yName, y);
        Checks.sameShape(op, xName, x, yName, y);
    }

    private void checkElementwise(String op, String xName, Matrix x, String yName, Matrix y, Matrix out) {
        checkBinary(op, xName, x, yName, y);
        Checks.owned(this, op, "out", out);
        Checks.sameShape(op, xName, x, "out", out);
    }

    // ================================================================ the required core: every backend writes these

    /** A new zero matrix of this backend's precision; {@code rows·cols} fits an int. */
    protected abstract Matrix doZeros(int rows, int cols);

    /**
     * {@code dst ← src}: reads {@code src[0 .. dst.size())} row-major (src may be longer), rounding to float
     * for float32.
     */
    protected abstract void doLoad(Matrix dst, double[] src);

    /** Writes the elements of {@code src} row-major to {@code dst[0 .. src.size())} (dst may be longer). */
    protected abstract void doStore(Matrix src, double[] dst);

    /** {@code C ← α·op(A)·op(B) + β·C}; with β = 0, C is not read. Shapes agree and C is neither A nor B. */
    protected abstract void doGemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta,
                                   Matrix c);

    /** {@code Y ← α·X + β·Y}; with β = 0, Y is not read. */
    protected abstract void doAxpby(double alpha, Matrix x, double beta, Matrix y);

    /**
     * {@code out[i] ← f(X[i])}, computed in double and rounded once on store (float32). {@code out} may be X.
     * The portable defaults pass the built-in kinds' rules here, so this is also every built-in activation's
     * fallback.
     */
    protected abstract void doMap(Matrix x, DoubleUnaryOperator f, Matrix out);

    /** {@code out[i] ← f(X[i], Y[i])}, computed in double and rounded once on store. {@code out} may be X or Y. */
    protected abstract void doZip(Matrix x, Matrix y, DoubleBinaryOperator f, Matrix out);

    /** {@code Σ_i f(X[i], Y[i])}, each term in double, summed in double in index order. */
    protected abstract double doSumZip(Matrix x, Matrix y, DoubleBinaryOperator f);

    // ================================================================ portable defaults: override where a fused kernel is faster

    /** Default: widens through a reused double buffer and {@link #doLoad(Matrix, double[])}. */
    protected void doLoad(Matrix dst, float[] src) {
        portable.load(dst, src);
    }

    /** Default: {@link #doStore(Matrix, double[])} to a reused buffer, then rounds to float. */
    protected void doStore(Matrix src, float[] dst) {
        portable.store(src, dst);
    }

    /** Default: {@code map} with the identity (exact in both precisions). */
    protected void doCopy(Matrix src, Matrix dst) {
        portable.copy(src, dst);
    }

    /** Default: {@code Z ← 1·(b·1ᵀ) + 1·Z}, a product with a reused 1×m row of ones (one rounding per element). */
    protected void doAddBias(Matrix z, Matrix b) {
        portable.addBias(z, b);
    }

    /** Default: {@code out ← α·(A·1)}, a product with a reused m×1 column of ones. */
    protected void doSumColumns(double alpha, Matrix a, Matrix out) {
        portable.sumColumns(alpha, a, out);
    }

    /**
     * Default: SGD as this backend's {@link #doAxpby}{@code (−η, G, ρ, W)} (the rule's very arithmetic); the
     * other kinds store W, G and the state to reused double buffers, apply {@link OptimizerKind#apply} there
     * and load W and the state back (one rounding per stored value).
     */
    protected void doOptimizerStep(OptimizerKind k, Matrix w, Matrix g, Matrix s1, Matrix s2, double eta,
                                   double beta1, double beta2, double epsilon, double decay, long step) {
        portable.optimizerStep(k, w, g, s1, s2, eta, beta1, beta2, epsilon, decay, step);
    }

    /** Default: the kind's rule through {@code map}; softmax column by column through a reused buffer. */
    protected void doActivate(ActivationKind f, Matrix z, Matrix a) {
        portable.activate(f, z, a);
    }

    /** Default: the kind's backward rule through {@code zip}; softmax column by column through reused buffers. */
    protected void doActivateBackward(ActivationKind f, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
        portable.activateBackward(f, z, a, dA, dZ);
    }

    /** Default: this backend's {@link #doAddBias} then its {@link #doActivate} (two passes over Z). */
    protected void doAddBiasActivate(Matrix z, Matrix b, ActivationKind f, Matrix a) {
        portable.addBiasActivate(z, b, f, a);
    }

    /** Default: the kind's per-element term through {@code sumZip}. */
    protected double doCost(CostKind c, Matrix a, Matrix y) {
        return portable.cost(c, a, y);
    }

    /** Default: the kind's derivative through {@code zip}. */
    protected void doCostGradient(CostKind c, Matrix a, Matrix y, Matrix dA) {
        portable.costGradient(c, a, y, dA);
    }

    /**
     * Default: {@code Δ = A − Y} through {@code zip} for the fused pair, else this backend's
     * {@link #doCostGradient} then {@link #doActivateBackward} in place.
     */
    protected void doOutputDelta(CostKind c, ActivationKind f, Matrix z, Matrix a, Matrix y, Matrix delta) {
        portable.outputDelta(c, f, z, a, y, delta);
    }

    /** Default: stores A to a reused buffer and scans its columns. */
    protected void doArgmaxColumns(Matrix a, int[] out) {
        portable.argmaxColumns(a, out);
    }
}
