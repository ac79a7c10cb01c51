package dev.backprop.backend.ojalgo;

import dev.backprop.backend.Availability;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.BackendProvider;

/** Registers the {@link OjalgoBackend} (priority 100: above the scalar reference, below EJML's 200). */
public final class OjalgoBackendProvider implements BackendProvider {

    public static final String NAME = "ojalgo";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        try {
            Class.forName("org.ojalgo.matrix.store.R064Store", false, OjalgoBackendProvider.class.getClassLoader());
            return Availability.usable("ojAlgo " + OjalgoBackend.ojalgoVersion()
                    + " dense stores (R064Store, R032Store), column-major read as the transpose; threads from --threads");
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unusable("ojAlgo is missing (" + e + "): put org.ojalgo:ojalgo on the class path or "
                    + "module path");
        }
    }

    @Override
    public Backend create(BackendConfig config) {
        return new OjalgoBackend(config);
    }

    @Override
    public boolean parallel() {
        return true;
    }
}
