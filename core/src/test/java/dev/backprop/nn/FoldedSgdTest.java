package dev.backprop.nn;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.random.Rng;
import dev.backprop.train.Sgd;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The trainer's SGD step with the update folded into BP4 equals backprop then the update, to rounding. */
class FoldedSgdTest {

    private static Network net(Backend be, int seed) {
        return Network.builder(be).layers(new int[]{7, 9, 5, 3}, Activation.tanh(), Activation.softmax())
                .cost(Cost.logLikelihood()).seed(seed).build();
    }

    private static Matrix random(Backend be, Rng rng, int rows, int cols) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble(-1, 1);
        }
        return be.fromArray(rows, cols, v);
    }

    @Test
    void foldedStepsEqualBackpropThenUpdateToRoundingWithL2AndDropout() {
        try (Backend be = new ScalarBackend(BackendConfig.defaults())) {
            Network a = net(be, 3), b = net(be, 3);
            Rng rng = new Rng(11);
            Matrix x = random(be, rng, 7, 6);
            Matrix y = be.fromArray(3, 6, new double[]{1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1});
            double eta = 0.3, lambda = 5, n = 100;
            Sgd sgd = new Sgd(eta, lambda, (int) n);
            Dropout dropout = Dropout.hidden(0.3).withSeed(5);
            for (int step = 0; step < 20; step++) {
                Pass pa = a.backprop(x, y, dropout, step);
                double costA = pa.totalCost();
                sgd.update(a);
                Pass pb = b.backpropSgd(x, y, dropout, step, eta, 1 - eta * lambda / n);
                assertThat(pb.totalCost()).isCloseTo(costA, org.assertj.core.data.Offset.offset(1e-12 * Math.abs(costA)));
            }
            for (int l = 1; l <= a.layers(); l++) {
                assertArrayEquals(a.weights(l).toArray(), b.weights(l).toArray(), 1e-13, "W[" + l + "]");
                assertArrayEquals(a.biases(l).toArray(), b.biases(l).toArray(), 1e-13, "b[" + l + "]");
            }
            var e = assertThrows(IllegalStateException.class, () -> b.weightGradient(1));
            assertThat(e.getMessage()).contains("folded");
            b.biasGradient(1);                                   // still there
            a.weightGradient(1);                                 // a's last pass was a plain backprop
        }
    }

    @Test
    void aNonFiniteCostChangesNothing() {
        try (Backend be = new ScalarBackend(BackendConfig.defaults())) {
            Network net = net(be, 4);
            double[] before = net.weights(2).toArray();
            Matrix x = random(be, new Rng(1), 7, 2);
            x.set(0, 0, Double.NaN);
            Matrix y = be.fromArray(3, 2, new double[]{1, 0, 0, 1, 0, 0});
            Pass pass = net.backpropSgd(x, y, Dropout.none(), 0, 0.5, 1.0);
            assertThat(pass.totalCost()).isNaN();
            assertThat(pass.hasGradients()).isFalse();
            assertArrayEquals(before, net.weights(2).toArray());
        }
    }
}
