package dev.backprop.backend;

import java.util.Optional;
import java.util.Set;

/**
 * What discovery learned about one registered provider: its name, priority and availability, or, when the
 * provider could not even be asked, what went wrong.
 *
 * @param name        the provider's name, or its class name when it failed before telling its name
 * @param className   the provider class
 * @param priority    higher wins (0 when unknown)
 * @param availability usable or not, with the reason; for a provider that failed to load, unusable with the error
 * @param precisions  the precisions it supports (empty when it failed)
 * @param parallel    whether it uses more than one thread when asked
 * @param failed      true when loading or querying the provider threw
 * @param provider    the provider instance, absent when it failed to load
 */
public record ProviderReport(String name, String className, int priority, Availability availability,
                             Set<Precision> precisions, boolean parallel, boolean failed,
                             Optional<BackendProvider> provider) {

    public boolean usable() {
        return !failed && availability.usable();
    }

    static ProviderReport of(BackendProvider p) {
        String className = p.getClass().getName();
        String name = className;
        try {
            name = p.name();
            int priority = p.priority();
            Set<Precision> precisions = Set.copyOf(p.precisions());
            Availability availability = p.availability();
            if (availability == null) {
                throw new IllegalStateException("availability() returned null");
            }
            return new ProviderReport(name, className, priority, availability, precisions, p.parallel(), false,
                    Optional.of(p));
        } catch (RuntimeException | LinkageError e) {
            return failure(name, className, e);
        }
    }

    static ProviderReport failure(String name, String className, Throwable error) {
        return new ProviderReport(name, className, 0,
                Availability.unusable("provider failed: " + error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : ": " + error.getMessage())),
                Set.of(), false, true, Optional.empty());
    }
}
