package dev.backprop.tck;

import dev.backprop.backend.Backend;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Keeps the kit complete: the facade's public final instance methods (the SPI's operations) must each be
 * checked by the kit, and a method keyed by kinds (an enum parameter such as {@code ActivationKind}) once per
 * kind, or per combination of kinds; so an operation or a kind added to {@link Backend} fails every backend's
 * kit, naming it, until the kit learns to test it.
 */
final class CoverageGuard {

    private CoverageGuard() {
    }

    /**
     * Facade methods the kit checks outside the operation catalog: the identity accessors (checked against the
     * config the backend was created with) and {@code requireOwn} (checked among the facade rules).
     */
    static final Set<String> CHECKED_ELSEWHERE = Set.of("name()", "config()", "precision()",
            "requireOwn(String,String,Matrix)", "close()", "isClosed()", "kernelPaths()");

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

    /**
     * The catalog names a kind-keyed method needs, one per combination of its enum parameters' constants, e.g.
     * {@code outputDelta[quadratic+sigmoid]}.
     */
    static Set<String> kindOperations() {
        Set<String> out = new TreeSet<>();
        for (Method m : Backend.class.getDeclaredMethods()) {
            int mod = m.getModifiers();
            if (!Modifier.isPublic(mod) || !Modifier.isFinal(mod) || Modifier.isStatic(mod) || m.isSynthetic()) {
                continue;
            }
            List<String> combos = List.of("");
            for (Class<?> type : m.getParameterTypes()) {
                if (type.isEnum()) {
                    List<String> next = new ArrayList<>();
                    for (String prefix : combos) {
                        for (Object constant : type.getEnumConstants()) {
                            String name = Operations.kindName((Enum<?>) constant);
                            next.add(prefix.isEmpty() ? name : prefix + "+" + name);
                        }
                    }
                    combos = next;
                }
            }
            if (!combos.equals(List.of(""))) {
                combos.forEach(k -> out.add(m.getName() + "[" + k + "]"));
            }
        }
        return out;
    }

    /** Fails naming every facade operation or kind the kit does not check, and every listed one the facade lacks. */
    static void requireComplete() {
        requireComplete(facadeOperations(), checked());
        requireKinds(kindOperations(), catalogNames());
    }

    /** The names of the catalog's operations, e.g. {@code activate[relu]}. */
    static Set<String> catalogNames() {
        Set<String> names = new TreeSet<>();
        Operations.ALL.forEach(op -> names.add(op.name()));
        return names;
    }

    static void requireKinds(Set<String> kindOperations, Set<String> catalog) {
        Set<String> missing = new TreeSet<>(kindOperations);
        missing.removeAll(catalog);
        if (!missing.isEmpty()) {
            throw new AssertionError("Backend has kinds the conformance kit does not test: " + missing
                    + ". Add a case for each kind to dev.backprop.tck.Operations, so every backend is checked against"
                    + " the reference for it.");
        }
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
