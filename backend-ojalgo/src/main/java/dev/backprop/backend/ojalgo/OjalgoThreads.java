package dev.backprop.backend.ojalgo;

import org.ojalgo.OjAlgoUtils;
import org.ojalgo.machine.VirtualMachine;

/**
 * ojAlgo takes the number of threads a matrix product may use from one JVM-wide setting,
 * {@link OjAlgoUtils#ENVIRONMENT} (read by the calling thread at the start of each product; ojAlgo's own
 * per-operation settings are in a package it does not export). This class gives each backend its own thread
 * count on top of that: a backend holds the environment it wants (ojAlgo's view of the hardware limited to
 * {@code threads}, at most the hardware's threads), installs it for the duration of each product and then puts
 * back what was there, so other ojAlgo code in the JVM keeps its setting between our products.
 *
 * <p>The honest limit: the setting is one static field. Two ojAlgo backends with <em>different</em> thread
 * counts running products at the same moment on different threads may each run with the other's count (never a
 * wrong result: ojAlgo splits a product by columns, and each column is computed the same way whatever the
 * split). Products smaller than ojAlgo's threshold (32 rows and columns) run on the calling thread anyway.
 */
final class OjalgoThreads {

    /** ojAlgo's view of the hardware when this class was first used. */
    private static final VirtualMachine HARDWARE = OjAlgoUtils.ENVIRONMENT;

    private final VirtualMachine environment;

    OjalgoThreads(int threads) {
        this.environment = HARDWARE.limitBy(Math.min(1.0, (double) threads / HARDWARE.threads));
    }

    /** The threads a product will really use: the request, capped at the hardware's threads. */
    int threads() {
        return environment.threads;
    }

    /** Installs this backend's environment for one product; returns what to give {@link #end}. */
    VirtualMachine begin() {
        VirtualMachine outer = OjAlgoUtils.ENVIRONMENT;
        OjAlgoUtils.ENVIRONMENT = environment;
        return outer;
    }

    /** Puts back the environment {@link #begin} replaced. */
    void end(VirtualMachine outer) {
        OjAlgoUtils.ENVIRONMENT = outer;
    }
}
