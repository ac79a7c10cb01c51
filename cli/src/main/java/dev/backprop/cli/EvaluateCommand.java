package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.data.Dataset;
import dev.backprop.io.ModelFiles;
import dev.backprop.io.SavedModel;
import dev.backprop.nn.Network;
import dev.backprop.train.ConfusionMatrix;
import dev.backprop.data.Task;
import dev.backprop.train.Evaluation;
import dev.backprop.train.RegressionMetrics;
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
        footer = {"", "Examples:", "  backprop evaluate --model mnist.safetensors            (the data it was trained on)",
                "  backprop evaluate --model iris.safetensors --data csv:other.csv",
                "  backprop evaluate --model torch.safetensors --data mnist --activation relu --output softmax"})
final class EvaluateCommand implements Callable<Integer> {

    /** Which part of the data to evaluate. */
    enum Split { TEST, TRAIN, VALIDATION }

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", required = true,
            description = "The model: .safetensors (or a checkpoint) or network2 .json.")
    Path model;

    @Option(names = "--data", paramLabel = "SOURCE",
            description = "As for train: synthetic…, mnist[:DIR], fashion-mnist[:DIR], csv:FILE, npz:FILE. Default: the "
                    + "data the model was trained on, which a model saved by backprop train records.")
    String data;

    @Mixin
    TabularOptions tabular;

    @Option(names = "--split", paramLabel = "test|train|validation", defaultValue = "test",
            description = "test (default), train, or validation: the last --validation N training examples.")
    Split split;

    @Option(names = "--validation", paramLabel = "N", defaultValue = "10000",
            description = "Size of the validation split, the last N training examples (default: ${DEFAULT-VALUE}).")
    int validation;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Seed of a synthetic data set or of a --test-fraction split, as given to train (default: the "
                    + "model's recorded seed, else ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    StateDictOptions stateDict;

    @Mixin
    BackendOptions backendOptions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Usage.require(spec, validation >= 1, "--validation " + validation + ": must be at least 1");
        Usage.require(spec, backendOptions.threads >= 1 && backendOptions.threads <= BackendConfig.MAX_THREADS,
                "--threads " + backendOptions.threads + ": must be between 1 and " + BackendConfig.MAX_THREADS);
        SavedModel saved = ModelFiles.read(model, stateDict.architecture());
        var parsed = spec.commandLine().getParseResult();
        String source = ModelData.source(data, model, saved);
        String recordedSeed = ModelData.recorded(saved, "seed"), recordedValidation = ModelData.recorded(saved, "validation");
        if (!parsed.hasMatchedOption("--seed") && recordedSeed != null) {
            seed = Long.parseLong(recordedSeed);
        }
        if (!parsed.hasMatchedOption("--validation") && recordedValidation != null) {
            validation = Integer.parseInt(recordedValidation);
        }
        tabular.fillFrom(saved.context().data());
        data = source;
        DataSpec.Loaded loaded = DataSpec.load(source, seed, tabular, ModelData.expect(saved));
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
        set = ModelData.normalised(saved, set);
        try (Backend backend = backendOptions.create()) {
            Network net = saved.build(backend);
            Evaluation e = Evaluation.of(net, set);
            out.printf(Locale.ROOT, "model    %s (%s)%n", model, saved.describe());
            out.printf(Locale.ROOT, "data     %s, %,d examples%s%n", set.name(), set.size(), data.startsWith("csv:")
                    || data.startsWith("npz:") ? " (" + data + ")" : "");
            out.printf(Locale.ROOT, "backend  %s%n", backend.description());
            if (e.task() == Task.REGRESSION) {
                RegressionMetrics r = e.regression();
                out.printf(Locale.ROOT, "RMSE %.6g   MAE %.6g   R² %.4f   mean cost %.5f%n", r.rmse(), r.mae(), r.r2(),
                        e.meanCost());
                if (r.outputs() > 1) {
                    printTargets(out, r, set.targetNames());
                }
            } else {
                ConfusionMatrix cm = e.confusionMatrix();
                out.printf(Locale.ROOT, "accuracy %.2f%% (%,d of %,d)   mean cost %.5f%n", 100 * cm.accuracy(),
                        cm.correct(), cm.total(), e.meanCost());
                out.println();
                print(out, cm);
                out.println();
                printPerClass(out, cm);
            }
            out.flush();
        }
        return 0;
    }

    /** Precision, recall, F1 and support of each class, and their macro average. */
    static void printPerClass(PrintWriter out, ConfusionMatrix cm) {
        int width = Math.max(9, cm.classNames().stream().mapToInt(String::length).max().orElse(0) + 1);
        out.printf(Locale.ROOT, "%-" + width + "s %9s %9s %9s %9s%n", "class", "precision", "recall", "F1", "support");
        for (int k = 0; k < cm.classes(); k++) {
            out.printf(Locale.ROOT, "%-" + width + "s %9s %9s %9s %9d%n", cm.classNames().get(k), ratio(cm.precision(k)),
                    ratio(cm.recall(k)), ratio(cm.f1(k)), cm.support(k));
        }
        out.printf(Locale.ROOT, "%-" + width + "s %9s %9s %9s %9d%n", "macro", "", "", ratio(cm.macroF1()), cm.total());
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** RMSE, MAE and R² of each target value of a wide regression target. */
    static void printTargets(PrintWriter out, RegressionMetrics r, java.util.List<String> names) {
        out.println();
        out.printf(Locale.ROOT, "%-12s %12s %12s %9s%n", "target", "RMSE", "MAE", "R²");
        for (int k = 0; k < r.outputs(); k++) {
            out.printf(Locale.ROOT, "%-12s %12.6g %12.6g %9.4f%n", names.isEmpty() ? Integer.toString(k) : names.get(k),
                    r.rmse(k), r.mae(k), r.r2(k));
        }
    }

    /**
     * The matrix with a recall column, e.g. for MNIST a 10×10 table of counts. Rows are named by class; columns
     * too when the names are short, else by class index (the row names then say which index is which).
     */
    static void print(PrintWriter out, ConfusionMatrix cm) {
        int k = cm.classes();
        java.util.List<String> names = cm.classNames();
        int longest = names.stream().mapToInt(String::length).max().orElse(0);
        boolean namesFit = longest <= 12;                    // short names head the columns, long ones only the rows
        int width = Math.max(Math.max(4, Integer.toString(cm.total()).length() + 1), namesFit ? longest + 2 : 0);
        int rowWidth = Math.max(10, names.stream().mapToInt(String::length).max().orElse(0) + (namesFit ? 1 : 6));
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-" + rowWidth + "s", "true\\pred"));
        for (int j = 0; j < k; j++) {
            head.append(String.format(Locale.ROOT, "%" + width + "s", namesFit ? names.get(j) : Integer.toString(j)));
        }
        out.println(head.append("   recall"));
        for (int i = 0; i < k; i++) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-" + rowWidth + "s",
                    namesFit ? names.get(i) : i + " " + names.get(i)));
            for (int j = 0; j < k; j++) {
                row.append(String.format(Locale.ROOT, "%" + width + "d", cm.count(i, j)));
            }
            out.println(row.append(String.format(Locale.ROOT, "  %6.2f%%", 100 * cm.recall(i))));
        }
    }
}
