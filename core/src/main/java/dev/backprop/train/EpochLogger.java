package dev.backprop.train;

import dev.backprop.data.Dataset;
import dev.backprop.data.Task;
import dev.backprop.nn.Network;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link TrainingListener} that prints one line per epoch, as {@code backprop train} does:
 * <pre>
 *   epoch  3/30  cost 0.12345  train≈95.10%  test 94.90%  0.5 s, 20,000 ex/s
 *   epoch  3/30  cost 0.01234  test RMSE 0.1234  0.5 s, 20,000 ex/s          (regression)
 * </pre>
 * The training figures are the running ones the trainer measured during the epoch (hence ≈); every set added
 * with {@link #alsoOn} is evaluated after the epoch with its task's headline figure (accuracy or RMSE).
 */
public final class EpochLogger implements TrainingListener {

    private final PrintStream out;
    private final Network network;
    private final int epochs;
    private final List<String> labels = new ArrayList<>();
    private final List<Dataset> sets = new ArrayList<>();

    private EpochLogger(PrintStream out, Network network, int epochs) {
        this.out = Objects.requireNonNull(out, "out");
        this.network = Objects.requireNonNull(network, "network");
        this.epochs = epochs;
    }

    /** Logs {@code trainer}'s epochs to {@code out} (e.g. {@code System.out}). */
    public static EpochLogger of(Trainer trainer, PrintStream out) {
        return new EpochLogger(out, trainer.network(), trainer.config().epochs());
    }

    /** Also evaluates {@code data} after every epoch and prints its figure under {@code label}; returns this. */
    public EpochLogger alsoOn(String label, Dataset data) {
        labels.add(Objects.requireNonNull(label, "label"));
        sets.add(Objects.requireNonNull(data, "data"));
        return this;
    }

    @Override
    public void epochDone(EpochStats stats) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "epoch %" + Integer.toString(epochs).length()
                + "d/%d  cost %.5f", stats.epoch(), epochs, stats.runningCost()));
        if (!Double.isNaN(stats.runningAccuracy())) {
            line.append(String.format(Locale.ROOT, "  train≈%.2f%%", 100 * stats.runningAccuracy()));
        }
        for (int s = 0; s < sets.size(); s++) {
            Evaluation e = Evaluation.of(network, sets.get(s));
            line.append("  ").append(labels.get(s)).append(e.task() == Task.CLASSIFICATION
                    ? String.format(Locale.ROOT, " %.2f%%", 100 * e.accuracy())
                    : String.format(Locale.ROOT, " RMSE %.4g", e.rmse()));
        }
        line.append(String.format(Locale.ROOT, "  %.1f s, %,.0f ex/s", stats.seconds(), stats.examplesPerSecond()));
        if (stats.skippedBatches() > 0) {
            line.append(String.format(Locale.ROOT, "  (%d batches skipped: non-finite cost)", stats.skippedBatches()));
        }
        out.println(line);
    }
}
