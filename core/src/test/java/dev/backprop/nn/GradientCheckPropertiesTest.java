package dev.backprop.nn;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.random.Rng;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tier 1: backprop's gradients equal finite differences, for random small networks over every output
 * activation × cost pair the costs are defined for (the fused softmax + log-likelihood and sigmoid +
 * cross-entropy paths included), every hidden activation, and a user-defined activation and cost.
 */
class GradientCheckPropertiesTest {

    static final double TOLERANCE = 1e-6;

    /** A user's own activation (softplus) and cost (log-cosh), written against the generic operations. */
    static final Activation SOFTPLUS = Activation.elementwise("softplus",
            z -> Math.log1p(Math.exp(z)), z -> 1 / (1 + Math.exp(-z)));
    static final Cost LOG_COSH = Cost.elementwise("log-cosh",
            (a, y) -> Math.log(Math.cosh(a - y)), (a, y) -> Math.tanh(a - y));

    static final List<Activation> HIDDEN = List.of(Activation.sigmoid(), Activation.tanh(), Activation.relu(),
            Activation.identity(), Activation.softmax(), SOFTPLUS);

    /** (output activation, cost) pairs where the cost is defined on the activation's range. */
    static final List<Tuple.Tuple2<Activation, Cost>> OUTPUT_AND_COST = List.of(
            Tuple.of(Activation.sigmoid(), Cost.quadratic()),
            Tuple.of(Activation.tanh(), Cost.quadratic()),
            Tuple.of(Activation.relu(), Cost.quadratic()),
            Tuple.of(Activation.identity(), Cost.quadratic()),     // fused: Δ = A − Y
            Tuple.of(Activation.softmax(), Cost.quadratic()),
            Tuple.of(Activation.sigmoid(), Cost.crossEntropy()),   // fused: Δ = A − Y
            Tuple.of(Activation.softmax(), Cost.crossEntropy()),
            Tuple.of(Activation.sigmoid(), Cost.logLikelihood()),
            Tuple.of(Activation.softmax(), Cost.logLikelihood()),  // fused: Δ = A − Y
            Tuple.of(SOFTPLUS, LOG_COSH),
            Tuple.of(Activation.sigmoid(), LOG_COSH));

    record Case(int[] sizes, Activation hidden, Activation output, Cost cost, int batch, long seed) {
        @Override
        public String toString() {
            return java.util.Arrays.toString(sizes) + " hidden=" + hidden.name() + " output=" + output.name()
                    + " cost=" + cost.name() + " m=" + batch + " seed=" + seed;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<int[]> sizes = Arbitraries.integers().between(1, 3).flatMap(hiddenLayers ->
                Arbitraries.integers().between(1, 12).array(int[].class).ofSize(hiddenLayers + 2));
        return Combinators.combine(sizes, Arbitraries.of(HIDDEN), Arbitraries.of(OUTPUT_AND_COST),
                        Arbitraries.integers().between(1, 7), Arbitraries.longs())
                .as((s, hidden, pair, m, seed) -> new Case(s, hidden, pair.get1(), pair.get2(), m, seed));
    }

    @Property(tries = 1000)
    void backpropMatchesFiniteDifferences(@ForAll("cases") Case c) {
        try (Backend be = new ScalarBackend(BackendConfig.defaults())) {
            Network net = Network.builder(be).layers(c.sizes, c.hidden, c.output).cost(c.cost).seed(c.seed).build();
            Rng rng = new Rng(c.seed);
            Matrix x = randomMatrix(be, rng, c.sizes[0], c.batch);
            Matrix y = targets(be, rng, c);
            Assume.that(awayFromReluKinks(net, x, y));
            GradientCheck.Report report = GradientCheck.of(net).run(x, y);
            assertTrue(report.maxRelativeError() < TOLERANCE, c + ": " + report);
        }
    }

    static Matrix randomMatrix(Backend be, Rng rng, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return be.fromArray(rows, cols, v);
    }

    /** One-hot columns for log-likelihood (its fused Δ = A − Y needs distributions), values in [0, 1] otherwise. */
    static Matrix targets(Backend be, Rng rng, Case c) {
        int n = c.sizes[c.sizes.length - 1];
        double[] v = new double[n * c.batch];
        if (c.cost == Cost.logLikelihood()) {
            for (int j = 0; j < c.batch; j++) {
                v[rng.nextInt(n) * c.batch + j] = 1;
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextDouble();
            }
        }
        return be.fromArray(n, c.batch, v);
    }

    /**
     * Finite differences are meaningless across a ReLU kink: skip nets with a pre-activation within 1e-2 of 0
     * (ten times the step, since a parameter moves z by up to ±2h times its input). About 3% of cases.
     */
    static boolean awayFromReluKinks(Network net, Matrix x, Matrix y) {
        Pass pass = net.backprop(x, y);
        for (int l = 1; l <= net.layers(); l++) {
            if (net.activation(l) == Activation.relu()) {
                for (double z : pass.z(l).toArray()) {
                    if (Math.abs(z) < 1e-2) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
