package dev.backprop.backend;

import java.util.Objects;

/**
 * Which provider discovery chose, by which rule, and why.
 *
 * @param provider the chosen provider's report
 * @param rule     the precedence rule that chose it
 * @param reason   the rule in words, e.g. "system property -Dbackprop.backend=ejml" or
 *                 "highest-priority usable provider"
 */
public record Selection(ProviderReport provider, Rule rule, String reason) {

    /** The precedence rules of {@link Backends}, first match wins. */
    public enum Rule {
        /** {@code -Dbackprop.backend=NAME}. */
        SYSTEM_PROPERTY,
        /** {@code BACKPROP_BACKEND=NAME}. */
        ENVIRONMENT_VARIABLE,
        /** A name the application passed (to {@link Backends#create(String, BackendConfig)} or {@link Backends#createNamed}). */
        APPLICATION,
        /** No name anywhere: the usable provider with the highest priority for the precision. */
        HIGHEST_PRIORITY;

        /** Whether someone named the backend: then its failure to start is theirs to see, with no fallback. */
        public boolean explicit() {
            return this != HIGHEST_PRIORITY;
        }
    }

    public Selection {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
    }
}
