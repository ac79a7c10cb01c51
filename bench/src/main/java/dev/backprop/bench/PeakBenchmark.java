package dev.backprop.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The machine's peak: how many floating-point operations one core retires per second when it does nothing but
 * fused multiply-adds on the JVM's preferred vector species, with enough independent chains (12) to hide FMA
 * latency behind throughput. It is the roofline the report divides training steps and products by ("% of
 * peak"): measured, so it reflects this CPU and clock rather than a datasheet, and the same JIT the kernels go
 * through. The flops are counted in the {@code flops} counter (JMH reports it per second); one operation is one
 * call of {@link #fma}, whose size depends on the vector width, so its ops/s mean nothing alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.ADD_VECTOR_MODULE})
public class PeakBenchmark {

    /** FMAs per chain per call: long enough that the call's overhead vanishes. */
    static final int STEPS = 1024;
    /**
     * Independent accumulator chains: FMA latency (4–5 cycles) × FMA ports (2) plus room. Each step is
     * {@code c ← x·y + c}, the accumulator as the FMA's addend, which x86 updates in place: written as
     * {@code c ← c·x + y}, every FMA also needed a copy of y, and C2 spilled chains to the stack when it unrolled
     * the loop on AVX2's 16 registers, so on a Zen 2 this measured 38 GFLOP/s f64 where a GEMM micro-kernel
     * reached 46.
     */
    static final int CHAINS = 12;

    private static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> F32 = FloatVector.SPECIES_PREFERRED;

    @Param({"f64", "f32"})
    public String precision;

    /** The flops done, which JMH turns into flops per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counter {
        public double flops;

        @Setup(Level.Iteration)
        public void clear() {
            flops = 0;
        }
    }

    private double a = 0.999_999, b = 1e-9;

    /** {@code CHAINS × STEPS} vector FMAs, 2 flops per lane each. */
    @Benchmark
    public double fma(Counter counter) {
        if (precision.equals("f64")) {
            counter.flops += 2.0 * CHAINS * STEPS * F64.length();
            return f64();
        }
        counter.flops += 2.0 * CHAINS * STEPS * F32.length();
        return f32();
    }

    private double f64() {
        DoubleVector x = DoubleVector.broadcast(F64, a), y = DoubleVector.broadcast(F64, b);
        DoubleVector c0 = y, c1 = y, c2 = y, c3 = y, c4 = y, c5 = y, c6 = y, c7 = y, c8 = y, c9 = y, c10 = y, c11 = y;
        for (int i = 0; i < STEPS; i++) {
            c0 = x.fma(y, c0);
            c1 = x.fma(y, c1);
            c2 = x.fma(y, c2);
            c3 = x.fma(y, c3);
            c4 = x.fma(y, c4);
            c5 = x.fma(y, c5);
            c6 = x.fma(y, c6);
            c7 = x.fma(y, c7);
            c8 = x.fma(y, c8);
            c9 = x.fma(y, c9);
            c10 = x.fma(y, c10);
            c11 = x.fma(y, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .lane(0);
    }

    private double f32() {
        FloatVector x = FloatVector.broadcast(F32, (float) a), y = FloatVector.broadcast(F32, (float) b);
        FloatVector c0 = y, c1 = y, c2 = y, c3 = y, c4 = y, c5 = y, c6 = y, c7 = y, c8 = y, c9 = y, c10 = y, c11 = y;
        for (int i = 0; i < STEPS; i++) {
            c0 = x.fma(y, c0);
            c1 = x.fma(y, c1);
            c2 = x.fma(y, c2);
            c3 = x.fma(y, c3);
            c4 = x.fma(y, c4);
            c5 = x.fma(y, c5);
            c6 = x.fma(y, c6);
            c7 = x.fma(y, c7);
            c8 = x.fma(y, c8);
            c9 = x.fma(y, c9);
            c10 = x.fma(y, c10);
            c11 = x.fma(y, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .lane(0);
    }
}
