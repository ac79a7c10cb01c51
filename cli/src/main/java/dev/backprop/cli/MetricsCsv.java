package dev.backprop.cli;

import dev.backprop.io.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code --metrics FILE}: the per-epoch figures as CSV, rewritten (temp file, then moved) after every epoch so
 * the file is complete whenever it is read. Accuracies are fractions; empty cells were not measured.
 */
final class MetricsCsv {

    static final String HEADER = "epoch,eta,train_cost,train_accuracy,train_accuracy_exact,validation_cost,"
            + "validation_accuracy,test_cost,test_accuracy,seconds,examples_per_second,skipped_batches";

    private MetricsCsv() {
    }

    static void write(Path file, List<EpochRecord> records) throws IOException {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (EpochRecord r : records) {
            csv.append(r.epoch()).append(',').append(cell(r.eta())).append(',').append(cell(r.trainCost())).append(',')
                    .append(cell(r.trainAccuracy())).append(',').append(r.trainExact()).append(',')
                    .append(cell(r.validationCost())).append(',').append(cell(r.validationAccuracy())).append(',')
                    .append(cell(r.testCost())).append(',').append(cell(r.testAccuracy())).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", r.seconds())).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", r.examplesPerSecond())).append(',')
                    .append(r.skippedBatches()).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
