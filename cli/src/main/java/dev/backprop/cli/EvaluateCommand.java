package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.data.Dataset;
import dev.backprop.io.ModelFiles;
import dev.backprop.io.SavedModel;
import dev.backprop.nn.Network;
import dev.backprop.train.ConfusionMatrix;
import dev.backprop.train.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code backprop evaluate}: a saved model's accuracy, mean cost and confusion matrix on a data set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluates a saved model on a data set's test split (or another split) and prints its accuracy, "
                + "mean cost and confusion matrix (rows: true class, columns: predicted class)."},
        footer = {"", "Example:", "  backprop evaluate --model mnist.safetensors --data mnist"})
final class EvaluateCommand implements Callable<Integer> {

    /** Which part of the data to evaluate. */
    enum Split { TEST, TRAIN, VALIDATION }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", required = true,
            description = "The model: .safetensors (or a checkpoint) or network2 .json.")
    Path model;

    @Option(names = "--data", paramLabel = "SOURCE", defaultValue = "mnist",
            description = "mnist[:DIR], fashion-mnist[:DIR] or synthetic… as for train (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--split", paramLabel = "test|train|validation", defaultValue = "test",
            description = "test (default), train, or validation: the last --validation N training examples.")
    Split split;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "10000",
            description = "Size of the validation split, the last N training examples (default: ${DEFAULT-VALUE}).")
    int validation;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of a synthetic data set, as given to train (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Usage.require(spec, validation >= 1, "--validation " + validation + ": must be at least 1");
        Usage.require(spec, backendOptions.threads >= 1 && backendOptions.threads <= BackendConfig.MAX_THREADS,
                "--threads " + backendOptions.threads + ": must be between 1 and " + BackendConfig.MAX_THREADS);
        SavedModel saved = ModelFiles.read(model);
        DataSpec.Loaded loaded = DataSpec.load(data, seed);
        Dataset set = switch (split) {
            case TEST -> {
                if (loaded.test() == null) {
                    throw new IllegalArgumentException("--data " + data + " has no test set; use --split train");
                }
                yield loaded.test();
            }
            case TRAIN -> loaded.train();
            case VALIDATION -> {
                Dataset t = loaded.train();
                if (validation < 1 || validation >= t.size()) {
                    throw new IllegalArgumentException("--validation " + validation + " must be between 1 and "
                            + (t.size() - 1));
                }
                yield t.subset(t.size() - validation, t.size());
            }
        };
        try (Backend backend = backendOptions.create()) {
            Network net = saved.build(backend);
            ConfusionMatrix cm = ConfusionMatrix.of(net, set);
            Evaluation e = Evaluation.of(net, set);
            out.printf(Locale.ROOT, "model    %s (%s)%n", model, saved.describe());
            out.printf(Locale.ROOT, "data     %s, %,d examples%n", set.name(), set.size());
            out.printf(Locale.ROOT, "backend  %s%n", backend.description());
            out.printf(Locale.ROOT, "accuracy %.2f%% (%,d of %,d)   mean cost %.5f%n", 100 * cm.accuracy(), cm.correct(),
                    cm.total(), e.meanCost());
            out.println();
            print(out, cm);
            out.flush();
        }
        return 0;
    }

    /** The matrix with a recall column, e.g. for MNIST a 10×10 table of counts. */
    static void print(PrintWriter out, ConfusionMatrix cm) {
        int k = cm.classes();
        int width = Math.max(4, Integer.toString(cm.total()).length() + 1);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-10s", "true\\pred"));
        for (int j = 0; j < k; j++) {
            head.append(String.format(Locale.ROOT, "%" + width + "d", j));
        }
        out.println(head.append("   recall"));
        for (int i = 0; i < k; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-10d", i));
            for (int j = 0; j < k; j++) {
                row.append(String.format(Locale.ROOT, "%" + width + "d", cm.count(i, j)));
            }
            out.println(row.append(String.format(Locale.ROOT, "  %6.2f%%", 100 * cm.recall(i))));
        }
    }
}
