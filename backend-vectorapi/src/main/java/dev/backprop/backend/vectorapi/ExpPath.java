package dev.backprop.backend.vectorapi;

import java.util.Locale;

/**
 * Whether the activation kernels (sigmoid, tanh, softmax) evaluate {@code e^x} on vectors or with
 * {@link VectorExp}'s scalar twins. Both give the same bits; only speed differs.
 *
 * <p>The default is vectors on JDK 25 and later, scalar twins before. On JDK 17 the vector exponential's
 * compiled form was unreliable: in some JVMs C2 left part of it on the Vector API's Java fallback, which
 * allocated 1–2 MB per call of a 100×64 sigmoid and ran at ~28 ns per element (JMH ActivationBenchmark,
 * varying from fork to fork), where JDK 25 ran it at ~3.6 ns without allocating. JDK 18–24 were not measured,
 * so they get the safe path. {@value #PROPERTY}{@code =vector|scalar} overrides the choice (tests use it to
 * run both paths on every JDK).
 */
final class ExpPath {

    static final String PROPERTY = "backprop.vectorapi.exp";

    /** Fixed when the class loads, so that C2 folds the choice away. */
    static final boolean VECTOR = vector(Runtime.version().feature(), System.getProperty(PROPERTY));

    private ExpPath() {
    }

    /** The choice for a JDK feature release and the property's value (null when unset). */
    static boolean vector(int jdkFeature, String asked) {
        if (asked == null || asked.isBlank()) {
            return jdkFeature >= 25;
        }
        switch (asked.trim().toLowerCase(Locale.ROOT)) {
            case "vector":
                return true;
            case "scalar":
                return false;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + asked
                        + " is not a choice: use vector or scalar (or leave it unset for the JDK's default)");
        }
    }

    /** How the provider describes the choice. */
    static String describe() {
        return VECTOR ? "vector exp" : "scalar exp (vector exp is unreliable before JDK 25)";
    }
}
