package dev.backprop.io;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A network as a file holds it, independent of any backend: layer sizes n_0..n_L, the activation of each
 * layer 1..L, the cost, the precision it was trained in, the parameters, and its {@link ModelContext} (task,
 * class and feature names, normalisation, training data; {@link ModelContext#NONE} when unknown).
 *
 * @param sizes       n_0 .. n_L
 * @param activations σ of layers 1..L (L entries), built-in names
 * @param cost        the cost's built-in name
 * @param precision   the precision the parameters were stored in
 * @param weights     W[1..L], each n_l × n_(l−1) row-major
 * @param biases      b[1..L], each n_l values
 * @param context     what the model was trained on and for
 */
public record SavedModel(int[] sizes, List<String> activations, String cost, Precision precision,
                         List<double[]> weights, List<double[]> biases, ModelContext context) {

    public SavedModel {
        Objects.requireNonNull(cost, "cost");
        context = context == null ? ModelContext.NONE : context;
        Objects.requireNonNull(precision, "precision");
        sizes = sizes.clone();
        activations = List.copyOf(activations);
        weights = List.copyOf(weights);
        biases = List.copyOf(biases);
        int layers = sizes.length - 1;
        if (layers < 1 || activations.size() != layers || weights.size() != layers || biases.size() != layers) {
            throw new IllegalArgumentException("a model of sizes " + Arrays.toString(sizes) + " needs " + layers
                    + " activations, weight and bias tensors; got " + activations.size() + ", " + weights.size()
                    + " and " + biases.size());
        }
        for (int l = 1; l <= layers; l++) {
            if (weights.get(l - 1).length != (long) sizes[l] * sizes[l - 1] || biases.get(l - 1).length != sizes[l]) {
                throw new IllegalArgumentException("layer " + l + " of sizes " + Arrays.toString(sizes)
                        + " needs " + sizes[l] + "×" + sizes[l - 1] + " weights and " + sizes[l] + " biases");
            }
        }
        context.check(sizes);
    }

    /** A model without context ({@link ModelContext#NONE}). */
    public SavedModel(int[] sizes, List<String> activations, String cost, Precision precision,
                      List<double[]> weights, List<double[]> biases) {
        this(sizes, activations, cost, precision, weights, biases, ModelContext.NONE);
    }

    /** The same model with {@code newContext}. */
    public SavedModel withContext(ModelContext newContext) {
        return new SavedModel(sizes, activations, cost, precision, weights, biases, newContext);
    }

    /** {@link #of(Network)} with {@code context}. */
    public static SavedModel of(Network network, ModelContext context) {
        return of(network).withContext(context);
    }

    /**
     * The model of {@code network}'s current parameters (copied).
     *
     * @throws IllegalArgumentException when an activation or the cost is not a built-in (a file can only name
     *                                  built-ins)
     */
    public static SavedModel of(Network network) {
        List<String> acts = new ArrayList<>();
        for (int l = 1; l <= network.layers(); l++) {
            acts.add(builtinActivation(network.activation(l)));
        }
        Cost cost = network.cost();
        if (!Cost.builtinNames().contains(cost.name()) || Cost.named(cost.name()) != cost) {
            throw new IllegalArgumentException("the cost '" + cost.name() + "' is not a built-in, so a model file "
                    + "cannot name it; built-ins are " + Cost.builtinNames());
        }
        List<double[]> w = new ArrayList<>();
        List<double[]> b = new ArrayList<>();
        for (int l = 1; l <= network.layers(); l++) {
            w.add(network.weights(l).toArray());
            b.add(network.biases(l).toArray());
        }
        return new SavedModel(network.sizes(), acts, cost.name(), network.backend().precision(), w, b);
    }

    private static String builtinActivation(Activation a) {
        if (!Activation.builtinNames().contains(a.name()) || Activation.named(a.name()) != a) {
            throw new IllegalArgumentException("the activation '" + a.name() + "' is not a built-in, so a model file "
                    + "cannot name it; built-ins are " + Activation.builtinNames());
        }
        return a.name();
    }

    /** L, the number of layers with weights. */
    public int layers() {
        return sizes.length - 1;
    }

    /** A network with these parameters on {@code backend} (rounded to its precision if that is lower). */
    public Network build(Backend backend) {
        Network.Builder b = Network.builder(backend).input(sizes[0]);
        for (int l = 1; l <= layers(); l++) {
            b.layer(sizes[l], Activation.named(activations.get(l - 1)));
        }
        return b.cost(Cost.named(cost)).parameters(weights, biases).build();
    }

    /** e.g. {@code 784-30-10 sigmoid,sigmoid quadratic f64}. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            s.append(i == 0 ? "" : "-").append(sizes[i]);
        }
        return s + " " + String.join(",", activations) + " " + cost + " " + precision.shortName();
    }
}
