package dev.backprop.backend.blas;

import org.bytedeco.openblas.global.openblas_full;

/**
 * OpenBLAS's thread pool, sized from {@link dev.backprop.backend.BackendConfig#threads()}.
 *
 * <p>The pool and its size are <b>process-wide</b>: {@code openblas_set_num_threads} changes them for every
 * caller of this OpenBLAS in the JVM. So each product asks OpenBLAS how many threads it will use (one cheap
 * native call) and resets the count when another backend, or any other code using this library, changed it.
 * Two {@code blas} backends with different thread counts therefore each compute with their own count when
 * used one after the other, from any threads; used <em>at the same moment</em> from two Java threads, one
 * backend's product may run with the other's count. The results stay within the conformance kit's tolerances
 * either way; only the speed differs. OpenBLAS itself still runs a small product on the calling thread alone.
 */
final class OpenBlasThreads {

    private OpenBlasThreads() {
    }

    /** Makes OpenBLAS's next call use {@code threads} threads, unless it already would. */
    static void use(int threads) {
        if (openblas_full.openblas_get_num_threads() != threads) {
            set(threads);
        }
    }

    private static synchronized void set(int threads) {
        openblas_full.openblas_set_num_threads(threads);
    }

    /** How many threads OpenBLAS's next call may use. */
    static int current() {
        return openblas_full.openblas_get_num_threads();
    }
}
