package dev.backprop.cli;

import dev.backprop.io.SavedModel;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import picocli.CommandLine.ParseResult;

import java.util.Arrays;
import java.util.List;

/**
 * The network options typed beside a saved network ({@code --from MODEL}, or {@code --resume}'s checkpoint):
 * each may repeat what the file holds, which is accepted (the help says "rerun the same with --resume"), but
 * none may contradict it, since the file's network is the one that trains.
 */
final class ModelAgreement {

    private ModelAgreement() {
    }

    /**
     * @param source how to name the file in a message, e.g. {@code --from m.json} or {@code the checkpoint F}
     * @throws IllegalArgumentException naming the first typed option that differs from the file
     */
    static void check(ParseResult parsed, NetworkOptions network, SavedModel model, String source) {
        List<String> acts = model.activations();
        if (parsed.hasMatchedOption("--layers") && !Arrays.equals(network.layers, model.sizes())) {
            throw contradiction("--layers", NetworkOptions.join(network.layers), source, model);
        }
        if (parsed.hasMatchedOption("--activation")) {
            String hidden = Activation.named(network.activation).name();
            if (acts.subList(0, acts.size() - 1).stream().anyMatch(a -> !a.equals(hidden))) {
                throw contradiction("--activation", network.activation, source, model);
            }
        }
        if (parsed.hasMatchedOption("--output")
                && !Activation.named(network.output).name().equals(acts.get(acts.size() - 1))) {
            throw contradiction("--output", network.output, source, model);
        }
        if (parsed.hasMatchedOption("--cost") && !Cost.named(network.cost).name().equals(model.cost())) {
            throw contradiction("--cost", network.cost, source, model);
        }
    }

    private static IllegalArgumentException contradiction(String option, String given, String source,
                                                          SavedModel model) {
        return new IllegalArgumentException(option + " " + given + " contradicts " + source + ", which is "
                + model.describe() + "; drop " + option + " (or give the file's value)");
    }
}
