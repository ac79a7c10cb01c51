package dev.backprop.train;

/**
 * Errors of a network's outputs {@code a} against real-valued targets {@code y}, accumulated batch by batch:
 * <pre>
 *   RMSE = √( Σ_{i,k} (a_ik − y_ik)² / (n·K) )      MAE = Σ_{i,k} |a_ik − y_ik| / (n·K)
 *   R²_k = 1 − Σ_i (a_ik − y_ik)² / Σ_i (y_ik − ȳ_k)²,   R² = (1/K)·Σ_k R²_k
 * </pre>
 * over n examples of K target values (R² averaged uniformly over the K outputs, as scikit-learn's default).
 * The target variance is accumulated by Welford's update, so targets far from zero lose no precision.
 */
public final class RegressionMetrics {

    private final int outputs;                 // K
    private long count;                        // n
    private final double[] sumSquaredError;    // per output k: Σ_i (a − y)²
    private final double[] sumAbsoluteError;   // Σ_i |a − y|
    private final double[] mean;               // running ȳ_k
    private final double[] m2;                 // running Σ_i (y − ȳ_k)²

    /** Empty accumulators for targets of {@code outputs} values. */
    public RegressionMetrics(int outputs) {
        if (outputs < 1) {
            throw new IllegalArgumentException("a regression target has at least one value, got " + outputs);
        }
        this.outputs = outputs;
        sumSquaredError = new double[outputs];
        sumAbsoluteError = new double[outputs];
        mean = new double[outputs];
        m2 = new double[outputs];
    }

    /**
     * Adds a batch.
     *
     * @param a K × m outputs, row-major
     * @param y K × m targets, row-major
     * @param m examples in the batch (columns)
     */
    public void add(double[] a, double[] y, int m) {
        for (int j = 0; j < m; j++) {
            count++;
            for (int k = 0; k < outputs; k++) {
                double target = y[k * m + j], error = a[k * m + j] - target;
                sumSquaredError[k] += error * error;
                sumAbsoluteError[k] += Math.abs(error);
                double d = target - mean[k];                  // Welford: ȳ and Σ(y − ȳ)² in one pass
                mean[k] += d / count;
                m2[k] += d * (target - mean[k]);
            }
        }
    }

    /** K, the number of target values per example. */
    public int outputs() {
        return outputs;
    }

    /** n, the number of examples added. */
    public long count() {
        return count;
    }

    /** Root mean squared error over every target value. */
    public double rmse() {
        double s = 0;
        for (double v : sumSquaredError) {
            s += v;
        }
        return Math.sqrt(s / ((double) count * outputs));
    }

    /** Root mean squared error of target value {@code k}. */
    public double rmse(int k) {
        return Math.sqrt(sumSquaredError[k] / count);
    }

    /** Mean absolute error over every target value. */
    public double mae() {
        double s = 0;
        for (double v : sumAbsoluteError) {
            s += v;
        }
        return s / ((double) count * outputs);
    }

    /** Mean absolute error of target value {@code k}. */
    public double mae(int k) {
        return sumAbsoluteError[k] / count;
    }

    /** R² averaged over the target values; NaN when some target value is constant (R² is then undefined). */
    public double r2() {
        double s = 0;
        for (int k = 0; k < outputs; k++) {
            s += r2(k);
        }
        return s / outputs;
    }

    /** R² of target value {@code k}: 1 is perfect, 0 is no better than predicting the mean; NaN if it is constant. */
    public double r2(int k) {
        return m2[k] > 0 ? 1 - sumSquaredError[k] / m2[k] : Double.NaN;
    }
}
