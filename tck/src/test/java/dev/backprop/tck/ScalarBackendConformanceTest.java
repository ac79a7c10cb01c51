package dev.backprop.tck;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.scalar.ScalarBackend;

/**
 * The reference runs the kit too: against itself every difference must be zero, which checks the kit's own
 * plumbing (case building, facade sweeps, reports) rather than the reference's arithmetic.
 */
class ScalarBackendConformanceTest extends BackendTck {

    @Override
    protected Backend create(BackendConfig config) {
        return new ScalarBackend(config);
    }

    @Override
    protected String displayName() {
        return "scalar";
    }
}
