package dev.backprop.train;

import dev.backprop.data.Task;

/**
 * A figure that an {@link Evaluation} reports, with the direction in which it improves, so that code which
 * picks the better of two models (keep-best, early stopping, a report) needs no case per figure.
 */
public enum Metric {
    /** The mean cost per example, without regularisation; lower is better. For every task. */
    COST("cost", false, null),
    /** Fraction classified correctly; higher is better. Classification only. */
    ACCURACY("accuracy", true, Task.CLASSIFICATION),
    /** Root mean squared error over every target value; lower is better. Regression only. */
    RMSE("RMSE", false, Task.REGRESSION),
    /** Mean absolute error over every target value; lower is better. Regression only. */
    MAE("MAE", false, Task.REGRESSION),
    /** The coefficient of determination R², averaged over the target's values; higher is better. Regression only. */
    R2("R²", true, Task.REGRESSION);

    private final String label;
    private final boolean higherIsBetter;
    private final Task task;

    Metric(String label, boolean higherIsBetter, Task task) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
        this.task = task;
    }

    /** How reports print it, e.g. {@code RMSE}. */
    public String label() {
        return label;
    }

    /** Whether a larger value is a better model. */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether an evaluation of {@code t} reports this metric. */
    public boolean appliesTo(Task t) {
        return task == null || task == t;
    }

    /** Whether {@code a} is strictly better than {@code b} by this metric (NaN is never better). */
    public boolean isBetter(double a, double b) {
        if (Double.isNaN(a)) {
            return false;
        }
        if (Double.isNaN(b)) {
            return true;
        }
        return higherIsBetter ? a > b : a < b;
    }

    /** The headline figure of a task: accuracy for classification, RMSE for regression. */
    public static Metric primary(Task t) {
        return t == Task.CLASSIFICATION ? ACCURACY : RMSE;
    }
}
