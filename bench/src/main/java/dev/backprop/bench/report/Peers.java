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
 * {"versions": {"numpy": "1.24.2", "torch": "1.13.0", "python": "3.11.2", "blas": "…"},
 *  "results": [{"peer": "numpy", "net": "784,100,10", "batch": 64, "dtype": "float32", "threads": 1,
 *               "samples_per_s": 51234.5, …}, …]}
 * </pre>
 *
 * @param versions library name → version, shown beside every figure
 * @param results  one per peer × precision × threads
 */
public record Peers(Map<String, String> versions, List<Timing> results) {

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

    /** No peers: the report then has no peer rows or columns. */
    public static Peers none() {
        return new Peers(Map.of(), List.of());
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
            String precision = switch (dtype) {
                case "float64" -> "f64";
                case "float32" -> "f32";
                default -> throw new IOException(where + ": dtype must be float64 or float32, got '" + dtype + "'");
            };
            results.add(new Timing(peer, net.replace(',', '-'), batch, precision, threads, samples));
        }
        return new Peers(Collections.unmodifiableMap(versions), List.copyOf(results));   // file order kept
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
