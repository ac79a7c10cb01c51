package dev.backprop.backend.ojalgo;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Products that accumulate (β ≠ 0) into C of two shapes in turn, as a training step does when SGD is folded
 * into BP4 for each layer, reuse one scratch store per shape: what they allocate does not grow with C. With
 * a single scratch slot each call made a new C-sized store (a weight matrix per layer per step).
 */
class ScratchReuseTest {

    @ParameterizedTest
    @EnumSource(Precision.class)
    void accumulatingProductsOfAlternatingShapesDoNotAllocateTheirResult(Precision precision) {
        try (Backend be = new OjalgoBackend(BackendConfig.of(precision, 1))) {
            Matrix delta1 = be.fromArray(120, 16, values(120 * 16)), a0 = be.fromArray(200, 16, values(200 * 16));
            Matrix delta2 = be.fromArray(10, 16, values(10 * 16)), a1 = be.fromArray(120, 16, values(120 * 16));
            Matrix w1 = be.zeros(120, 200);                        // 24,000 elements
            Matrix w2 = be.zeros(10, 120);
            Runnable steps = () -> {
                for (int i = 0; i < 100; i++) {
                    be.gemm(false, true, -0.01, delta1, a0, 1.0, w1);   // W1 ← W1 − η·Δ1·A0ᵀ
                    be.gemm(false, true, -0.01, delta2, a1, 1.0, w2);   // W2 ← W2 − η·Δ2·A1ᵀ
                }
            };
            for (int warm = 0; warm < 5; warm++) {
                steps.run();
            }
            long allocated = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                allocated = Math.min(allocated, allocatedBy(steps));
            }
            long oneW1 = (long) w1.size() * (precision == Precision.FLOAT64 ? 8 : 4);
            assertTrue(allocated < 10 * oneW1, "100 pairs of accumulating products allocated " + allocated
                    + " bytes; one W1 is " + oneW1);
        }
    }

    private static double[] values(int n) {
        return new Random(n).doubles(n, -1, 1).toArray();
    }

    private static long allocatedBy(Runnable work) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        work.run();
        return bean.getCurrentThreadAllocatedBytes() - before;
    }
}
