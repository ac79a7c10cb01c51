package dev.backprop.cli;

import dev.backprop.io.StateDict;
import picocli.CommandLine.Option;

/**
 * The activations and cost of a model file that does not name them: a PyTorch state dict saved as
 * safetensors without backprop's metadata ({@link StateDict}). Ignored for files that describe themselves.
 */
final class StateDictOptions {

    @Option(names = "--activation", paramLabel = "NAME",
            description = "For a PyTorch state dict (no backprop metadata): the hidden layers' activation.")
    String hidden;

    @Option(names = "--output", paramLabel = "NAME",
            description = "For a PyTorch state dict: the output layer's activation, e.g. softmax or identity.")
    String output;

    @Option(names = "--cost", paramLabel = "NAME",
            description = "For a PyTorch state dict: the cost (default quadratic; it only changes the mean cost shown).")
    String cost;

    /** What was given, or null when --output was not (the file must then describe itself). */
    StateDict.Architecture architecture() {
        if (output == null) {
            if (hidden != null || cost != null) {
                throw new IllegalArgumentException("--activation and --cost describe a state dict together with "
                        + "--output NAME; add it");
            }
            return null;
        }
        return new StateDict.Architecture(hidden, output, cost);
    }
}
