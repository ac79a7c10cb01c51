package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.data.Dataset;
import dev.backprop.nn.Network;
import dev.backprop.train.EpochStats;
import dev.backprop.train.Evaluation;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingConfig;
import dev.backprop.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code backprop train}: mini-batch SGD on a data set, one line per epoch. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trains a network by mini-batch SGD and prints the cost and accuracy after every epoch.",
                "With no options it trains on a built-in synthetic data set (3 interleaved spirals)."})
final class TrainCommand implements Callable<Integer> {

    /** Training sets up to this size are re-evaluated exactly after each epoch; bigger ones show the running figure. */
    static final int EXACT_TRAIN_EVALUATION_LIMIT = 20_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = DataSpec.DEFAULT,
            description = "synthetic, synthetic:spirals, synthetic:blobs, mnist:DIR or fashion-mnist:DIR "
                    + "(default: ${DEFAULT-VALUE}).")
    String data;

    @Mixin
    NetworkOptions network;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "30", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "M", defaultValue = "10", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--eta", paramLabel = "η", defaultValue = "3.0", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--lambda", paramLabel = "λ", defaultValue = "0.0",
            description = "L2 regularisation, network2's (1 − ηλ/n) weight decay (default: ${DEFAULT-VALUE}).")
    double lambda;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "0",
            description = "Hold out the last N training examples as a validation set (the book uses 10000).")
    int validation;

    @Option(names = "--no-shuffle", description = "Keep the data order instead of shuffling each epoch.")
    boolean noShuffle;

    @Option(names = "--eval-train", description = "Evaluate the whole training set after each epoch even when it is "
            + "larger than " + EXACT_TRAIN_EVALUATION_LIMIT + " examples (otherwise the running accuracy is shown).")
    boolean evalTrain;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DataSpec.Loaded loaded = DataSpec.load(data, network.seed);
        Dataset train = loaded.train();
        Dataset heldOut = null;
        if (validation > 0) {
            if (validation >= train.size()) {
                throw new IllegalArgumentException("--validation " + validation + " leaves no training data: the "
                        + "training set has " + train.size() + " examples");
            }
            heldOut = train.subset(train.size() - validation, train.size());
            train = train.subset(0, train.size() - validation);
        }
        TrainingConfig config = new TrainingConfig(epochs, batch, eta, lambda, !noShuffle, network.seed, true);
        try (Backend backend = backendOptions.create()) {
            Network net = network.build(backend, train.inputSize(), train.classes());
            out.printf(Locale.ROOT, "data     %s: %,d training%s%s examples%n", train.name(), train.size(),
                    heldOut != null ? String.format(Locale.ROOT, ", %,d validation", heldOut.size()) : "",
                    loaded.test() != null ? String.format(Locale.ROOT, ", %,d test", loaded.test().size()) : "");
            out.printf(Locale.ROOT, "network  %s, init %s, seed %d, %,d parameters%n", net, network.init,
                    network.seed, net.parameterCount());
            out.printf(Locale.ROOT, "backend  %s%n", backend.description());
            out.printf(Locale.ROOT, "sgd      %d epochs, batch %d, η = %s, λ = %s%s%n", epochs, batch, eta, lambda,
                    noShuffle ? ", no shuffling" : "");
            String hint = network.pairingHint();
            if (hint != null) {
                out.println(hint);
            }
            out.flush();
            boolean exactTrain = evalTrain || train.size() <= EXACT_TRAIN_EVALUATION_LIMIT;
            Dataset trainSet = train, validationSet = heldOut, testSet = loaded.test();
            long start = System.nanoTime();
            new Trainer(net, config).fit(train, new TrainingListener() {
                @Override
                public void epochDone(EpochStats s) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %" + width(epochs)
                            + "d/%d  cost %.5f", s.epoch(), epochs, s.runningCost()));
                    if (exactTrain) {
                        line.append(percent("  train ", Evaluation.of(net, trainSet).accuracy()));
                    } else {
                        line.append(percent("  train≈", s.runningAccuracy()));
                    }
                    if (validationSet != null) {
                        line.append(percent("  validation ", Evaluation.of(net, validationSet).accuracy()));
                    }
                    if (testSet != null) {
                        line.append(percent("  test ", Evaluation.of(net, testSet).accuracy()));
                    }
                    line.append(String.format(Locale.ROOT, "  %.1f s, %,.0f ex/s", s.seconds(), s.examplesPerSecond()));
                    out.println(line);
                    out.flush();
                }
            });
            out.printf(Locale.ROOT, "trained in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        return 0;
    }

    private static String percent(String label, double fraction) {
        return String.format(Locale.ROOT, "%s%.2f%%", label, 100 * fraction);
    }

    private static int width(int n) {
        return Integer.toString(n).length();
    }
}
