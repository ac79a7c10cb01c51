package dev.backprop.tck;

import dev.backprop.backend.Precision;
import dev.backprop.random.Rng;

/** The kinds of input the kit feeds operations: each chosen to reach an operation's edge cases. */
enum Values {
    /** Uniform in (−1, 1): the ordinary case. */
    SIGNED,
    /** Uniform in (−40, 40) with every seventh value exactly 0: saturated activations and relu's kink. */
    WIDE,
    /** Uniform in (−10, 10) plus 1000 on every third column: e^1000 overflows, so softmax must subtract the column maximum. */
    SHIFTED_COLUMNS,
    /** Uniform in (0.001, 0.999): activations of sigmoid or softmax, inputs of the costs. */
    PROBABILITY,
    /** Mostly exact 0 and 1 (one-hot-like targets), some fractions: the costs' {@code 0·ln 0} rule. */
    TARGET,
    /** Small integers 0..3: equal maxima in a column, where argmax must pick the first. */
    TIES,
    /** Every element NaN: an output whose previous contents the operation must ignore. */
    NAN;

    /** {@code rows·cols} row-major values of this kind. */
    double[] generate(int rows, int cols, Rng rng) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = switch (this) {
                case SIGNED -> rng.nextDouble(-1, 1);
                case WIDE -> i % 7 == 3 ? 0.0 : rng.nextDouble(-40, 40);
                case SHIFTED_COLUMNS -> rng.nextDouble(-10, 10) + ((i % cols) % 3 == 2 ? 1000 : 0);
                case PROBABILITY -> rng.nextDouble(0.001, 0.999);
                case TARGET -> {
                    int r = rng.nextInt(8);
                    yield r < 4 ? 0.0 : r < 7 ? 1.0 : rng.nextDouble();
                }
                case TIES -> rng.nextInt(4);
                case NAN -> Double.NaN;
            };
        }
        return v;
    }

    /** The values as a matrix of {@code precision} holds them (float32 rounds), so both sides see equal inputs. */
    static double[] rounded(double[] values, Precision precision) {
        if (precision == Precision.FLOAT64) {
            return values;
        }
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) values[i];
        }
        return r;
    }
}
