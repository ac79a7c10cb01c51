package dev.backprop.bench;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
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
 * The three matrix products of the training step through a backend's {@code gemm}, {@code C ← op(A)·op(B)}
 * (see {@link GemmShape}), at the shapes of the benchmark networks' steps at batch 64 and at square 256, 512
 * and 1024. One operation is one product; the report turns operations per second into GFLOP/s with
 * {@code 2·m·k·n} flops per product.
 *
 * <p>{@code shape} defaults to every product of the three networks' steps ({@link StepShapes}) plus the
 * squares; a test keeps this list and {@link StepShapes} in agreement.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.ADD_VECTOR_MODULE,
        BenchJvm.NATIVE_ACCESS})
public class GemmBenchmark {

    @Param({"scalar"})
    public String backend;

    @Param({"f64", "f32"})
    public String precision;

    @Param({
            "WA:30x784x64", "WA:10x30x64", "DAt:30x64x784", "DAt:10x64x30", "WtD:30x10x64",
            "WA:100x784x64", "WA:10x100x64", "DAt:100x64x784", "DAt:10x64x100", "WtD:100x10x64",
            "WA:1024x784x64", "WA:1024x1024x64", "WA:10x1024x64", "DAt:1024x64x784", "DAt:1024x64x1024",
            "DAt:10x64x1024", "WtD:1024x1024x64", "WtD:1024x10x64",
            "WA:256x256x256", "WA:512x512x512", "WA:1024x1024x1024"})
    public String shape;

    @Param({"1"})
    public int threads;

    private Backend be;
    private GemmShape gemm;
    private Matrix a;       // aRows × aCols: op(A) is m×k
    private Matrix b;       // bRows × bCols: op(B) is k×n
    private Matrix c;       // m × n

    @Setup(Level.Trial)
    public void setUp() {
        be = Workloads.backend(backend, precision, threads);
        gemm = GemmShape.parse(shape);
        a = Workloads.gaussian(be, gemm.aRows(), gemm.aCols(), "gemm-a");
        b = Workloads.gaussian(be, gemm.bRows(), gemm.bCols(), "gemm-b");
        c = be.zeros(gemm.m(), gemm.n());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        be.close();
    }

    /** {@code C ← op(A)·op(B)} (β = 0, as the step calls it). */
    @Benchmark
    public Matrix gemm() {
        be.gemm(gemm.form().transA(), gemm.form().transB(), 1.0, a, b, 0.0, c);
        return c;
    }
}
