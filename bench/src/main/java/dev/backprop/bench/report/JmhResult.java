package dev.backprop.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark × parameter combination from a JMH JSON result file ({@code -rf json}).
 *
 * @param benchmarkClass the simple class name, e.g. {@code TrainStepBenchmark}
 * @param method         the benchmark method, e.g. {@code step}
 * @param params         the {@code @Param} values
 * @param score          operations per second (the suite measures throughput)
 * @param error          half-width of JMH's 99.9% confidence interval, NaN with a single iteration
 * @param allocPerOp     {@code gc.alloc.rate.norm} in bytes per operation, NaN when run without {@code -prof gc}
 * @param iterationSeconds the length of one measurement iteration
 * @param jdkVersion     the fork's JDK, e.g. {@code 17.0.15}
 * @param vm             the fork's VM name and version
 * @param jvmArgs        the fork's JVM flags
 * @param secondary      every secondary metric's score by name (profilers' and {@code @AuxCounters}')
 */
public record JmhResult(String benchmarkClass, String method, Map<String, String> params, double score, double error,
                        double allocPerOp, double iterationSeconds, String jdkVersion, String vm, List<String> jvmArgs,
                        Map<String, Double> secondary) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The value of {@code @Param name}, or an error naming the benchmark when it has none. */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalArgumentException(benchmarkClass + "." + method + " has no parameter '" + name
                    + "' (it has " + params.keySet() + "); was the result file written by another version of the suite?");
        }
        return v;
    }

    public int intParam(String name) {
        String v = param(name);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(benchmarkClass + "." + method + ": parameter " + name + "=" + v
                    + " is not an integer", e);
        }
    }

    /** Every result in a JMH JSON file, with an error naming the file and the field when it is not one. */
    public static List<JmhResult> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a JMH JSON result file (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isArray()) {
            throw new IOException(file + ": not a JMH JSON result file: expected a JSON array of results");
        }
        List<JmhResult> out = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root) {
            out.add(parse(node, file + " result " + index++));
        }
        return out;
    }

    static JmhResult parse(JsonNode node, String where) throws IOException {
        String benchmark = text(node, "benchmark", where);
        int dot = benchmark.lastIndexOf('.');
        if (dot < 0) {
            throw new IOException(where + ": benchmark '" + benchmark + "' is not a Class.method name");
        }
        String qualifiedClass = benchmark.substring(0, dot);
        String simpleClass = qualifiedClass.substring(qualifiedClass.lastIndexOf('.') + 1);
        Map<String, String> params = new LinkedHashMap<>();
        JsonNode p = node.get("params");
        if (p != null) {
            for (Map.Entry<String, JsonNode> e : p.properties()) {
                params.put(e.getKey(), e.getValue().asText());
            }
        }
        JsonNode primary = node.get("primaryMetric");
        if (primary == null) {
            throw new IOException(where + " (" + benchmark + "): no primaryMetric");
        }
        String unit = text(primary, "scoreUnit", where);
        if (!unit.equals("ops/s")) {
            throw new IOException(where + " (" + benchmark + "): score unit is " + unit + ", but the report needs "
                    + "throughput in ops/s (run with -bm thrpt -tu s, the suite's defaults)");
        }
        double score = number(primary, "score", where);
        if (!(score > 0)) {
            throw new IOException(where + " (" + benchmark + "): score " + score + " is not a positive throughput");
        }
        double error = primary.has("scoreError") ? primary.get("scoreError").asDouble(Double.NaN) : Double.NaN;
        Map<String, Double> secondaries = new LinkedHashMap<>();
        JsonNode secondary = node.get("secondaryMetrics");
        if (secondary != null) {
            for (Map.Entry<String, JsonNode> e : secondary.properties()) {
                // JMH before 1.36 prefixed profiler metrics with '·'
                secondaries.put(e.getKey().replace("·", ""), number(e.getValue(), "score", where));
            }
        }
        double alloc = secondaries.getOrDefault("gc.alloc.rate.norm", Double.NaN);
        List<String> jvmArgs = new ArrayList<>();
        JsonNode args = node.get("jvmArgs");
        if (args != null) {
            args.forEach(a -> jvmArgs.add(a.asText()));
        }
        String vm = node.path("vmName").asText("?") + " " + node.path("vmVersion").asText("?");
        return new JmhResult(simpleClass, benchmark.substring(dot + 1), Map.copyOf(params), score, error, alloc,
                seconds(node.path("measurementTime").asText("1 s"), where), node.path("jdkVersion").asText("?"), vm, List.copyOf(jvmArgs),
                Map.copyOf(secondaries));
    }

    /** JMH's time values: {@code 1 s}, {@code 500 ms}, {@code 100 us}. */
    static double seconds(String time, String where) throws IOException {
        String[] parts = time.trim().split("\\s+");
        try {
            double v = Double.parseDouble(parts[0]);
            String unit = parts.length > 1 ? parts[1] : "s";
            switch (unit) {
                case "s": return v;
                case "ms": return v / 1e3;
                case "us": return v / 1e6;
                case "ns": return v / 1e9;
                case "min": return v * 60;
                default: break;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(where + ": measurementTime '" + time + "' is not a JMH time such as '1 s' or '500 ms'");
    }

    private static String text(JsonNode node, String field, String where) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException(where + ": missing text field '" + field + "'");
        }
        return v.asText();
    }

    private static double number(JsonNode node, String field, String where) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !(v.isNumber() || v.isTextual())) {
            throw new IOException(where + ": missing number field '" + field + "'");
        }
        double d = v.asDouble(Double.NaN);
        if (v.isTextual() && Double.isNaN(d) && !v.asText().equals("NaN")) {
            throw new IOException(where + ": field '" + field + "' is '" + v.asText() + "', not a number");
        }
        return d;
    }
}
