package dev.backprop.backend.blas;

import dev.backprop.backend.Availability;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.BackendProvider;

/**
 * Registers the native-BLAS backend. Loading OpenBLAS is the only real test of whether it can run here, so
 * {@link #availability()} loads it (once per JVM, about 0.2–0.5 s once JavaCPP's cache holds the libraries, a
 * few seconds the first time, when they are extracted) and reports the version and the CPU core OpenBLAS
 * detected. Where it cannot load (the platform's natives jar is missing, JavaCPP publishes none for this
 * platform, the natives' module is not resolved on the module path, the library fails to link) the backend is
 * unusable with the reason and the fix ({@link NativesProblem}), and discovery falls back to the next backend.
 *
 * <p>This class names no JavaCPP type, so it loads, and can say what is missing, even without JavaCPP's jars.
 *
 * <p>Priority {@value #PRIORITY}: below vectorapi (300), above ejml (200) and ojalgo (100). On the headline step
 * (JMH, 784-100-10, batch 64, one thread, the default) it ran at 0.78× (f64) and 0.92× (f32) of vectorapi in one
 * sitting, where ejml's and ojalgo's published figures are a sixth or less of vectorapi's; at two threads on a
 * busy machine OpenBLAS's fixed split of each product between its threads stalls (the README's benchmark
 * section has the figures).
 */
public final class BlasBackendProvider implements BackendProvider {

    /** The name users select it by. */
    public static final String NAME = "blas";
    /** Where discovery ranks it when nothing is chosen explicitly (see the class comment). */
    static final int PRIORITY = 250;

    private static volatile Availability availability;
    private static volatile OpenBlasLibrary.Info library;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public boolean parallel() {
        return true;
    }

    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            a = probe();
            availability = a;
        }
        return a;
    }

    @Override
    public Backend create(BackendConfig config) {
        Availability a = availability();
        if (!a.usable()) {
            throw new IllegalStateException("backend '" + NAME + "' is not usable: " + a.reason());
        }
        return new BlasBackend(config, library);
    }

    private static synchronized Availability probe() {
        if (availability != null) {
            return availability;
        }
        try {
            OpenBlasLibrary.Info info = OpenBlasLibrary.load();
            library = info;
            return Availability.usable("OpenBLAS " + info.version() + ", " + info.core() + " kernels (detected at"
                    + " load), " + info.platform() + " natives from Maven Central (JavaCPP presets "
                    + NativesProblem.BUILT_WITH.openblas() + "); cblas_dgemm/cblas_sgemm on off-heap matrices");
        } catch (LinkageError | RuntimeException e) {
            return Availability.unusable(NativesProblem.explain(e, NativesProblem.Context.current()));
        }
    }
}
