package dev.backprop.backend.blas;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * OpenBLAS's pool is process-wide; each backend's products run with its own {@code threads}, even when
 * backends with different counts take turns.
 */
class ThreadsTest {

    @Test
    void eachProductRunsWithItsBackendsThreadCount() {
        try (Backend one = create(1); Backend two = create(2)) {
            Matrix a1 = one.zeros(64, 64), c1 = one.zeros(64, 64);
            Matrix a2 = two.zeros(64, 64), c2 = two.zeros(64, 64);
            for (int round = 0; round < 3; round++) {
                two.gemm(false, false, 1, a2, a2, 0, c2);
                assertEquals(2, OpenBlasThreads.current());
                one.gemm(false, true, 1, a1, a1, 0, c1);
                assertEquals(1, OpenBlasThreads.current());
            }
        }
    }

    private static Backend create(int threads) {
        return new BlasBackendProvider().create(BackendConfig.of(Precision.FLOAT64, threads));
    }
}
