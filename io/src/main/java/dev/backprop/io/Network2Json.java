package dev.backprop.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.backprop.backend.Precision;
import dev.backprop.nn.Cost;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nielsen's network2.py model format ({@code Network.save}): a JSON object
 * <pre>
 *   {"sizes": [784, 30, 10],
 *    "weights": [W[1], W[2], …],      W[l] as n_l rows of n_(l−1) numbers
 *    "biases":  [b[1], b[2], …],      b[l] as n_l rows of one number (numpy column vectors)
 *    "cost": "CrossEntropyCost"}      or "QuadraticCost"
 * </pre>
 * Every layer is sigmoid, as in network2. A network trained by network2.py loads here, and a sigmoid network
 * with the quadratic or binary cross-entropy cost saved here loads in network2.py ({@code network2.load}).
 * Numbers are written in the shortest form that reads back to the same double, so a round trip is exact.
 *
 * <p>The reader streams (Jackson's {@link JsonParser}, no tree: a tree costs 10–15 times the file), in two
 * passes: the first reads everything but the tensors, so that {@code sizes} is known whatever the key order;
 * the second reads the numbers straight into the parameter arrays, checking each row against {@code sizes} as
 * it arrives. An array grows only as its numbers arrive, each growth checked against the free heap, so a file
 * cannot make the reader allocate much more than it holds. The first fault is reported by its JSON path (e.g.
 * {@code weights[1][3]}).
 */
public final class Network2Json {

    private static final int MAX_LAYERS = 1000;
    private static final Map<String, String> COSTS = Map.of("QuadraticCost", "quadratic",
            "CrossEntropyCost", "cross-entropy");
    private static final Set<String> KEYS = Set.of("sizes", "weights", "biases", "cost");
    private static final String ALL_KEYS = "sizes, weights, biases and cost";

    private Network2Json() {
    }

    /** Reads a network2 JSON file. */
    public static SavedModel read(Path file) throws IOException {
        String source = file.toString();
        Outline outline;
        try (InputStream in = Files.newInputStream(file)) {
            outline = Json.read(Json.MAPPER.getFactory().createParser(in), source, "json", p -> outline(p, source));
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Json.read(Json.MAPPER.getFactory().createParser(in), source, "json", p -> tensors(p, outline, source));
        }
    }

    /** Reads network2 JSON held in memory; {@code source} names it in errors. */
    public static SavedModel read(byte[] bytes, String source) throws ModelFormatException {
        try {
            Outline outline = Json.read(Json.MAPPER.getFactory().createParser(bytes), source, "json",
                    p -> outline(p, source));
            return Json.read(Json.MAPPER.getFactory().createParser(bytes), source, "json",
                    p -> tensors(p, outline, source));
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException(source, "json", "unreadable JSON: " + e.getMessage(), e);   // memory cannot fail
        }
    }

    /** What the first pass finds: the layer sizes and the cost. */
    private record Outline(int[] sizes, String cost) {
    }

    /** First pass: the object's keys, {@code sizes} and {@code cost}; the tensors are only skipped over. */
    private static Outline outline(JsonParser p, String source) throws IOException {
        JsonToken root = p.nextToken();
        if (root == null) {
            throw new ModelFormatException(source, "json", "empty: expected a JSON object");
        }
        if (root != JsonToken.START_OBJECT) {
            throw new ModelFormatException(source, "json", "is a JSON " + kind(root) + ", not network2's object "
                    + "with " + ALL_KEYS);
        }
        int[] sizes = null;
        String cost = null;
        Set<String> seen = new java.util.HashSet<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            if (!KEYS.contains(key)) {
                throw new ModelFormatException(source, key.isBlank() ? "\"" + key + "\"" : key,
                        "unknown key: network2 JSON has only " + KEYS);
            }
            seen.add(key);
            JsonToken value = p.nextToken();
            switch (key) {
                case "sizes" -> sizes = sizes(p, value, source);
                case "cost" -> cost = cost(p, value, source);
                default -> p.skipChildren();
            }
        }
        Json.requireEnd(p, source, "json");
        for (String key : List.of("sizes", "weights", "biases", "cost")) {
            if (!seen.contains(key)) {
                throw new ModelFormatException(source, key, "missing: network2 JSON has " + ALL_KEYS);
            }
        }
        return new Outline(sizes, cost);
    }

    private static int[] sizes(JsonParser p, JsonToken value, String source) throws IOException {
        String problem = "must be an array of 2 to " + (MAX_LAYERS + 1) + " layer sizes, e.g. [784, 30, 10]";
        if (value != JsonToken.START_ARRAY) {
            p.skipChildren();
            throw new ModelFormatException(source, "sizes", problem);
        }
        List<Integer> sizes = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            int i = sizes.size();
            if (i > MAX_LAYERS) {
                throw new ModelFormatException(source, "sizes", problem);
            }
            if (t != JsonToken.VALUE_NUMBER_INT || p.getNumberType() != JsonParser.NumberType.INT || p.getIntValue() < 1) {
                throw new ModelFormatException(source, "sizes[" + i + "]", "'" + text(p, t) + "' is not a layer size "
                        + "(a positive integer)");
            }
            sizes.add(p.getIntValue());
        }
        if (sizes.size() < 2) {
            throw new ModelFormatException(source, "sizes", problem);
        }
        int[] out = sizes.stream().mapToInt(Integer::intValue).toArray();
        for (int l = 1; l < out.length; l++) {
            try {
                dev.backprop.memory.MemoryBudget.arrayLength(out[l], out[l - 1], "W[" + l + "]");
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(source, "sizes", e.getMessage());
            }
        }
        return out;
    }

    private static String cost(JsonParser p, JsonToken value, String source) throws IOException {
        String cost = value == JsonToken.VALUE_STRING ? COSTS.get(p.getText()) : null;
        if (cost == null) {
            throw new ModelFormatException(source, "cost", "'" + SafetensorsModel.abbreviate(text(p, value))
                    + "' is not a network2 cost; use \"QuadraticCost\" or \"CrossEntropyCost\"");
        }
        return cost;
    }

    /** Second pass: W[1..L] and b[1..L], read into arrays shaped by {@code sizes}. */
    private static SavedModel tensors(JsonParser p, Outline outline, String source) throws IOException {
        int[] sizes = outline.sizes();
        int layers = sizes.length - 1;
        List<double[]> weights = null;
        List<double[]> biases = null;
        p.nextToken();                                                // START_OBJECT, checked by the first pass
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (key.equals("weights")) {
                weights = layerList(p, value, "weights", sizes, false, source);
            } else if (key.equals("biases")) {
                biases = layerList(p, value, "biases", sizes, true, source);
            } else {
                p.skipChildren();
            }
        }
        return new SavedModel(sizes, Collections.nCopies(layers, "sigmoid"), outline.cost(), Precision.FLOAT64,
                weights, biases);
    }

    /** {@code [M[1], …, M[L]]}: weights (n_l × n_(l−1)) or biases (n_l × 1) of every layer. */
    private static List<double[]> layerList(JsonParser p, JsonToken value, String name, int[] sizes, boolean column,
                                            String source) throws IOException {
        int layers = sizes.length - 1;
        String problem = "must be an array of " + layers + " matrices (one per layer after the input), got ";
        if (value != JsonToken.START_ARRAY) {
            throw new ModelFormatException(source, name, problem + "a " + kind(value));
        }
        List<double[]> out = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            int l = out.size() + 1;
            if (l > layers) {
                throw new ModelFormatException(source, name, problem + (layers + 1 + skipRest(p, t)) + " entries");
            }
            out.add(matrix(p, t, sizes[l], column ? 1 : sizes[l - 1], name + "[" + (l - 1) + "]", source, column));
        }
        if (out.size() != layers) {
            throw new ModelFormatException(source, name, problem + out.size() + " entries");
        }
        return out;
    }

    /**
     * A rows × cols matrix given as rows of numbers, row-major. A bias column may also give each row as a bare
     * number instead of a one-element list.
     */
    private static double[] matrix(JsonParser p, JsonToken value, int rows, int cols, String path, String source,
                                   boolean column) throws IOException {
        String rowsProblem = "must be " + rows + " rows (the layer's neurons), got ";
        if (value != JsonToken.START_ARRAY) {
            throw new ModelFormatException(source, path, rowsProblem + "a " + kind(value));
        }
        Values values = new Values((long) rows * cols, path + " of " + source);
        int i = 0;
        for (JsonToken row = p.nextToken(); row != JsonToken.END_ARRAY; row = p.nextToken(), i++) {
            if (i == rows) {
                throw new ModelFormatException(source, path, rowsProblem + (rows + 1 + skipRest(p, row)) + " rows");
            }
            String rowPath = path + "[" + i + "]";
            if (column && row.isNumeric()) {
                values.add(number(p, row, rowPath, source));
                continue;
            }
            String rowProblem = "must be a row of " + cols + " numbers, got ";
            if (row != JsonToken.START_ARRAY) {
                throw new ModelFormatException(source, rowPath, rowProblem + "a " + kind(row));
            }
            int j = 0;
            for (JsonToken x = p.nextToken(); x != JsonToken.END_ARRAY; x = p.nextToken(), j++) {
                if (j == cols) {
                    throw new ModelFormatException(source, rowPath, rowProblem + (cols + 1 + skipRest(p, x))
                            + " entries");
                }
                values.add(number(p, x, rowPath + "[" + j + "]", source));
            }
            if (j != cols) {
                throw new ModelFormatException(source, rowPath, rowProblem + j + " entries");
            }
        }
        if (i != rows) {
            throw new ModelFormatException(source, path, rowsProblem + i + " rows");
        }
        return values.array();
    }

    /** Skips the current value and the rest of its array; returns how many values followed it. */
    private static int skipRest(JsonParser p, JsonToken current) throws IOException {
        int more = 0;
        p.skipChildren();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            p.skipChildren();
            more++;
        }
        return more;
    }

    private static double number(JsonParser p, JsonToken t, String path, String source) throws IOException {
        if (!t.isNumeric()) {
            throw new ModelFormatException(source, path, "'" + SafetensorsModel.abbreviate(text(p, t))
                    + "' is not a number");
        }
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
            throw new ModelFormatException(source, path, p.getText() + " does not fit a double");
        }
        return v;
    }

    /** A value's text for a message: the scalar itself, or what kind of structure it is (then skipped). */
    private static String text(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
            p.skipChildren();
            return t == JsonToken.START_ARRAY ? "[…]" : "{…}";
        }
        return t == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : p.getText();
    }

    private static String kind(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * A matrix's values as they arrive: the array starts small and doubles up to the declared size, each growth
     * checked against the free heap, so that a file declaring huge sizes but holding few numbers costs little.
     */
    private static final class Values {
        private final int declared;
        private final String what;
        private double[] values;
        private int n;

        Values(long declared, String what) {
            this.declared = (int) declared;                // the first pass checked it fits an array
            this.what = what;
            this.values = new double[(int) Math.min(declared, 1 << 12)];
        }

        void add(double v) {
            if (n == values.length) {
                int grown = (int) Math.min(declared, 2L * values.length);
                dev.backprop.memory.MemoryBudget.require(8L * grown, what);
                values = java.util.Arrays.copyOf(values, grown);
            }
            values[n++] = v;
        }

        /** The values, once all {@code declared} have arrived (the callers check the count). */
        double[] array() {
            return n == values.length ? values : java.util.Arrays.copyOf(values, n);
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Checks that network2.py can represent {@code model}: sigmoid in every layer, quadratic or binary
     * cross-entropy cost.
     *
     * @throws IllegalArgumentException saying what does not fit and to save as .safetensors instead
     */
    static void checkRepresentable(SavedModel model) {
        for (String a : model.activations()) {
            if (!a.equals("sigmoid")) {
                throw new IllegalArgumentException("network2 JSON describes sigmoid networks only, but this one uses "
                        + a + "; save it as .safetensors instead");
            }
        }
        if (!model.cost().equals(Cost.quadratic().name()) && !model.cost().equals(Cost.crossEntropy().name())) {
            throw new IllegalArgumentException("network2 JSON knows QuadraticCost and CrossEntropyCost only, but this "
                    + "network uses " + model.cost() + "; save it as .safetensors instead");
        }
    }

    /** Writes {@code model} to {@code file} via a temp file. */
    public static void write(Path file, SavedModel model) throws IOException {
        checkRepresentable(model);
        AtomicFiles.write(file, out -> write(out, model));
    }

    /** The JSON bytes of {@code model}. */
    public static byte[] toBytes(SavedModel model) {
        checkRepresentable(model);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, model);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private static void write(OutputStream out, SavedModel model) throws IOException {
        try (JsonGenerator g = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            int[] sizes = model.sizes();
            g.writeStartObject();
            g.writeArrayFieldStart("sizes");
            for (int n : sizes) {
                g.writeNumber(n);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("weights");
            for (int l = 1; l <= model.layers(); l++) {
                double[] w = model.weights().get(l - 1);
                g.writeStartArray();
                for (int i = 0; i < sizes[l]; i++) {
                    g.writeArray(w, i * sizes[l - 1], sizes[l - 1]);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("biases");
            for (int l = 1; l <= model.layers(); l++) {
                g.writeStartArray();
                for (double b : model.biases().get(l - 1)) {
                    g.writeStartArray();
                    g.writeNumber(b);
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeStringField("cost", model.cost().equals(Cost.quadratic().name()) ? "QuadraticCost" : "CrossEntropyCost");
            g.writeEndObject();
        }
    }
}
