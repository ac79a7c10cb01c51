package dev.backprop.bench;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.nn.Activation;
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
 * The built-in activations' kernels on a backend, forward {@code A ← σ(Z)} and backward
 * {@code dZ ← dA ⊙ σ'(Z)} (for softmax, the column-wise Jacobian product), on an n×m batch of seeded
 * standard normal pre-activations. One operation is one call over the whole matrix; the report divides by
 * the element count.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.ADD_VECTOR_MODULE,
        BenchJvm.NATIVE_ACCESS})
public class ActivationBenchmark {

    @Param({"scalar"})
    public String backend;

    @Param({"f64", "f32"})
    public String precision;

    @Param({"sigmoid", "relu", "softmax"})
    public String activation;

    /** rows×cols: a hidden layer of 784-100-10 at batch 64, and of 784-1024-1024-10 at batch 256. */
    @Param({"100x64", "1024x256"})
    public String shape;

    private Backend be;
    private Activation sigma;
    private Matrix z;       // n×m pre-activations
    private Matrix a;       // n×m, σ(Z)
    private Matrix dA;      // n×m upstream gradient
    private Matrix dZ;      // n×m
    private Matrix zeroBias; // n×1, zeros: Z + b leaves Z as it was, so every call sees the same inputs

    @Setup(Level.Trial)
    public void setUp() {
        be = Workloads.backend(backend, precision, 1);
        sigma = Activation.named(activation);
        int[] dims = dimensions(shape);
        z = Workloads.gaussian(be, dims[0], dims[1], "activation-z");
        dA = Workloads.gaussian(be, dims[0], dims[1], "activation-da");
        a = be.zeros(dims[0], dims[1]);
        dZ = be.zeros(dims[0], dims[1]);
        zeroBias = be.zeros(dims[0], 1);
        sigma.forward(be, z, a);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        be.close();
    }

    /** {@code A ← σ(Z)}. */
    @Benchmark
    public Matrix forward() {
        sigma.forward(be, z, a);
        return a;
    }

    /**
     * {@code Z ← Z + b; A ← σ(Z)}, the fused kernel a training step's forward pass calls (b is zero here, so Z
     * stays put). Not in the quick and full profiles, whose report has forward and backward only; run it by
     * name: {@code java -jar bench/target/benchmarks.jar ActivationBenchmark.biasedForward -p backend=vectorapi}.
     */
    @Benchmark
    public Matrix biasedForward() {
        sigma.forwardWithBias(be, z, zeroBias, a);
        return a;
    }

    /** {@code dZ ← dA ⊙ σ'(Z)}, from the forward pass's Z and A. */
    @Benchmark
    public Matrix backward() {
        sigma.backward(be, z, a, dA, dZ);
        return dZ;
    }

    /** Parses {@code 100x64} into rows and columns. */
    static int[] dimensions(String shape) {
        String[] parts = shape.trim().split("x");
        try {
            if (parts.length == 2) {
                int rows = Integer.parseInt(parts[0]), cols = Integer.parseInt(parts[1]);
                if (rows >= 1 && cols >= 1) {
                    return new int[]{rows, cols};
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the error below, which says what is expected
        }
        throw new IllegalArgumentException("activation shape '" + shape + "': expected ROWSxCOLS with both at least 1,"
                + " e.g. 100x64");
    }
}
