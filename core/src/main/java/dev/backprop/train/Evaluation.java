package dev.backprop.train;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.data.Dataset;
import dev.backprop.data.Task;
import dev.backprop.nn.Network;

/**
 * A network's figures on a data set, by forward passes in batches: the mean cost always; for classification
 * the accuracy and the {@link ConfusionMatrix} (with per-class precision, recall and F1); for regression the
 * {@link RegressionMetrics} (RMSE, MAE, R²). {@link #value(Metric)} reads any of them by name.
 */
public final class Evaluation {

    /** The batch size evaluation uses unless told otherwise: big enough for efficient matrix products. */
    public static final int DEFAULT_BATCH = 500;

    private final Task task;
    private final int total;
    private final double meanCost;
    private final ConfusionMatrix confusion;        // classification only
    private final RegressionMetrics regression;     // regression only

    private Evaluation(Task task, int total, double meanCost, ConfusionMatrix confusion, RegressionMetrics regression) {
        this.task = task;
        this.total = total;
        this.meanCost = meanCost;
        this.confusion = confusion;
        this.regression = regression;
    }

    /** Evaluates {@code network} on all of {@code data} in batches of {@value #DEFAULT_BATCH}. */
    public static Evaluation of(Network network, Dataset data) {
        return of(network, data, DEFAULT_BATCH);
    }

    /**
     * Evaluates {@code network} on all of {@code data} in batches of {@code batchSize}.
     *
     * @throws IllegalArgumentException when the data's inputs or targets do not fit the network
     */
    public static Evaluation of(Network network, Dataset data, int batchSize) {
        if (data.inputSize() != network.inputSize() || data.targetSize() != network.outputSize()) {
            throw new IllegalArgumentException(data.name() + " has " + data.inputSize() + " inputs and "
                    + describeTargets(data) + " but the network is " + network);
        }
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Backend backend = network.backend();
        BatchLoader loader = new BatchLoader(backend, data);
        int m = Math.min(batchSize, n), k = data.targetSize();
        boolean classification = data.task() == Task.CLASSIFICATION;
        ConfusionMatrix confusion = classification ? new ConfusionMatrix(data.classNames()) : null;
        RegressionMetrics regression = classification ? null : new RegressionMetrics(k);
        int[] predicted = new int[m];
        double[] outputs = classification ? null : new double[k * m];    // n_L × m staging for the metrics
        double[] targets = classification ? null : new double[k * m];
        double cost = 0;
        for (int from = 0; from < n; from += m) {
            int count = Math.min(m, n - from);
            BatchLoader.Batch b = loader.load(order, from, count);
            Matrix output = network.forward(b.x());                      // n_L × count
            cost += network.cost().total(backend, output, b.y());
            if (classification) {
                backend.argmaxColumns(output, predicted);
                for (int j = 0; j < count; j++) {
                    confusion.add(b.labels()[j], predicted[j]);
                }
            } else {
                if (count != m) {
                    outputs = new double[k * count];
                    targets = new double[k * count];
                }
                backend.store(output, outputs);
                backend.store(b.y(), targets);
                regression.add(outputs, targets, count);
            }
        }
        return new Evaluation(data.task(), n, cost / n, confusion, regression);
    }

    /** e.g. {@code 10 classes} or {@code 2 target values}, for messages. */
    static String describeTargets(Dataset data) {
        return data.task() == Task.CLASSIFICATION ? data.classes() + " classes"
                : data.targetSize() + " target value" + (data.targetSize() == 1 ? "" : "s");
    }

    /** Classification or regression, as the data set was. */
    public Task task() {
        return task;
    }

    /** Examples evaluated. */
    public int total() {
        return total;
    }

    /** {@code (1/n)·Σ_x C_x}, without any regularisation term. */
    public double meanCost() {
        return meanCost;
    }

    /**
     * Examples whose largest output is their label.
     *
     * @throws IllegalStateException for a regression, which has no classes
     */
    public int correct() {
        return confusionMatrix().correct();
    }

    /** Fraction of examples classified correctly; NaN for a regression. */
    public double accuracy() {
        return confusion != null ? confusion.accuracy() : Double.NaN;
    }

    /**
     * The confusion matrix, with per-class precision, recall and F1.
     *
     * @throws IllegalStateException for a regression
     */
    public ConfusionMatrix confusionMatrix() {
        if (confusion == null) {
            throw new IllegalStateException("a regression has no classes: read regression() (RMSE, MAE, R²) instead");
        }
        return confusion;
    }

    /**
     * RMSE, MAE and R², overall and per target value.
     *
     * @throws IllegalStateException for a classification
     */
    public RegressionMetrics regression() {
        if (regression == null) {
            throw new IllegalStateException("a classification has no regression errors: read accuracy() or "
                    + "confusionMatrix() instead");
        }
        return regression;
    }

    /** Root mean squared error over every target value; NaN for a classification. */
    public double rmse() {
        return regression != null ? regression.rmse() : Double.NaN;
    }

    /** Mean absolute error over every target value; NaN for a classification. */
    public double mae() {
        return regression != null ? regression.mae() : Double.NaN;
    }

    /** R² averaged over the target values; NaN for a classification. */
    public double r2() {
        return regression != null ? regression.r2() : Double.NaN;
    }

    /** The value of {@code metric}; NaN when it does not apply to this task. */
    public double value(Metric metric) {
        return switch (metric) {
            case COST -> meanCost;
            case ACCURACY -> accuracy();
            case RMSE -> rmse();
            case MAE -> mae();
            case R2 -> r2();
        };
    }

    /** The task's headline figure: accuracy or RMSE ({@link Metric#primary}). */
    public double primary() {
        return value(Metric.primary(task));
    }

    @Override
    public String toString() {
        return task == Task.CLASSIFICATION
                ? String.format(java.util.Locale.ROOT, "accuracy %.4f (%d of %d), mean cost %.6g", accuracy(),
                correct(), total, meanCost)
                : String.format(java.util.Locale.ROOT, "RMSE %.6g, MAE %.6g, R² %.4f over %d examples, mean cost %.6g",
                rmse(), mae(), r2(), total, meanCost);
    }
}
