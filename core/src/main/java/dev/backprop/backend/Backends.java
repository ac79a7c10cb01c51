package dev.backprop.backend;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the registered {@link BackendProvider}s and picks one.
 *
 * <p>Precedence, first match wins:
 * <ol>
 *   <li>the system property {@code -Dbackprop.backend=NAME};</li>
 *   <li>the environment variable {@code BACKPROP_BACKEND=NAME};</li>
 *   <li>the name the application passes to {@link #create(String, BackendConfig)};</li>
 *   <li>otherwise the usable provider with the highest priority that supports the requested precision.</li>
 * </ol>
 * An explicitly named backend must exist and be usable, or creation fails with a message that lists the
 * available names. A provider that throws while loading, describing or starting itself is skipped, logged
 * once, and reported by {@link #describe()}; it never stops the others from being chosen.
 * {@link #createNamed} ignores the property and the environment (for a command-line flag, which is the
 * user's most explicit choice).
 */
public final class Backends {

    /** The system property that names a backend: {@code -Dbackprop.backend=ejml}. */
    public static final String PROPERTY = "backprop.backend";
    /** The environment variable that names a backend when the system property is not set. */
    public static final String ENVIRONMENT_VARIABLE = "BACKPROP_BACKEND";

    private static final System.Logger LOG = System.getLogger(Backends.class.getName());
    private static final Set<String> ALREADY_LOGGED = ConcurrentHashMap.newKeySet();

    private Backends() {
    }

    /** A backend chosen by the precedence rules for {@link BackendConfig#defaults()} (float64, 1 thread). */
    public static Backend create() {
        return create(null, BackendConfig.defaults());
    }

    /** A backend chosen by the precedence rules (property, environment, highest priority) for {@code config}. */
    public static Backend create(BackendConfig config) {
        return create(null, config);
    }

    /**
     * A backend chosen by the precedence rules, with {@code preferred} (may be null) as the application's
     * choice: the system property and the environment variable still override it.
     */
    public static Backend create(String preferred, BackendConfig config) {
        return create(Discovery.fromServiceLoader(), preferred, config);
    }

    /** Exactly the backend called {@code name}, ignoring the system property and environment variable. */
    public static Backend createNamed(String name, BackendConfig config) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(config, "config");
        Discovery discovery = Discovery.fromServiceLoader();
        logFailures(discovery);
        return start(discovery.selectNamed(name, Selection.Rule.APPLICATION, "requested by name", config.precision()), config);
    }

    /** Which provider {@link #create(String, BackendConfig)} would choose, and why; starts nothing. */
    public static Selection select(String preferred, Precision precision) {
        return Discovery.fromServiceLoader().select(preferred, precision);
    }

    /** Every registered provider, usable ones first by descending priority. */
    public static List<ProviderReport> providers() {
        return Discovery.fromServiceLoader().reports();
    }

    /**
     * A human-readable account: every provider found (priority, usable or not and why, precisions,
     * threading), the one that would be chosen for float64 and the rule that chose it.
     */
    public static String describe() {
        return describe(Discovery.fromServiceLoader(), null, Precision.FLOAT64);
    }

    static Backend create(Discovery discovery, String preferred, BackendConfig config) {
        Objects.requireNonNull(config, "config");
        logFailures(discovery);
        Selection selection = discovery.select(preferred, config.precision());
        if (selection.rule().explicit()) {
            return start(selection, config);     // an explicit choice: its failure is the user's to see
        }
        logSkippedBetterProviders(discovery, selection);
        List<String> failedToStart = new ArrayList<>();
        while (true) {
            try {
                return start(selection, config);
            } catch (RuntimeException | LinkageError e) {
                String name = selection.provider().name();
                failedToStart.add(name);
                logOnce(Level.WARNING, "backprop: backend '" + name + "' failed to start (" + e
                        + "); falling back to the next usable backend");
                selection = discovery.best(config.precision(), failedToStart).orElseThrow(() ->
                        new IllegalStateException("no usable backend could start; tried " + failedToStart, e));
            }
        }
    }

    private static Backend start(Selection selection, BackendConfig config) {
        BackendProvider provider = selection.provider().provider().orElseThrow();
        Backend backend = provider.create(config);
        if (backend == null) {
            throw new IllegalStateException("provider '" + selection.provider().name() + "' returned no backend");
        }
        if (backend.precision() != config.precision()) {
            throw new IllegalStateException("provider '" + selection.provider().name() + "' returned a "
                    + backend.precision().shortName() + " backend for a " + config.precision().shortName() + " request");
        }
        return backend;
    }

    static String describe(Discovery discovery, String preferred, Precision precision) {
        StringBuilder sb = new StringBuilder();
        sb.append("backprop backends (").append(discovery.reports().size()).append(" registered):\n");
        sb.append(discovery.table());
        try {
            Selection s = discovery.select(preferred, precision);
            sb.append("chosen: ").append(s.provider().name()).append(" (").append(s.reason()).append(")\n");
        } catch (RuntimeException e) {
            sb.append("chosen: none: ").append(e.getMessage()).append('\n');
        }
        sb.append("override with -D").append(PROPERTY).append("=NAME or ").append(ENVIRONMENT_VARIABLE)
                .append("=NAME\n");
        return sb.toString();
    }

    private static void logFailures(Discovery discovery) {
        for (ProviderReport r : discovery.reports()) {
            if (r.failed()) {
                logOnce(Level.WARNING, "backprop: skipping backend provider " + r.className() + ": "
                        + r.availability().reason());
            }
        }
    }

    /** Tells the user once why a backend that would have outranked the chosen one was not used. */
    private static void logSkippedBetterProviders(Discovery discovery, Selection chosen) {
        for (ProviderReport r : discovery.reports()) {
            if (!r.failed() && !r.usable() && r.priority() > chosen.provider().priority()) {
                logOnce(Level.WARNING, "backprop: backend '" + r.name() + "' is not usable: "
                        + r.availability().reason() + "; using '" + chosen.provider().name() + "'");
            }
        }
    }

    private static void logOnce(Level level, String message) {
        if (ALREADY_LOGGED.add(message)) {
            LOG.log(level, message);
        }
    }
}
