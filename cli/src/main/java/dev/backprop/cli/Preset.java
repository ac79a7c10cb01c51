package dev.backprop.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Named sets of {@code train} options that reproduce a known run. A preset fills in every option the user did
 * not give; an option given on the command line always wins.
 */
enum Preset {

    /** Nielsen, chapter 1 (network.py): 784-30-10 sigmoid, quadratic cost, N(0,1) init, η = 3.0; book: 95.42%. */
    NIELSEN_CH1("nielsen-ch1", "Nielsen ch. 1: 784-30-10 sigmoid, quadratic cost, N(0,1) init, η=3.0, batch 10, "
            + "30 epochs on the first 50,000 images (book: 95.42% test)", book(30)
            .put("--cost", "quadratic").put("--init", "nielsen-large").put("--eta", 3.0).put("--lambda", 0.0)),

    /** Chapter 1 with 100 hidden neurons; book: 96.59%. */
    NIELSEN_CH1_100("nielsen-ch1-100", "Nielsen ch. 1 with 100 hidden neurons (book: 96.59% test)", book(100)
            .put("--cost", "quadratic").put("--init", "nielsen-large").put("--eta", 3.0).put("--lambda", 0.0)),

    /**
     * Chapter 3 (network2.py): 784-100-10 sigmoid, cross-entropy, N(0,1/n_in) init, L2 λ = 5.0 (n = 50,000),
     * η = 0.5; book: 97.92% on the validation set.
     */
    NIELSEN_CH3("nielsen-ch3", "Nielsen ch. 3: 784-100-10 sigmoid, cross-entropy, N(0,1/n_in) init, L2 λ=5.0, "
            + "η=0.5, batch 10, 30 epochs (book: 97.92% validation)", book(100)
            .put("--cost", "cross-entropy").put("--init", "nielsen").put("--eta", 0.5).put("--lambda", 5.0)),

    /**
     * The chapter-3 network and data split (784-100-10, 50,000 training images, the last 10,000 for validation)
     * trained the way one would today: ReLU with He initialisation and a softmax output with the log-likelihood
     * cost, Adam (η = 2e-3) with network2's L2 (λ = 5.0), dropout 0.2 on the hidden layer, cosine annealing over
     * 150 epochs of batch 32. The layer sizes and the data are the book's; activations, cost and training are not.
     */
    NIELSEN_CH3_ADAM("nielsen-ch3-adam", "the ch. 3 network and split, 784-100-10, with ReLU, He init, softmax + "
            + "log-likelihood, Adam η=2e-3, L2 λ=5.0, dropout 0.2, cosine annealing, batch 32, 150 epochs (book: 97.92% "
            + "validation with SGD)", book(100)
            .put("--activation", "relu").put("--output", "softmax").put("--cost", "log-likelihood").put("--init", "he")
            .put("--optimizer", "adam").put("--eta", 2e-3).put("--lambda", 5.0).put("--dropout", 0.2)
            .put("--schedule", "cosine").put("--batch", 32).put("--epochs", 150)),

    /**
     * A modern MLP: ReLU hidden layers with He initialisation, softmax output with the log-likelihood
     * (categorical cross-entropy) cost, AdamW (η = 1e-3, decoupled weight decay 0.05) with one epoch of warm-up
     * then cosine annealing, dropout 0.3 on the hidden layers, batch 64, 40 epochs, trained on all 60,000
     * training images. Also the preset for Fashion-MNIST ({@code --data fashion-mnist}).
     */
    MODERN("modern", "ReLU 784-500-300-10, He init, softmax + log-likelihood, AdamW η=1e-3 with weight decay 0.05, "
            + "1 epoch of warm-up then cosine annealing, dropout 0.3, batch 64, 40 epochs on all 60,000 images",
            new Values().put("--data", "mnist").put("--validation", 0).put("--layers", new int[]{784, 500, 300, 10})
            .put("--activation", "relu").put("--output", "softmax").put("--cost", "log-likelihood")
            .put("--init", "he").put("--optimizer", "adamw").put("--eta", 1e-3).put("--weight-decay", 0.05)
            .put("--momentum", 0.0).put("--eta-decay", 1.0).put("--lambda", 0.0).put("--schedule", "cosine")
            .put("--warmup", 1).put("--dropout", 0.3).put("--batch", 64).put("--epochs", 40));

    private final String label;
    private final String summary;
    private final Map<String, Object> values;

    Preset(String label, String summary, Values values) {
        this.label = label;
        this.summary = summary;
        this.values = values.map;
    }

    /** The book's common settings: MNIST's first 50,000 images for training, sigmoid layers, batch 10, 30 epochs. */
    private static Values book(int hidden) {
        return new Values().put("--data", "mnist").put("--validation", 10_000)
                .put("--layers", new int[]{784, hidden, 10}).put("--activation", "sigmoid").put("--output", "sigmoid")
                .put("--batch", 10).put("--epochs", 30).put("--momentum", 0.0).put("--eta-decay", 1.0);
    }

    String label() {
        return label;
    }

    String summary() {
        return summary;
    }

    /** The preset's value of {@code option}, or null when it does not set it. */
    Object value(String option) {
        return values.get(option);
    }

    /**
     * Sets every option of this preset that {@code parsed} did not match, in {@code spec}'s command (and its
     * mixins), to the preset's value.
     */
    void applyTo(CommandSpec spec, ParseResult parsed) {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!parsed.hasMatchedOption(e.getKey())) {
                OptionSpec option = spec.findOption(e.getKey());
                if (option == null) {
                    throw new IllegalStateException("preset " + label + " sets " + e.getKey()
                            + ", which the command does not have");
                }
                option.setValue(e.getValue());
            }
        }
    }

    /** The preset called {@code name}, or an error listing the presets. */
    static Preset named(String name) {
        for (Preset p : values()) {
            if (p.label.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "'; presets are: " + Arrays.stream(values())
                .map(Preset::label).collect(Collectors.joining(", ")));
    }

    /** An insertion-ordered option → value map with a fluent put. */
    private static final class Values {
        final Map<String, Object> map = new LinkedHashMap<>();

        Values put(String option, Object value) {
            map.put(option, value);
            return this;
        }
    }
}
