package dev.backprop.io;

import dev.backprop.backend.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link SavedModel} in the safetensors layout. Tensors are named as PyTorch's {@code nn.Linear} layers in a
 * {@code nn.Sequential} would be: {@code layers.0.weight} is W[1] with shape [n_1, n_0], {@code layers.0.bias}
 * is b[1] with shape [n_1], and so on; dtype F64 or F32 as trained. {@code __metadata__} holds
 * {@code sizes} ("784,30,10"), {@code activations} ("sigmoid,sigmoid", one per layer 1..L), {@code cost}
 * ("quadratic"), {@code precision} ("f64") and {@code format} ("backprop-mlp/1").
 *
 * <p>In Python: {@code safetensors.numpy.load_file("m.safetensors")["layers.0.weight"]} is W[1], and
 * {@code safe_open(...).metadata()} the description.
 */
public final class SafetensorsModel {

    static final String FORMAT = "backprop-mlp/1";
    private static final int MAX_LAYERS = 1000;
    private static final String META = "header." + Safetensors.METADATA + ".";
    /** At most 9 digits, so that K always fits an int. */
    private static final Pattern LAYER_TENSOR = Pattern.compile(
            "layers\\.(0|[1-9]\\d{0,8})\\.(weight|bias)");

    private SafetensorsModel() {
    }

    /** The tensors of {@code model}, W[1], b[1], W[2], … in the model's precision. */
    static Map<String, Safetensors.Tensor> tensors(SavedModel model) {
        Safetensors.Dtype dtype = dtype(model.precision());
        Map<String, Safetensors.Tensor> out = new LinkedHashMap<>();
        for (int l = 1; l <= model.layers(); l++) {
            out.put(weightName(l), new Safetensors.Tensor(dtype, new int[]{model.sizes()[l], model.sizes()[l - 1]},
                    model.weights().get(l - 1)));
            out.put(biasName(l), new Safetensors.Tensor(dtype, new int[]{model.sizes()[l]}, model.biases().get(l - 1)));
        }
        return out;
    }

    /** The description of {@code model} for {@code __metadata__}. */
    static Map<String, String> metadata(SavedModel model) {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        StringBuilder sizes = new StringBuilder();
        for (int n : model.sizes()) {
            sizes.append(sizes.length() == 0 ? "" : ",").append(n);
        }
        meta.put("sizes", sizes.toString());
        meta.put("activations", String.join(",", model.activations()));
        meta.put("cost", model.cost());
        meta.put("precision", model.precision().shortName());
        meta.putAll(model.context().toMetadata());
        return meta;
    }

    /** W[l]'s tensor name, {@code layers.(l−1).weight}. */
    static String weightName(int l) {
        return "layers." + (l - 1) + ".weight";
    }

    /** b[l]'s tensor name, {@code layers.(l−1).bias}. */
    static String biasName(int l) {
        return "layers." + (l - 1) + ".bias";
    }

    static Safetensors.Dtype dtype(Precision p) {
        return p == Precision.FLOAT64 ? Safetensors.Dtype.F64 : Safetensors.Dtype.F32;
    }

    /**
     * The model in {@code contents}. Tensors whose names start with one of {@code extraPrefixes} (e.g. a
     * checkpoint's optimiser state) are left to the caller; any other tensor that is not a layer's is an error.
     *
     * @throws ModelFormatException naming {@code src} and the field when the description or a tensor is missing,
     *                              unknown or inconsistent
     */
    static SavedModel fromContents(Safetensors.Contents contents, String src, String... extraPrefixes)
            throws ModelFormatException {
        Map<String, String> meta = contents.metadata();
        int[] sizes = sizes(src, require(src, meta, "sizes", "e.g. \"784,30,10\""));
        int layers = sizes.length - 1;
        List<String> activations = Arrays.asList(require(src, meta, "activations",
                "one built-in name per layer after the input, e.g. \"sigmoid,sigmoid\"").split(",", -1));
        if (activations.size() != layers) {
            throw new ModelFormatException(src, META + "activations", "names " + activations.size()
                    + " activations but sizes " + meta.get("sizes") + " has " + layers + " layers after the input");
        }
        for (String a : activations) {
            if (!Activation.builtinNames().contains(a)) {
                throw new ModelFormatException(src, META + "activations", "'" + a + "' is not a built-in activation; "
                        + "built-ins are " + Activation.builtinNames());
            }
        }
        String cost = require(src, meta, "cost", "e.g. \"cross-entropy\"");
        if (!Cost.builtinNames().contains(cost)) {
            throw new ModelFormatException(src, META + "cost", "'" + cost + "' is not a built-in cost; built-ins are "
                    + Cost.builtinNames());
        }
        String precisionName = meta.getOrDefault("precision", null);
        Precision precision = null;
        if (precisionName != null) {
            try {
                precision = Precision.parse(precisionName);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(src, META + "precision", e.getMessage());
            }
        }
        List<double[]> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        for (int l = 1; l <= layers; l++) {
            Safetensors.Tensor wt = tensor(src, contents, weightName(l), new int[]{sizes[l], sizes[l - 1]});
            Safetensors.Tensor bt = tensor(src, contents, biasName(l), new int[]{sizes[l]});
            for (Safetensors.Tensor t : List.of(wt, bt)) {
                Precision p = t.dtype() == Safetensors.Dtype.F64 ? Precision.FLOAT64 : Precision.FLOAT32;
                if (precision == null) {
                    precision = p;
                } else if (precision != p) {
                    throw new ModelFormatException(src, "header." + (t == wt ? weightName(l) : biasName(l)) + ".dtype",
                            t.dtype() + " does not match the model's precision " + precision.shortName()
                                    + "; every layer must be stored in the same precision");
                }
            }
            w.add(wt.values());
            b.add(bt.values());
        }
        for (String name : contents.tensors().keySet()) {
            if (hasPrefix(name, extraPrefixes)) {
                continue;
            }
            if (layerIndex(name) < 0) {
                throw new ModelFormatException(src, "header." + name, "unknown tensor: a backprop model holds "
                        + "layers.K.weight and layers.K.bias for K = 0.." + (layers - 1));
            }
            if (layerIndex(name) >= layers) {
                throw new ModelFormatException(src, "header." + name, "is beyond the " + layers + " layers that "
                        + "sizes " + meta.get("sizes") + " describes");
            }
        }
        ModelContext context = ModelContext.fromMetadata(meta, src);
        try {
            return new SavedModel(sizes, activations, cost, precision, w, b, context);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(src, "header." + Safetensors.METADATA, "the recorded context does not fit "
                    + "sizes " + meta.get("sizes") + ": " + e.getMessage());
        }
    }

    private static boolean hasPrefix(String name, String[] prefixes) {
        for (String p : prefixes) {
            if (p != null && name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** K of a tensor named {@code layers.K.weight} or {@code layers.K.bias}; −1 for any other name. */
    static int layerIndex(String name) {
        Matcher m = LAYER_TENSOR.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String require(String src, Map<String, String> meta, String key, String example)
            throws ModelFormatException {
        String v = meta.get(key);
        if (v == null) {
            throw new ModelFormatException(src, META + key, "missing: a backprop model's __metadata__ names its "
                    + key + " (" + example + "); add it when saving from other code");
        }
        return v;
    }

    static int[] sizes(String src, String text) throws ModelFormatException {
        String[] parts = text.split(",", -1);
        if (parts.length < 2 || parts.length > MAX_LAYERS + 1) {
            throw new ModelFormatException(src, META + "sizes", "'" + abbreviate(text) + "' must list 2 to "
                    + (MAX_LAYERS + 1) + " layer sizes, e.g. \"784,30,10\"");
        }
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                sizes[i] = -1;
            }
            if (sizes[i] < 1) {
                throw new ModelFormatException(src, META + "sizes", "'" + abbreviate(parts[i])
                        + "' is not a layer size (a positive integer)");
            }
        }
        return sizes;
    }

    private static Safetensors.Tensor tensor(String src, Safetensors.Contents contents, String name, int[] shape)
            throws ModelFormatException {
        Safetensors.Tensor t = contents.tensors().get(name);
        if (t == null) {
            throw new ModelFormatException(src, "header." + name, "missing: sizes " + contents.metadata().get("sizes")
                    + " need a tensor of shape " + Arrays.toString(shape));
        }
        if (!Arrays.equals(t.shape(), shape)) {
            throw new ModelFormatException(src, "header." + name + ".shape", Arrays.toString(t.shape())
                    + " does not match sizes " + contents.metadata().get("sizes") + ", which need " + Arrays.toString(shape));
        }
        double[] v = t.values();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new ModelFormatException(src, name + "[" + i + "]", "is " + v[i]
                        + ": a model's parameters must be finite numbers");
            }
        }
        return t;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
