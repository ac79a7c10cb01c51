package dev.backprop.bench;

import dev.backprop.bench.report.Report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The entry point of {@code benchmarks.jar}:
 * <pre>
 *   java -jar benchmarks.jar quick|full|smoke [--peers FILE] [--backends a,b] [--out DIR] [--report PAGE] [--note TEXT]
 *   java -jar benchmarks.jar report DIR [--peers FILE] [--report PAGE]
 *   java -jar benchmarks.jar backends
 *   java -jar benchmarks.jar [any JMH option…]     (JMH itself, with -p backend=every usable backend unless given)
 * </pre>
 */
public final class BenchMain {

    static final String USAGE = """
            usage:
              java -jar bench/target/benchmarks.jar quick|full|smoke [options]   run a profile, then write the report
                  --peers FILE     numpy/PyTorch timings to show beside ours (write them with bench/peers.sh)
                  --backends a,b   only these backends (default: every usable one)
                  --out DIR        where the JMH JSON goes (default: bench/results/PROFILE-DATE)
                  --report PAGE    the report page (default: docs/benchmarks.md; smoke: DIR/benchmarks.md)
                  --note TEXT      a remark printed in the report, e.g. "shared machine: noisy"
              java -jar bench/target/benchmarks.jar report DIR [--peers FILE] [--report PAGE]
                                                                   rewrite the report from a results directory
              java -jar bench/target/benchmarks.jar backends       the backends a benchmark JVM finds
              java -jar bench/target/benchmarks.jar JMH-OPTIONS…   plain JMH (-h for its help); every usable
                                                                   backend is passed as -p backend=… unless given
            profiles: quick (the headline step and a small GEMM set, a few minutes), full (everything, about an hour
            on 2 cores), smoke (one tiny iteration of each benchmark, for CI)
            """;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        int status;
        try {
            status = run(args);
        } catch (IllegalArgumentException | IllegalStateException | java.io.IOException e) {
            System.err.println("benchmarks: " + e.getMessage());
            status = 2;
        }
        System.exit(status);
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0 || List.of("help", "--help", "usage").contains(args[0])) {
            System.out.print(USAGE);
            return 0;
        }
        switch (args[0]) {
            case "quick", "full", "smoke" -> {
                return BenchRunner.run(runOptions(Profile.parse(args[0]), Arrays.copyOfRange(args, 1, args.length)),
                        System.out);
            }
            case "report" -> {
                if (args.length < 2 || args[1].startsWith("--")) {
                    throw new IllegalArgumentException("report needs a results directory, e.g. report bench/results/quick-…");
                }
                Path peers = null, page = Path.of("docs", "benchmarks.md");
                for (int i = 2; i < args.length; i += 2) {
                    String value = value(args, i);
                    switch (args[i]) {
                        case "--peers" -> peers = Path.of(value);
                        case "--report" -> page = Path.of(value);
                        default -> throw new IllegalArgumentException("report: unknown option " + args[i]
                                + "; it takes --peers FILE and --report PAGE");
                    }
                }
                Report.generate(Path.of(args[1]), peers, page, System.out);
                return 0;
            }
            case "backends" -> {
                for (BackendProbe.Probed b : BackendProbe.inForkedJvm()) {
                    System.out.println(b.name() + (b.usable() ? "  usable  " : "  NOT usable  ") + b.reason());
                    b.descriptions().forEach((k, d) -> System.out.println("    " + k + ": " + d));
                }
                return 0;
            }
            default -> {
                org.openjdk.jmh.Main.main(withBackends(args));
                return 0;
            }
        }
    }

    static BenchRunner.Options runOptions(Profile profile, String[] args) {
        Path out = null, peers = null, page = null;
        List<String> backends = List.of();
        String note = "";
        for (int i = 0; i < args.length; i += 2) {
            String value = value(args, i);
            switch (args[i]) {
                case "--out" -> out = Path.of(value);
                case "--peers" -> peers = Path.of(value);
                case "--report" -> page = Path.of(value);
                case "--backends" -> backends = Arrays.stream(value.split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList();
                case "--note" -> note = value;
                default -> throw new IllegalArgumentException(profile.label() + ": unknown option " + args[i]
                        + "; it takes --peers, --backends, --out, --report and --note (see help)");
            }
        }
        return new BenchRunner.Options(profile, out, peers, page, backends, note);
    }

    /** JMH's arguments with {@code -p backend=…} (every usable backend) added unless a backend was given. */
    static String[] withBackends(String[] args) {
        for (int i = 0; i < args.length; i++) {
            boolean inline = args[i].startsWith("-pbackend=") || args[i].startsWith("-p backend=");
            boolean separate = args[i].equals("-p") && i + 1 < args.length && args[i + 1].startsWith("backend=");
            if (inline || separate) {
                return args;
            }
        }
        if (Arrays.asList(args).contains("-h") || Arrays.asList(args).contains("-l") || Arrays.asList(args).contains("-lp")) {
            return args;
        }
        String names = BackendProbe.inForkedJvm().stream().filter(BackendProbe.Probed::usable)
                .map(BackendProbe.Probed::name).collect(Collectors.joining(","));
        List<String> out = new ArrayList<>(Arrays.asList(args));
        out.add("-p");
        out.add("backend=" + names);
        return out.toArray(String[]::new);
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            throw new IllegalArgumentException(args[i] + " needs a value");
        }
        return args[i + 1];
    }
}
