package dev.backprop.backend;

import java.util.Objects;

/**
 * What a backend is asked to be: its precision and how many threads its kernels may use.
 *
 * @param precision every matrix the backend creates has this precision
 * @param threads   the most threads a single kernel call may use, at least 1; backends that cannot
 *                  use several threads (the scalar reference) run on one and say so in their description
 */
public record BackendConfig(Precision precision, int threads) {

    /** The most threads a config may ask for; beyond this a typo is likelier than intent. */
    public static final int MAX_THREADS = 1024;

    public BackendConfig {
        Objects.requireNonNull(precision, "precision");
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + ", got " + threads);
        }
    }

    /** float64 on one thread: reproducible results, the reference engine's default. */
    public static BackendConfig defaults() {
        return new BackendConfig(Precision.FLOAT64, 1);
    }

    public static BackendConfig of(Precision precision, int threads) {
        return new BackendConfig(precision, threads);
    }

    public BackendConfig withPrecision(Precision newPrecision) {
        return new BackendConfig(newPrecision, threads);
    }

    public BackendConfig withThreads(int newThreads) {
        return new BackendConfig(precision, newThreads);
    }

    @Override
    public String toString() {
        return precision.shortName() + ", " + threads + (threads == 1 ? " thread" : " threads");
    }
}
