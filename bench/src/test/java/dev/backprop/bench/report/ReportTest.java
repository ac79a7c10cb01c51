package dev.backprop.bench.report;

import dev.backprop.bench.BackendProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The report step end to end, from JMH-format JSON written here to the markdown page and charts. */
class ReportTest {

    @TempDir
    Path dir;

    /** One result in the layout JMH 1.37 writes with {@code -rf json}. */
    static String result(String benchmark, Map<String, String> params, double score, double error, Double alloc) {
        StringBuilder p = new StringBuilder();
        params.forEach((k, v) -> p.append(p.length() == 0 ? "" : ", ").append('"').append(k).append("\" : \"").append(v).append('"'));
        String secondary = alloc == null ? "{}" : String.format(Locale.ROOT,
                "{ \"gc.alloc.rate\" : { \"score\" : 0.5, \"scoreError\" : \"NaN\", \"scoreUnit\" : \"MB/sec\" },"
                        + " \"gc.alloc.rate.norm\" : { \"score\" : %s, \"scoreError\" : \"NaN\", \"scoreUnit\" : \"B/op\" } }",
                alloc);
        return String.format(Locale.ROOT, """
                {
                  "jmhVersion" : "1.37", "benchmark" : "dev.backprop.bench.%s", "mode" : "thrpt", "threads" : 1,
                  "forks" : 1, "jvm" : "/usr/bin/java", "jvmArgs" : [ "-Xms1g", "-Xmx1g" ],
                  "jdkVersion" : "17.0.15", "vmName" : "OpenJDK 64-Bit Server VM", "vmVersion" : "17.0.15+6",
                  "warmupIterations" : 3, "warmupTime" : "1 s", "measurementIterations" : 5, "measurementTime" : "1 s",
                  "params" : { %s },
                  "primaryMetric" : { "score" : %s, "scoreError" : %s, "scoreUnit" : "ops/s", "rawData" : [ [ %s ] ] },
                  "secondaryMetrics" : %s
                }""", benchmark, p, score, Double.isNaN(error) ? "\"NaN\"" : Double.toString(error), score, secondary);
    }

    /** A PeakBenchmark result: the {@code flops} counter per second is the peak. */
    static String peak(String precision, double flopsPerS) {
        return result("PeakBenchmark.fma", Map.of("precision", precision), 1000, Double.NaN, null)
                .replace("\"secondaryMetrics\" : {}", String.format(Locale.ROOT,
                        "\"secondaryMetrics\" : { \"flops\" : { \"score\" : %s, \"scoreError\" : \"NaN\", \"scoreUnit\" : \"ops/s\" } }",
                        flopsPerS));
    }

    static Map<String, String> step(String backend, String precision, int threads) {
        return Map.of("backend", backend, "precision", precision, "network", "784-100-10", "batch", "64",
                "threads", Integer.toString(threads));
    }

    private Path resultsWith(List<String> trainStep, List<String> gemm) throws IOException {
        Path results = dir.resolve("results");
        Files.createDirectories(results.resolve("jmh"));
        Files.writeString(results.resolve("jmh/train-step-all.json"), "[" + String.join(",", trainStep) + "]");
        if (!gemm.isEmpty()) {
            Files.writeString(results.resolve("jmh/gemm-all.json"), "[" + String.join(",", gemm) + "]");
        }
        return results;
    }

    private static final String PEERS = """
            {"versions": {"numpy": "1.24.2", "torch": "1.13.0"},
             "results": [
              {"peer": "numpy", "net": "784,100,10", "batch": 64, "dtype": "float64", "threads": 1, "samples_per_s": 3200.0},
              {"peer": "torch", "net": "784,100,10", "batch": 64, "dtype": "float64", "threads": 1, "samples_per_s": 12800.0}
             ]}""";

    private String generate(Path results, Path peers, Path page) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report.generate(results, peers, page, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void headlineRatiosAreToTheFastestTheReferenceAndEachPeer() throws IOException {
        // steps/s: fast 100, scalar 25 (f64, 1 thread); ×64 samples: 6400 and 1600
        // one step of 784-100-10 at batch 64 is 20,454,400 flops of products: 100 steps/s are 2.045 GFLOP/s, 20% of
        // a 10.2272 GFLOP/s peak
        Path results = resultsWith(List.of(
                result("TrainStepBenchmark.step", step("scalar", "f64", 1), 25, 1, 0.02),
                result("TrainStepBenchmark.step", step("fast", "f64", 1), 100, 2, 0.01),
                peak("f64", 10.2272e9)), List.of());
        Path peers = dir.resolve("peers.json");
        Files.writeString(peers, PEERS);
        Path page = dir.resolve("docs/benchmarks.md");

        String printed = generate(results, peers, page);

        String headline = Files.readString(dir.resolve("docs/benchmarks/headline.md"));
        assertThat(printed).contains(headline);
        List<String> rows = headline.lines().toList();
        assertThat(rows.get(0)).isEqualTo("| backend | precision | threads | samples/s | ± | % peak | × fastest | × scalar "
                + "| × numpy | × torch | B/step |");
        // fastest first; samples = steps × 64; ± scaled the same way
        assertThat(rows.get(2)).isEqualTo("| fast | f64 | 1 | 6,400 | ±128 | 20% | 1.00× | 4.00× | 2.00× | 0.50× | 0.01 |");
        assertThat(rows.get(3)).isEqualTo("| scalar | f64 | 1 | 1,600 | ±64.0 | 5% | 0.25× | 1.00× | 0.50× | 0.13× | 0.02 |");
        assertThat(rows.get(4)).startsWith("| *peer: numpy 1.24.2* | f64 | 1 | 3,200 | — | 10% | 0.50× | 2.00× |");
        assertThat(rows.get(5)).startsWith("| *peer: torch 1.13.0* | f64 | 1 | 12,800 | — | 40% | 2.00× | 8.00× |");

        String md = Files.readString(page);
        assertThat(md).contains("![samples per second per backend](benchmarks/train-step.png)")
                .contains("| peak, 1 core, f64 | 10.2 GFLOP/s (measured")
                .contains("**No step allocates.**").contains("## Peers").contains("numpy 1.24.2, torch 1.13.0");
        BufferedImage chart = ImageIO.read(dir.resolve("docs/benchmarks/train-step.png").toFile());
        assertThat(chart.getWidth()).isEqualTo(960);
        assertThat(chart.getHeight()).isEqualTo(540);
    }

    @Test
    void gemmFiguresAreGflopsWithTheWrapperOverheadAgainstTheRawLibrary() throws IOException {
        List<String> gemm = new ArrayList<>();
        for (int n : new int[]{256, 512}) {
            double flops = 2.0 * n * n * n;
            gemm.add(result("GemmBenchmark.gemm", Map.of("backend", "scalar", "precision", "f64",
                    "shape", "WA:" + n + "x" + n + "x" + n, "threads", "1"), 1e9 / flops, Double.NaN, null));
            gemm.add(result("GemmBenchmark.gemm", Map.of("backend", "ejml", "precision", "f64",
                    "shape", "WA:" + n + "x" + n + "x" + n, "threads", "1"), 9e9 / flops, Double.NaN, null));
            gemm.add(result("RawGemmBenchmark.gemm", Map.of("library", "ejml", "precision", "f64",
                    "shape", "WA:" + n + "x" + n + "x" + n), 10e9 / flops, Double.NaN, null));
        }
        Path results = resultsWith(List.of(result("TrainStepBenchmark.step", step("scalar", "f64", 1), 25, 1, 0.0),
                peak("f64", 40e9)), gemm);
        Path peers = dir.resolve("peers.json");
        Files.writeString(peers, """
                {"versions": {"numpy": "1.24.2"}, "results": [],
                 "gemm": [{"lib": "numpy 1.24.2", "shape": "WA:256x256x256", "dtype": "float64", "threads": 1, "gflops": 18.0}]}""");
        Path page = dir.resolve("out/report.md");

        generate(results, peers, page);

        String md = Files.readString(page);
        assertThat(md).contains("| W·A | 256×256·256×256 | f64 | 1 | *ejml raw* (`CommonOps_DDRM.mult`) | 10.00 | — | 25% | 1.00× | 10.0× | — | 0.56× |")
                .contains("| W·A | 256×256·256×256 | f64 | 1 | ejml | 9.00 | — | 23% | 0.90× | 9.00× | 0.90× | 0.50× |")
                .contains("| W·A | 256×256·256×256 | f64 | 1 | *peer: numpy 1.24.2* | 18.00 | — | 45% | 1.80× | 18.0× | — | — |")
                .contains("| W·A | 512×512·512×512 | f64 | 1 | scalar | 1.00 | — | 3% | 0.10× | 1.00× | — | — |")
                .contains("![GFLOP/s against size](report/gemm-gflops.png)");
        assertThat(ImageIO.read(dir.resolve("out/report/gemm-gflops.png").toFile())).isNotNull();
    }

    @Test
    void aStepThatAllocatesIsFlaggedButJmhsPerIterationBookkeepingIsNot() throws IOException {
        // 42 B/step at 137 steps/s over 1 s iterations is 5.8 KB per iteration: JMH's own, not the step's
        Path results = resultsWith(List.of(
                result("TrainStepBenchmark.step", step("scalar", "f64", 1), 137, 1, 42.0),
                result("TrainStepBenchmark.step", step("leaky", "f64", 1), 1000, 1, 96.0)), List.of());
        Path page = dir.resolve("b.md");

        generate(results, null, page);

        String md = Files.readString(page);
        assertThat(md).contains("| scalar | f64 | 1 | 8,768 |").contains("| 42 |")
                .contains("**96 (allocates)**")
                .contains("These steps allocate, a defect of their backend or the engine**: leaky f64 784-100-10 batch 64");
        assertThat(md).doesNotContain("scalar f64 784-100-10 batch 64 1 thread:");
    }

    @Test
    void runDescriptionAppearsInTheMachineSection() throws IOException {
        Path results = resultsWith(List.of(result("TrainStepBenchmark.step", step("scalar", "f32", 2), 10, 1, null)), List.of());
        new RunInfo("quick", "2025-01-02T03:04:05Z", 300, "Test CPU 9000", 2, 24.0, "Linux", "OpenJDK 17",
                List.of("-Xmx1g"), "abc1234", "shared machine: noisy",
                List.of(new BackendProbe.Probed("scalar", true, "reference", List.of("f64", "f32"),
                                Map.of("f64/1t", "scalar reference loops, f64")),
                        new BackendProbe.Probed("vectorapi", false, "needs --add-modules jdk.incubator.vector",
                                List.of("f64", "f32"), Map.of())),
                List.of("gemm on ejml: boom")).write(results.resolve(RunInfo.FILE));
        Path page = dir.resolve("c.md");

        generate(results, null, page);

        assertThat(Files.readString(page)).contains("`quick` profile run started 2025-01-02T03:04:05Z (5.0 minutes), commit `abc1234`")
                .contains("**Note:** shared machine: noisy").contains("gemm on ejml: boom")
                .contains("| CPU | Test CPU 9000 |").contains("`scalar reference loops, f64`")
                .contains("**vectorapi**: not usable: needs --add-modules jdk.incubator.vector")
                .contains("| JDK | OpenJDK 64-Bit Server VM 17.0.15+6 (JDK 17.0.15) |")
                .contains("Allocation per step was not measured");
    }

    @Test
    void brokenInputsAreNamed() throws IOException {
        assertThatThrownBy(() -> generate(dir.resolve("missing"), null, dir.resolve("x.md")))
                .hasMessageContaining("not a results directory");
        Files.createDirectories(dir.resolve("empty/jmh"));
        assertThatThrownBy(() -> generate(dir.resolve("empty"), null, dir.resolve("x.md")))
                .hasMessageContaining("no JMH results");

        Path results = resultsWith(List.of(result("TrainStepBenchmark.step", step("scalar", "f64", 1), 25, 1, null)), List.of());
        Files.writeString(results.resolve("jmh/broken.json"), "[{\"benchmark\": ");
        assertThatThrownBy(() -> generate(results, null, dir.resolve("x.md")))
                .hasMessageContaining("broken.json: not a JMH JSON result file");
        Files.writeString(results.resolve("jmh/broken.json"), result("TrainStepBenchmark.step", step("scalar", "f64", 1),
                25, 1, null).replace("ops/s", "us/op").replace("{\n  \"jmh", "[{\"jmh") + "]");
        assertThatThrownBy(() -> generate(results, null, dir.resolve("x.md")))
                .hasMessageContaining("needs throughput in ops/s");
        Files.delete(results.resolve("jmh/broken.json"));

        Path peers = dir.resolve("peers.json");
        Files.writeString(peers, PEERS.replace("float64", "float16"));
        assertThatThrownBy(() -> generate(results, peers, dir.resolve("x.md")))
                .hasMessageContaining("dtype must be float64 or float32, got 'float16'");
        Files.writeString(peers, "{\"versions\": {}}");
        assertThatThrownBy(() -> generate(results, peers, dir.resolve("x.md")))
                .hasMessageContaining("needs a \"results\" array");
    }
}
