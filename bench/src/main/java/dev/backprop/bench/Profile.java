package dev.backprop.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a runner profile measures: a list of JMH {@link Job}s, most run once per usable backend.
 * <ul>
 *   <li>{@code quick} (about ten minutes): the machine's measured peak (PeakBenchmark, the roofline); the
 *       headline step, 784-100-10 at batch 64, f64 and f32, 1 and 2 threads, with {@code -prof gc}, and the same
 *       step at batch 10 and 256 with shorter measurement iterations; the GEMMs of that step's first layer plus
 *       square 256 and 512; and the raw EJML and ojAlgo calls at that layer's three products.</li>
 *   <li>{@code full} (about an hour on 2 cores with four backends): every network × batch × precision ×
 *       threads of the step, every GEMM of the three networks' steps plus the squares, and the activations.</li>
 *   <li>{@code smoke} (seconds per backend, for CI): one tiny iteration of every benchmark class, so the suite
 *       cannot rot; its figures mean nothing.</li>
 * </ul>
 */
public enum Profile {
    QUICK(List.of(
            new Job("peak", PeakBenchmark.class, "fma", Map.of("precision", List.of("f64", "f32")),
                    3, 1000, 3, 1000, 1, false, false),
            new Job("train-step", TrainStepBenchmark.class, "step", Map.of(
                    "precision", List.of("f64", "f32"), "network", List.of("784-100-10"), "batch", List.of("64"),
                    "threads", List.of("1", "2")), 3, 1000, 5, 1000, 1, true),
            // Warm-up as long as the headline's: with 2 × 500 ms, JDK 17's C2 was still compiling the batch-256
            // step during the measurement (8–430 KB per step, falling each iteration) and the page called the
            // step allocating. After 3 × 1 s a check run gave 3–8 B per step; in the next quick run only the
            // first iteration of batch 256 f64 at one thread still caught C2, at about 4 KB per step.
            new Job("train-step-batches", TrainStepBenchmark.class, "step", Map.of(
                    "precision", List.of("f64", "f32"), "network", List.of("784-100-10"), "batch", List.of("10", "256"),
                    "threads", List.of("1", "2")), 3, 1000, 3, 500, 1, true),
            new Job("gemm", GemmBenchmark.class, "gemm", Map.of(
                    "precision", List.of("f64", "f32"),
                    "shape", List.of("WA:100x784x64", "DAt:100x64x784", "WtD:100x10x64", "WA:256x256x256",
                            "WA:512x512x512"),
                    "threads", List.of("1")), 2, 500, 3, 500, 1, false),
            new Job("gemm-raw", RawGemmBenchmark.class, "gemm", Map.of(
                    "library", List.of("ejml", "ojalgo"), "precision", List.of("f64", "f32"),
                    "shape", List.of("WA:100x784x64", "DAt:100x64x784", "WtD:100x10x64")),
                    2, 500, 3, 500, 1, false, false))),
    FULL(List.of(
            new Job("peak", PeakBenchmark.class, "fma", Map.of("precision", List.of("f64", "f32")),
                    3, 1000, 5, 1000, 2, false, false),
            new Job("train-step", TrainStepBenchmark.class, "step", Map.of(
                    "precision", List.of("f64", "f32"),
                    "network", List.of("784-30-10", "784-100-10", "784-1024-1024-10"),
                    "batch", List.of("10", "64", "256"), "threads", List.of("1", "2")), 3, 1000, 5, 1000, 1, true),
            new Job("gemm", GemmBenchmark.class, "gemm", Map.of(
                    "precision", List.of("f64", "f32"),
                    "shape", StepShapes.parameterList(List.of("784-30-10", "784-100-10", "784-1024-1024-10"), 64),
                    "threads", List.of("1")), 3, 1000, 5, 1000, 1, false),
            new Job("gemm-square", GemmBenchmark.class, "gemm", Map.of(
                    "precision", List.of("f64", "f32"),
                    "shape", StepShapes.parameterList(List.of(), 64, 256, 512, 1024),
                    "threads", List.of("1", "2")), 3, 1000, 5, 1000, 1, false),
            new Job("gemm-raw", RawGemmBenchmark.class, "gemm", Map.of(
                    "library", List.of("ejml", "ojalgo"), "precision", List.of("f64", "f32"),
                    "shape", StepShapes.parameterList(List.of("784-30-10", "784-100-10", "784-1024-1024-10"), 64,
                            256, 512, 1024)), 3, 1000, 5, 1000, 1, false, false),
            new Job("activation", ActivationBenchmark.class, "(forward|backward)", Map.of(
                    "precision", List.of("f64", "f32"), "activation", List.of("sigmoid", "relu", "softmax"),
                    "shape", List.of("100x64", "1024x256")), 3, 500, 5, 500, 1, false))),
    SMOKE(List.of(
            new Job("peak", PeakBenchmark.class, "fma", Map.of("precision", List.of("f32")), 0, 0, 1, 100, 1, false,
                    false),
            new Job("train-step", TrainStepBenchmark.class, "step", Map.of(
                    "precision", List.of("f32"), "network", List.of("784-30-10"), "batch", List.of("10"),
                    "threads", List.of("1")), 0, 0, 1, 100, 1, true),
            new Job("gemm", GemmBenchmark.class, "gemm", Map.of(
                    "precision", List.of("f64"), "shape", List.of("DAt:30x10x784"), "threads", List.of("1")),
                    0, 0, 1, 100, 1, false),
            new Job("activation", ActivationBenchmark.class, "(forward|backward)", Map.of(
                    "precision", List.of("f32"), "activation", List.of("softmax"), "shape", List.of("10x8")),
                    0, 0, 1, 100, 1, false),
            new Job("gemm-raw", RawGemmBenchmark.class, "gemm", Map.of(
                    "library", List.of("ejml", "ojalgo"), "precision", List.of("f32"), "shape", List.of("WtD:30x10x64")),
                    0, 0, 1, 100, 1, false, false)));

    private final List<Job> jobs;

    Profile(List<Job> jobs) {
        this.jobs = jobs;
    }

    public List<Job> jobs() {
        return jobs;
    }

    /** {@code quick}, {@code full} or {@code smoke}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The profile called {@code name}, or an error listing the profiles. */
    public static Profile parse(String name) {
        for (Profile p : values()) {
            if (p.label().equalsIgnoreCase(name.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + name + "'; use quick, full or smoke");
    }

    /**
     * One JMH run per backend: the benchmark methods of {@code benchmark} matching {@code methods}, with
     * {@code params} (the runner adds {@code backend} and keeps only the precisions the backend supports).
     *
     * @param name              names the job's JSON files, e.g. {@code train-step-scalar.json}
     * @param warmupMillis      time per warm-up iteration
     * @param measurementMillis time per measurement iteration
     * @param gcProfiler        whether to add {@code -prof gc} (allocation per operation)
     * @param perBackend        whether the job runs once per backend (with {@code -p backend=…}) or once in all
     *                          (the raw library calls, which take no backend)
     */
    public record Job(String name, Class<?> benchmark, String methods, Map<String, List<String>> params,
                      int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis,
                      int forks, boolean gcProfiler, boolean perBackend) {

        /** A job run once per usable backend. */
        public Job(String name, Class<?> benchmark, String methods, Map<String, List<String>> params,
                   int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis,
                   int forks, boolean gcProfiler) {
            this(name, benchmark, methods, params, warmupIterations, warmupMillis, measurementIterations,
                    measurementMillis, forks, gcProfiler, true);
        }

        public Job {
            params = Map.copyOf(params);
            if (forks < 1) {
                throw new IllegalArgumentException("job " + name + ": forks must be at least 1 (JMH's rule)");
            }
        }

        /** JMH's include pattern for the job's benchmark methods. */
        public String include() {
            return "^" + benchmark.getName().replace(".", "\\.") + "\\." + methods + "$";
        }
    }
}
