package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.backprop.data.Dataset;
import dev.backprop.data.Scaling;
import dev.backprop.data.Task;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model needs besides its parameters to be used on new data: the task, the classes' names (in output
 * order), the input features' names (in input order), the regression targets' names, the normalisation fitted
 * on its training data, and a description of that data (where it came from and how it was split) so that it
 * can be evaluated again without restating it. Every part is optional: {@link #NONE} has none of them.
 *
 * <p>In a safetensors file it is a set of {@code __metadata__} strings: {@code task}, {@code classes},
 * {@code features}, {@code targets} (JSON arrays of strings), {@code normalization} ({@code standardize} or
 * {@code min-max}), {@code normalization.shift} and {@code normalization.scale} (JSON arrays of numbers, exact
 * to the bit) and {@code data.KEY} for each entry of {@link #data()}.
 *
 * @param task         classification or regression; null when unknown
 * @param classNames   class k's name at index k; empty when unknown or for regression
 * @param featureNames feature f's name at index f; empty when unknown
 * @param targetNames  the target columns' names: one per output for regression, the label column for
 *                     classification; empty when unknown
 * @param scaling      the inputs' normalisation; null for none
 * @param data         the training data's description (e.g. {@code source} → {@code csv:/data/iris.csv})
 */
public record ModelContext(Task task, List<String> classNames, List<String> featureNames, List<String> targetNames,
                           Scaling scaling, Map<String, String> data) {

    /** No context: what a file written before contexts existed, or by other code, has. */
    public static final ModelContext NONE = new ModelContext(null, List.of(), List.of(), List.of(), null, Map.of());

    private static final String DATA = "data.";

    public ModelContext {
        classNames = List.copyOf(classNames);
        featureNames = List.copyOf(featureNames);
        targetNames = List.copyOf(targetNames);
        data = Map.copyOf(data);
    }

    /**
     * The context of a model trained on {@code train}: its task and names, {@code scaling} (null for none)
     * and {@code data} (may be empty).
     */
    public static ModelContext of(Dataset train, Scaling scaling, Map<String, String> data) {
        return new ModelContext(train.task(), train.task() == Task.CLASSIFICATION ? train.classNames() : List.of(),
                train.featureNames(), train.targetNames(), scaling, data);
    }

    /** The same context describing other data. */
    public ModelContext withData(Map<String, String> newData) {
        return new ModelContext(task, classNames, featureNames, targetNames, scaling, newData);
    }

    /** Whether this is {@link #NONE}. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /**
     * Checks that the context fits a network of {@code sizes}.
     *
     * @throws IllegalArgumentException naming the part that does not fit
     */
    void check(int[] sizes) {
        int in = sizes[0], out = sizes[sizes.length - 1];
        if (!classNames.isEmpty() && classNames.size() != out) {
            throw new IllegalArgumentException(classNames.size() + " class names for " + out + " outputs");
        }
        if (!featureNames.isEmpty() && featureNames.size() != in) {
            throw new IllegalArgumentException(featureNames.size() + " feature names for " + in + " inputs");
        }
        if (task == Task.REGRESSION && !targetNames.isEmpty() && targetNames.size() != out) {
            throw new IllegalArgumentException(targetNames.size() + " target names for " + out + " outputs");
        }
        if (task == Task.CLASSIFICATION && targetNames.size() > 1) {
            throw new IllegalArgumentException(targetNames.size() + " target names for a classification, which has "
                    + "one label column");
        }
        if (scaling != null && scaling.features() != in) {
            throw new IllegalArgumentException("a normalisation of " + scaling.features() + " features for " + in
                    + " inputs");
        }
    }

    /** The {@code __metadata__} strings of this context. */
    Map<String, String> toMetadata() {
        Map<String, String> meta = new LinkedHashMap<>();
        if (task != null) {
            meta.put("task", task.label());
        }
        putList(meta, "classes", classNames);
        putList(meta, "features", featureNames);
        putList(meta, "targets", targetNames);
        if (scaling != null) {
            meta.put("normalization", scaling.kind().label());
            meta.put("normalization.shift", numbers(scaling.shift()));
            meta.put("normalization.scale", numbers(scaling.scale()));
        }
        new java.util.TreeMap<>(data).forEach((k, v) -> meta.put(DATA + k, v));
        return meta;
    }

    /**
     * The context that {@code meta} records ({@link #NONE} when it records none).
     *
     * @throws ModelFormatException naming the entry that is malformed
     */
    static ModelContext fromMetadata(Map<String, String> meta, String src) throws ModelFormatException {
        Task task = null;
        if (meta.containsKey("task")) {
            try {
                task = Task.parse(meta.get("task"));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(src, field("task"), e.getMessage());
            }
        }
        Scaling scaling = null;
        if (meta.containsKey("normalization")) {
            try {
                scaling = new Scaling(Scaling.Kind.parse(meta.get("normalization")),
                        doubles(meta, "normalization.shift", src), doubles(meta, "normalization.scale", src));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(src, field("normalization"), e.getMessage());
            }
        }
        Map<String, String> data = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith(DATA)) {
                data.put(k.substring(DATA.length()), v);
            }
        });
        return new ModelContext(task, strings(meta, "classes", src), strings(meta, "features", src),
                strings(meta, "targets", src), scaling, data);
    }

    private static String field(String key) {
        return "header." + Safetensors.METADATA + "." + key;
    }

    private static void putList(Map<String, String> meta, String key, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode a = Json.MAPPER.createArrayNode();
            values.forEach(a::add);
            meta.put(key, a.toString());
        }
    }

    private static String numbers(double[] values) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (double v : values) {
            a.add(v);                                    // Jackson prints the shortest decimal that reads back exactly
        }
        return a.toString();
    }

    private static JsonNode array(Map<String, String> meta, String key, String src) throws ModelFormatException {
        byte[] text = meta.get(key).getBytes(StandardCharsets.UTF_8);
        JsonNode node = Json.parse(text, 0, text.length, src, field(key));
        if (!node.isArray()) {
            throw new ModelFormatException(src, field(key), "must be a JSON array, got " + node.getNodeType());
        }
        return node;
    }

    private static List<String> strings(Map<String, String> meta, String key, String src) throws ModelFormatException {
        if (!meta.containsKey(key)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : array(meta, key, src)) {
            if (!n.isTextual()) {
                throw new ModelFormatException(src, field(key), "must be an array of strings, got " + n.getNodeType());
            }
            out.add(n.textValue());
        }
        return out;
    }

    private static double[] doubles(Map<String, String> meta, String key, String src) throws ModelFormatException {
        if (!meta.containsKey(key)) {
            throw new ModelFormatException(src, field(key), "missing: a normalisation records its shifts and scales");
        }
        JsonNode a = array(meta, key, src);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            if (!a.get(i).isNumber()) {
                throw new ModelFormatException(src, field(key) + "[" + i + "]", "is not a number");
            }
            out[i] = a.get(i).doubleValue();
        }
        return out;
    }
}
