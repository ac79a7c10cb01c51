package dev.backprop.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backprop.backend.Precision;
import dev.backprop.nn.Cost;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
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
 * <p>The reader checks the structure against {@code sizes} before building anything, and reports the first
 * fault by its JSON path (e.g. {@code weights[1][3]}).
 */
public final class Network2Json {

    /** Files larger than this are refused unread (a 784-1000-10 network is about 20 MB of JSON). */
    static final long MAX_FILE = 1L << 30;
    private static final int MAX_LAYERS = 1000;
    private static final Map<String, String> COSTS = Map.of("QuadraticCost", "quadratic",
            "CrossEntropyCost", "cross-entropy");
    private static final Set<String> KEYS = Set.of("sizes", "weights", "biases", "cost");

    private Network2Json() {
    }

    /** Reads a network2 JSON file. */
    public static SavedModel read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE) {
            throw new ModelFormatException(file.toString(), "file", size + " bytes is more than the " + MAX_FILE
                    + " this reader accepts for network2 JSON; save large models as .safetensors");
        }
        return read(Files.readAllBytes(file), file.toString());
    }

    /** Reads network2 JSON held in memory; {@code source} names it in errors. */
    public static SavedModel read(byte[] bytes, String source) throws ModelFormatException {
        JsonNode root = Json.parse(bytes, 0, bytes.length, source, "json");
        if (!root.isObject()) {
            throw new ModelFormatException(source, "json", "is a JSON " + kind(root) + ", not network2's object "
                    + "with sizes, weights, biases and cost");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new ModelFormatException(source, key.isBlank() ? "\"" + key + "\"" : key,
                        "unknown key: network2 JSON has only " + KEYS);
            }
        }
        JsonNode sizesNode = field(root, "sizes", source);
        if (!sizesNode.isArray() || sizesNode.size() < 2 || sizesNode.size() > MAX_LAYERS + 1) {
            throw new ModelFormatException(source, "sizes", "must be an array of 2 to " + (MAX_LAYERS + 1)
                    + " layer sizes, e.g. [784, 30, 10]");
        }
        int[] sizes = new int[sizesNode.size()];
        for (int i = 0; i < sizes.length; i++) {
            JsonNode s = sizesNode.get(i);
            if (!s.isIntegralNumber() || !s.canConvertToInt() || s.intValue() < 1) {
                throw new ModelFormatException(source, "sizes[" + i + "]", "'" + s + "' is not a layer size (a "
                        + "positive integer)");
            }
            sizes[i] = s.intValue();
        }
        int layers = sizes.length - 1;
        JsonNode weightsNode = layerList(root, "weights", layers, source);
        JsonNode biasesNode = layerList(root, "biases", layers, source);
        List<double[]> weights = new ArrayList<>();
        List<double[]> biases = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            weights.add(matrix(weightsNode.get(l - 1), sizes[l], sizes[l - 1], "weights[" + (l - 1) + "]", source, false));
            biases.add(matrix(biasesNode.get(l - 1), sizes[l], 1, "biases[" + (l - 1) + "]", source, true));
        }
        JsonNode costNode = field(root, "cost", source);
        String cost = costNode.isTextual() ? COSTS.get(costNode.textValue()) : null;
        if (cost == null) {
            throw new ModelFormatException(source, "cost", "'" + SafetensorsModel.abbreviate(costNode.toString())
                    + "' is not a network2 cost; use \"QuadraticCost\" or \"CrossEntropyCost\"");
        }
        return new SavedModel(sizes, Collections.nCopies(layers, "sigmoid"), cost, Precision.FLOAT64, weights, biases);
    }

    private static JsonNode field(JsonNode root, String name, String source) throws ModelFormatException {
        JsonNode n = root.get(name);
        if (n == null) {
            throw new ModelFormatException(source, name, "missing: network2 JSON has sizes, weights, biases and cost");
        }
        return n;
    }

    private static JsonNode layerList(JsonNode root, String name, int layers, String source) throws ModelFormatException {
        JsonNode n = field(root, name, source);
        if (!n.isArray() || n.size() != layers) {
            throw new ModelFormatException(source, name, "must be an array of " + layers + " matrices (one per layer "
                    + "after the input), got " + (n.isArray() ? n.size() + " entries" : "a " + kind(n)));
        }
        return n;
    }

    /**
     * A rows × cols matrix given as rows of numbers, row-major. A bias column may also give each row as a bare
     * number instead of a one-element list.
     */
    private static double[] matrix(JsonNode node, int rows, int cols, String path, String source, boolean column)
            throws ModelFormatException {
        if (!node.isArray() || node.size() != rows) {
            throw new ModelFormatException(source, path, "must be " + rows + " rows (the layer's neurons), got "
                    + (node.isArray() ? node.size() + " rows" : "a " + kind(node)));
        }
        for (int i = 0; i < rows; i++) {             // the structure first: allocate only what the file holds
            JsonNode row = node.get(i);
            if (!(column && row.isNumber()) && (!row.isArray() || row.size() != cols)) {
                throw new ModelFormatException(source, path + "[" + i + "]", "must be a row of " + cols + " numbers, got "
                        + (row.isArray() ? row.size() + " entries" : "a " + kind(row)));
            }
        }
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            JsonNode row = node.get(i);
            if (row.isNumber()) {
                out[i] = number(row, path + "[" + i + "]", source);
                continue;
            }
            for (int j = 0; j < cols; j++) {
                out[i * cols + j] = number(row.get(j), path + "[" + i + "][" + j + "]", source);
            }
        }
        return out;
    }

    private static double number(JsonNode n, String path, String source) throws ModelFormatException {
        if (!n.isNumber()) {
            throw new ModelFormatException(source, path, "'" + SafetensorsModel.abbreviate(n.toString())
                    + "' is not a number");
        }
        double v = n.doubleValue();
        if (!Double.isFinite(v)) {
            throw new ModelFormatException(source, path, n + " does not fit a double");
        }
        return v;
    }

    private static String kind(JsonNode n) {
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
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
