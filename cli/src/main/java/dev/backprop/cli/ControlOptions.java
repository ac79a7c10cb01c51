package dev.backprop.cli;

import dev.backprop.data.Task;

import dev.backprop.nn.Dropout;
import dev.backprop.train.DivergenceGuard;
import dev.backprop.train.EarlyStopping;
import dev.backprop.train.Monitor;
import picocli.CommandLine.Option;

/**
 * {@code train}'s regularisation and run control: dropout, the monitored metric that picks the best epoch (the
 * one {@code --save} keeps), early stopping, replacing a saved model, and the divergence check.
 */
final class ControlOptions {

    @Option(names = "--dropout", paramLabel = "p", defaultValue = "0",
            description = "Inverted dropout on every hidden layer: each activation is dropped with probability p "
                    + "while training (seeded by --seed), never in evaluation (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--monitor", paramLabel = "METRIC",
            description = "What picks the best epoch (the one --save keeps) and early stopping watches: "
                    + "validation-accuracy, validation-cost, validation-rmse (a regression) or training-cost. Default: "
                    + "validation-accuracy (a regression: validation-rmse) with --validation, else training-cost.")
    String monitor;

    @Option(names = "--patience", paramLabel = "N", defaultValue = "0",
            description = "Stop early after N epochs without improvement of the monitored metric (default: "
                    + "${DEFAULT-VALUE}, never).")
    int patience;

    @Option(names = "--min-delta", paramLabel = "d", defaultValue = "0",
            description = "The improvement that resets --patience, in the metric's units (0.001 is 0.1 points of "
                    + "accuracy; default: ${DEFAULT-VALUE}).")
    double minDelta;

    @Option(names = "--overwrite",
            description = "Let --save replace an existing model even when this run's best is worse on the monitored "
                    + "metric (by default it is kept, and this run's model goes next to it).")
    boolean overwrite;

    @Option(names = "--divergence-epochs", paramLabel = "N", defaultValue = "" + DivergenceGuard.DEFAULT_RISING_EPOCHS,
            description = "Stop as diverged when the training cost rises N epochs in a row (by "
                    + DivergenceGuard.MIN_RISE_PERCENT + "%% or more; default: ${DEFAULT-VALUE}).")
    int divergenceEpochs;

    Dropout dropout() {
        return dropout == 0 ? Dropout.none() : Dropout.hidden(dropout);
    }

    /** The monitored metric for a run of {@code task} with or without a validation set, checked against it. */
    Monitor monitor(boolean hasValidation, Task task) {
        if (monitor == null) {
            return Monitor.defaultFor(hasValidation, task);
        }
        Monitor m = Monitor.named(monitor);
        if (m.needsValidation() && !hasValidation) {
            throw new IllegalArgumentException("--monitor " + m + " needs a validation set: add --validation N (the "
                    + "book holds out 10000), or --monitor training-cost");
        }
        return m;
    }

    /** The command line always ends a run with its best epoch's parameters (the ones --save writes). */
    EarlyStopping earlyStopping(boolean hasValidation, Task task) {
        return new EarlyStopping(monitor(hasValidation, task), patience, minDelta, true);
    }
}
