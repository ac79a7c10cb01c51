package dev.backprop.bench;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.nn.Dropout;
import dev.backprop.nn.Network;
import dev.backprop.nn.Pass;
import dev.backprop.backend.OptimizerKind;
import dev.backprop.train.Optimizer;
import dev.backprop.train.OptimizerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The headline: one training step of a fully connected network on one mini-batch — the forward pass
 * {@code Z[l] = W[l]·A[l−1] + b[l]·1ᵀ, A[l] = σ(Z[l])}, BP1–BP4, and the SGD update
 * {@code W ← W − η·∂C/∂W, b ← b − η·∂C/∂b} — in steps per second (one operation is one step; the report
 * multiplies by the batch size for samples per second). {@code -p optimizer=adam} (or any other optimizer's
 * name) times the same step with that optimizer's fused update instead, at PyTorch's default hyper-parameters.
 *
 * <p>Everything is allocated in {@link #setUp()}: the network, its workspace (built by a first step there),
 * and a pool of {@value #POOL} seeded batches the steps cycle through, as an epoch would. Each measurement
 * iteration starts from the same initial parameters ({@link #restoreParameters()}), so every iteration times
 * the same stretch of training. {@code -prof gc} must show {@code gc.alloc.rate.norm} ≈ 0 B/op: a step that
 * allocates is a defect of the backend or the engine.
 *
 * <p>{@code backend} lists only the reference here; the runner ({@link BenchMain}) passes every backend
 * discovery finds usable with {@code -p backend=…}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.ADD_VECTOR_MODULE,
        BenchJvm.NATIVE_ACCESS})
public class TrainStepBenchmark {

    /** Batches the steps cycle through; a power of two so the index wraps with a mask. */
    static final int POOL = 4;
    /** The learning rate of the peers' step ({@code mlp_step.py}); no L2 term. */
    static final double ETA = 0.1;
    /** The learning rate of the adaptive optimizers (PyTorch's Adam default). */
    static final double ADAPTIVE_ETA = 1e-3;

    @Param({"scalar"})
    public String backend;

    @Param({"f64", "f32"})
    public String precision;

    @Param({"784-30-10", "784-100-10", "784-1024-1024-10"})
    public String network;

    @Param({"10", "64", "256"})
    public int batch;

    /** Threads a backend's kernels may use (its {@code BackendConfig}); JMH itself runs one benchmark thread. */
    @Param({"1", "2"})
    public int threads;

    /** The update after backprop: {@code sgd} (network2's, the headline) or another optimizer, e.g. {@code adam}. */
    @Param({"sgd"})
    public String optimizer = "sgd";

    private Backend be;
    private Network net;
    private Optimizer update;
    private Matrix[] inputs;            // POOL × (n_0 × m)
    private Matrix[] targets;           // POOL × (n_L × m), one-hot
    private double[][] initialWeights;  // W[l] row-major, index l − 1
    private double[][] initialBiases;   // b[l], index l − 1
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        be = Workloads.backend(backend, precision, threads);
        int[] sizes = Workloads.layerSizes(network);
        net = Workloads.network(be, sizes);
        OptimizerKind kind = OptimizerKind.valueOf(optimizer.toUpperCase(java.util.Locale.ROOT));
        double eta = kind == OptimizerKind.SGD || kind == OptimizerKind.MOMENTUM || kind == OptimizerKind.NESTEROV
                ? ETA : ADAPTIVE_ETA;
        update = OptimizerConfig.defaults(kind, eta).create(POOL * batch);
        inputs = new Matrix[POOL];
        targets = new Matrix[POOL];
        for (int i = 0; i < POOL; i++) {
            inputs[i] = Workloads.uniform(be, sizes[0], batch, "x" + i);
            targets[i] = Workloads.oneHot(be, sizes[sizes.length - 1], batch, "y" + i);
        }
        int layers = net.layers();
        initialWeights = new double[layers][];
        initialBiases = new double[layers][];
        for (int l = 1; l <= layers; l++) {
            initialWeights[l - 1] = net.weights(l).toArray();
            initialBiases[l - 1] = net.biases(l).toArray();
        }
        step();     // builds the workspace and gradient matrices, outside any measurement
    }

    /**
     * Puts back the seeded initial parameters and the first batch, so every iteration trains the same way (an
     * adaptive optimizer's moments carry on: their values do not change the work of a step).
     */
    @Setup(Level.Iteration)
    public void restoreParameters() {
        for (int l = 1; l <= net.layers(); l++) {
            be.load(net.weights(l), initialWeights[l - 1]);
            be.load(net.biases(l), initialBiases[l - 1]);
        }
        next = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        be.close();
    }

    /**
     * One step as the trainer takes it: backprop of the next batch and the optimizer's update (for SGD folded into
     * BP4, {@link Network#backpropSgd}). Returns the batch's summed cost.
     */
    @Benchmark
    public double step() {
        int i = next;
        next = (i + 1) & (POOL - 1);
        Pass pass = update.step(net, inputs[i], targets[i], Dropout.none(), 0);
        return pass.totalCost();
    }
}
