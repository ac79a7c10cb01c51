package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.backend.ProviderReport;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.Network;
import dev.backprop.random.Rng;
import dev.backprop.train.Sgd;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code backprop compare}: every usable backend on the training step, side by side, in about half a minute.
 *
 * <p>Each backend × precision runs in a fresh JVM started like this one (same flags, module or class path),
 * warms up, then times a few rounds with {@link System#nanoTime()} and reports the median: a fresh JVM because
 * in a shared one the JIT's profile of the first backend slows the next (measured: the scalar reference's f32
 * step ten times slower after its f64 step). Still not a benchmark: no confidence intervals, no
 * allocation profile, one short run on a possibly busy machine. The JMH suite ({@code ./bench/run.sh quick})
 * is the rigorous tool, and the output says so.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"A quick side-by-side of every usable backend on one training step (forward, backprop, SGD "
                + "update of a mini-batch), in samples per second, with a warm-up; about --seconds in total.",
                "Not a JMH benchmark: for rigorous figures run ./bench/run.sh quick (see docs/benchmarks.md)."})
final class CompareCommand implements Callable<Integer> {

    /** Timed rounds per backend; the median is reported, which shrugs off one disturbed round. */
    static final int ROUNDS = 5;
    /** Share of each backend's time spent warming up (JIT compilation, caches) before timing. */
    static final double WARMUP_SHARE = 0.4;
    /** Warm-up ends when this many consecutive windows' rates lie within {@link #STEADY_SPREAD} of each other. */
    static final int STEADY_WINDOWS = 3;
    static final double STEADY_SPREAD = 1.2;
    static final double WINDOW_SECONDS = 0.25;
    /** Batches the steps cycle through, as an epoch would. */
    static final int POOL = 4;
    static final double ETA = 0.1;

    @Spec
    CommandSpec spec;

    @Option(names = "--backends", paramLabel = "NAME,...", split = ",", hideParamSyntax = true,
            description = "Backends to compare (default: every usable one; see `backprop backends`).")
    List<String> backends;

    @Option(names = "--precision", paramLabel = "f64|f32,...", split = ",", defaultValue = "f64,f32", hideParamSyntax = true,
            converter = BackendOptions.PrecisionConverter.class,
            description = "Precisions to compare, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Precision> precisions;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Threads a backend's kernels may use (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--layers", paramLabel = "N,N,...", split = ",", defaultValue = "784,100,10", hideParamSyntax = true,
            description = "Layer sizes; sigmoid layers with the cross-entropy cost, as the JMH headline "
                    + "(default: ${DEFAULT-VALUE}).")
    int[] layers;

    @Option(names = "--batch", paramLabel = "M", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20",
            description = "Time to share among every backend × precision; each warms up for 40%% of its share, "
                    + "at least --warmup and until steady, so the whole takes somewhat longer: about 35 s for four "
                    + "backends at two precisions (default: ${DEFAULT-VALUE}).")
    double seconds;

    /**
     * The least warm-up per backend. Past it, warm-up goes on until the step rate is steady: the Vector API
     * runs orders of magnitude slower until C2 has compiled its kernels (measured here: a fiftieth of its warm
     * rate after 0.3 s, still a twenty-fifth after 2 s on the busy machine), and how long that takes depends
     * on how busy the machine is.
     */
    @Option(names = "--warmup", paramLabel = "S", defaultValue = "1",
            description = "Least warm-up per backend in seconds; it goes on until the rate is steady, up to "
                    + "--max-warmup (default: ${DEFAULT-VALUE}).")
    double warmup;

    @Option(names = "--max-warmup", paramLabel = "S", defaultValue = "15",
            description = "Most warm-up per backend in seconds, steady or not (default: ${DEFAULT-VALUE}).")
    double maxWarmup;

    @Option(names = "--same-jvm", description = "Time every backend in this JVM instead of a fresh JVM each: starts "
            + "faster, but each backend's figure then depends on which ran before it.")
    boolean sameJvm;

    /** Set in the child JVMs: time the one backend × precision for this many seconds and print a result line. */
    @Option(names = "--child-seconds", hidden = true)
    double childSeconds;

    /** The line a child JVM prints its timing on, tab-separated after this tag. */
    static final String RESULT_TAG = "compare-result";
    /** Estimated start-up of a child JVM, taken from each run's share of --seconds. */
    static final double CHILD_STARTUP_SECONDS = 0.5;

    /** One backend × precision's figure, and how long it warmed up. */
    record Timing(String backend, Precision precision, String description, double stepsPerS, long steps,
                  double warmupSeconds) {
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (childSeconds > 0) {
            Timing t = time(backends.get(0), BackendConfig.of(precisions.get(0), threads), warmupSeconds(childSeconds),
                    childSeconds * (1 - WARMUP_SHARE));
            out.println(String.join("\t", RESULT_TAG, t.backend(), t.precision().shortName(),
                    Double.toString(t.stepsPerS()), Long.toString(t.steps()), Double.toString(t.warmupSeconds()),
                    t.description()));
            out.flush();
            return 0;
        }
        validate();
        List<String> names = chosenBackends();
        List<Precision> wanted = precisions.stream().distinct().toList();
        int runs = 0;
        for (String name : names) {
            runs += supported(name, wanted).size();
        }
        if (runs == 0) {
            throw new IllegalArgumentException("none of " + names + " supports " + wanted.stream()
                    .map(Precision::shortName).collect(Collectors.joining(", ")));
        }
        double perRun = sameJvm ? seconds / runs : Math.max(0.8, seconds / runs - CHILD_STARTUP_SECONDS);
        String network = Arrays.stream(layers).mapToObj(Integer::toString).collect(Collectors.joining("-"));
        out.printf(Locale.ROOT, "Quick comparison of the training step (%s, sigmoid, cross-entropy, batch %d, %s): "
                        + "NOT a JMH benchmark.%n", network, batch, threads == 1 ? "1 thread" : threads + " threads");
        out.printf(Locale.ROOT, "Each backend runs in %s: at least %.1f s warm-up (longer until its rate is steady), "
                        + "then the median of %d rounds in %.1f s. Expect noise of 10%% or more.%n",
                sameJvm ? "this one JVM (--same-jvm)" : "a fresh JVM", warmupSeconds(perRun), ROUNDS,
                perRun * (1 - WARMUP_SHARE));
        out.println("For rigorous figures (JMH: forked and repeated runs, confidence intervals, allocation per step): "
                + "./bench/run.sh quick, which writes docs/benchmarks.md.");
        out.println();
        out.flush();

        List<Timing> timings = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            for (Precision p : supported(name, wanted)) {
                if (sameJvm) {
                    timings.add(time(name, BackendConfig.of(p, threads), warmupSeconds(perRun),
                            perRun * (1 - WARMUP_SHARE)));
                } else {
                    try {
                        timings.add(timeInChildJvm(name, p, perRun));
                    } catch (IllegalStateException e) {
                        failures.add(name + " " + p.shortName() + ": " + e.getMessage());
                    }
                }
            }
        }
        print(out, timings);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("could not time " + String.join("; ", failures));
        }
        return 0;
    }

    /** Runs {@code compare --child-seconds} for one backend × precision in a JVM started like this one. */
    private Timing timeInChildJvm(String backend, Precision precision, double budgetSeconds)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(List.of("compare", "--backends", backend, "--precision", precision.shortName(),
                "--threads", Integer.toString(threads), "--batch", Integer.toString(batch),
                "--layers", Arrays.stream(layers).mapToObj(Integer::toString).collect(Collectors.joining(",")),
                "--warmup", Double.toString(warmup), "--max-warmup", Double.toString(maxWarmup),
                "--child-seconds", Double.toString(budgetSeconds)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(Math.max(60, (long) ((maxWarmup + budgetSeconds) * 10)), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("its JVM did not finish");
        }
        for (String line : output.split("\\R")) {
            String[] f = line.split("\t", 7);
            if (f.length == 7 && f[0].equals(RESULT_TAG)) {
                return new Timing(f[1], Precision.parse(f[2]), f[6], Double.parseDouble(f[3]), Long.parseLong(f[4]),
                        Double.parseDouble(f[5]));
            }
        }
        throw new IllegalStateException("its JVM exited with " + process.exitValue() + " and no result: "
                + output.strip());
    }

    /** The ranges of the options (usage errors), then the network's size against the free heap. */
    private void validate() {
        Usage.require(spec, warmup >= 0 && warmup <= 600, "--warmup must be between 0 and 600 seconds, got " + warmup);
        Usage.require(spec, maxWarmup >= warmup && maxWarmup <= 600, "--max-warmup must be between --warmup ("
                + warmup + ") and 600 seconds, got " + maxWarmup);
        Usage.require(spec, seconds >= 1 && seconds <= 3600, "--seconds must be between 1 and 3600, got " + seconds);
        Usage.require(spec, batch >= 1, "--batch must be at least 1, got " + batch);
        Usage.require(spec, threads >= 1 && threads <= BackendConfig.MAX_THREADS, "--threads must be between 1 and "
                + BackendConfig.MAX_THREADS + ", got " + threads);
        List<TrainOptionRules.Problem> problems = new ArrayList<>();
        TrainOptionRules.layers(problems, layers);
        if (!problems.isEmpty()) {
            throw Usage.error(spec, problems.get(0).message());
        }
        for (Precision p : precisions) {                 // each child JVM starts as this one: the same heap
            TrainingFootprint.require(layers, p, batch, false);
        }
    }

    /** The named backends (each must be usable), or every usable one. */
    private List<String> chosenBackends() {
        List<ProviderReport> reports = Backends.providers();
        List<String> usable = reports.stream().filter(ProviderReport::usable).map(ProviderReport::name).toList();
        if (backends == null || backends.isEmpty()) {
            if (usable.isEmpty()) {
                throw new IllegalStateException("no usable backend:\n" + Backends.describe());
            }
            return usable;
        }
        List<String> out = new ArrayList<>();
        for (String name : backends) {
            String n = name.trim();
            ProviderReport r = reports.stream().filter(p -> p.name().equalsIgnoreCase(n)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown backend '" + n + "'; usable: "
                            + String.join(", ", usable)));
            if (!r.usable()) {
                throw new IllegalArgumentException("backend '" + r.name() + "' is not usable: " + r.availability().reason()
                        + "; usable: " + String.join(", ", usable));
            }
            if (!out.contains(r.name())) {
                out.add(r.name());
            }
        }
        return out;
    }

    private static List<Precision> supported(String backend, List<Precision> wanted) {
        ProviderReport r = Backends.providers().stream().filter(p -> p.name().equals(backend)).findFirst().orElseThrow();
        return wanted.stream().filter(r.precisions()::contains).toList();
    }

    /** Warm-up of a run given {@code budgetSeconds}: its share, but at least --warmup. */
    private double warmupSeconds(double budgetSeconds) {
        return Math.max(warmup, budgetSeconds * WARMUP_SHARE);
    }

    /**
     * Warms up for at least {@code warmupSeconds} and until the rate is steady (or {@code --max-warmup}),
     * then times ROUNDS rounds in {@code timedSeconds}; the median round's rate.
     */
    private Timing time(String name, BackendConfig config, double warmupSeconds, double timedSeconds) {
        try (Backend be = Backends.createNamed(name, config)) {
            Network net = Network.builder(be)
                    .layers(layers, Activation.sigmoid(), Activation.sigmoid())
                    .cost(Cost.crossEntropy())
                    .initializer(Initializer.nielsen())
                    .seed(Network.DEFAULT_SEED)
                    .build();
            Sgd sgd = new Sgd(ETA, 0.0, POOL * batch);
            Matrix[] xs = new Matrix[POOL];             // n_0 × m each
            Matrix[] ys = new Matrix[POOL];             // n_L × m each, one-hot
            Rng rng = Rng.forStream(Network.DEFAULT_SEED, "compare");
            for (int i = 0; i < POOL; i++) {
                xs[i] = uniform(be, rng, layers[0], batch);
                ys[i] = oneHot(be, rng, layers[layers.length - 1], batch);
            }
            long warmupStart = System.nanoTime();
            long least = (long) (warmupSeconds * 1e9), most = (long) (Math.max(warmupSeconds, maxWarmup) * 1e9);
            long window = (long) (WINDOW_SECONDS * 1e9);
            double[] recent = new double[STEADY_WINDOWS];      // the last windows' rates, a ring
            int windows = 0;
            long step = 0;
            while (true) {
                long start = System.nanoTime(), now, count = 0;
                do {
                    step(net, sgd, xs[(int) (step % POOL)], ys[(int) (step++ % POOL)]);
                    count++;
                    now = System.nanoTime();
                } while (now - start < window);
                recent[windows++ % STEADY_WINDOWS] = count / ((now - start) / 1e9);
                long elapsed = now - warmupStart;
                if (elapsed >= most || (elapsed >= least && windows >= STEADY_WINDOWS && steady(recent))) {
                    break;
                }
            }
            double warmedSeconds = (System.nanoTime() - warmupStart) / 1e9;
            long roundNanos = (long) (timedSeconds / ROUNDS * 1e9);
            double[] rates = new double[ROUNDS];
            long timed = 0;
            for (int r = 0; r < ROUNDS; r++) {
                long start = System.nanoTime(), now, count = 0;
                do {
                    step(net, sgd, xs[(int) (step % POOL)], ys[(int) (step++ % POOL)]);
                    count++;
                    now = System.nanoTime();
                } while (now - start < roundNanos);
                rates[r] = count / ((now - start) / 1e9);
                timed += count;
            }
            Arrays.sort(rates);
            return new Timing(name, config.precision(), be.description(), rates[ROUNDS / 2], timed, warmedSeconds);
        }
    }

    /** Whether the rates lie within {@link #STEADY_SPREAD} of each other. */
    static boolean steady(double[] rates) {
        double lo = Double.POSITIVE_INFINITY, hi = 0;
        for (double r : rates) {
            lo = Math.min(lo, r);
            hi = Math.max(hi, r);
        }
        return lo > 0 && hi / lo <= STEADY_SPREAD;
    }

    /**
     * The command that starts this program again in a new JVM: the same java; the Vector API's incubator module
     * when this JVM has it (the vectorapi backend needs it); every {@code backprop.*} system property; and the
     * same module path and main module (with the class path too, where the launcher put jars the module system
     * refuses, such as EJML's split packages), or class path and main class. On the module path every module
     * there is resolved, as the launcher does, so modules that nothing requires (the blas backend's natives)
     * are there in the child too.
     */
    static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            command.add("--add-modules=jdk.incubator.vector");
        }
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("backprop.")).sorted()
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        String modulePath = System.getProperty("jdk.module.path");
        String classPath = System.getProperty("java.class.path", "");
        if (modulePath != null && CompareCommand.class.getModule().isNamed()) {
            command.addAll(List.of("--add-modules=ALL-MODULE-PATH", "-p", modulePath));
            if (!classPath.isEmpty()) {
                command.addAll(List.of("-cp", classPath));
            }
            command.addAll(List.of("-m", CompareCommand.class.getModule().getName() + "/" + Main.class.getName()));
        } else {
            command.addAll(List.of("-cp", classPath, Main.class.getName()));
        }
        return command;
    }

    private static void step(Network net, Sgd sgd, Matrix x, Matrix y) {
        net.backprop(x, y);
        sgd.update(net);
    }

    private void print(PrintWriter out, List<Timing> timings) {
        double fastest = timings.stream().mapToDouble(Timing::stepsPerS).max().orElse(Double.NaN);
        int width = Math.max(7, timings.stream().mapToInt(t -> t.backend().length()).max().orElse(7));
        out.printf(Locale.ROOT, "%-" + width + "s  %-9s  %12s  %10s  %8s  %9s  %8s  %7s  %s%n", "backend", "precision",
                "samples/s", "steps/s", "steps", "× fastest", "× scalar", "warm-up", "description");
        for (Timing t : timings) {
            double scalar = timings.stream().filter(o -> o.backend().equals("scalar") && o.precision() == t.precision())
                    .mapToDouble(Timing::stepsPerS).findFirst().orElse(Double.NaN);
            out.printf(Locale.ROOT, "%-" + width + "s  %-9s  %,12.0f  %,10.1f  %,8d  %9s  %8s  %6.1fs  %s%n", t.backend(),
                    t.precision().shortName(), t.stepsPerS() * batch, t.stepsPerS(), t.steps(),
                    ratio(t.stepsPerS(), fastest), ratio(t.stepsPerS(), scalar), t.warmupSeconds(), t.description());
        }
        out.println();
        out.println("× fastest: over the fastest row; × scalar: over the scalar reference at the same precision.");
        out.flush();
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(b) || b <= 0 ? "—" : String.format(Locale.ROOT, "%.2f×", a / b);
    }

    private static Matrix uniform(Backend be, Rng rng, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble();
        }
        return be.fromArray(rows, cols, v);
    }

    private static Matrix oneHot(Backend be, Rng rng, int classes, int m) {
        double[] v = new double[classes * m];           // row-major classes × m
        for (int j = 0; j < m; j++) {
            v[rng.nextInt(classes) * m + j] = 1.0;
        }
        return be.fromArray(classes, m, v);
    }
}
