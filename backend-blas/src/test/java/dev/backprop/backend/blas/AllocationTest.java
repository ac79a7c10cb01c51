package dev.backprop.backend.blas;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import dev.backprop.train.Sgd;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A warm training step (forward, BP1–BP4, SGD) allocates nothing on the Java heap: every kernel works on the
 * matrices' native memory and its cached buffer views, and the products pass pointers to OpenBLAS. The JMH
 * benchmark's {@code -prof gc} measures the same on the headline step; this keeps it from regressing.
 */
class AllocationTest {

    @ParameterizedTest
    @CsvSource({"FLOAT64, 1", "FLOAT64, 2", "FLOAT32, 1", "FLOAT32, 2"})
    void aWarmTrainingStepAllocatesNothing(Precision precision, int threads) {
        try (Backend be = new BlasBackendProvider().create(BackendConfig.of(precision, threads))) {
            Network net = Network.builder(be).layers(new int[]{40, 24, 10}, Activation.sigmoid(), Activation.softmax())
                    .cost(Cost.logLikelihood()).seed(7).build();
            Matrix x = be.fromArray(40, 16, values(40 * 16));
            double[] oneHot = new double[10 * 16];
            for (int j = 0; j < 16; j++) {
                oneHot[(j % 10) * 16 + j] = 1;
            }
            Matrix y = be.fromArray(10, 16, oneHot);
            Sgd sgd = new Sgd(0.1, 1.0, 1000);
            Runnable steps = () -> {
                for (int i = 0; i < 200; i++) {
                    net.backprop(x, y);
                    sgd.update(net);
                }
            };
            for (int warm = 0; warm < 5; warm++) {                 // workspaces, ones-vectors, class loading, JIT
                steps.run();
            }
            long allocated = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {             // the least of three: one-off JVM work is not a step's
                allocated = Math.min(allocated, allocatedBy(steps));
            }
            assertEquals(0, allocated, "200 warm training steps allocated " + allocated + " bytes");
        }
    }

    private static double[] values(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = ((i * 37) % 101) / 101.0;
        }
        return v;
    }

    private static long allocatedBy(Runnable work) {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long overhead = -(bean.getCurrentThreadAllocatedBytes() - bean.getCurrentThreadAllocatedBytes());
        long before = bean.getCurrentThreadAllocatedBytes();
        work.run();
        long after = bean.getCurrentThreadAllocatedBytes();
        return Math.max(0, after - before - overhead);
    }
}
