package dev.backprop.backend.scalar;

import dev.backprop.backend.Availability;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.BackendProvider;

/** Registers the {@link ScalarBackend}: always usable, lowest priority, so any other usable backend wins. */
public final class ScalarBackendProvider implements BackendProvider {

    public static final String NAME = "scalar";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.usable("plain Java loops, single-threaded; the reference every backend is tested against");
    }

    @Override
    public Backend create(BackendConfig config) {
        return new ScalarBackend(config);
    }
}
