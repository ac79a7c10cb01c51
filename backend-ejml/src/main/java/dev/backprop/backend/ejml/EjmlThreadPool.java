package dev.backprop.backend.ejml;

import org.ejml.concurrency.EjmlConcurrency;

/**
 * EJML's concurrent kernels ({@code CommonOps_MT_*}) run on one JVM-wide fork-join pool whose size
 * {@link EjmlConcurrency#setMaxThreads} sets (it replaces the pool, and turns EJML's automatic switch to
 * concurrent code on or off for every caller in the JVM). There is no per-call pool, so a backend cannot own
 * its threads: this class sizes the shared pool once per requested size and says so.
 *
 * <p>Consequences, stated in the backend's description: backends with {@code threads = 1} never touch or use
 * the pool (they call the single-threaded {@code CommonOps_*}); a backend with {@code threads = t > 1} sizes the
 * pool to t when created, so when several EJML backends with different thread counts live in one JVM, the
 * most recently created one decides the pool size for all of them.
 */
final class EjmlThreadPool {

    private EjmlThreadPool() {
    }

    /** Makes EJML's shared pool {@code threads} wide unless it already is. */
    static synchronized void size(int threads) {
        if (EjmlConcurrency.getMaxThreads() != threads || !EjmlConcurrency.isUseConcurrent()) {
            EjmlConcurrency.setMaxThreads(threads);
        }
    }

    /** The shared pool's current width. */
    static int width() {
        return EjmlConcurrency.getMaxThreads();
    }
}
