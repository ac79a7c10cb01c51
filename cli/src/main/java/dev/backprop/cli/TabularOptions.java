package dev.backprop.cli;

import dev.backprop.data.NumpyData;
import dev.backprop.data.Task;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of your own data ({@code --data csv:FILE}, {@code --data npz:FILE}), shared by {@code train} and
 * {@code evaluate}: which column is the target, the task, and where the test set comes from. Every field is
 * null when not given, so that {@code evaluate} can fall back on what the model recorded.
 */
final class TabularOptions {

    static final double DEFAULT_TEST_FRACTION = 0.2;

    @Option(names = "--target", paramLabel = "NAME,...", split = ",", hideParamSyntax = true,
            description = "CSV: the target column (default: the last); several columns make a regression target.")
    List<String> target;

    @Option(names = "--task", paramLabel = "auto|classification|regression",
            description = "What the target is. auto (default): CSV text or NumPy integer labels are classes, "
                    + "numbers are regression targets.")
    String task;

    @Option(names = "--test-data", paramLabel = "FILE",
            description = "CSV: a separate test file with the same columns (instead of a split of --data).")
    Path testData;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "CSV, or an .npz without test arrays: hold out this fraction, drawn with --seed, as the "
                    + "test set (default: " + DEFAULT_TEST_FRACTION + ").")
    Double testFraction;

    @Option(names = "--arrays", paramLabel = "X,Y,XT,YT", split = ",", hideParamSyntax = true,
            description = "NPZ: the names of the training inputs and targets and the test inputs and targets "
                    + "(default: x_train,y_train,x_test,y_test; give two for a split of your own).")
    List<String> arrays;

    /** The task asked for; null for auto. */
    Task taskOrNull() {
        return task == null || task.equalsIgnoreCase("auto") ? null : Task.parse(task);
    }

    double testFractionOrDefault() {
        return testFraction != null ? testFraction : DEFAULT_TEST_FRACTION;
    }

    List<String> arraysOrDefault() {
        return arrays != null ? arrays : NumpyData.DEFAULT_NAMES;
    }

    /** The options as a model records them (absolute paths), beside the data source. */
    void record(Map<String, String> data) {
        if (target != null) {
            data.put("target", String.join(",", target));
        }
        if (task != null) {
            data.put("task", task.toLowerCase(Locale.ROOT));
        }
        if (testData != null) {
            data.put("test-data", testData.toAbsolutePath().normalize().toString());
        }
        if (testFraction != null) {
            data.put("test-fraction", testFraction.toString());
        }
        if (arrays != null) {
            data.put("arrays", String.join(",", arrays));
        }
    }

    /** Fills the options not given from what a model recorded. */
    void fillFrom(Map<String, String> data) {
        if (target == null && data.containsKey("target")) {
            target = List.of(data.get("target").split(","));
        }
        if (task == null) {
            task = data.get("task");
        }
        if (testData == null && data.containsKey("test-data")) {
            testData = Path.of(data.get("test-data"));
        }
        if (testFraction == null && data.containsKey("test-fraction")) {
            testFraction = Double.parseDouble(data.get("test-fraction"));
        }
        if (arrays == null && data.containsKey("arrays")) {
            arrays = List.of(data.get("arrays").split(","));
        }
    }
}
