package dev.backprop.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Which of a backend's non-core operations run its own kernels and which run the {@link Backend}'s portable
 * defaults, per operation and kind. Found by running each operation once on small matrices and watching
 * whether a default ran, so the report cannot drift from the code: a backend that forgets an override shows
 * the default, not the kernel it meant to have. The required core (storage, gemm, axpby, map, zip, sumZip)
 * is always the backend's own and is not listed.
 *
 * @param paths one entry per operation (and kind), in the facade's order
 */
public record KernelPaths(List<Path> paths) {

    /**
     * One operation, for one kind where the operation is keyed by kind.
     *
     * @param operation the facade method, e.g. {@code addBiasActivate}
     * @param kind      the kind's name in lower case ({@code sigmoid}, {@code cross-entropy}), or empty
     * @param own       true when the backend's own kernel ran, false when the portable default did
     */
    public record Path(String operation, String kind, boolean own) {
        /** e.g. {@code addBiasActivate(sigmoid)} or {@code copy}. */
        public String label() {
            return kind.isEmpty() ? operation : operation + "(" + kind + ")";
        }
    }

    public KernelPaths {
        paths = List.copyOf(paths);
    }

    /** The paths that run the backend's own kernels. */
    public List<Path> own() {
        return paths.stream().filter(Path::own).toList();
    }

    /** The paths that run the portable defaults. */
    public List<Path> portable() {
        return paths.stream().filter(p -> !p.own()).toList();
    }

    /**
     * Two lines: the operations with the backend's own kernels, then those on portable defaults, kinds grouped
     * by operation, e.g. {@code own: addBiasActivate(identity, sigmoid, tanh, relu), copy}.
     */
    public String summary() {
        return "own kernels: " + group(own()) + "\nportable defaults: " + group(portable());
    }

    private static String group(List<Path> list) {
        if (list.isEmpty()) {
            return "(none)";
        }
        Map<String, List<String>> byOp = new LinkedHashMap<>();
        for (Path p : list) {
            byOp.computeIfAbsent(p.operation(), k -> new ArrayList<>()).add(p.kind());
        }
        return byOp.entrySet().stream().map(e -> e.getValue().stream().allMatch(String::isEmpty) ? e.getKey()
                        : e.getKey() + "(" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }

    /** The lower-case, dashed name of a kind constant ({@code LOG_LIKELIHOOD} → {@code log-likelihood}). */
    static String kindName(Enum<?> kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Runs every non-core operation and kind once on {@code be} and records which ran a default. */
    static KernelPaths probe(Backend be) {
        int n = 5, m = 3;                                          // small, but not square and not a vector
        Matrix z = be.zeros(n, m), a = be.zeros(n, m), d = be.zeros(n, m), y = be.zeros(n, m);
        Matrix b = be.zeros(n, 1), col = be.zeros(n, 1);
        double[] values = new double[n * m];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 7 - 3) * 0.25;
        }
        List<Path> out = new ArrayList<>();
        Probe probe = new Probe(be, out);
        probe.run("load(float[])", "", x -> x.load(z, new float[n * m]));
        probe.run("store(float[])", "", x -> x.store(z, new float[n * m]));
        probe.run("copy", "", x -> x.copy(z, a));
        probe.run("addBias", "", x -> x.addBias(z, b));
        probe.run("sumColumns", "", x -> x.sumColumns(0.5, z, col));
        for (ActivationKind f : ActivationKind.values()) {
            be.load(z, values);
            probe.run("activate", kindName(f), x -> x.activate(f, z, a));
            probe.run("activateBackward", kindName(f), x -> x.activateBackward(f, z, a, y, d));
            probe.run("addBiasActivate", kindName(f), x -> x.addBiasActivate(z, b, f, a));
        }
        be.load(y, values);
        for (CostKind c : CostKind.values()) {
            probe.run("cost", kindName(c), x -> x.cost(c, a, y));
            probe.run("costGradient", kindName(c), x -> x.costGradient(c, a, y, d));
            for (ActivationKind f : ActivationKind.values()) {
                probe.run("outputDelta", kindName(c) + "+" + kindName(f), x -> x.outputDelta(c, f, z, a, y, d));
            }
        }
        Matrix s1 = be.zeros(n, m), s2 = be.zeros(n, m);
        for (OptimizerKind k : OptimizerKind.values()) {
            Matrix first = k.stateTensors() > 0 ? s1 : null, second = k.stateTensors() > 1 ? s2 : null;
            probe.run("optimizerStep", kindName(k), x -> x.optimizerStep(k, z, y, first, second, 0.01, 0.9, 0.999,
                    1e-8, k == OptimizerKind.SGD || k == OptimizerKind.ADAMW ? 1.0 : 0.0, 1));
        }
        probe.run("argmaxColumns", "", x -> x.argmaxColumns(a, new int[m]));
        return new KernelPaths(out);
    }

    private record Probe(Backend be, List<Path> out) {
        void run(String operation, String kind, Consumer<Backend> op) {
            int before = be.portableRuns();
            op.accept(be);
            out.add(new Path(operation, kind, be.portableRuns() == before));
        }
    }
}
