package dev.backprop.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Timings of the same training step on other libraries, from a peers file: what {@code bench/peers.sh}
 * writes around the lines of {@code ../shared/peers/mlp_step.py}:
 * <pre>
 * {"versions": {"numpy": "1.24.2", "torch": "1.13.0", "python": "3.11.2", "blas": "…", "dl4j": "…"},
 *  "results": [{"peer": "numpy", "net": "784,100,10", "batch": 64, "dtype": "float32", "threads": 1,
 *               "samples_per_s": 51234.5, …}, …],
 *  "gemm": [{"lib": "numpy 1.24.2", "shape": "WA:100x784x64", "dtype": "float64", "threads": 1, "gflops": 36.1}, …]}
 * </pre>
 * The step lines come from {@code mlp_step.py} (numpy, PyTorch) and from the JVM peers' JMH runs (DL4J, Smile);
 * the optional {@code gemm} lines from {@code bench/numpy_gemm.py}.
 *
 * @param versions library name → version, shown beside every figure
 * @param results  one per peer × network × batch × precision × threads
 * @param gemms    the peers' matrix products, one per shape × precision × threads
 */
public record Peers(Map<String, String> versions, List<Timing> results, List<GemmTiming> gemms) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One peer measurement.
     *
     * @param peer         {@code numpy} or {@code torch}
     * @param network      {@code 784-100-10} (the peers write {@code 784,100,10})
     * @param precision    {@code f64} or {@code f32}
     * @param samplesPerS  examples per second (steps per second × batch)
     */
    public record Timing(String peer, String network, int batch, String precision, int threads, double samplesPerS) {
    }

    /**
     * One peer's matrix product.
     *
     * @param peer      the library's name without its version, e.g. {@code numpy}
     * @param shape     the GemmBenchmark shape it timed, e.g. {@code WA:100x784x64}
     * @param precision {@code f64} or {@code f32}
     */
    public record GemmTiming(String peer, String shape, String precision, int threads, double gflops) {
    }

    /** No peers: the report then has no peer rows or columns. */
    public static Peers none() {
        return new Peers(Map.of(), List.of(), List.of());
    }

    /** Reads a peers file, with an error naming the file and the field that is wrong. */
    public static Peers read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a peers JSON file (" + e.getMessage() + "); write one with bench/peers.sh", e);
        }
        if (root == null || !root.path("results").isArray()) {
            throw new IOException(file + ": a peers file needs a \"results\" array (write one with bench/peers.sh)");
        }
        Map<String, String> versions = new LinkedHashMap<>();
        root.path("versions").properties().forEach(e -> versions.put(e.getKey(), e.getValue().asText()));
        List<Timing> results = new ArrayList<>();
        int i = 0;
        for (JsonNode r : root.get("results")) {
            String where = file + " results[" + i++ + "]";
            String peer = r.path("peer").asText("");
            String net = r.path("net").asText("");
            String dtype = r.path("dtype").asText("");
            double samples = r.path("samples_per_s").asDouble(Double.NaN);
            int batch = r.path("batch").asInt(0), threads = r.path("threads").asInt(0);
            if (peer.isEmpty() || net.isEmpty() || batch < 1 || threads < 1) {
                throw new IOException(where + ": needs peer, net, batch ≥ 1 and threads ≥ 1, got " + r);
            }
            if (!(samples > 0) || Double.isInfinite(samples)) {
                throw new IOException(where + ": samples_per_s must be a positive number, got " + r.get("samples_per_s"));
            }
            results.add(new Timing(peer, net.replace(',', '-'), batch, precision(dtype, where), threads, samples));
        }
        List<GemmTiming> gemms = new ArrayList<>();
        i = 0;
        for (JsonNode g : root.path("gemm")) {
            String where = file + " gemm[" + i++ + "]";
            String lib = g.path("lib").asText("").trim();
            String shape = g.path("shape").asText("");
            int threads = g.path("threads").asInt(0);
            double gflops = g.path("gflops").asDouble(Double.NaN);
            if (lib.isEmpty() || shape.isEmpty() || threads < 1 || !(gflops > 0) || Double.isInfinite(gflops)) {
                throw new IOException(where + ": needs lib, shape, threads ≥ 1 and gflops > 0, got " + g);
            }
            gemms.add(new GemmTiming(lib.split("\\s+")[0], shape, precision(g.path("dtype").asText(""), where), threads,
                    gflops));
        }
        return new Peers(Collections.unmodifiableMap(versions), List.copyOf(results), List.copyOf(gemms));   // file order kept
    }

    private static String precision(String dtype, String where) throws IOException {
        return switch (dtype) {
            case "float64" -> "f64";
            case "float32" -> "f32";
            default -> throw new IOException(where + ": dtype must be float64 or float32, got '" + dtype + "'");
        };
    }

    /** The peers with matrix products, in the order they first appear. */
    public List<String> gemmNames() {
        return gemms.stream().map(GemmTiming::peer).distinct().toList();
    }

    /** The peer's GFLOP/s for exactly this product, if it was timed. */
    public Optional<GemmTiming> findGemm(String peer, String shape, String precision, int threads) {
        return gemms.stream().filter(g -> g.peer().equals(peer) && g.shape().equals(shape)
                && g.precision().equals(precision) && g.threads() == threads).findFirst();
    }

    /** The peers' names in the order they first appear. */
    public List<String> names() {
        return results.stream().map(Timing::peer).distinct().toList();
    }

    /** The peer's figure for exactly this step, if it was measured. */
    public Optional<Timing> find(String peer, String network, int batch, String precision, int threads) {
        return results.stream().filter(t -> t.peer().equals(peer) && t.network().equals(network) && t.batch() == batch
                && t.precision().equals(precision) && t.threads() == threads).findFirst();
    }

    /** {@code numpy 1.24.2}, or the bare name when the file gives no version. */
    public String label(String peer) {
        String v = versions.get(peer);
        return v == null ? peer : peer + " " + v;
    }
}
