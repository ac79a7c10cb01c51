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
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checker itself: it catches wrong derivatives, names the culprit, samples, and restores parameters. */
class GradientCheckTest {

    final Backend be = new ScalarBackend(BackendConfig.defaults());

    @Test
    void aSlightlyWrongDerivativeIsCaughtAndNamed() {
        Activation wrong = Activation.elementwise("off-by-0.1%", z -> 1 / (1 + Math.exp(-z)),
                z -> 1.001 * Math.exp(-z) / Math.pow(1 + Math.exp(-z), 2));
        Network net = Network.builder(be).input(3).layer(4, wrong).layer(2, Activation.sigmoid())
                .cost(Cost.quadratic()).build();
        GradientCheck.Report r = GradientCheck.of(net).run(random(3, 5, 1), random(2, 5, 2));
        assertThat(r.maxRelativeError()).isGreaterThan(1e-4);
        assertThat(r.worst().parameter()).matches("[Wb]\\[1\\].*");     // the error is in layer 1's derivative
    }

    @Test
    void correctNetworksPassAndParametersAreRestoredExactly() {
        Network net = Network.builder(be).layers(new int[]{3, 5, 2}, Activation.tanh(), Activation.sigmoid())
                .cost(Cost.crossEntropy()).build();
        double[] before = net.weights(1).toArray();
        GradientCheck.Report r = GradientCheck.of(net).run(random(3, 4, 3), random(2, 4, 4));
        assertThat(r.maxRelativeError()).isLessThan(1e-8);
        assertEquals(3 * 5 + 5 + 5 * 2 + 2, r.checked());
        assertArrayEquals(before, net.weights(1).toArray());
        assertThat(r.toString()).contains("worst relative error");
    }

    @Test
    void samplingChecksAtMostKEntriesPerTensor() {
        Network net = Network.builder(be).layers(new int[]{30, 20, 10}, Activation.sigmoid(), Activation.sigmoid()).build();
        GradientCheck.Report r = GradientCheck.of(net).samplesPerTensor(5).run(random(30, 2, 5), random(10, 2, 6));
        assertEquals(5 * 4, r.checked());
        assertThat(r.worstPerTensor()).hasSize(4);
    }

    @Test
    void float32NetworksAreRefused() {
        Backend f32 = new ScalarBackend(BackendConfig.of(Precision.FLOAT32, 1));
        Network net = Network.builder(f32).layers(new int[]{2, 2}, Activation.sigmoid(), Activation.sigmoid()).build();
        var e = assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(net));
        assertThat(e.getMessage()).contains("float64");
    }

    private Matrix random(int rows, int cols, long seed) {
        Rng rng = new Rng(seed);
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble();
        }
        return be.fromArray(rows, cols, v);
    }
}
