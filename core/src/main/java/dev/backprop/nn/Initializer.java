package dev.backprop.nn;

import dev.backprop.random.Rng;

import java.util.List;

/**
 * How a layer's weights and biases start. Given the same {@link Rng} state an initializer produces the same
 * values, so a seed fixes a network bit for bit.
 */
public interface Initializer {

    /** The name the command line uses, e.g. {@code he}. */
    String name();

    /**
     * Fills a layer's parameters.
     *
     * @param fanIn   n_(l−1), the layer's inputs
     * @param fanOut  n_l, the layer's neurons
     * @param rng     the random source, consumed weights first (row-major), then biases
     * @param weights n_l·n_(l−1) values, row-major (row = neuron)
     * @param biases  n_l values
     */
    void initialize(int fanIn, int fanOut, Rng rng, double[] weights, double[] biases);

    /** Nielsen's default (network2): weights N(0, 1/n_in), biases N(0, 1). */
    static Initializer nielsen() {
        return BuiltinInitializer.NIELSEN;
    }

    /** Nielsen's "large" initialisation (network.py, chapter 1): weights and biases N(0, 1). */
    static Initializer nielsenLarge() {
        return BuiltinInitializer.NIELSEN_LARGE;
    }

    /** Xavier/Glorot uniform (Glorot and Bengio, 2010): weights U(±√(6/(n_in + n_out))), biases 0. */
    static Initializer xavier() {
        return BuiltinInitializer.XAVIER;
    }

    /** He (He et al., 2015), for ReLU layers: weights N(0, 2/n_in), biases 0. */
    static Initializer he() {
        return BuiltinInitializer.HE;
    }

    /** The built-in initializer with this name (case-insensitive). */
    static Initializer named(String name) {
        return BuiltinNames.lookup("initializer", name, BuiltinInitializer.ALL, Initializer::name, "");
    }

    /** The names {@link #named(String)} accepts. */
    static List<String> builtinNames() {
        return BuiltinNames.names(BuiltinInitializer.ALL, Initializer::name);
    }
}
