package dev.backprop.tck;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import dev.backprop.nn.Pass;
import dev.backprop.random.Rng;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whole networks: the same random network (same seed, same inputs) run forward and backward on two
 * backends gives the same cost and the same Z, A, Δ and gradients in every layer, within a normwise
 * relative tolerance ({@code ‖got − ref‖∞ ≤ rel·‖ref‖∞} per tensor: one layer's rounding reaches the next
 * in proportion to that layer's largest values, not to each element's).
 */
final class NetworkChecks {

    private NetworkChecks() {
    }

    /** float64: the 1e-10. */
    static final double FLOAT64_RELATIVE = 1e-10;
    /**
     * float32: a float backend accumulates each product in float where the reference accumulates in double and
     * rounds once, and the layers compound the difference; EJML and ojAlgo stay below 4e-7 (normwise), so 1e-4
     * leaves room for float transcendental kernels while a wrong kernel (off by a term, not an ulp) still fails.
     */
    static final double FLOAT32_RELATIVE = 1e-4;

    static double relative(Precision p) {
        return p == Precision.FLOAT64 ? FLOAT64_RELATIVE : FLOAT32_RELATIVE;
    }

    /** A user's own activation (softplus) and cost (log-cosh): they run on the generic map/zip/sumZip. */
    static final Activation SOFTPLUS = Activation.elementwise("softplus",
            z -> Math.log1p(Math.exp(z)), z -> 1 / (1 + Math.exp(-z)));
    static final Cost LOG_COSH = Cost.elementwise("log-cosh",
            (a, y) -> Math.log(Math.cosh(a - y)), (a, y) -> Math.tanh(a - y));

    /** A network to compare: layer sizes, activations, cost and batch size. */
    record Net(int[] sizes, Activation hidden, Activation output, Cost cost, int batch) {
        @Override
        public String toString() {
            return Arrays.toString(sizes) + " " + hidden.name() + "/" + output.name() + " " + cost.name() + " m=" + batch;
        }
    }

    /** Every built-in activation in a hidden and an output layer, every cost, fused and general BP1, user-defined ones. */
    static final List<Net> NETS = List.of(
            new Net(new int[]{13, 9, 7, 3}, Activation.sigmoid(), Activation.sigmoid(), Cost.quadratic(), 10),
            new Net(new int[]{8, 33, 10}, Activation.relu(), Activation.softmax(), Cost.logLikelihood(), 33),
            new Net(new int[]{31, 32, 5}, Activation.tanh(), Activation.sigmoid(), Cost.crossEntropy(), 7),
            new Net(new int[]{2, 3, 1}, Activation.identity(), Activation.identity(), Cost.quadratic(), 1),
            new Net(new int[]{9, 7, 4}, Activation.softmax(), Activation.tanh(), Cost.quadratic(), 8),
            new Net(new int[]{5, 6, 4}, Activation.relu(), Activation.softmax(), Cost.crossEntropy(), 3),
            new Net(new int[]{6, 9, 3}, SOFTPLUS, Activation.sigmoid(), LOG_COSH, 9),
            new Net(new int[]{784, 30, 10}, Activation.sigmoid(), Activation.sigmoid(), Cost.quadratic(), 10));

    /**
     * Runs {@code net} forward and backward on both backends and compares every tensor of the pass.
     *
     * @param reportName where to record the normwise differences seen (see {@link TckReport}); null records nothing
     */
    static void agree(Backend reference, Backend backend, Net net, long seed, String reportName) {
        Pass ref = pass(reference, net, seed);
        Pass got = pass(backend, net, seed);
        String where = net + " [" + backend.name() + ", " + backend.config() + " vs " + reference.name() + ", "
                + reference.config() + "]";
        double rel = relative(backend.precision());
        Difference cost = Difference.of(new double[]{ref.cost()}, new double[]{got.cost()}, null, Tolerance.of(rel, 0));
        record(reportName, backend, "network: cost", rel, cost);
        if (!cost.withinTolerance()) {
            throw new AssertionError(where + ": the cost differs from the reference's: " + cost.describe(0));
        }
        for (int l = 1; l <= ref.layers(); l++) {
            tensor(where, "Z[" + l + "]", ref.z(l), got.z(l), rel, reportName, backend);
            tensor(where, "A[" + l + "]", ref.a(l), got.a(l), rel, reportName, backend);
            tensor(where, "Δ[" + l + "]", ref.delta(l), got.delta(l), rel, reportName, backend);
            tensor(where, "∂C/∂W[" + l + "]", ref.weightGradient(l), got.weightGradient(l), rel, reportName, backend);
            tensor(where, "∂C/∂b[" + l + "]", ref.biasGradient(l), got.biasGradient(l), rel, reportName, backend);
        }
    }

    private static void record(String reportName, Backend backend, String what, double rel, Difference d) {
        if (reportName != null) {
            TckReport.record(reportName, backend.precision(), what, Tolerance.of(rel, 0), d);
        }
    }

    static Pass pass(Backend backend, Net net, long seed) {
        Network network = Network.builder(backend).layers(net.sizes(), net.hidden(), net.output()).cost(net.cost())
                .seed(seed).build();
        Rng rng = new Rng(seed + 1);
        int n0 = net.sizes()[0], nL = net.sizes()[net.sizes().length - 1], m = net.batch();
        Matrix x = backend.fromArray(n0, m, Values.SIGNED.generate(n0, m, rng));              // n_0 × m
        Matrix y = backend.fromArray(nL, m, oneHot(nL, m, rng));                              // n_L × m
        return network.backprop(x, y);
    }

    /** One-hot columns: a valid target for every cost, softmax's log-likelihood included. */
    private static double[] oneHot(int rows, int cols, Rng rng) {
        double[] y = new double[rows * cols];
        for (int j = 0; j < cols; j++) {
            y[rng.nextInt(rows) * cols + j] = 1;
        }
        return y;
    }

    /**
     * {@code ‖got − ref‖∞ ≤ rel·‖ref‖∞}, failing with the tensor's name and the worst element; recorded as
     * "network: gradients" (∂C/∂W, ∂C/∂b) or "network: Z, A, Δ".
     */
    static void tensor(String where, String name, Matrix ref, Matrix got, double rel, String reportName, Backend backend) {
        double[] r = ref.toArray();
        double norm = Double.MIN_NORMAL;
        for (double v : r) {
            norm = Math.max(norm, Math.abs(v));
        }
        double[] scale = new double[r.length];
        Arrays.fill(scale, norm);
        Difference d = Difference.of(r, got.toArray(), scale, Tolerance.of(rel, 0));
        record(reportName, backend, name.startsWith("∂") ? "network: gradients" : "network: Z, A, Δ", rel, d);
        if (!d.withinTolerance()) {
            throw new AssertionError(where + ": " + name + " (" + ref.shape() + ") differs from the reference beyond "
                    + String.format(Locale.ROOT, "%.1g", rel) + "·‖ref‖∞ = " + rel * norm + ": " + d.describe(ref.cols()));
        }
    }
}
