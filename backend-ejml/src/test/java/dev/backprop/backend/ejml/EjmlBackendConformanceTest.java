package dev.backprop.backend.ejml;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.tck.BackendTck;

/** The EJML backend runs the whole conformance kit: both precisions, 1 and 2 threads. */
class EjmlBackendConformanceTest extends BackendTck {

    @Override
    protected Backend create(BackendConfig config) {
        return new EjmlBackend(config);
    }

    @Override
    protected String displayName() {
        return "ejml";
    }
}
