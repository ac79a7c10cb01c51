package dev.backprop.data;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a CSV file with a header row into a {@link Dataset}: one column (or several, for regression) is the
 * target, the others are numeric features. Parsed by Apache Commons CSV (RFC 4180 quoting, surrounding spaces
 * trimmed, blank lines skipped), streamed record by record into the data set's arrays, so the file's text is
 * never held in memory.
 *
 * <p>The task follows the target unless {@link Options#withTask} says otherwise: a target column whose
 * values are all numbers is a regression target; one with any other value holds class names. Classes are
 * numbered in sorted order (numerically when every name is a number, e.g. 2 before 10), or in the order of
 * {@link Options#withClassNames} (a model's classes, so that a test file maps to the same outputs).
 *
 * <p>Every malformed row is an error naming the file, the line and the column: a missing or extra field, a
 * feature that is not a finite number, an empty target, a class the model does not know, broken quoting.
 */
public final class Csv {

    /** A target with more distinct values than this is not read as classes. */
    public static final int MAX_CLASSES = 10_000;
    /** Decimal numbers only: no hex, no {@code NaN}, no {@code 1f}. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    /** RFC 4180 with a header row naming every column once; spaces around fields trimmed, blank lines skipped. */
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setTrim(true).setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setAllowMissingColumnNames(false)
            .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();

    private Csv() {
    }

    /**
     * How to read a table.
     *
     * @param targets    the target columns' names; empty for the last column
     * @param task       classification or regression; null to decide from the target's values
     * @param classNames the classes in output order (a model's); empty to take them from the file
     * @param features   the feature columns' names in input order (a model's); empty for every other column
     */
    public record Options(List<String> targets, Task task, List<String> classNames, List<String> features) {

        public Options {
            targets = List.copyOf(targets);
            classNames = List.copyOf(classNames);
            features = List.copyOf(features);
        }

        /** The target is the column called {@code name} (null: the last column); everything else is decided from the data. */
        public static Options target(String name) {
            return new Options(name == null ? List.of() : List.of(name), null, List.of(), List.of());
        }

        /** Regression on the named columns. */
        public static Options regressionTargets(List<String> names) {
            return new Options(names, Task.REGRESSION, List.of(), List.of());
        }

        /** The same, with the task fixed (null: decide from the data). */
        public Options withTask(Task t) {
            return new Options(targets, t, classNames, features);
        }

        /** The same, with the classes fixed (a classification; a value that is none of them is an error). */
        public Options withClassNames(List<String> names) {
            return new Options(targets, names.isEmpty() ? task : Task.CLASSIFICATION, names, features);
        }

        /** The same, reading exactly these feature columns in this order (others, but the target, are errors). */
        public Options withFeatures(List<String> names) {
            return new Options(targets, task, classNames, names);
        }
    }

    /** Reads {@code file}, its target being the column {@code target} (null for the last column). */
    public static Dataset read(Path file, String target) throws IOException {
        return read(file, Options.target(target));
    }

    /**
     * Reads {@code file} as {@code options} say.
     *
     * @throws CsvFormatException naming the line and column of the first malformed row, or the header's problem
     * @throws IOException        when the file cannot be read
     */
    public static Dataset read(Path file, Options options) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString(), file.getFileName().toString(), options);
        }
    }

    /**
     * Reads CSV text from {@code reader} (not closed); {@code source} names it in errors and {@code name} is the
     * data set's name.
     */
    public static Dataset read(Reader reader, String source, String name, Options options) throws IOException {
        try (CSVParser parser = parse(reader, source)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new CsvFormatException(source, 0, "empty: a CSV data set starts with a header row naming its "
                        + "columns");
            }
            Layout layout = Layout.of(source, header, options);
            Reading r = new Reading(source, header, layout, options);
            Iterator<CSVRecord> records = parser.iterator();
            long line = parser.getCurrentLineNumber();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw malformed(source, line + 1, e, "; check the quoting of this and the following lines");
                }
                line = parser.getCurrentLineNumber();
                r.add(record, line);
            }
            return r.dataset(name);
        }
    }

    /**
     * The rows of a CSV file without a model's target: for each record, the named feature columns (in that
     * order; other columns are ignored) and, when the file has it, the value of column {@code label} (e.g. the
     * target, to compare with a prediction).
     *
     * @param rows   each record's features
     * @param labels each record's {@code label} value; empty when the file has no such column
     */
    public record Rows(double[][] rows, List<String> labels) {
    }

    /**
     * Reads the {@code features} columns of every record of {@code file}, and the {@code label} column when
     * present (null: none), for predictions.
     *
     * @throws CsvFormatException naming the line and column of the first malformed value, or a missing column
     */
    public static Rows readRows(Path file, List<String> features, String label) throws IOException {
        String source = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = parse(reader, source)) {
            List<String> header = parser.getHeaderNames();
            int[] columns = new int[features.size()];
            for (int f = 0; f < columns.length; f++) {
                columns[f] = Layout.column(source, header, features.get(f), "feature");
            }
            int labelColumn = label == null ? -1 : header.indexOf(label);
            Reading numbers = new Reading(source, header, new Layout(columns, new int[0]), Options.target(null));
            List<double[]> rows = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            Iterator<CSVRecord> records = parser.iterator();
            long line = parser.getCurrentLineNumber();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw malformed(source, line + 1, e, "");
                }
                line = parser.getCurrentLineNumber();
                if (record.size() != header.size()) {
                    throw new CsvFormatException(source, line, record.size() + " fields but the header has "
                            + header.size() + " columns");
                }
                double[] x = new double[columns.length];
                for (int f = 0; f < columns.length; f++) {
                    x[f] = numbers.number(record.get(columns[f]), line, columns[f], "feature");
                }
                rows.add(x);
                if (labelColumn >= 0) {
                    labels.add(record.get(labelColumn));
                }
            }
            if (rows.isEmpty()) {
                throw new CsvFormatException(source, 0, "no data rows after the header");
            }
            return new Rows(rows.toArray(new double[0][]), labels);
        }
    }

    private static CSVParser parse(Reader reader, String source) throws IOException {
        try {
            return FORMAT.parse(reader);
        } catch (IllegalArgumentException | UncheckedIOException | CSVException e) {
            throw new CsvFormatException(source, 1, "the header row cannot be read: " + e.getMessage()
                    + "; the first line must name every column once");
        }
    }

    /**
     * The parser's failure on a record: a {@link CSVException} (broken quoting) is the file's fault, named by
     * line; any other I/O failure is rethrown as it is.
     */
    private static IOException malformed(String source, long line, RuntimeException e, String hint) {
        if (e instanceof UncheckedIOException u && !(u.getCause() instanceof CSVException)) {
            return u.getCause();
        }
        return new CsvFormatException(source, line, "malformed CSV (" + rootMessage(e) + ")" + hint);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Which column is what: feature indices in input order, target indices. */
    private record Layout(int[] features, int[] targets) {

        static Layout of(String source, List<String> header, Options options) throws CsvFormatException {
            List<String> targetNames = options.targets().isEmpty() ? List.of(header.get(header.size() - 1))
                    : options.targets();
            int[] targets = new int[targetNames.size()];
            for (int t = 0; t < targets.length; t++) {
                targets[t] = column(source, header, targetNames.get(t), "target");
            }
            int[] features;
            if (!options.features().isEmpty()) {
                features = new int[options.features().size()];
                for (int f = 0; f < features.length; f++) {
                    features[f] = column(source, header, options.features().get(f), "feature");
                }
                for (int c = 0; c < header.size(); c++) {
                    int col = c;
                    if (Arrays.stream(features).noneMatch(f -> f == col) && Arrays.stream(targets).noneMatch(t -> t == col)) {
                        throw new CsvFormatException(source, 1, "column '" + header.get(c) + "' is neither the "
                                + "target nor one of the " + features.length + " features " + options.features()
                                + "; remove it");
                    }
                }
            } else {
                List<Integer> rest = new ArrayList<>();
                for (int c = 0; c < header.size(); c++) {
                    int col = c;
                    if (Arrays.stream(targets).noneMatch(t -> t == col)) {
                        rest.add(c);
                    }
                }
                features = rest.stream().mapToInt(Integer::intValue).toArray();
            }
            if (features.length == 0) {
                throw new CsvFormatException(source, 1, "no feature columns: the header " + header + " has only the "
                        + "target " + targetNames);
            }
            for (int t : targets) {
                if (Arrays.stream(features).anyMatch(f -> f == t)) {
                    throw new CsvFormatException(source, 1, "column '" + header.get(t) + "' is both a feature and "
                            + "the target");
                }
            }
            return new Layout(features, targets);
        }

        private static int column(String source, List<String> header, String name, String role)
                throws CsvFormatException {
            int c = header.indexOf(name);
            if (c < 0) {
                throw new CsvFormatException(source, 1, "no column '" + name + "' (the " + role + "); the header has "
                        + String.join(", ", header));
            }
            return c;
        }
    }

    /** The arrays a read fills, growing as records arrive. */
    private static final class Reading {
        final String source;
        final List<String> header;
        final Layout layout;
        final Options options;
        double[] features = new double[1024];
        int featureCount;
        double[] numericTargets = new double[256];         // while every target value is a number
        boolean allNumeric = true;
        long firstNonNumericLine;
        String firstNonNumeric;
        int[] codes = new int[256];                        // class codes in order of first appearance
        final Map<String, Integer> classOf = new HashMap<>();
        final List<String> classesSeen = new ArrayList<>();
        boolean tooManyClasses;
        int rows;

        Reading(String source, List<String> header, Layout layout, Options options) {
            this.source = source;
            this.header = header;
            this.layout = layout;
            this.options = options;
            if (!options.classNames().isEmpty()) {
                for (String c : options.classNames()) {
                    classOf.put(c, classesSeen.size());
                    classesSeen.add(c);
                }
            }
        }

        void add(CSVRecord record, long line) throws CsvFormatException {
            if (record.size() != header.size()) {
                throw new CsvFormatException(source, line, record.size() + " field" + (record.size() == 1 ? "" : "s")
                        + " but the header has " + header.size() + " columns (" + String.join(", ", header) + ")");
            }
            int[] f = layout.features();
            if (featureCount + f.length > features.length) {
                features = grow(features, featureCount + f.length);
            }
            for (int c : f) {
                features[featureCount++] = number(record.get(c), line, c, "feature");
            }
            int[] t = layout.targets();
            if (t.length > 1 || options.task() == Task.REGRESSION) {
                if ((rows + 1) * t.length > numericTargets.length) {
                    numericTargets = grow(numericTargets, (rows + 1) * t.length);
                }
                for (int k = 0; k < t.length; k++) {
                    numericTargets[rows * t.length + k] = number(record.get(t[k]), line, t[k], "target");
                }
            } else {
                single(record.get(t[0]), line, t[0]);
            }
            rows++;
        }

        /** A single target column: a class name, or a number while the task is still open. */
        private void single(String value, long line, int column) throws CsvFormatException {
            if (value.isEmpty()) {
                throw new CsvFormatException(source, line, where(column, "target") + " is empty");
            }
            if (options.task() == null && allNumeric) {
                if (NUMBER.matcher(value).matches() && Double.isFinite(Double.parseDouble(value))) {
                    if (rows >= numericTargets.length) {
                        numericTargets = grow(numericTargets, rows + 1);
                    }
                    numericTargets[rows] = Double.parseDouble(value);
                } else {
                    allNumeric = false;
                    firstNonNumericLine = line;
                    firstNonNumeric = value;
                }
            }
            if (tooManyClasses) {
                if (!allNumeric) {
                    throw new CsvFormatException(source, line, where(column, "target") + " has more than "
                            + MAX_CLASSES + " distinct values, too many to be classes, and '" + value + "' (line "
                            + firstNonNumericLine + ") is not a number, so it is no regression target either");
                }
                return;
            }
            Integer code = classOf.get(value);
            if (code == null) {
                if (!options.classNames().isEmpty()) {
                    throw new CsvFormatException(source, line, where(column, "target") + ": '" + value
                            + "' is not one of the model's classes " + options.classNames());
                }
                if (classesSeen.size() == MAX_CLASSES) {
                    if (options.task() == Task.CLASSIFICATION || !allNumeric) {
                        throw new CsvFormatException(source, line, where(column, "target") + " has more than "
                                + MAX_CLASSES + " distinct values, too many to be classes");
                    }
                    tooManyClasses = true;                  // a regression target, most likely
                    return;
                }
                code = classesSeen.size();
                classOf.put(value, code);
                classesSeen.add(value);
            }
            if (rows >= codes.length) {
                codes = Arrays.copyOf(codes, Math.max(rows + 1, 2 * codes.length));
            }
            codes[rows] = code;
        }

        private double number(String value, long line, int column, String role) throws CsvFormatException {
            if (value.isEmpty()) {
                throw new CsvFormatException(source, line, where(column, role) + " is empty; fill in or drop the "
                        + "missing values");
            }
            if (!NUMBER.matcher(value).matches()) {
                throw new CsvFormatException(source, line, where(column, role) + ": '" + abbreviate(value)
                        + "' is not a number" + (role.equals("feature")
                        ? "; features must be numeric: encode this column or drop it" : ""));
            }
            double v = Double.parseDouble(value);
            if (!Double.isFinite(v)) {
                throw new CsvFormatException(source, line, where(column, role) + ": " + value + " is out of range");
            }
            return v;
        }

        private String where(int column, String role) {
            return "column " + (column + 1) + " ('" + header.get(column) + "', a " + role + ")";
        }

        Dataset dataset(String name) throws CsvFormatException {
            if (rows == 0) {
                throw new CsvFormatException(source, 0, "no data rows after the header");
            }
            double[] x = Arrays.copyOf(features, featureCount);
            List<String> featureNames = new ArrayList<>();
            for (int c : layout.features()) {
                featureNames.add(header.get(c));
            }
            List<String> targetNames = new ArrayList<>();
            for (int c : layout.targets()) {
                targetNames.add(header.get(c));
            }
            Task task = options.task() != null ? options.task()
                    : layout.targets().length > 1 || allNumeric ? Task.REGRESSION : Task.CLASSIFICATION;
            if (task == Task.REGRESSION) {
                if (layout.targets().length == 1 && options.task() == null && !allNumeric) {
                    throw new CsvFormatException(source, firstNonNumericLine, "target '" + targetNames.get(0)
                            + "': '" + firstNonNumeric + "' is not a number");
                }
                double[] y = Arrays.copyOf(numericTargets, rows * layout.targets().length);
                return new RegressionDataset(name, x, layout.features().length, y, layout.targets().length,
                        featureNames, targetNames);
            }
            int[] labels = Arrays.copyOf(codes, rows);
            List<String> classNames = classesSeen;
            if (options.classNames().isEmpty()) {
                List<String> sorted = new ArrayList<>(classesSeen);
                boolean numeric = sorted.stream().allMatch(s -> NUMBER.matcher(s).matches());
                sorted.sort(numeric ? Comparator.comparingDouble(Double::parseDouble).thenComparing(s -> s)
                        : Comparator.naturalOrder());
                int[] newCode = new int[sorted.size()];
                for (int k = 0; k < sorted.size(); k++) {
                    newCode[classOf.get(sorted.get(k))] = k;
                }
                for (int i = 0; i < rows; i++) {
                    labels[i] = newCode[labels[i]];
                }
                classNames = sorted;
            }
            if (classNames.size() < 2 && options.classNames().isEmpty()) {
                throw new CsvFormatException(source, 0, "target '" + targetNames.get(0) + "' has a single class "
                        + classNames + "; a classification needs at least two");
            }
            return new ArrayDataset(name, x, layout.features().length, labels, classNames.size(), classNames,
                    featureNames).withLabelColumn(targetNames.get(0));
        }
    }

    private static double[] grow(double[] a, int needed) {
        long size = Math.max(needed, 2L * a.length);
        if (size > Integer.MAX_VALUE - 8) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("the CSV file holds more values than one Java array can ("
                        + (Integer.MAX_VALUE - 8) + ")");
            }
            size = Integer.MAX_VALUE - 8;
        }
        return Arrays.copyOf(a, (int) size);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
