package dev.backprop.tck.minimal;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.KernelPaths;
import dev.backprop.tck.BackendTck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The minimal third-party backend (the required core only, storage unlike the reference's) passes the whole
 * kit: the portable defaults are correct on any storage.
 */
class MinimalBackendConformanceTest extends BackendTck {

    @Override
    protected Backend create(BackendConfig config) {
        return new MinimalBackend(config);
    }

    @Override
    protected String displayName() {
        return "minimal";
    }

    @Override
    protected int[] threadCounts() {
        return new int[]{1};
    }

    @Test
    void everyNonCoreOperationRunsThePortableDefault() {
        try (Backend be = new MinimalBackend(BackendConfig.defaults())) {
            KernelPaths paths = be.kernelPaths();
            assertEquals(java.util.List.of(), paths.own(), paths.summary());
            assertTrue(paths.portable().size() > 40, paths.summary());
        }
    }
}
