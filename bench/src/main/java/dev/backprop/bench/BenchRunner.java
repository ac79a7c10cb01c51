package dev.backprop.bench;

import dev.backprop.bench.report.Report;
import dev.backprop.bench.report.RunInfo;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a {@link Profile}: finds the backends a fork will see, runs every job once per usable backend (its JSON
 * in {@code RESULTS/jmh/JOB-BACKEND.json}), records the run in {@code RESULTS/run.json}, then writes the report.
 * A job that fails is recorded and the others still run; the exit status says whether any failed.
 */
public final class BenchRunner {

    /** How long a job waits for another JMH run on the machine to finish before it is recorded as failed. */
    static final long LOCK_WAIT_MINUTES = 30;

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /**
     * What to run and where.
     *
     * @param profile    the profile
     * @param resultsDir where the JSON goes; null for {@code bench/results/PROFILE-STAMP}
     * @param peers      a peers file to copy into the results and report, or null
     * @param page       the report page; null for {@code docs/benchmarks.md} ({@code RESULTS/benchmarks.md} for smoke)
     * @param backends   the backends to run, or empty for every usable one
     * @param note       a remark recorded in the report (e.g. "shared machine: noisy"), or empty
     */
    public record Options(Profile profile, Path resultsDir, Path peers, Path page, List<String> backends, String note) {
    }

    private BenchRunner() {
    }

    /** Runs the profile; returns 0 when every job ran, 1 otherwise. */
    public static int run(Options options, PrintStream out) throws IOException {
        Instant start = Instant.now();
        String commit = commit();          // at the start: edits made during the run are not in the jar
        Profile profile = options.profile();
        Path results = options.resultsDir() != null ? options.resultsDir()
                : Path.of("bench", "results", profile.label() + "-" + STAMP.format(start));
        Path page = options.page() != null ? options.page()
                : profile == Profile.SMOKE ? results.resolve("benchmarks.md") : Path.of("docs", "benchmarks.md");
        if (options.peers() != null && !Files.isRegularFile(options.peers())) {
            throw new IllegalArgumentException("--peers " + options.peers() + ": no such file (write one with bench/peers.sh)");
        }
        Files.createDirectories(results.resolve("jmh"));

        List<BackendProbe.Probed> probed = BackendProbe.inForkedJvm();
        List<BackendProbe.Probed> chosen = choose(probed, options.backends());
        out.println("profile " + profile.label() + ": backends " + chosen.stream().map(BackendProbe.Probed::name)
                .collect(Collectors.joining(", ")) + "; results in " + results);
        probed.stream().filter(b -> !b.usable())
                .forEach(b -> out.println("skipping backend " + b.name() + ": " + b.reason()));

        List<String> failures = new ArrayList<>();
        for (Profile.Job job : profile.jobs()) {
            if (!job.perBackend()) {
                runJob(job, null, job.params().getOrDefault("precision", List.of()),
                        results.resolve("jmh").resolve(job.name() + ".json"), failures, out);
                continue;
            }
            for (BackendProbe.Probed backend : chosen) {
                List<String> precisions = new ArrayList<>(job.params().getOrDefault("precision", List.of()));
                precisions.retainAll(backend.precisions());
                if (precisions.isEmpty()) {
                    out.println("skipping " + job.name() + " on " + backend.name() + ": it supports none of "
                            + job.params().get("precision"));
                    continue;
                }
                runJob(job, backend.name(), precisions,
                        results.resolve("jmh").resolve(job.name() + "-" + backend.name() + ".json"), failures, out);
            }
        }
        if (options.peers() != null) {
            AtomicWrite.bytes(results.resolve(Report.PEERS_FILE), Files.readAllBytes(options.peers()));
        }
        double seconds = ChronoUnit.MILLIS.between(start, Instant.now()) / 1000.0;
        new RunInfo(profile.label(), start.truncatedTo(ChronoUnit.SECONDS).toString(), seconds, RunInfo.thisCpu(),
                Runtime.getRuntime().availableProcessors(), RunInfo.thisMemoryGiB(), RunInfo.thisOs(),
                RunInfo.thisJava(), BenchJvm.FLAGS, commit, options.note() == null ? "" : options.note(),
                probed, failures).write(results.resolve(RunInfo.FILE));
        out.printf(Locale.ROOT, "%nprofile %s ran in %.1f minutes%n", profile.label(), seconds / 60);
        boolean anyResults;
        try (var files = Files.list(results.resolve("jmh"))) {
            anyResults = files.findAny().isPresent();
        }
        if (anyResults) {
            Report.generate(results, null, page, out);
        } else {
            out.println("no job produced results: no report written");
        }
        return failures.isEmpty() ? 0 : 1;
    }

    /** Runs one JMH job (on {@code backend}, or on none when null), recording a failure instead of stopping. */
    private static void runJob(Profile.Job job, String backend, List<String> precisions, Path json,
                               List<String> failures, PrintStream out) throws IOException {
        try {
            waitForOtherJmhRuns(out);
            new Runner(options(job, backend, precisions, json)).run();
        } catch (RunnerException | RuntimeException e) {
            String why = job.name() + (backend == null ? "" : " on " + backend) + ": " + rootMessage(e);
            failures.add(why);
            out.println("FAILED " + why);
            Files.deleteIfExists(json);
        }
    }

    /**
     * Waits while another JMH run on this machine holds JMH's lock file, rather than failing (JMH refuses to
     * start then) or overriding it (two benchmark runs at once would spoil both sets of figures).
     */
    static void waitForOtherJmhRuns(PrintStream out) throws IOException {
        Path lock = Path.of(System.getProperty("java.io.tmpdir"), "jmh.lock");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(LOCK_WAIT_MINUTES);
        boolean told = false;
        while (true) {
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = channel.tryLock()) {
                if (held != null) {
                    return;
                }
            } catch (OverlappingFileLockException e) {
                return;     // this JVM holds it: JMH runs in-process from here
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("another JMH run has held " + lock + " for " + LOCK_WAIT_MINUTES
                        + " minutes; run the profile when it has finished");
            }
            if (!told) {
                out.println("waiting for another JMH run on this machine to finish (it holds " + lock + ")");
                told = true;
            }
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + lock, e);
            }
        }
    }

    /** The usable backends named in {@code wanted} (all usable ones when it is empty), or an error naming the unknown. */
    static List<BackendProbe.Probed> choose(List<BackendProbe.Probed> probed, List<String> wanted) {
        List<BackendProbe.Probed> usable = probed.stream().filter(BackendProbe.Probed::usable).toList();
        if (wanted == null || wanted.isEmpty()) {
            if (usable.isEmpty()) {
                throw new IllegalStateException("no usable backend: " + probed);
            }
            return usable;
        }
        List<BackendProbe.Probed> out = new ArrayList<>();
        for (String name : wanted) {
            out.add(usable.stream().filter(b -> b.name().equalsIgnoreCase(name.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--backends: '" + name + "' is not a usable backend; "
                            + "usable: " + usable.stream().map(BackendProbe.Probed::name).collect(Collectors.joining(", "))
                            + probed.stream().filter(b -> !b.usable()).map(b -> "; " + b.name() + " is not usable: " + b.reason())
                            .collect(Collectors.joining()))));
        }
        return out;
    }

    /** JMH options for one job on one backend (none when null), writing JSON to {@code json}. */
    static org.openjdk.jmh.runner.options.Options options(Profile.Job job, String backend, List<String> precisions,
                                                          Path json) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(job.include())
                .param("precision", precisions.toArray(String[]::new))
                .warmupIterations(job.warmupIterations())
                .measurementIterations(job.measurementIterations())
                .measurementTime(TimeValue.milliseconds(job.measurementMillis()))
                .forks(job.forks())
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (backend != null) {
            b.param("backend", backend);
        }
        if (job.warmupIterations() > 0) {
            b.warmupTime(TimeValue.milliseconds(job.warmupMillis()));
        }
        for (Map.Entry<String, List<String>> p : job.params().entrySet()) {
            if (!p.getKey().equals("precision")) {
                b.param(p.getKey(), p.getValue().toArray(String[]::new));
            }
        }
        if (job.gcProfiler()) {
            b.addProfiler(GCProfiler.class);
        }
        return b.build();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /** {@code git describe --always --dirty} of the working directory, or "unknown" without git. */
    private static String commit() {
        try {
            Process p = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true).start();
            String s = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && !s.isEmpty() ? s : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
