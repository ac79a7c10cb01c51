package dev.backprop.nn;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.random.Rng;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DropoutTest {

    final Backend be = new ScalarBackend(BackendConfig.defaults());

    private Network net(int... sizes) {
        return Network.builder(be).layers(sizes, Activation.tanh(), Activation.softmax()).cost(Cost.logLikelihood())
                .seed(3).build();
    }

    private Matrix random(Backend b, int rows, int cols, long seed) {
        Rng rng = new Rng(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextGaussian();
        }
        return b.fromArray(rows, cols, v);
    }

    private Matrix oneHot(Backend b, int classes, int cols) {
        double[] v = new double[classes * cols];
        for (int j = 0; j < cols; j++) {
            v[(j % classes) * cols + j] = 1;
        }
        return b.fromArray(classes, cols, v);
    }

    /** The stream is counter-based: each element's draw depends only on (seed, step, layer, index). */
    @Test
    void masksDependOnlyOnSeedStepLayerAndIndexNotOnOrder() {
        Dropout d = Dropout.hidden(0.5).withSeed(11);
        double[] forward = new double[1000], backward = new double[1000];
        for (int i = 0; i < 1000; i++) {
            forward[i] = d.uniform(7, 2, i);
        }
        for (int i = 999; i >= 0; i--) {
            backward[i] = d.uniform(7, 2, i);
        }
        assertArrayEquals(forward, backward);
        assertNotEquals(d.uniform(7, 2, 5), d.uniform(8, 2, 5));
        assertNotEquals(d.uniform(7, 2, 5), d.uniform(7, 1, 5));
        assertNotEquals(d.uniform(7, 2, 5), Dropout.hidden(0.5).withSeed(12).uniform(7, 2, 5));
        double[] mask = new double[40];
        d.mask(7, 2, 0.5, 4, 10, mask);
        for (int k = 0; k < 40; k++) {
            assertEquals(d.uniform(7, 2, k) >= 0.5 ? 2.0 : 0.0, mask[k]);
        }
    }

    @Test
    void aboutAFractionPIsDroppedAndTheRestScaledByOneOverOneMinusP() {
        double p = 0.3;
        double[] mask = new double[200_000];
        Dropout.hidden(p).mask(1, 1, p, 400, 500, mask);
        int dropped = 0;
        for (double m : mask) {
            if (m == 0) {
                dropped++;
            } else {
                assertEquals(1 / (1 - p), m);
            }
        }
        assertThat(dropped / (double) mask.length).isBetween(p - 0.005, p + 0.005);
    }

    /** A training pass computes Ã = A ⊙ D for hidden layers, never the output; forward (evaluation) drops nothing. */
    @Test
    void theTrainingPassDropsHiddenActivationsAndEvaluationDoesNot() {
        Network net = net(5, 7, 6, 3);
        Matrix x = random(be, 5, 4, 1), y = oneHot(be, 3, 4);
        Dropout d = Dropout.perLayer(0.5, 0.2).withSeed(9);
        Pass pass = net.backprop(x, y, d, 42);
        Matrix d1 = pass.dropoutMask(1), d2 = pass.dropoutMask(2);
        assertThat(d1).isNotNull();
        assertThat(d2).isNotNull();
        assertNull(pass.dropoutMask(3));
        double[] a1 = pass.a(1).toArray(), m1 = d1.toArray();
        assertThat(m1).containsAnyOf(0.0).containsAnyOf(2.0);
        // layer 2's pre-activation is W[2]·(A[1] ⊙ D[1]) + b[2]
        double[] dropped = new double[a1.length];
        for (int i = 0; i < a1.length; i++) {
            dropped[i] = a1[i] * m1[i];
        }
        Matrix z2 = be.zeros(6, 4);
        be.gemm(false, false, 1, net.weights(2), be.fromArray(7, 4, dropped), 0, z2);
        be.addBias(z2, net.biases(2));
        assertArrayEquals(z2.toArray(), pass.z(2).toArray(), 1e-15);
        double[] withDropout = pass.output().toArray();
        Matrix evaluated = net.forward(x);
        assertNull(net.lastPass().dropoutMask(1));
        assertThat(evaluated.toArray()).isNotEqualTo(withDropout);
        assertArrayEquals(net.backprop(x, y).output().toArray(), evaluated.toArray());
        assertArrayEquals(withDropout, net.backprop(x, y, d, 42).output().toArray(), "same step, same masks");
        assertThat(net.backprop(x, y, d, 43).output().toArray()).isNotEqualTo(withDropout);
    }

    /** The masks are the same whatever the precision or backend: they are computed from the counters, in double. */
    @Test
    void theMasksDoNotDependOnThePrecision() {
        Network net = net(5, 7, 3);
        try (Backend f32 = new ScalarBackend(BackendConfig.of(Precision.FLOAT32, 1))) {
            Network other = net.copyTo(f32);
            Dropout d = Dropout.hidden(0.4);
            Pass a = net.backprop(random(be, 5, 6, 2), oneHot(be, 3, 6), d, 5);
            Pass b = other.backprop(random(f32, 5, 6, 2), oneHot(f32, 3, 6), d, 5);
            double[] ma = a.dropoutMask(1).toArray(), mb = b.dropoutMask(1).toArray();
            for (int i = 0; i < ma.length; i++) {
                assertEquals(ma[i] == 0, mb[i] == 0, "element " + i);
            }
        }
    }

    @Test
    void ratesAreChecked() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> Dropout.hidden(1.0)).getMessage())
                .contains("must be in [0, 1)");
        Network net = net(5, 7, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> net.backprop(random(be, 5, 2, 1), oneHot(be, 3, 2),
                Dropout.perLayer(0.1, 0.2), 0));
        assertThat(e.getMessage()).contains("2 per-layer rates but the network").contains("has 1 hidden layer");
        assertThat(Dropout.none().isNone()).isTrue();
        assertThat(Dropout.perLayer(0, 0).isNone()).isTrue();
        assertThat(Dropout.hidden(0.5)).hasToString("0.5 on every hidden layer");
    }
}
