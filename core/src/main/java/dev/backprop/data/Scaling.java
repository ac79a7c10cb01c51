package dev.backprop.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * Per-feature normalisation {@code x'_f = (x_f − shift_f) / scale_f}, fitted on a training set and then
 * applied unchanged to every other set (validation, test, a prediction's inputs), so no statistic of the
 * held-out data leaks into training. The shifts and scales are saved with a model.
 *
 * <ul>
 *   <li>{@link Kind#STANDARDIZE}: shift = the feature's mean, scale = its standard deviation (population,
 *       divided by n, as scikit-learn's StandardScaler), so the training features have mean 0 and variance 1;
 *   <li>{@link Kind#MIN_MAX}: shift = the minimum, scale = max − min, so the training features lie in [0, 1].
 * </ul>
 * A feature that is constant on the training set gets scale 1 (it is only shifted), so nothing divides by 0.
 *
 * @param kind  how the statistics were chosen
 * @param shift per feature, subtracted first
 * @param scale per feature, positive, divided by second
 */
public record Scaling(Kind kind, double[] shift, double[] scale) {

    /** The two normalisations. */
    public enum Kind {
        /** Mean 0, variance 1 on the training set. */
        STANDARDIZE("standardize"),
        /** [0, 1] on the training set. */
        MIN_MAX("min-max");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name the command line and model files use: {@code standardize} or {@code min-max}. */
        public String label() {
            return label;
        }

        /**
         * The kind called {@code name}: {@code standardize} or {@code min-max} (also {@code minmax}).
         *
         * @throws IllegalArgumentException naming the kinds otherwise
         */
        public static Kind parse(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT);
            if (n.equals("standardize") || n.equals("standardise")) {
                return STANDARDIZE;
            }
            if (n.equals("min-max") || n.equals("minmax")) {
                return MIN_MAX;
            }
            throw new IllegalArgumentException("unknown normalisation '" + name + "'; use standardize or min-max");
        }
    }

    public Scaling {
        Objects.requireNonNull(kind, "kind");
        shift = shift.clone();
        scale = scale.clone();
        if (shift.length != scale.length || shift.length == 0) {
            throw new IllegalArgumentException("a scaling needs one shift and one scale per feature, got "
                    + shift.length + " and " + scale.length);
        }
        for (int f = 0; f < shift.length; f++) {
            if (!Double.isFinite(shift[f]) || !(scale[f] > 0) || !Double.isFinite(scale[f])) {
                throw new IllegalArgumentException("feature " + f + ": shift " + shift[f] + " and scale " + scale[f]
                        + " must be finite, the scale positive");
            }
        }
    }

    /** Fits {@code kind} on every example of {@code train} (two passes, so the variance is accurate). */
    public static Scaling fit(Kind kind, Dataset train) {
        int n = train.size(), d = train.inputSize();
        double[] shift = new double[d], scale = new double[d];
        if (kind == Kind.STANDARDIZE) {
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < d; f++) {
                    shift[f] += train.input(i, f);
                }
            }
            for (int f = 0; f < d; f++) {
                shift[f] /= n;                                       // mean
            }
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < d; f++) {
                    double c = train.input(i, f) - shift[f];
                    scale[f] += c * c;
                }
            }
            for (int f = 0; f < d; f++) {
                scale[f] = Math.sqrt(scale[f] / n);                  // population standard deviation
            }
        } else {
            double[] max = new double[d];
            Arrays.fill(shift, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < d; f++) {
                    double v = train.input(i, f);
                    shift[f] = Math.min(shift[f], v);
                    max[f] = Math.max(max[f], v);
                }
            }
            for (int f = 0; f < d; f++) {
                scale[f] = max[f] - shift[f];
            }
        }
        for (int f = 0; f < d; f++) {
            if (!Double.isFinite(shift[f]) || !Double.isFinite(scale[f])) {
                throw new IllegalArgumentException(train.name() + ": feature " + f + " is not finite on every "
                        + "example, so it cannot be normalised");
            }
            if (!(scale[f] > 0)) {
                scale[f] = 1.0;                                      // constant feature: shift only
            }
        }
        return new Scaling(kind, shift, scale);
    }

    /** Number of features. */
    public int features() {
        return shift.length;
    }

    /**
     * {@code data} with its features scaled, as a view (no copy).
     *
     * @throws IllegalArgumentException when {@code data} has another number of features
     */
    public Dataset apply(Dataset data) {
        checkWidth(data.inputSize(), data.name());
        return new ScaledDataset(data, this);
    }

    /** Scales one feature vector in place and returns it. */
    public double[] applyInPlace(double[] x) {
        checkWidth(x.length, "the input");
        for (int f = 0; f < x.length; f++) {
            x[f] = apply(f, x[f]);
        }
        return x;
    }

    /** {@code (x − shift_f) / scale_f}. */
    public double apply(int f, double x) {
        return (x - shift[f]) / scale[f];
    }

    private void checkWidth(int n, String what) {
        if (n != shift.length) {
            throw new IllegalArgumentException(what + " has " + n + " features but the scaling was fitted on "
                    + shift.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Scaling s && s.kind == kind && Arrays.equals(s.shift, shift) && Arrays.equals(s.scale, scale);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(shift), Arrays.hashCode(scale));
    }

    @Override
    public String toString() {
        return kind.label() + " over " + shift.length + " features";
    }
}
