package dev.backprop.nn;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.random.Rng;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A fully connected feed-forward network and its backpropagation, in batched matrix form
 * (Nielsen, chapter 2): a batch is a matrix whose <b>columns are examples</b>.
 *
 * <pre>
 *   forward   Z[l] = W[l]·A[l−1] + b[l]·1ᵀ,   A[l] = σ(Z[l]),   A[0] = X
 *   BP1       Δ[L] = ∇_A C ⊙ σ'(Z[L])                (A − Y for the fused output/cost pairs)
 *   BP2       Δ[l] = (W[l+1]ᵀ·Δ[l+1]) ⊙ σ'(Z[l])
 *   BP3       ∂C/∂b[l] = (1/m)·Δ[l]·1
 *   BP4       ∂C/∂W[l] = (1/m)·Δ[l]·A[l−1]ᵀ
 * </pre>
 * Layers are numbered l = 1..L as in the notes; {@code W[l]} is n_l × n_(l−1) and {@code b[l]} is n_l × 1.
 *
 * <p>A training pass may apply inverted {@link Dropout} to the hidden layers
 * ({@link #backprop(Matrix, Matrix, Dropout, long)}); {@link #forward} and evaluation never drop.
 *
 * <p>The network owns its parameters on one {@link Backend}. Each batch size gets a workspace (Z, A, Δ per
 * layer) on first use, so repeated passes at that size allocate nothing. The tensors of the last pass stay
 * readable through {@link #lastPass()} until the next pass. Not thread-safe.
 */
public final class Network {

    /** The seed a {@link Builder} uses unless told otherwise. */
    public static final long DEFAULT_SEED = 42L;
    /** Workspaces kept for distinct batch sizes before the least recently used is dropped. */
    private static final int MAX_WORKSPACES = 4;
    /** The elementwise product, for dropout's masks (one rounding, exact in double then rounded once). */
    private static final java.util.function.DoubleBinaryOperator MULTIPLY = (u, v) -> u * v;

    private final Backend backend;
    private final int[] sizes;                   // n_0 .. n_L
    private final Activation[] activations;      // σ of layer l at index l; index 0 unused
    private final Cost cost;
    private final Matrix[] weights;              // W[l]: n_l × n_(l−1)
    private final Matrix[] biases;               // b[l]: n_l × 1
    private Matrix[] weightGradients;            // ∂C/∂W[l]: n_l × n_(l−1), written by BP4
    /** Whether the last backward pass folded ∂C/∂W into the weights (backpropSgd), so weightGradients is stale. */
    private boolean weightGradientsFolded;
    private Matrix[] biasGradients;              // ∂C/∂b[l]: n_l × 1, written by BP3
    private final Map<Integer, Workspace> workspaces = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Workspace> eldest) {
            return size() > MAX_WORKSPACES;
        }
    };
    private Workspace current;                   // the workspace of the most recent pass

    private Network(Backend backend, int[] sizes, Activation[] activations, Cost cost,
                    List<double[]> weightValues, List<double[]> biasValues) {
        this.backend = backend;
        this.sizes = sizes;
        this.activations = activations;
        this.cost = cost;
        int layers = sizes.length - 1;
        weights = new Matrix[layers + 1];
        biases = new Matrix[layers + 1];
        for (int l = 1; l <= layers; l++) {
            weights[l] = backend.fromArray(sizes[l], sizes[l - 1], weightValues.get(l - 1));
            biases[l] = backend.fromArray(sizes[l], 1, biasValues.get(l - 1));
        }
    }

    /** Starts describing a network whose parameters live on {@code backend}. */
    public static Builder builder(Backend backend) {
        return new Builder(backend);
    }

    // ---------------------------------------------------------------- structure

    public Backend backend() {
        return backend;
    }

    /** L, the number of layers with weights (the input layer is not counted). */
    public int layers() {
        return sizes.length - 1;
    }

    /** n_l, the number of neurons in layer l, for l in 0..L (n_0 is the input size). */
    public int size(int l) {
        if (l < 0 || l > layers()) {
            throw new IndexOutOfBoundsException("layer " + l + " does not exist: this network has layers 0.." + layers()
                    + " (0 is the input)");
        }
        return sizes[l];
    }

    /** n_0 .. n_L (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[layers()];
    }

    /** σ of layer l, for l in 1..L. */
    public Activation activation(int l) {
        checkLayer(l);
        return activations[l];
    }

    public Cost cost() {
        return cost;
    }

    /** {@code W[l]}, n_l × n_(l−1), for l in 1..L: the live parameters (writes change the network). */
    public Matrix weights(int l) {
        checkLayer(l);
        return weights[l];
    }

    /** {@code b[l]}, n_l × 1, for l in 1..L: the live parameters (writes change the network). */
    public Matrix biases(int l) {
        checkLayer(l);
        return biases[l];
    }

    /** Number of weights and biases. */
    public long parameterCount() {
        long n = 0;
        for (int l = 1; l <= layers(); l++) {
            n += (long) sizes[l] * sizes[l - 1] + sizes[l];
        }
        return n;
    }

    /** A copy of this network's parameters on {@code other} (which may have another precision). */
    public Network copyTo(Backend other) {
        List<double[]> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        for (int l = 1; l <= layers(); l++) {
            w.add(weights[l].toArray());
            b.add(biases[l].toArray());
        }
        return new Network(other, sizes.clone(), activations.clone(), cost, w, b);
    }

    /** e.g. {@code 784-30-10 sigmoid,sigmoid quadratic}. */
    @Override
    public String toString() {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining("-")) + " "
                + Arrays.stream(activations, 1, activations.length).map(Activation::name)
                .collect(Collectors.joining(",")) + " " + cost.name();
    }

    // ---------------------------------------------------------------- forward, backprop

    /**
     * The forward pass: {@code Z[l] = W[l]·A[l−1] + b[l]·1ᵀ}, {@code A[l] = σ(Z[l])} for l = 1..L (no dropout:
     * this is evaluation).
     *
     * @param x n_0 × m input batch, columns are examples
     * @return {@code A[L]}, n_L × m: the network's working storage, valid until its next pass
     */
    public Matrix forward(Matrix x) {
        Workspace ws = forwardPass(x, Dropout.none(), 0);
        ws.pass.record(false, Double.NaN);
        return ws.a[layers()];
    }

    /**
     * One forward and backward pass over a batch: the cost, every Δ (BP1, BP2) and the gradients of the
     * mean cost with respect to every weight and bias (BP3, BP4). Parameters are not changed. No dropout.
     *
     * @param x n_0 × m input batch
     * @param y n_L × m targets
     * @return the pass: views of the network's working storage, valid until its next pass
     */
    public Pass backprop(Matrix x, Matrix y) {
        return backprop(x, y, Dropout.none(), 0);
    }

    /**
     * A training pass with inverted dropout on the hidden layers: {@link #backprop(Matrix, Matrix)} with the
     * masks {@code dropout} draws at {@code step} (see {@link Dropout}; the same step gives the same masks).
     *
     * @param x       n_0 × m input batch
     * @param y       n_L × m targets
     * @param dropout the rates per hidden layer and the masks' seed; {@link Dropout#none()} drops nothing
     * @param step    which masks: a trainer passes the number of the mini-batch in the run
     */
    public Pass backprop(Matrix x, Matrix y, Dropout dropout, long step) {
        Objects.requireNonNull(dropout, "dropout");
        checkTargets(x, y);
        Workspace ws = forwardPass(x, dropout, step);
        ws.y = y;
        ws.ensureDeltas(this);
        ensureGradients();
        weightGradientsFolded = false;
        int m = x.cols();
        bp1OutputError(ws);
        for (int l = layers(); l >= 1; l--) {
            bp3BiasGradient(ws, l, m);
            bp4WeightGradient(ws, l, m);
            if (l > 1) {
                bp2HiddenError(ws, l - 1);
            }
        }
        ws.pass.record(true, cost.total(backend, ws.a[layers()], y));
        return ws.pass;
    }

    /**
     * One step of plain SGD with network2's coupled L2 on a batch, with the weight update folded into the backward
     * pass so that no work is done twice: instead of writing {@code ∂C/∂W[l]} (BP4) and then reading it back for
     * the update, BP4's product goes straight into the weights,
     * <pre>
     *   W[l] ← ρ·W[l] − (η/m)·Δ[l]·A[l−1]ᵀ      one gemm: α = −η/m, β = ρ = 1 − ηλ/n
     *   b[l] ← b[l] − η·∂C/∂b[l]                BP3, then axpby
     * </pre>
     * BP2 for layer l−1 reads W[l] before it changes. The result equals {@code backprop} followed by the SGD update
     * up to the rounding of the product (it is not rounded once more as a gradient). When the batch's cost is not
     * finite, nothing is computed backward and no parameter changes (the caller decides: stop, or skip the batch).
     * Afterwards {@link #weightGradient} is not available until the next {@code backprop}: the gradients went into
     * the weights; {@link #biasGradient} is.
     *
     * @param eta         η, the learning rate of this step
     * @param weightDecay ρ = 1 − ηλ/n, the factor on W (1 without L2)
     * @return the pass; its cost is that of the parameters before the step
     */
    public Pass backpropSgd(Matrix x, Matrix y, Dropout dropout, long step, double eta, double weightDecay) {
        Objects.requireNonNull(dropout, "dropout");
        checkTargets(x, y);
        if (!(eta >= 0) || !Double.isFinite(eta) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("backpropSgd: η must be zero or positive and ρ finite, got η = " + eta
                    + ", ρ = " + weightDecay);
        }
        Workspace ws = forwardPass(x, dropout, step);
        ws.y = y;
        double total = cost.total(backend, ws.a[layers()], y);
        if (!Double.isFinite(total)) {
            ws.pass.recordCostOnly(total);                 // a NaN step would poison every parameter: none is made
            return ws.pass;
        }
        ws.ensureDeltas(this);
        ensureGradients();
        weightGradientsFolded = true;
        int m = x.cols();
        bp1OutputError(ws);
        for (int l = layers(); l >= 1; l--) {
            bp3BiasGradient(ws, l, m);
            if (l > 1) {
                bp2HiddenError(ws, l - 1);                 // with W[l] as it was
            }
            // BP4 and the update at once: W[l] ← ρ·W[l] + (−η/m)·Δ[l]·A[l−1]ᵀ, n_l × n_(l−1)
            backend.gemm(false, true, -eta / m, ws.delta[l], ws.in[l - 1], weightDecay, weights[l]);
            backend.axpby(-eta, biasGradients[l], 1.0, biases[l]);    // b[l] ← b[l] − η·∂C/∂b[l]
        }
        ws.pass.record(true, total);
        return ws.pass;
    }

    private void checkTargets(Matrix x, Matrix y) {
        backend.requireOwn("backprop", "x", x);
        backend.requireOwn("backprop", "y", y);
        if (y.rows() != outputSize() || y.cols() != x.cols()) {
            throw new IllegalArgumentException("backprop: y is " + y.shape() + " but must be " + outputSize() + "×"
                    + x.cols() + " (n_L × m: one target column per input column)");
        }
    }

    /** The mean cost {@code (1/m)·Σ_x C_x} of a batch (forward pass only; no regularisation term, no dropout). */
    public double meanCost(Matrix x, Matrix y) {
        return meanCost(x, y, Dropout.none(), 0);
    }

    /** The mean cost of a batch through the dropout masks of {@code step} (the gradient check's fixed mask). */
    double meanCost(Matrix x, Matrix y, Dropout dropout, long step) {
        Workspace ws = forwardPass(x, dropout, step);
        ws.pass.record(false, Double.NaN);
        Matrix out = ws.a[layers()];
        backend.requireOwn("meanCost", "y", y);
        if (y.rows() != out.rows() || y.cols() != out.cols()) {
            throw new IllegalArgumentException("meanCost: y is " + y.shape() + " but the output is " + out.shape());
        }
        return cost.total(backend, out, y) / x.cols();
    }

    /** The tensors of the most recent pass. */
    public Pass lastPass() {
        if (current == null) {
            throw new IllegalStateException("no pass has run yet: call forward(x) or backprop(x, y) first");
        }
        return current.pass;
    }

    private Workspace forwardPass(Matrix x, Dropout dropout, long step) {
        backend.requireOwn("forward", "x", x);
        if (x.rows() != inputSize()) {
            throw new IllegalArgumentException("forward: x is " + x.shape() + " but the input layer has " + inputSize()
                    + " neurons; x must be " + inputSize() + "×m (columns are examples)");
        }
        Workspace ws = workspace(x.cols());
        ws.a[0] = x;
        ws.in[0] = x;
        boolean drop = !dropout.isNone();
        for (int l = 1; l <= layers(); l++) {
            // Z[l] = W[l]·A[l−1] + b[l]·1ᵀ, A[l] = σ(Z[l])      both n_l × m; bias and σ in one fused pass
            backend.gemm(false, false, 1.0, weights[l], ws.in[l - 1], 0.0, ws.z[l]);
            activations[l].forwardWithBias(backend, ws.z[l], biases[l], ws.a[l]);
            double p = drop ? dropout.rate(this, l) : 0.0;
            ws.dropped[l] = p > 0;
            if (p > 0) {
                // Ã[l] = A[l] ⊙ D[l], n_l × m: the next layer (and its BP4) reads the dropped activations
                ws.ensureDropout(this, l);
                dropout.mask(step, l, p, sizes[l], ws.batchSize, ws.maskValues[l]);
                backend.load(ws.mask[l], ws.maskValues[l]);
                backend.zip(ws.a[l], ws.mask[l], MULTIPLY, ws.droppedA[l]);
                ws.in[l] = ws.droppedA[l];
            } else {
                ws.in[l] = ws.a[l];
            }
        }
        return ws;
    }

    /** BP1: {@code Δ[L] = ∇_A C ⊙ σ'(Z[L])}, fused to {@code A − Y} where the cost allows. */
    private void bp1OutputError(Workspace ws) {
        int L = layers();
        cost.outputError(backend, activations[L], ws.z[L], ws.a[L], ws.y, ws.delta[L]);
    }

    /**
     * BP2: {@code Δ[l] = (W[l+1]ᵀ·Δ[l+1]) ⊙ σ'(Z[l])}, computed in place in Δ[l]; with dropout the gradient
     * reaching A[l] first passes the mask: {@code ((W[l+1]ᵀ·Δ[l+1]) ⊙ D[l]) ⊙ σ'(Z[l])}.
     */
    private void bp2HiddenError(Workspace ws, int l) {
        backend.gemm(true, false, 1.0, weights[l + 1], ws.delta[l + 1], 0.0, ws.delta[l]);   // n_l × m
        if (ws.dropped[l]) {
            backend.zip(ws.delta[l], ws.mask[l], MULTIPLY, ws.delta[l]);
        }
        activations[l].backward(backend, ws.z[l], ws.a[l], ws.delta[l], ws.delta[l]);
    }

    /** BP3: {@code ∂C/∂b[l] = (1/m)·Δ[l]·1}, n_l × 1. */
    private void bp3BiasGradient(Workspace ws, int l, int m) {
        backend.sumColumns(1.0 / m, ws.delta[l], biasGradients[l]);
    }

    /** BP4: {@code ∂C/∂W[l] = (1/m)·Δ[l]·A[l−1]ᵀ}, n_l × n_(l−1) (with dropout, A[l−1] is the dropped Ã[l−1]). */
    private void bp4WeightGradient(Workspace ws, int l, int m) {
        backend.gemm(false, true, 1.0 / m, ws.delta[l], ws.in[l - 1], 0.0, weightGradients[l]);
    }

    private Workspace workspace(int batchSize) {
        if (current != null && current.batchSize == batchSize) {
            return current;                     // the steady state: no lookup, no boxing
        }
        Workspace ws = workspaces.get(batchSize);
        if (ws == null) {
            ws = new Workspace(this, batchSize);
            workspaces.put(batchSize, ws);
        }
        current = ws;
        return ws;
    }

    private void ensureGradients() {
        if (weightGradients == null) {
            weightGradients = new Matrix[layers() + 1];
            biasGradients = new Matrix[layers() + 1];
            for (int l = 1; l <= layers(); l++) {
                weightGradients[l] = backend.zeros(sizes[l], sizes[l - 1]);
                biasGradients[l] = backend.zeros(sizes[l], 1);
            }
        }
    }

    /**
     * {@code ∂C/∂W[l] = (1/m)·Δ[l]·A[l−1]ᵀ} (BP4) of the most recent backward pass, n_l × n_(l−1): the
     * network's working storage, overwritten by the next backward pass (an optimiser reads it from here).
     *
     * @throws IllegalStateException before the first backward pass
     */
    public Matrix weightGradient(int l) {
        checkLayer(l);
        requireGradients();
        if (weightGradientsFolded) {
            throw new IllegalStateException("the last pass folded ∂C/∂W into the weights (backpropSgd, the trainer's "
                    + "SGD step): call backprop(x, y) to read the weight gradients");
        }
        return weightGradients[l];
    }

    /** {@code ∂C/∂b[l] = (1/m)·Δ[l]·1} (BP3) of the most recent backward pass, n_l × 1; see {@link #weightGradient}. */
    public Matrix biasGradient(int l) {
        checkLayer(l);
        requireGradients();
        return biasGradients[l];
    }

    private void requireGradients() {
        if (weightGradients == null) {
            throw new IllegalStateException("no backward pass has run yet: call backprop(x, y) before reading gradients");
        }
    }

    void checkLayer(int l) {
        if (l < 1 || l > layers()) {
            throw new IndexOutOfBoundsException("layer " + l + " has no weights: layers are numbered 1.." + layers()
                    + " (layer 0 is the input)");
        }
    }

    // ---------------------------------------------------------------- building

    /**
     * Describes a network layer by layer, then {@link #build()}s it on the backend.
     * <pre>
     *   Network net = Network.builder(backend)
     *       .input(784)
     *       .layer(30, Activation.sigmoid())
     *       .layer(10, Activation.sigmoid())
     *       .cost(Cost.quadratic())
     *       .initializer(Initializer.nielsen())
     *       .seed(42)
     *       .build();
     * </pre>
     */
    public static final class Builder {
        private final Backend backend;
        private int inputSize;
        private final List<Integer> sizes = new ArrayList<>();
        private final List<Activation> activations = new ArrayList<>();
        private Cost cost = Cost.quadratic();
        private Initializer initializer = Initializer.nielsen();
        private long seed = DEFAULT_SEED;
        private List<double[]> weightValues;
        private List<double[]> biasValues;

        private Builder(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        /** n_0, the number of inputs. */
        public Builder input(int size) {
            requirePositive(size, "input size");
            this.inputSize = size;
            return this;
        }

        /** Adds a dense layer of {@code size} neurons with activation σ. */
        public Builder layer(int size, Activation activation) {
            requirePositive(size, "layer size");
            sizes.add(size);
            activations.add(Objects.requireNonNull(activation, "activation"));
            return this;
        }

        /**
         * All sizes at once, n_0..n_L (at least two), with {@code hidden} for layers 1..L−1 and
         * {@code output} for layer L.
         */
        public Builder layers(int[] allSizes, Activation hidden, Activation output) {
            if (allSizes.length < 2) {
                throw new IllegalArgumentException("a network needs at least an input and an output layer, got sizes "
                        + Arrays.toString(allSizes));
            }
            input(allSizes[0]);
            for (int l = 1; l < allSizes.length; l++) {
                layer(allSizes[l], l == allSizes.length - 1 ? output : hidden);
            }
            return this;
        }

        public Builder cost(Cost c) {
            this.cost = Objects.requireNonNull(c, "cost");
            return this;
        }

        /** How to draw the initial parameters (default {@link Initializer#nielsen()}). */
        public Builder initializer(Initializer init) {
            this.initializer = Objects.requireNonNull(init, "initializer");
            return this;
        }

        /** The seed of the initial parameters (default {@link #DEFAULT_SEED}): same seed, same network, bit for bit. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * Given parameters instead of drawn ones: {@code weights.get(l−1)} is W[l] row-major
         * (n_l·n_(l−1) values) and {@code biases.get(l−1)} is b[l] (n_l values).
         */
        public Builder parameters(List<double[]> weights, List<double[]> biases) {
            requireFinite(weights, "W");
            requireFinite(biases, "b");
            this.weightValues = List.copyOf(weights);
            this.biasValues = List.copyOf(biases);
            return this;
        }

        /** The readers refuse non-finite parameters, and so does the builder: a NaN would poison every pass. */
        private static void requireFinite(List<double[]> tensors, String name) {
            for (int l = 1; l <= tensors.size(); l++) {
                double[] t = Objects.requireNonNull(tensors.get(l - 1), name + "[" + l + "]");
                for (int i = 0; i < t.length; i++) {
                    if (!Double.isFinite(t[i])) {
                        throw new IllegalArgumentException("parameters: " + name + "[" + l + "] holds " + t[i]
                                + " at index " + i + "; parameters must be finite numbers");
                    }
                }
            }
        }

        public Network build() {
            if (inputSize == 0) {
                throw new IllegalStateException("call input(n) before build(): the network needs an input size");
            }
            if (sizes.isEmpty()) {
                throw new IllegalStateException("call layer(n, activation) at least once before build()");
            }
            int[] all = new int[sizes.size() + 1];
            all[0] = inputSize;
            for (int l = 1; l < all.length; l++) {
                all[l] = sizes.get(l - 1);
            }
            Activation[] acts = new Activation[all.length];
            for (int l = 1; l < all.length; l++) {
                acts[l] = activations.get(l - 1);
            }
            List<double[]> w = weightValues;
            List<double[]> b = biasValues;
            checkMemory(all, w == null);
            if (w == null) {
                w = new ArrayList<>();
                b = new ArrayList<>();
                Rng rng = Rng.forStream(seed, "init");
                for (int l = 1; l < all.length; l++) {
                    double[] wl = new double[all[l] * all[l - 1]];       // checkMemory: the product fits an int
                    double[] bl = new double[all[l]];
                    initializer.initialize(all[l - 1], all[l], rng, wl, bl);
                    w.add(wl);
                    b.add(bl);
                }
            } else {
                checkGivenParameters(all, w, b);
            }
            return new Network(backend, all, acts, cost, w, b);
        }

        /**
         * Every W[l] must fit a Java array, and the parameters the build allocates must fit the heap: the
         * backend's copy (n_l·n_(l−1) + n_l values per layer in its precision), plus the float64 arrays they are
         * drawn into when no parameters were given. Checked in {@code long}, before anything is allocated.
         */
        private void checkMemory(int[] all, boolean drawn) {
            long parameters = 0;
            for (int l = 1; l < all.length; l++) {
                parameters += dev.backprop.memory.MemoryBudget.arrayLength(all[l], all[l - 1], "W[" + l + "] of a network of sizes "
                        + Arrays.toString(all)) + (long) all[l];
            }
            long bytesEach = backend.precision().bytes() + (drawn ? Double.BYTES : 0);
            dev.backprop.memory.MemoryBudget.require(dev.backprop.memory.MemoryBudget.bytes(parameters, bytesEach), String.format(java.util.Locale.ROOT,
                    "a network of sizes %s (%,d parameters)", Arrays.toString(all), parameters));
        }

        private static void checkGivenParameters(int[] all, List<double[]> w, List<double[]> b) {
            int layers = all.length - 1;
            if (w.size() != layers || b.size() != layers) {
                throw new IllegalArgumentException("parameters: got " + w.size() + " weight and " + b.size()
                        + " bias arrays for a network with " + layers + " layers");
            }
            for (int l = 1; l <= layers; l++) {
                if (w.get(l - 1).length != (long) all[l] * all[l - 1]) {
                    throw new IllegalArgumentException("parameters: W[" + l + "] has " + w.get(l - 1).length
                            + " values but must be " + all[l] + "×" + all[l - 1] + " = " + (long) all[l] * all[l - 1]);
                }
                if (b.get(l - 1).length != all[l]) {
                    throw new IllegalArgumentException("parameters: b[" + l + "] has " + b.get(l - 1).length
                            + " values but must be " + all[l] + "×1");
                }
            }
        }

        private static void requirePositive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + n);
            }
        }
    }
}
