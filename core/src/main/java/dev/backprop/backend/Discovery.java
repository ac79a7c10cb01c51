package dev.backprop.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The selection rules behind {@link Backends}, with their inputs (the registered providers, system
 * properties, environment) passed in so tests can exercise every rule without touching the real JVM state.
 */
final class Discovery {

    /** Stop asking a broken ServiceLoader for more after this many consecutive errors. */
    private static final int MAX_LOAD_ERRORS = 64;

    private final List<ProviderReport> reports;
    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;

    Discovery(List<ProviderReport> reports, UnaryOperator<String> systemProperties, UnaryOperator<String> environment) {
        List<ProviderReport> sorted = new ArrayList<>(reports);
        sorted.sort(Comparator.comparing(ProviderReport::usable).reversed()
                .thenComparing(Comparator.comparingInt(ProviderReport::priority).reversed())
                .thenComparing(ProviderReport::name));
        this.reports = List.copyOf(sorted);
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    /** Discovery over the providers registered with {@link ServiceLoader} and the real JVM settings. */
    static Discovery fromServiceLoader() {
        return new Discovery(loadReports(ServiceLoader.load(BackendProvider.class, Discovery.class.getClassLoader())),
                System::getProperty, System::getenv);
    }

    static List<ProviderReport> loadReports(ServiceLoader<BackendProvider> loader) {
        List<ProviderReport> out = new ArrayList<>();
        Iterator<ServiceLoader.Provider<BackendProvider>> it = loader.stream().iterator();
        int errors = 0;
        while (errors < MAX_LOAD_ERRORS) {
            ServiceLoader.Provider<BackendProvider> p;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
            } catch (ServiceConfigurationError e) {
                errors++;
                out.add(ProviderReport.failure("(unloadable)", "(unknown)", rootCause(e)));
                continue;
            }
            try {
                out.add(ProviderReport.of(p.get()));
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                out.add(ProviderReport.failure(p.type().getName(), p.type().getName(), rootCause(e)));
            }
        }
        return out;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    List<ProviderReport> reports() {
        return reports;
    }

    /**
     * Applies the precedence: {@code -Dbackprop.backend}, then {@code BACKPROP_BACKEND}, then
     * {@code preferred} (the application's choice, may be null), then the highest-priority usable provider
     * that supports {@code precision}.
     */
    Selection select(String preferred, Precision precision) {
        String property = blankToNull(systemProperties.apply(Backends.PROPERTY));
        if (property != null) {
            return selectNamed(property, Selection.Rule.SYSTEM_PROPERTY, "system property -D" + Backends.PROPERTY + "=" + property, precision);
        }
        String env = blankToNull(environment.apply(Backends.ENVIRONMENT_VARIABLE));
        if (env != null) {
            return selectNamed(env, Selection.Rule.ENVIRONMENT_VARIABLE, "environment variable " + Backends.ENVIRONMENT_VARIABLE + "=" + env, precision);
        }
        if (blankToNull(preferred) != null) {
            return selectNamed(preferred.trim(), Selection.Rule.APPLICATION, "requested by the application", precision);
        }
        return best(precision, List.of()).orElseThrow(() -> new IllegalStateException(
                "no usable backend supports " + precision.shortName() + ":\n" + table()));
    }

    /** The highest-priority usable provider supporting {@code precision}, skipping the names in {@code exclude}. */
    Optional<Selection> best(Precision precision, List<String> exclude) {
        return reports.stream()
                .filter(ProviderReport::usable)
                .filter(r -> r.precisions().contains(precision))
                .filter(r -> !exclude.contains(r.name()))
                .findFirst()
                .map(r -> new Selection(r, Selection.Rule.HIGHEST_PRIORITY, "highest-priority usable provider"
                        + (exclude.isEmpty() ? "" : " after " + String.join(", ", exclude) + " failed to start")));
    }

    /** Exactly the provider called {@code name} (case-insensitive), or an error that lists what exists. */
    Selection selectNamed(String name, Selection.Rule rule, String reason, Precision precision) {
        ProviderReport found = reports.stream()
                .filter(r -> r.name().equalsIgnoreCase(name.trim()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown backend '" + name + "' (" + reason
                        + "); available: " + names()
                        + ". Pick one of those, or add the backend's jar to the class path or module path."));
        if (!found.usable()) {
            throw new IllegalArgumentException("backend '" + found.name() + "' (" + reason + ") is not usable: "
                    + found.availability().reason() + ". Usable backends: " + usableNames());
        }
        if (!found.precisions().contains(precision)) {
            throw new IllegalArgumentException("backend '" + found.name() + "' (" + reason + ") does not support "
                    + precision.shortName() + "; it supports " + found.precisions().stream()
                    .map(Precision::shortName).sorted().collect(Collectors.joining(", ")));
        }
        return new Selection(found, rule, reason);
    }

    String names() {
        return reports.isEmpty() ? "(none registered)"
                : reports.stream().map(ProviderReport::name).collect(Collectors.joining(", "));
    }

    private String usableNames() {
        String s = reports.stream().filter(ProviderReport::usable).map(ProviderReport::name)
                .collect(Collectors.joining(", "));
        return s.isEmpty() ? "(none)" : s;
    }

    /** One line per provider: name, priority, status, precisions, threading, and the availability reason. */
    String table() {
        StringBuilder sb = new StringBuilder();
        int width = reports.stream().mapToInt(r -> r.name().length()).max().orElse(4);
        for (ProviderReport r : reports) {
            String status = r.failed() ? "FAILED" : r.usable() ? "usable" : "unusable";
            String precisions = r.precisions().stream().sorted().map(Precision::shortName)
                    .collect(Collectors.joining("/"));
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s  priority %4d  %-8s  %-7s  %-13s  %s%n",
                    r.name(), r.priority(), status, precisions.isEmpty() ? "-" : precisions,
                    r.parallel() ? "multi-thread" : "1 thread", r.availability().reason()));
        }
        return sb.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
