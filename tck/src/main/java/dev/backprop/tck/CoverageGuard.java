package dev.backprop.tck;

import dev.backprop.backend.Backend;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps the kit complete: the facade's public final instance methods (the SPI's operations) must each be
 * checked by the kit, so an operation added to {@link Backend} fails every backend's kit, naming it, until
 * the kit learns to test it.
 */
final class CoverageGuard {

    private CoverageGuard() {
    }

    /**
     * Facade methods the kit checks outside the operation catalog: the identity accessors (checked against the
     * config the backend was created with) and {@code requireOwn} (checked among the facade rules).
     */
    static final Set<String> CHECKED_ELSEWHERE = Set.of("name()", "config()", "precision()",
            "requireOwn(String,String,Matrix)");

    /** {@code name(SimpleType,…)} of every public final instance method declared by {@link Backend}. */
    static Set<String> facadeOperations() {
        Set<String> out = new TreeSet<>();
        for (Method m : Backend.class.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (Modifier.isPublic(mod) && Modifier.isFinal(mod) && !Modifier.isStatic(mod) && !m.isSynthetic()) {
                out.add(signature(m));
            }
        }
        return out;
    }

    static String signature(Method m) {
        return m.getName() + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                .collect(Collectors.joining(",", "(", ")"));
    }

    /** The signatures the kit checks. */
    static Set<String> checked() {
        Set<String> out = new TreeSet<>(CHECKED_ELSEWHERE);
        Operations.ALL.forEach(op -> out.add(op.signature()));
        return out;
    }

    /** Fails naming every facade operation the kit does not check, and every listed one the facade lacks. */
    static void requireComplete() {
        requireComplete(facadeOperations(), checked());
    }

    static void requireComplete(Set<String> facade, Set<String> checked) {
        Set<String> untested = new TreeSet<>(facade);
        untested.removeAll(checked);
        Set<String> stale = new TreeSet<>(checked);
        stale.removeAll(facade);
        if (!untested.isEmpty()) {
            throw new AssertionError("Backend has public operations the conformance kit does not test: " + untested
                    + ". Add each to dev.backprop.tck.Operations (with its tolerances and cases) so every backend is "
                    + "checked against the reference for it.");
        }
        if (!stale.isEmpty()) {
            throw new AssertionError("the conformance kit lists operations Backend no longer has: " + stale
                    + ". Update dev.backprop.tck.Operations to the facade's current signatures.");
        }
    }
}
