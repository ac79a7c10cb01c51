package dev.backprop.backend.blas;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.tck.BackendTck;

/** The native-BLAS backend runs the whole conformance kit: both precisions, 1 and 2 threads. */
class BlasBackendConformanceTest extends BackendTck {

    @Override
    protected Backend create(BackendConfig config) {
        return new BlasBackendProvider().create(config);
    }

    @Override
    protected String displayName() {
        return "blas";
    }
}
