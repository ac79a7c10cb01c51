package dev.backprop.backend.vectorapi;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.tck.BackendTck;

/** The conformance kit on the CPU's preferred species: f64 and f32, 1 and 2 threads. */
class VectorApiConformanceTest extends BackendTck {

    @Override
    protected Backend create(BackendConfig config) {
        return new VectorApiBackendProvider().create(config);
    }

    @Override
    protected String displayName() {
        return "vectorapi";
    }
}
