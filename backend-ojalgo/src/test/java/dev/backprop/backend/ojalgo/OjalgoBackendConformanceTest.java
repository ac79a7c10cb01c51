package dev.backprop.backend.ojalgo;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.tck.BackendTck;

/** The ojAlgo backend runs the whole conformance kit: both precisions, 1 and 2 threads. */
class OjalgoBackendConformanceTest extends BackendTck {

    @Override
    protected Backend create(BackendConfig config) {
        return new OjalgoBackend(config);
    }

    @Override
    protected String displayName() {
        return "ojalgo";
    }
}
