package dev.backprop.backend.vectorapi;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The backend's thread pool: fixed threads, every part run once per call, failures surfaced, closed on close. */
class WorkerPoolTest {

    @Test
    void everyPartRunsOncePerCallOnAFixedSetOfThreads() {
        try (WorkerPool pool = new WorkerPool(3, "test-pool")) {
            AtomicIntegerArray runs = new AtomicIntegerArray(3);
            long before = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("test-pool")).count();
            for (int call = 0; call < 2000; call++) {
                pool.invoke(runs::incrementAndGet);
            }
            for (int part = 0; part < 3; part++) {
                assertEquals(2000, runs.get(part), "part " + part);
            }
            long after = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("test-pool")).count();
            assertEquals(2, before);
            assertEquals(before, after, "no threads are created per call");
        }
    }

    @Test
    void aFailingPartIsRethrownToTheCaller() {
        try (WorkerPool pool = new WorkerPool(2, "test-fail")) {
            assertThatThrownBy(() -> pool.invoke(part -> {
                if (part == 1) {
                    throw new IllegalStateException("part 1 broke");
                }
            })).hasMessageContaining("part 1 broke");
            int[] ok = new int[2];
            pool.invoke(part -> ok[part]++);
            assertArrayEquals(new int[]{1, 1}, ok, "the pool still works after a failure");
        }
    }

    @Test
    void closingTheBackendStopsItsWorkers() throws InterruptedException {
        Backend be = Twins.vector(Precision.FLOAT64, 2);
        Matrix a = be.zeros(300, 300), c = be.zeros(300, 300);
        be.gemm(false, false, 1, a, a, 0, c);                  // large enough to split
        assertThat(workers()).isPositive();
        be.close();
        for (int i = 0; i < 100 && workers() > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals(0, workers(), "worker threads still alive after close()");
        assertThatThrownBy(() -> be.gemm(false, false, 1, a, a, 0, c)).hasMessageContaining("closed");
    }

    private static long workers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("backprop-vectorapi") && t.isAlive()).count();
    }
}
