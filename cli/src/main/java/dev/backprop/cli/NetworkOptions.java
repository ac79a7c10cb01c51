package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.Network;
import picocli.CommandLine.Option;

import java.util.Arrays;

/** The options that describe a network, shared by the commands that build one. */
final class NetworkOptions {

    @Option(names = "--layers", paramLabel = "N,N,...", split = ",", hideParamSyntax = true,
            description = "Layer sizes from input to output, e.g. 784,30,10. Default: the data's input size, "
                    + "30, the data's classes.")
    int[] layers;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "sigmoid",
            description = "Hidden-layer activation: sigmoid, tanh, relu, identity, softmax (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--output", paramLabel = "NAME", defaultValue = "sigmoid",
            description = "Output-layer activation: sigmoid, softmax, … (default: ${DEFAULT-VALUE}).")
    String output;

    @Option(names = "--cost", paramLabel = "NAME", defaultValue = "quadratic",
            description = "Cost: quadratic, cross-entropy (binary; fused with sigmoid outputs), log-likelihood "
                    + "(categorical cross-entropy; fused with softmax outputs). Default: ${DEFAULT-VALUE}.")
    String cost;

    @Option(names = "--init", paramLabel = "NAME", defaultValue = "nielsen",
            description = "Initialiser: nielsen (N(0,1/n_in) weights, N(0,1) biases), nielsen-large (N(0,1)), "
                    + "xavier, he (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of the initial weights and of shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The layer sizes: as given (checked against the data), or input, 30, classes. */
    int[] sizes(int inputs, int classes) {
        int[] s = layers != null ? layers : new int[]{inputs, 30, classes};
        if (s.length < 2) {
            throw new IllegalArgumentException("--layers needs at least an input and an output size, e.g. "
                    + inputs + ",30," + classes);
        }
        if (s[0] != inputs || s[s.length - 1] != classes) {
            throw new IllegalArgumentException("--layers " + join(s) + " does not fit the data: it has " + inputs
                    + " inputs and " + classes + " classes, so the layers must start with " + inputs
                    + " and end with " + classes);
        }
        for (int n : s) {
            if (n < 1) {
                throw new IllegalArgumentException("--layers " + join(s) + ": every layer needs at least one neuron");
            }
        }
        return s;
    }

    Network build(Backend backend, int inputs, int classes) {
        return Network.builder(backend)
                .layers(sizes(inputs, classes), Activation.named(activation), Activation.named(output))
                .cost(Cost.named(cost))
                .initializer(Initializer.named(init))
                .seed(seed)
                .build();
    }

    /** A hint when the output and cost could use a fused BP1 but the chosen pairing does not. */
    String pairingHint() {
        Activation out = Activation.named(output);
        Cost c = Cost.named(cost);
        if (out == Activation.softmax() && c == Cost.crossEntropy()) {
            return "note: softmax with the binary cross-entropy; the usual softmax cross-entropy "
                    + "(Δ = A − Y) is --cost log-likelihood";
        }
        if (out != Activation.softmax() && c == Cost.logLikelihood()) {
            return "note: the log-likelihood with " + out.name() + " outputs: it only looks at the true class's "
                    + "output and pushes it up without a softmax pulling the others down, so it learns poorly; "
                    + "use --output softmax (or --cost cross-entropy for " + out.name() + ")";
        }
        return null;
    }

    static String join(int[] s) {
        return Arrays.toString(s).replaceAll("[\\[\\] ]", "");
    }
}
