package dev.backprop.cli;

import dev.backprop.backend.BackendConfig;
import dev.backprop.io.ModelFiles;
import dev.backprop.memory.MemoryBudget;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Initializer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The range of each {@code train} option, checked before anything is loaded. The same rules check what a
 * typed command line says (a usage error, exit 2) and what a resumed checkpoint restores (a damaged file,
 * exit 1, named as the file's and not as if the user had typed it).
 */
final class TrainOptionRules {

    /**
     * One option's value that breaks its rule.
     *
     * @param option e.g. {@code --batch}
     * @param value  the value as text
     * @param rule   what the value must be, e.g. "must be at least 1"
     */
    record Problem(String option, String value, String rule) {
        /** As typed: {@code --batch 0: must be at least 1}. */
        String message() {
            return option + " " + value + ": " + rule;
        }
    }

    private TrainOptionRules() {
    }

    /** Every option of {@code c} that breaks its rule, in the order of the help. */
    static List<Problem> check(TrainCommand c) {
        List<Problem> problems = new ArrayList<>();
        if (c.network.layers != null) {
            layers(problems, c.network.layers);
        }
        name(problems, "--activation", c.network.activation, () -> Activation.named(c.network.activation));
        name(problems, "--output", c.network.output, () -> Activation.named(c.network.output));
        name(problems, "--cost", c.network.cost, () -> Cost.named(c.network.cost));
        name(problems, "--init", c.network.init, () -> Initializer.named(c.network.init));
        atLeast(problems, "--epochs", c.epochs, 1);
        atLeast(problems, "--batch", c.batch, 1);
        if (c.eta != null && !(c.eta > 0 && Double.isFinite(c.eta))) {   // null: the optimizer's default
            problems.add(new Problem("--eta", Double.toString(c.eta), "the learning rate η must be a positive number"));
        }
        if (!(c.lambda >= 0 && Double.isFinite(c.lambda))) {
            problems.add(new Problem("--lambda", Double.toString(c.lambda), "the L2 parameter λ must be zero or positive"));
        }
        if (!(c.momentum >= 0 && c.momentum < 1)) {
            problems.add(new Problem("--momentum", Double.toString(c.momentum), "the momentum μ must be in [0, 1) "
                    + "(0 is plain SGD; 0.9 is usual)"));
        }
        if (!(c.etaDecay > 0 && c.etaDecay <= 1)) {
            problems.add(new Problem("--eta-decay", Double.toString(c.etaDecay), "the decay γ must be in (0, 1] "
                    + "(1 keeps η constant)"));
        }
        atLeast(problems, "--validation", c.validation, 0);
        atLeast(problems, "--train-size", c.trainSize, 0);
        if (c.backendOptions.threads < 1 || c.backendOptions.threads > BackendConfig.MAX_THREADS) {
            problems.add(new Problem("--threads", Integer.toString(c.backendOptions.threads), "must be between 1 and "
                    + BackendConfig.MAX_THREADS));
        }
        if (c.save != null) {
            name(problems, "--save", c.save.toString(), () -> ModelFiles.Format.of(c.save));
        }
        if (c.plot != null) {
            name(problems, "--plot", c.plot.toString(), () -> TrainingPlot.Format.of(c.plot));
        }
        return problems;
    }

    /** At least an input and an output size, each at least 1, and every W[l] within a Java array. */
    static void layers(List<Problem> problems, int[] layers) {
        String value = NetworkOptions.join(layers);
        if (layers.length < 2) {
            problems.add(new Problem("--layers", value, "needs at least an input and an output size, e.g. 784,30,10"));
            return;
        }
        for (int l = 0; l < layers.length; l++) {
            if (layers[l] < 1) {
                problems.add(new Problem("--layers", value, "every layer needs at least one neuron"));
                return;
            }
            if (l > 0 && (long) layers[l] * layers[l - 1] > MemoryBudget.MAX_ARRAY_LENGTH) {
                problems.add(new Problem("--layers", value, String.format(java.util.Locale.ROOT, "W[%d] would hold "
                        + "%,d×%,d weights, more than a Java array holds (%,d)", l, layers[l], layers[l - 1],
                        MemoryBudget.MAX_ARRAY_LENGTH)));
                return;
            }
        }
    }

    private static void atLeast(List<Problem> problems, String option, long value, long least) {
        if (value < least) {
            problems.add(new Problem(option, Long.toString(value), "must be at least " + least));
        }
    }

    /** Runs {@code lookup}; its IllegalArgumentException (an unknown name, a bad extension) is the problem. */
    private static void name(List<Problem> problems, String option, String value, Supplier<?> lookup) {
        try {
            lookup.get();
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(option, value, e.getMessage()));
        }
    }
}
