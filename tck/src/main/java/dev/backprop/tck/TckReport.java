package dev.backprop.tck;

import dev.backprop.backend.KernelPaths;
import dev.backprop.backend.Precision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The largest difference from the reference the kit saw, per backend, precision and operation, written to
 * {@code target/tck-report-<backend>-<precision>.txt} (directory: system property {@code backprop.tck.reportDir})
 * so that a reader can quote each operation's tolerance beside what the backend actually needed.
 */
public final class TckReport {

    /** The system property naming the directory reports are written to (default {@code target}). */
    public static final String DIRECTORY_PROPERTY = "backprop.tck.reportDir";

    private static final Map<String, Map<Precision, Map<String, Entry>>> SEEN = new ConcurrentHashMap<>();
    private static final Map<String, Map<Precision, KernelPaths>> PATHS = new ConcurrentHashMap<>();

    private TckReport() {
    }

    /** Everything recorded for one operation: its tolerance and the worst differences seen. */
    static final class Entry {
        final Tolerance tolerance;
        long comparisons;
        double maxAbsolute;
        double maxRelative;
        double worstRatio;

        Entry(Tolerance tolerance) {
            this.tolerance = tolerance;
        }
    }

    /** Adds one comparison's outcome to the backend's record. */
    static void record(String backend, Precision precision, String operation, Tolerance tolerance, Difference d) {
        Map<String, Entry> ops = SEEN.computeIfAbsent(backend, b -> new ConcurrentHashMap<>())
                .computeIfAbsent(precision, p -> new ConcurrentHashMap<>());
        Entry e = ops.computeIfAbsent(operation, o -> new Entry(tolerance));
        synchronized (e) {
            e.comparisons += d.elements;
            e.maxAbsolute = Math.max(e.maxAbsolute, d.maxAbsolute);
            e.maxRelative = Math.max(e.maxRelative, d.maxRelative);
            e.worstRatio = Math.max(e.worstRatio, d.worstIndex < 0 ? 0 : d.worstRatio);
        }
    }

    /** Records which operations the backend runs with its own kernels and which through the portable defaults. */
    static void recordPaths(String backend, Precision precision, KernelPaths paths) {
        PATHS.computeIfAbsent(backend, b -> new ConcurrentHashMap<>()).put(precision, paths);
    }

    /** The report text for one backend and precision, or null when nothing was recorded. */
    public static String text(String backend, Precision precision) {
        Map<String, Entry> ops = SEEN.getOrDefault(backend, Map.of()).get(precision);
        if (ops == null || ops.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# backprop conformance kit: ").append(backend).append(", ").append(precision.shortName())
                .append(" (all thread counts), against the scalar reference\n");
        KernelPaths paths = PATHS.getOrDefault(backend, Map.of()).get(precision);
        if (paths != null) {
            sb.append(paths.summary().lines().map(l -> "# " + l + "\n").collect(Collectors.joining()));
        }
        sb.append("# scale = |reference| for elementwise results, Σ|terms| for sums and products (see Tolerance);\n");
        sb.append("# network rows: scale = the tensor's ‖reference‖∞ (a normwise bound); training rows: each step's loss\n");
        sb.append(String.format(Locale.ROOT, "%-32s %-26s %12s %12s %12s %10s%n", "operation", "tolerance",
                "max |diff|", "max diff/scale", "used of tol", "elements"));
        for (Map.Entry<String, Entry> op : new TreeMap<>(ops).entrySet()) {
            Entry e = op.getValue();
            synchronized (e) {
                sb.append(String.format(Locale.ROOT, "%-32s %-26s %12.3g %12.3g %12s %10d%n", op.getKey(), e.tolerance,
                        e.maxAbsolute, e.maxRelative, e.tolerance.equals(Tolerance.EXACT) ? "-"
                                : String.format(Locale.ROOT, "%.3g", e.worstRatio), e.comparisons));
            }
        }
        return sb.toString();
    }

    /** Writes every report recorded for {@code backend} (one file per precision), through a temp file. */
    public static void write(String backend) {
        Path dir = Path.of(System.getProperty(DIRECTORY_PROPERTY, "target"));
        for (Precision p : Precision.values()) {
            String text = text(backend, p);
            if (text == null) {
                continue;
            }
            Path file = dir.resolve("tck-report-" + fileName(backend) + "-" + p.shortName() + ".txt");
            try {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the conformance report " + file + ": " + e.getMessage()
                        + "; set -D" + DIRECTORY_PROPERTY + " to a writable directory", e);
            }
        }
    }

    private static String fileName(String backend) {
        return backend.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
