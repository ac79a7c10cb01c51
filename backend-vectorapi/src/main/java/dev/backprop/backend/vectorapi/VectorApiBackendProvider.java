package dev.backprop.backend.vectorapi;

import dev.backprop.backend.Availability;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.BackendProvider;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Registers the Vector API backend, defensively, in the manner of Lucene's vectorization provider: this class
 * never links against {@code jdk.incubator.vector}, so it loads in any JVM and can say why the backend is not
 * usable there. It reports itself unusable, with the fix, when
 * <ul>
 *   <li>the {@code jdk.incubator.vector} module is not in the boot layer (class path without
 *       {@code --add-modules jdk.incubator.vector});</li>
 *   <li>C2 is off ({@code -Xint}, {@code -XX:TieredStopAtLevel} below 4, a JVMCI JIT): vector code would run
 *       as Java objects, far slower than the scalar loops;</li>
 *   <li>the CPU's preferred vector species is narrower than 128 bits, or the testing switch
 *       {@code -Dbackprop.vectorapi.bits} asks for a width it cannot have.</li>
 * </ul>
 * Only then does it touch the vector classes, through method handles, to read the species and to create the
 * backend. Discovery then falls back to the next backend and logs why, once.
 *
 * <p>Priority 300: above the library backends (EJML, ojAlgo) when usable.
 */
public final class VectorApiBackendProvider implements BackendProvider {

    public static final String NAME = "vectorapi";
    static final int PRIORITY = 300;

    private static final String LANES = "dev.backprop.backend.vectorapi.Lanes";
    private static final String BACKEND = "dev.backprop.backend.vectorapi.VectorApiBackend";

    /** Computed once per JVM: the answer cannot change while it runs. */
    private static volatile Availability availability;
    private static volatile String hardware;

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
        try {
            MethodHandle constructor = MethodHandles.lookup().findConstructor(
                    Class.forName(BACKEND, true, getClass().getClassLoader()),
                    MethodType.methodType(void.class, BackendConfig.class, String.class));
            return (Backend) constructor.invoke(config, hardware);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("backend '" + NAME + "' could not be created: " + e, e);
        }
    }

    private static Availability probe() {
        JvmFacts facts = JvmFacts.current();
        Availability verdict = Verdict.of(facts);
        if (!verdict.usable()) {
            return verdict;
        }
        int[] report;
        try {
            MethodHandle lanes = MethodHandles.lookup().findStatic(
                    Class.forName(LANES, true, VectorApiBackendProvider.class.getClassLoader()),
                    "report", MethodType.methodType(int[].class));
            report = (int[]) lanes.invoke();
        } catch (Throwable e) {
            return Availability.unusable("the Vector API failed to start (" + e
                    + "); run with --add-modules " + JvmFacts.VECTOR_MODULE + " on a JDK that ships it");
        }
        Availability species = Verdict.ofSpecies(facts, report[0], report[1],
                System.getProperty(SpeciesChoice.BITS_PROPERTY), report[2], report[3]);
        if (species.usable()) {
            hardware = Verdict.hardware(facts, report[1], report[0]);
        }
        return species;
    }
}
