package dev.backprop.bench.report;

import dev.backprop.bench.GemmShape;
import dev.backprop.bench.RawGemmBenchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * The JMH results of a run, as the quantities the report shows: training steps in samples per second,
 * products in GFLOP/s, activations in elements per second. Results of benchmark classes this report does
 * not know are ignored.
 */
public record Figures(List<Step> steps, List<Gemm> gemms, List<Activation> activations, List<Peak> peaks) {

    /**
     * The machine's measured peak on one core ({@code PeakBenchmark}: fused multiply-adds only, on the JVM's
     * preferred vector width), the roofline that steps and products are shown against.
     */
    public record Peak(String precision, double gflops) {
    }

    /** The measured peak in {@code precision}, GFLOP/s; NaN when the run did not measure it. */
    public double peak(String precision) {
        return peaks.stream().filter(p -> p.precision().equals(precision)).mapToDouble(Peak::gflops).max()
                .orElse(Double.NaN);
    }

    /**
     * One training step configuration.
     *
     * @param stepsPerS  steps per second (JMH's score)
     * @param error      the 99.9% confidence half-width of {@code stepsPerS}, NaN when unknown
     * @param allocBytes heap bytes allocated per step ({@code -prof gc}), NaN when not profiled
     * @param iterationSeconds the length of a measurement iteration
     */
    public record Step(String backend, String precision, String network, int batch, int threads, double stepsPerS,
                       double error, double allocBytes, double iterationSeconds) {

        /**
         * JMH's own bookkeeping allocates a few kilobytes per iteration (measured: about 6 KB), which
         * {@code gc.alloc.rate.norm} spreads over the iteration's steps: tens of bytes per step for a slow step.
         * A step allocates when the iteration allocated well beyond that.
         */
        public static final double JMH_ITERATION_BYTES_BOUND = 32 * 1024;

        /** Whether the step itself allocates, beyond JMH's per-iteration bookkeeping. */
        public boolean allocates() {
            return allocBytes >= 1 && allocBytes * stepsPerS * iterationSeconds > JMH_ITERATION_BYTES_BOUND;
        }

        public double samplesPerS() {
            return stepsPerS * batch;
        }

        public double samplesError() {
            return error * batch;
        }
    }

    /**
     * One matrix product configuration.
     *
     * @param backend the backend, or for a raw library call the library's name
     * @param raw     whether this is the library called directly rather than through a backend
     * @param call    for a raw call, what was called (e.g. {@code CommonOps_DDRM.mult}); empty otherwise
     */
    public record Gemm(String backend, boolean raw, String call, String precision, GemmShape shape, int threads,
                       double opsPerS, double error) {

        public double gflops() {
            return opsPerS * shape.flops() / 1e9;
        }

        public double gflopsError() {
            return error * shape.flops() / 1e9;
        }

        /** What the tables and charts call it: the backend, or {@code ejml raw (CommonOps_DDRM.mult)}. */
        public String label() {
            return raw ? backend + " raw" : backend;
        }
    }

    /** One activation kernel: {@code direction} is {@code forward} or {@code backward}; elements = rows·cols. */
    public record Activation(String backend, String precision, String activation, String direction, String shape,
                             long elements, double opsPerS) {

        public double elementsPerS() {
            return opsPerS * elements;
        }
    }

    /** Sorts the results by benchmark class into figures. */
    public static Figures of(List<JmhResult> results) {
        List<Step> steps = new ArrayList<>();
        List<Gemm> gemms = new ArrayList<>();
        List<Activation> activations = new ArrayList<>();
        List<Peak> peaks = new ArrayList<>();
        for (JmhResult r : results) {
            switch (r.benchmarkClass()) {
                case "TrainStepBenchmark" -> steps.add(new Step(r.param("backend"), r.param("precision"),
                        r.param("network"), r.intParam("batch"), r.intParam("threads"), r.score(), r.error(),
                        r.allocPerOp(), r.iterationSeconds()));
                case "GemmBenchmark" -> gemms.add(new Gemm(r.param("backend"), false, "", r.param("precision"),
                        GemmShape.parse(r.param("shape")), r.intParam("threads"), r.score(), r.error()));
                case "RawGemmBenchmark" -> {
                    GemmShape shape = GemmShape.parse(r.param("shape"));
                    gemms.add(new Gemm(r.param("library"), true,
                            RawGemmBenchmark.call(r.param("library"), r.param("precision"), shape.form()),
                            r.param("precision"), shape, 1, r.score(), r.error()));
                }
                case "ActivationBenchmark" -> {
                    String shape = r.param("shape");
                    String[] dims = shape.split("x");
                    long elements = Long.parseLong(dims[0]) * Long.parseLong(dims[1]);
                    activations.add(new Activation(r.param("backend"), r.param("precision"), r.param("activation"),
                            r.method(), shape, elements, r.score()));
                }
                case "PeakBenchmark" -> {
                    Double flops = r.secondary().get("flops");
                    if (flops != null && flops > 0) {
                        peaks.add(new Peak(r.param("precision"), flops / 1e9));
                    }
                }
                default -> {
                    // a benchmark added after this report was written: its JSON is kept, the report skips it
                }
            }
        }
        return new Figures(List.copyOf(steps), List.copyOf(gemms), List.copyOf(activations), List.copyOf(peaks));
    }
}
