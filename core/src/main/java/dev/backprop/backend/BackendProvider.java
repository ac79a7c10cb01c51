package dev.backprop.backend;

import java.util.EnumSet;
import java.util.Set;

/**
 * A math backend, found at run time by {@link java.util.ServiceLoader}. A backend jar registers its provider
 * both ways, so it works on the module path and on the class path:
 * <pre>
 *   module-info.java:   provides dev.backprop.backend.BackendProvider with com.example.MyProvider;
 *   META-INF/services/dev.backprop.backend.BackendProvider:   com.example.MyProvider
 * </pre>
 * Providers must have a public no-argument constructor and be cheap to construct: real work (loading native
 * code, probing the CPU) belongs in {@link #availability()} and {@link #create}. {@link Backends} picks one.
 */
public interface BackendProvider {

    /** A short, unique, lower-case name users select it by, e.g. {@code ejml}. */
    String name();

    /** Higher wins when nothing is selected explicitly. The scalar reference has 0. */
    int priority();

    /**
     * Whether this backend can run in this JVM. An unusable backend says why and what the user can do about
     * it (a missing {@code --add-modules} flag, say); discovery then falls back to the next one.
     */
    Availability availability();

    /** A new backend for {@code config}. Called only when {@link #availability()} is usable. */
    Backend create(BackendConfig config);

    /** The precisions {@link #create} accepts; both unless overridden. */
    default Set<Precision> precisions() {
        return EnumSet.allOf(Precision.class);
    }

    /** Whether asking for more than one thread makes its kernels use them. */
    default boolean parallel() {
        return false;
    }
}
