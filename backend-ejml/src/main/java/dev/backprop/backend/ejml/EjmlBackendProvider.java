package dev.backprop.backend.ejml;

import dev.backprop.backend.Availability;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.BackendProvider;

/**
 * Registers the {@link EjmlBackend} (priority 200: above ojAlgo's 100 and the scalar reference's 0, below
 * the hand-written SIMD backend's 300). Usable whenever EJML's dense jars are on the class path.
 */
public final class EjmlBackendProvider implements BackendProvider {

    public static final String NAME = "ejml";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public Availability availability() {
        try {
            Class.forName("org.ejml.dense.row.CommonOps_DDRM", false, EjmlBackendProvider.class.getClassLoader());
            Class.forName("org.ejml.dense.row.CommonOps_FDRM", false, EjmlBackendProvider.class.getClassLoader());
            return Availability.usable("EJML " + org.ejml.EjmlVersion.VERSION
                    + " dense row-major (DMatrixRMaj, FMatrixRMaj); CommonOps_MT_* when threads > 1");
        } catch (ClassNotFoundException | LinkageError e) {
            return Availability.unusable("EJML is missing (" + e + "): put org.ejml:ejml-core, ejml-ddense and "
                    + "ejml-fdense on the class path (not the module path: their packages are split)");
        }
    }

    @Override
    public Backend create(BackendConfig config) {
        return new EjmlBackend(config);
    }

    @Override
    public boolean parallel() {
        return true;
    }
}
