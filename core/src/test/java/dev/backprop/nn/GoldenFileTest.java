package dev.backprop.nn;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.scalar.ScalarBackend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tier 2: fixed networks whose output, cost and gradients were computed by an independent plain-Python
 * implementation (src/test/resources/golden/generate_golden.py). Every tensor is compared, and a failure
 * reports the largest difference of each.
 */
class GoldenFileTest {

    static final double TOLERANCE = 1e-12;

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid-quadratic", "relu-tanh-softmax-loglikelihood", "tanh-sigmoid-crossentropy"})
    void backpropMatchesTheGoldenFile(String name) throws IOException {
        GoldenCase g = GoldenCase.load(name);
        try (Backend be = new ScalarBackend(BackendConfig.defaults())) {
            int layers = g.sizes().length - 1;
            Network.Builder builder = Network.builder(be).input(g.sizes()[0]).cost(Cost.named(g.cost()));
            List<double[]> w = new ArrayList<>(), b = new ArrayList<>();
            for (int l = 1; l <= layers; l++) {
                builder.layer(g.sizes()[l], Activation.named(g.activations()[l - 1]));
                w.add(g.tensor("W" + l).values());
                b.add(g.tensor("b" + l).values());
            }
            Network net = builder.parameters(w, b).build();
            Pass pass = net.backprop(matrix(be, g.tensor("X")), matrix(be, g.tensor("Y")));

            List<String> report = new ArrayList<>();
            boolean ok = compare("output", g.tensor("output").values(), pass.output().toArray(), report);
            ok &= compare("cost", new double[]{g.expectedCost()}, new double[]{pass.cost()}, report);
            for (int l = 1; l <= layers; l++) {
                ok &= compare("dW" + l, g.tensor("dW" + l).values(), pass.weightGradient(l).toArray(), report);
                ok &= compare("db" + l, g.tensor("db" + l).values(), pass.biasGradient(l).toArray(), report);
            }
            assertTrue(ok, name + " differs from the golden file:\n" + String.join("\n", report));
        }
    }

    static Matrix matrix(Backend be, GoldenCase.Tensor t) {
        return be.fromArray(t.rows(), t.cols(), t.values());
    }

    /** Records the largest difference of one tensor; true when every element is within tolerance. */
    static boolean compare(String label, double[] expected, double[] actual, List<String> report) {
        if (expected.length != actual.length) {
            report.add(String.format("%-7s size %d, expected %d", label, actual.length, expected.length));
            return false;
        }
        double worst = 0;
        int at = 0;
        boolean ok = true;
        for (int i = 0; i < expected.length; i++) {
            double diff = Math.abs(expected[i] - actual[i]);
            double scale = Math.max(1.0, Math.abs(expected[i]));
            if (diff / scale > worst) {
                worst = diff / scale;
                at = i;
            }
            ok &= diff <= TOLERANCE * scale;
        }
        report.add(String.format(Locale.ROOT, "%-7s max difference %.3g at element %d (expected %.17g, got %.17g)%s",
                label, worst, at, expected[at], actual[at], ok ? "" : "  <-- over " + TOLERANCE));
        return ok;
    }
}
