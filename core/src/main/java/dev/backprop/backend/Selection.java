package dev.backprop.backend;

/**
 * Which provider discovery chose, and why.
 *
 * @param provider the chosen provider's report
 * @param reason   the rule that chose it, e.g. "system property -Dbackprop.backend=ejml" or
 *                 "highest-priority usable provider"
 */
public record Selection(ProviderReport provider, String reason) {
}
