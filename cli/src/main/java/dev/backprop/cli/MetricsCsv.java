package dev.backprop.cli;

import dev.backprop.io.AtomicFiles;
import dev.backprop.train.Metric;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code --metrics FILE}: the per-epoch figures as CSV, rewritten (temp file, then moved) after every epoch so
 * the file is complete whenever it is read. Accuracies are fractions; empty cells were not measured;
 * {@code eta} and {@code eta_end} are the learning rates of each epoch's first and last steps (they differ under a
 * per-step schedule). A resumed run keeps the rows of the epochs before its checkpoint.
 */
final class MetricsCsv {

    /** The columns before {@code eta_end} existed; such a file is still read (its η was constant in each epoch). */
    static final String HEADER_WITHOUT_ETA_END = "epoch,eta,train_cost,train_accuracy,train_accuracy_exact,"
            + "validation_cost,validation_accuracy,test_cost,test_accuracy,seconds,examples_per_second,skipped_batches";
    static final String HEADER = HEADER_WITHOUT_ETA_END + ",eta_end";
    /** The header of a run scored by {@code score}: a regression's has rmse where a classification's has accuracy. */
    static String header(Metric score) {
        return forScore(HEADER, score);
    }

    private static String forScore(String header, Metric score) {
        return score == Metric.ACCURACY ? header : header.replace("accuracy", score.name().toLowerCase(Locale.ROOT));
    }

    private MetricsCsv() {
    }

    /** Writes the records; {@code score} is what their accuracy fields hold (accuracy, or RMSE for regression). */
    static void write(Path file, List<EpochRecord> records, Metric score) throws IOException {
        StringBuilder csv = new StringBuilder(header(score)).append('\n');
        for (EpochRecord r : records) {
            csv.append(r.epoch()).append(',').append(cell(r.eta())).append(',').append(cell(r.trainCost())).append(',')
                    .append(cell(r.trainAccuracy())).append(',').append(r.trainExact()).append(',')
                    .append(cell(r.validationCost())).append(',').append(cell(r.validationAccuracy())).append(',')
                    .append(cell(r.testCost())).append(',').append(cell(r.testAccuracy())).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", r.seconds())).append(',')
                    .append(String.format(Locale.ROOT, "%.1f", r.examplesPerSecond())).append(',')
                    .append(r.skippedBatches()).append(',').append(cell(r.etaEnd())).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /**
     * The records of a file this class wrote, up to and including epoch {@code upTo} (a resumed run keeps the
     * epochs before its checkpoint); empty when the file does not exist.
     *
     * @throws IOException when the file is not such a CSV, naming the line
     */
    static List<EpochRecord> read(Path file, int upTo, Metric score) throws IOException {
        List<EpochRecord> records = new ArrayList<>();
        if (!Files.exists(file)) {
            return records;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        boolean withEtaEnd = !lines.isEmpty() && lines.get(0).equals(header(score));
        if (lines.isEmpty() || !withEtaEnd && !lines.get(0).equals(forScore(HEADER_WITHOUT_ETA_END, score))) {
            throw new IOException(file + ": not a --metrics file of this backprop train run (its first line is not "
                    + "the header " + header(score) + "); choose another --metrics file");
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",", -1);
            try {
                EpochRecord r = new EpochRecord(Integer.parseInt(c[0]), number(c[1]), number(c[2]), number(c[3]),
                        Boolean.parseBoolean(c[4]), number(c[5]), number(c[6]), number(c[7]), number(c[8]),
                        number(c[9]), number(c[10]), Integer.parseInt(c[11]),
                        withEtaEnd ? number(c[12]) : number(c[1]));
                if (r.epoch() <= upTo) {
                    records.add(r);
                }
            } catch (RuntimeException e) {
                throw new IOException(file + ": line " + (i + 1) + " is not a row of " + header(score), e);
            }
        }
        return records;
    }

    private static double number(String cell) {
        return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    }

    private static String cell(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
