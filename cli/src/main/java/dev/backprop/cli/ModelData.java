package dev.backprop.cli;

import dev.backprop.data.Dataset;
import dev.backprop.data.Task;
import dev.backprop.io.ModelContext;
import dev.backprop.io.SavedModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The data a saved model is evaluated on: {@code --data} when given, else the data its training run recorded
 * (when that is still there), with the options not given explicitly taken from the record; and the model's
 * classes, features and normalisation applied, so the evaluation sees what training saw.
 */
final class ModelData {

    private ModelData() {
    }

    /**
     * The {@code --data} spec to use.
     *
     * @throws IllegalArgumentException when none is given and the model records none, or its data is gone,
     *                                  saying what to pass
     */
    static String source(String given, Path modelFile, SavedModel model) {
        if (given != null) {
            return given;
        }
        String recorded = model.context().data().get("source");
        if (recorded == null) {
            throw new IllegalArgumentException(modelFile + " does not record the data it was trained on (it was saved "
                    + "by other code or an older backprop); pass --data SOURCE, e.g. --data mnist or --data csv:FILE");
        }
        Path where = DataSpec.location(recorded);
        if (where != null && !Files.exists(where)) {
            throw new IllegalArgumentException(modelFile + " was trained on --data " + recorded + ", which is not there "
                    + "any more; pass --data SOURCE to evaluate it on data at another place");
        }
        return recorded;
    }

    /** What a model expects of tabular data: its class names, feature names and number of classes. */
    static TabularSource.Expect expect(SavedModel model) {
        ModelContext c = model.context();
        boolean classification = c.task() != Task.REGRESSION;
        int outputs = model.sizes()[model.sizes().length - 1];
        return new TabularSource.Expect(classification ? c.classNames() : List.of(), c.featureNames(),
                classification && c.task() != null ? outputs : 0);
    }

    /** The recorded value of {@code key}, or null. */
    static String recorded(SavedModel model, String key) {
        Map<String, String> data = model.context().data();
        return data.get(key);
    }

    /** {@code data} normalised as the model's training data was (unchanged when it was not). */
    static Dataset normalised(SavedModel model, Dataset data) {
        return model.context().scaling() != null ? model.context().scaling().apply(data) : data;
    }
}
