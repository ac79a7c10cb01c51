package dev.backprop.io;

import dev.backprop.backend.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A safetensors file without backprop's {@code __metadata__}: a PyTorch {@code state_dict} of
 * {@code nn.Linear} layers, e.g. of {@code nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))}, whose
 * tensors are {@code 0.weight} [16, 4], {@code 0.bias} [16], {@code 2.weight} [3, 16], {@code 2.bias} [3]
 * (or {@code layers.0.weight}, {@code net.0.weight}, … : any common prefix). The shapes determine the layer
 * sizes (layers ordered by their index, each weight's input width equal to the previous one's output); the
 * activations and the cost are not in the file and come from an {@link Architecture}. A layer without a bias
 * ({@code bias=False}) gets zeros.
 */
public final class StateDict {

    /** A Linear layer's tensor: PREFIX, the layer's index K, weight or bias. */
    private static final Pattern LINEAR = Pattern.compile("((?:.*\\.)?)(0|[1-9]\\d{0,8})\\.(weight|bias)");

    private StateDict() {
    }

    /**
     * What a state dict does not say: the hidden layers' activation, the output layer's and the cost, as
     * built-in names ({@code relu}, {@code softmax}, {@code log-likelihood}, …).
     *
     * @param hidden the activation of every layer but the last; may be null for a single-layer network
     * @param output the last layer's activation
     * @param cost   the cost; null for {@code quadratic} (it only matters to training and the reported cost)
     */
    public record Architecture(String hidden, String output, String cost) {

        public Architecture {
            Objects.requireNonNull(output, "output");
            for (String a : Arrays.asList(hidden, output)) {
                if (a != null && !Activation.builtinNames().contains(a)) {
                    throw new IllegalArgumentException("'" + a + "' is not a built-in activation; built-ins are "
                            + Activation.builtinNames());
                }
            }
            if (cost != null && !Cost.builtinNames().contains(cost)) {
                throw new IllegalArgumentException("'" + cost + "' is not a built-in cost; built-ins are "
                        + Cost.builtinNames());
            }
        }
    }

    /**
     * The model in {@code contents}, a state dict without {@code __metadata__} sizes.
     *
     * @param architecture the activations and cost; null to be told, in the exception, which sizes the file
     *                     holds and what to give
     * @throws ModelFormatException naming the tensor that is not a Linear layer's, or whose shape breaks the
     *                              chain; or naming what to give when {@code architecture} is null or lacks
     *                              the hidden activation a deeper network needs
     */
    static SavedModel model(Safetensors.Contents contents, String src, Architecture architecture)
            throws ModelFormatException {
        String prefix = null;
        TreeMap<Integer, Safetensors.Tensor[]> layers = new TreeMap<>();      // K → {weight, bias}
        for (Map.Entry<String, Safetensors.Tensor> e : contents.tensors().entrySet()) {
            Matcher m = LINEAR.matcher(e.getKey());
            if (!m.matches()) {
                throw new ModelFormatException(src, "header." + e.getKey(), "is not a Linear layer's weight or bias; "
                        + "without backprop's __metadata__ a file is read as a PyTorch state dict of nn.Linear "
                        + "layers only (K.weight, K.bias, optionally under a prefix such as layers.)");
            }
            if (prefix == null) {
                prefix = m.group(1);
            } else if (!prefix.equals(m.group(1))) {
                throw new ModelFormatException(src, "header." + e.getKey(), "its prefix '" + m.group(1)
                        + "' differs from '" + prefix + "'; a state dict of one nn.Sequential has one prefix");
            }
            Safetensors.Tensor[] pair = layers.computeIfAbsent(Integer.parseInt(m.group(2)),
                    k -> new Safetensors.Tensor[2]);
            pair[m.group(3).equals("weight") ? 0 : 1] = e.getValue();
        }
        if (layers.isEmpty()) {
            throw new ModelFormatException(src, "header", "holds no tensors");
        }
        List<Integer> sizes = new ArrayList<>();
        List<double[]> weights = new ArrayList<>(), biases = new ArrayList<>();
        Safetensors.Dtype dtype = null;
        for (Map.Entry<Integer, Safetensors.Tensor[]> e : layers.entrySet()) {
            String name = prefix + e.getKey();
            Safetensors.Tensor w = e.getValue()[0], b = e.getValue()[1];
            if (w == null) {
                throw new ModelFormatException(src, "header." + name + ".weight", "missing: " + name
                        + ".bias has no weight beside it");
            }
            int[] shape = w.shape();
            if (shape.length != 2 || shape[0] < 1 || shape[1] < 1) {
                throw new ModelFormatException(src, "header." + name + ".weight.shape", Arrays.toString(shape)
                        + " is not a Linear layer's [out_features, in_features]");
            }
            if (sizes.isEmpty()) {
                sizes.add(shape[1]);
            } else if (shape[1] != sizes.get(sizes.size() - 1)) {
                throw new ModelFormatException(src, "header." + name + ".weight.shape", Arrays.toString(shape)
                        + " takes " + shape[1] + " inputs but the layer before it has " + sizes.get(sizes.size() - 1)
                        + " outputs");
            }
            sizes.add(shape[0]);
            if (b != null && !Arrays.equals(b.shape(), new int[]{shape[0]})) {
                throw new ModelFormatException(src, "header." + name + ".bias.shape", Arrays.toString(b.shape())
                        + " does not match the weight's " + shape[0] + " outputs");
            }
            for (Safetensors.Tensor t : b == null ? List.of(w) : List.of(w, b)) {
                if (dtype != null && t.dtype() != dtype) {
                    throw new ModelFormatException(src, "header." + name, "mixes " + dtype + " and " + t.dtype()
                            + "; save every tensor in one precision");
                }
                dtype = t.dtype();
                for (int i = 0; i < t.values().length; i++) {
                    if (!Double.isFinite(t.values()[i])) {
                        throw new ModelFormatException(src, name + (t == w ? ".weight" : ".bias") + "[" + i + "]",
                                "is " + t.values()[i] + ": a model's parameters must be finite numbers");
                    }
                }
            }
            weights.add(w.values());
            biases.add(b != null ? b.values() : new double[shape[0]]);
        }
        int[] s = sizes.stream().mapToInt(Integer::intValue).toArray();
        String shape = String.join("-", sizes.stream().map(String::valueOf).toList());
        if (architecture == null || (s.length > 2 && architecture.hidden() == null)) {
            throw new ModelFormatException(src, "header." + Safetensors.METADATA, "absent: this is a state dict "
                    + "(e.g. PyTorch's) without backprop's description; its shapes give layers " + shape
                    + ", so give the activations: " + (s.length > 2 ? "--activation NAME for the hidden layers, " : "")
                    + "--output NAME and optionally --cost NAME (in Java: a StateDict.Architecture)");
        }
        List<String> activations = new ArrayList<>();
        for (int l = 1; l < s.length; l++) {
            activations.add(l == s.length - 1 ? architecture.output() : architecture.hidden());
        }
        Precision precision = dtype == Safetensors.Dtype.F64 ? Precision.FLOAT64 : Precision.FLOAT32;
        return new SavedModel(s, activations, architecture.cost() != null ? architecture.cost() : "quadratic",
                precision, weights, biases);
    }
}
