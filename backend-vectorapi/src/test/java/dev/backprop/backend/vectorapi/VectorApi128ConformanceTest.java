package dev.backprop.backend.vectorapi;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.tck.BackendTck;

/**
 * The conformance kit on the forced 128-bit species (2 f64 / 4 f32 lanes): runs only in the Surefire
 * execution started with {@code -Dbackprop.vectorapi.bits=128}, so the narrow path and its tails pass the
 * same checks on this 256-bit machine.
 */
class VectorApi128ConformanceTest extends BackendTck {

    @Override
    protected Backend create(BackendConfig config) {
        if (Lanes.BITS != 128) {
            throw new IllegalStateException("this kit run needs -D" + SpeciesChoice.BITS_PROPERTY + "=128, but the"
                    + " species is " + Lanes.BITS + " bits; run it through Surefire's narrow-species execution");
        }
        return new VectorApiBackendProvider().create(config);
    }

    @Override
    protected String displayName() {
        return "vectorapi-128";
    }
}
