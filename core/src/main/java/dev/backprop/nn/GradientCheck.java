package dev.backprop.nn;

import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.random.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks backprop's gradients against finite differences of the cost, parameter by parameter.
 *
 * <p>For each checked parameter θ the numerical derivative is the fourth-order central difference
 * <pre>  ∂C/∂θ ≈ (−C(θ+2h) + 8·C(θ+h) − 8·C(θ−h) + C(θ−2h)) / 12h</pre>
 * of the batch's mean cost, in float64. Its truncation error is O(h⁴), so a step large enough to keep
 * rounding error small (default {@value #DEFAULT_STEP}) is still accurate. Each parameter is compared by the
 * relative error {@code |a − n| / max(|a| + |n|, floor·max(1, |C|))}. The floor keeps gradients that are zero
 * in exact arithmetic from turning rounding noise into large relative errors; it scales with the cost C because
 * the finite difference's rounding error does (about ε·|C|/h).
 *
 * <p>Finite differences are wrong across a kink: a ReLU pre-activation that a ±2h change of the parameter can push
 * across zero makes the
 * numerical derivative meaningless there, however correct backprop is.
 *
 * <p>Big networks can check a seeded random sample of each tensor's entries ({@link #samplesPerTensor}).
 */
public final class GradientCheck {

    /**
     * The default step h. With a fourth-order stencil, 1e-3 balances truncation (≈ h⁴) against rounding
     * (≈ ε·|C|/h): over thousands of random small networks the worst relative error seen was about 1e-7.
     */
    public static final double DEFAULT_STEP = 1e-3;
    public static final double DEFAULT_FLOOR = 1e-5;

    private final Network network;
    private double step = DEFAULT_STEP;
    private double floor = DEFAULT_FLOOR;
    private int samplesPerTensor;               // 0: every entry
    private long seed = 1;

    private GradientCheck(Network network) {
        if (network.backend().precision() != Precision.FLOAT64) {
            throw new IllegalArgumentException("gradient check needs a float64 network (finite differences in "
                    + "float32 are too coarse); copy it with network.copyTo(a float64 backend)");
        }
        this.network = network;
    }

    /** A check of {@code network}'s gradients, which must be float64. */
    public static GradientCheck of(Network network) {
        return new GradientCheck(network);
    }

    /** The finite-difference step h (default {@value #DEFAULT_STEP}). */
    public GradientCheck step(double h) {
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("step must be a positive number, got " + h);
        }
        this.step = h;
        return this;
    }

    /** The relative error's denominator floor, per unit of cost (default {@value #DEFAULT_FLOOR}). */
    public GradientCheck floor(double f) {
        if (!(f > 0) || !Double.isFinite(f)) {
            throw new IllegalArgumentException("floor must be a positive number, got " + f);
        }
        this.floor = f;
        return this;
    }

    /** Check at most {@code k} random entries of each weight matrix and bias vector; 0 checks all (default). */
    public GradientCheck samplesPerTensor(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("samplesPerTensor must be 0 (all) or positive, got " + k);
        }
        this.samplesPerTensor = k;
        return this;
    }

    /** The seed of the sample of entries (default 1). */
    public GradientCheck seed(long s) {
        this.seed = s;
        return this;
    }

    /**
     * Runs backprop on the batch, then compares every checked parameter's gradient with its numerical
     * derivative. Parameters are restored exactly afterwards.
     *
     * @param x n_0 × m inputs
     * @param y n_L × m targets
     */
    public Report run(Matrix x, Matrix y) {
        Pass pass = network.backprop(x, y);
        List<double[]> weightGradients = new ArrayList<>();
        List<double[]> biasGradients = new ArrayList<>();
        for (int l = 1; l <= network.layers(); l++) {
            weightGradients.add(pass.weightGradient(l).toArray());
            biasGradients.add(pass.biasGradient(l).toArray());
        }
        double cost = pass.cost();
        double effectiveFloor = floor * Math.max(1.0, Math.abs(cost));
        Rng rng = Rng.forStream(seed, "gradient-check");
        List<Entry> worstPerTensor = new ArrayList<>();
        int checked = 0;
        for (int l = 1; l <= network.layers(); l++) {
            Entry w = checkTensor("W[" + l + "]", network.weights(l), weightGradients.get(l - 1), x, y, rng,
                    effectiveFloor);
            Entry b = checkTensor("b[" + l + "]", network.biases(l), biasGradients.get(l - 1), x, y, rng,
                    effectiveFloor);
            worstPerTensor.add(w);
            worstPerTensor.add(b);
            checked += w.checked + b.checked;
        }
        Entry worst = worstPerTensor.stream()
                .max((p, q) -> Double.compare(p.relativeError, q.relativeError)).orElseThrow();
        return new Report(checked, cost, worst, List.copyOf(worstPerTensor));
    }

    private Entry checkTensor(String name, Matrix parameter, double[] analytic, Matrix x, Matrix y, Rng rng,
                              double effectiveFloor) {
        int n = parameter.size();
        int[] indices = sample(n, rng);
        Entry worst = null;
        for (int index : indices) {
            int r = index / parameter.cols(), c = index % parameter.cols();
            double numeric = numericalDerivative(parameter, r, c, x, y);
            double a = analytic[index];
            double relative = Math.abs(a - numeric) / Math.max(Math.abs(a) + Math.abs(numeric), effectiveFloor);
            if (Double.isNaN(relative)) {
                relative = Double.POSITIVE_INFINITY;      // a NaN gradient is the worst possible result
            }
            if (worst == null || relative > worst.relativeError) {
                worst = new Entry(name + "[" + r + "," + c + "]", a, numeric, relative, 0);
            }
        }
        return new Entry(worst.parameter, worst.analytic, worst.numeric, worst.relativeError, indices.length);
    }

    private double numericalDerivative(Matrix p, int r, int c, Matrix x, Matrix y) {
        double original = p.get(r, c);
        double h = step;
        double plus2 = costWith(p, r, c, original + 2 * h, x, y);
        double plus1 = costWith(p, r, c, original + h, x, y);
        double minus1 = costWith(p, r, c, original - h, x, y);
        double minus2 = costWith(p, r, c, original - 2 * h, x, y);
        p.set(r, c, original);
        return (-plus2 + 8 * plus1 - 8 * minus1 + minus2) / (12 * h);
    }

    private double costWith(Matrix p, int r, int c, double value, Matrix x, Matrix y) {
        p.set(r, c, value);
        return network.meanCost(x, y);
    }

    private int[] sample(int n, Rng rng) {
        int k = samplesPerTensor == 0 ? n : Math.min(samplesPerTensor, n);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < k; i++) {                 // partial Fisher–Yates: the first k are a uniform sample
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return java.util.Arrays.copyOf(all, k);
    }

    /**
     * One parameter's comparison.
     *
     * @param parameter     e.g. {@code W[2][3,4]}: row 3, column 4 of layer 2's weights
     * @param analytic      backprop's ∂C/∂θ
     * @param numeric       the finite-difference ∂C/∂θ
     * @param relativeError {@code |a − n| / max(|a| + |n|, floor·max(1, |C|))}
     * @param checked       for a tensor's summary entry, how many of its entries were checked
     */
    public record Entry(String parameter, double analytic, double numeric, double relativeError, int checked) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s: backprop %.10g, numerical %.10g, relative error %.3g",
                    parameter, analytic, numeric, relativeError);
        }
    }

    /**
     * The outcome: how many parameters were checked and the worst one, overall and per tensor.
     *
     * @param checked        number of parameters compared
     * @param cost           the batch's mean cost C at the checked parameters
     * @param worst          the parameter with the largest relative error
     * @param worstPerTensor the worst entry of each of W[1], b[1], W[2], …
     */
    public record Report(int checked, double cost, Entry worst, List<Entry> worstPerTensor) {

        public double maxRelativeError() {
            return worst.relativeError();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "checked %d parameters (cost %.6g); worst relative error %.3g at %s",
                    checked, cost, worst.relativeError(), worst);
        }
    }
}
