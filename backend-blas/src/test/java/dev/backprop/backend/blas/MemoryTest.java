package dev.backprop.backend.blas;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who frees the native memory: the backend's {@code close()} frees every matrix it made (and those matrices
 * then refuse access instead of reading freed memory), and a matrix dropped while its backend is open is freed
 * by JavaCPP's deallocator after garbage collection, so a long-lived backend does not leak temporaries.
 * Measured with JavaCPP's own count of the native bytes its pointers hold.
 */
class MemoryTest {

    private static final int ROWS = 1000;
    private static final int COLS = 500;
    private static final long BYTES = (long) ROWS * COLS * Double.BYTES;

    private static Backend backend() {
        return new BlasBackendProvider().create(BackendConfig.of(Precision.FLOAT64, 1));
    }

    @Test
    void closeFreesTheNativeMemoryOfEveryMatrixAndTheyRefuseAccessAfterwards() {
        long before = Pointer.totalBytes();
        Backend be = backend();
        Matrix m = be.zeros(ROWS, COLS);
        m.set(3, 4, 2.5);
        assertThat(Pointer.totalBytes() - before).isGreaterThanOrEqualTo(BYTES);
        be.close();
        assertThat(Pointer.totalBytes() - before).as("native bytes still held after close").isLessThan(BYTES);
        assertThatThrownBy(() -> m.get(3, 4)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has been closed").hasMessageContaining("toArray");
        assertThatThrownBy(m::toArray).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMatrixOfAClosedBackendIsRefusedByAnotherOne() {
        Backend closed = backend();
        Matrix orphan = closed.zeros(2, 2);
        closed.close();
        try (Backend open = backend()) {
            Matrix out = open.zeros(2, 2);
            assertThatThrownBy(() -> open.copy(orphan, out)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("freed its native memory");
        }
    }

    @Test
    void matricesMoveBetweenOpenBackendsLikeArrays() {
        try (Backend one = backend(); Backend two = new BlasBackendProvider().create(BackendConfig.of(Precision.FLOAT64, 2))) {
            Matrix a = one.fromArray(1, 2, new double[]{1, 2});
            Matrix b = two.zeros(1, 2);
            two.copy(a, b);
            assertThat(b.toArray()).containsExactly(1, 2);
        }
    }

    @Test
    void aDroppedMatrixIsFreedByTheGarbageCollectorWhileItsBackendIsOpen() throws InterruptedException {
        try (Backend be = backend()) {
            long before = Pointer.totalBytes();
            be.zeros(ROWS, COLS);                              // dropped at once
            assertThat(Pointer.totalBytes() - before).isGreaterThanOrEqualTo(BYTES);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (Pointer.totalBytes() - before >= BYTES && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(50);                              // JavaCPP's deallocator thread frees it
            }
            assertThat(Pointer.totalBytes() - before).as("native bytes held by a matrix nobody references")
                    .isLessThan(BYTES);
        }
    }
}
