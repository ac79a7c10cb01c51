package dev.backprop.cli;

import dev.backprop.data.Csv;
import dev.backprop.data.Dataset;
import dev.backprop.data.NumpyData;
import dev.backprop.data.Task;
import dev.backprop.data.TrainTestSplit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads {@code --data csv:FILE} and {@code --data npz:FILE} into a training and a test set, as
 * {@link TabularOptions} say: the test set is {@code --test-data}, the archive's test arrays, or a seeded
 * {@code --test-fraction} of the file. A model being evaluated passes its classes and features, so the columns
 * and labels map to its inputs and outputs whatever their order in the file.
 */
final class TabularSource {

    /** The classes and features a model expects (empty lists: learn them from the data), and its output count. */
    record Expect(List<String> classNames, List<String> featureNames, int classes) {
        static final Expect NOTHING = new Expect(List.of(), List.of(), 0);
    }

    private TabularSource() {
    }

    static TrainTestSplit csv(Path file, TabularOptions o, long seed, Expect expect) throws IOException {
        requireFile(file, "--data csv:");
        Csv.Options options = new Csv.Options(o.target != null ? o.target : List.of(), o.taskOrNull(), List.of(),
                expect.featureNames()).withClassNames(expect.classNames());
        Dataset all = Csv.read(file, options);
        if (o.testData != null) {
            requireFile(o.testData, "--test-data ");
            Csv.Options testOptions = options.withFeatures(all.featureNames())
                    .withTask(all.task()).withClassNames(all.task() == Task.CLASSIFICATION ? all.classNames() : List.of());
            return new TrainTestSplit(all, Csv.read(o.testData, testOptions));
        }
        return all.split(o.testFractionOrDefault(), seed);
    }

    static TrainTestSplit npz(Path file, TabularOptions o, long seed, Expect expect) throws IOException {
        requireFile(file, "--data npz:");
        if (o.testData != null) {
            throw new IllegalArgumentException("--test-data is for CSV files; an .npz holds its test arrays "
                    + "(--arrays X,Y,XT,YT)");
        }
        List<String> names = o.arraysOrDefault();
        if (names.size() == 2) {
            Dataset all = NumpyData.loadTrain(file, names.get(0), names.get(1), o.taskOrNull(), expect.classes());
            return all.split(o.testFractionOrDefault(), seed);
        }
        if (names.size() != 4) {
            throw new IllegalArgumentException("--arrays " + String.join(",", names) + ": give four names (x_train, "
                    + "y_train, x_test, y_test) or two (inputs, targets; the test set is then a --test-fraction)");
        }
        return NumpyData.load(file, names, o.taskOrNull(), expect.classes());
    }

    private static void requireFile(Path file, String option) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(option + file + ": no such file");
        }
    }
}
