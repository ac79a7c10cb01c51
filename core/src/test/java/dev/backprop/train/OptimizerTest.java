package dev.backprop.train;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.OptimizerKind;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OptimizerTest {

    /**
     * Network2's SGD through the optimizer family is the update as it was before it, bit for bit, in both
     * precisions: {@code axpby(−η, ∂C/∂W, 1 − ηλ/n, W)} and {@code axpby(−η, ∂C/∂b, 1, b)} per layer.
     */
    @Test
    void sgdIsNetwork2sAxpbyUpdateBitForBit() {
        for (Precision p : Precision.values()) {
            try (Backend be = new ScalarBackend(BackendConfig.of(p, 1))) {
                Network a = Network.builder(be).layers(new int[]{5, 7, 3}, Activation.sigmoid(), Activation.sigmoid())
                        .cost(Cost.crossEntropy()).seed(2).build();
                Network b = a.copyTo(be);
                Matrix x = be.fromArray(5, 4, new double[]{0.1, 0.2, -0.3, 0.4, 0.5, -0.6, 0.7, 0.8, -0.9, 1.0, 0.1, 0.2,
                        0.3, -0.4, 0.5, 0.6, 0.7, 0.8, -0.9, 0.3});
                Matrix y = be.fromArray(3, 4, new double[]{1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0});
                double eta = 0.37, lambda = 5.0;
                int n = 50_000;
                Sgd sgd = new Sgd(eta, lambda, n);
                for (int step = 0; step < 5; step++) {
                    a.backprop(x, y);
                    sgd.update(a);
                    b.backprop(x, y);
                    double decay = 1.0 - eta * lambda / n;
                    for (int l = 1; l <= 2; l++) {
                        be.axpby(-eta, b.weightGradient(l), decay, b.weights(l));
                        be.axpby(-eta, b.biasGradient(l), 1.0, b.biases(l));
                    }
                }
                for (int l = 1; l <= 2; l++) {
                    assertArrayEquals(b.weights(l).toArray(), a.weights(l).toArray(), p + " W[" + l + "]");
                    assertArrayEquals(b.biases(l).toArray(), a.biases(l).toArray(), p + " b[" + l + "]");
                }
            }
        }
    }

    @Test
    void theFactoriesArePyTorchsDefaults() {
        OptimizerConfig adam = OptimizerConfig.adam(OptimizerConfig.ADAM_ETA);
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        assertEquals(1e-8, adam.epsilon());
        assertEquals(0.01, OptimizerConfig.adamw(1e-3).weightDecay());
        OptimizerConfig rms = OptimizerConfig.rmsprop(OptimizerConfig.RMSPROP_ETA);
        assertEquals(0.99, rms.alpha());
        assertEquals(0.0, rms.momentum());
        assertEquals(0.01, OptimizerConfig.defaultEta(OptimizerKind.RMSPROP));
        assertThat(OptimizerConfig.defaultEta(OptimizerKind.SGD)).isNaN();
        assertEquals(0.9, OptimizerConfig.defaults(OptimizerKind.NESTEROV, 0.1).momentum());
        assertThat(adam.describe()).isEqualTo("adam, β₁ = 0.9, β₂ = 0.999, ε = 1.0E-8");
    }

    @Test
    void l2AndDecoupledWeightDecayAreKeptApart() {
        assertThat(assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.adamw(1e-3).withL2(1.0))
                .getMessage()).contains("AdamW decays the weights decoupled");
        assertThat(assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.adam(1e-3).withWeightDecay(0.01))
                .getMessage()).contains("decoupled weight decay (0.01) is AdamW's; adam takes coupled L2");
        assertThat(assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.momentum(0.1, 0))
                .getMessage()).contains("momentum needs a momentum μ in (0, 1)");
        assertThat(assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.adam(1e-3).withBetas(0.9, 1.0))
                .getMessage()).contains("Adam's β₂ must be in [0, 1)");
        assertThat(assertThrows(IllegalArgumentException.class, () -> OptimizerConfig.sgd(0.1).withMomentum(0.9))
                .getMessage()).contains("sgd has no momentum parameter");
    }

    /**
     * The weight-decay scalar each kind's step gets: network2's ρ for SGD, the coupled c = λ/n for the others,
     * AdamW's ρ = 1 − η·wd on biases too. Checked through one Adam step against the rule computed here.
     */
    @Test
    void adamsFirstStepFollowsTheRule() {
        try (Backend be = new ScalarBackend(BackendConfig.defaults())) {
            Network net = Network.builder(be).layers(new int[]{2, 2}, Activation.identity(), Activation.identity())
                    .cost(Cost.quadratic()).parameters(java.util.List.of(new double[]{0.5, -0.25, 1.0, 2.0}),
                            java.util.List.of(new double[]{0.1, -0.1})).build();
            Matrix x = be.fromArray(2, 1, new double[]{1, 2});
            Matrix y = be.fromArray(2, 1, new double[]{0, 1});
            net.backprop(x, y);
            double[] g = net.weightGradient(1).toArray(), w = net.weights(1).toArray();
            Optimizer adam = OptimizerConfig.adam(0.01).withL2(3.0).create(10);
            adam.update(net);
            double[] got = net.weights(1).toArray();
            for (int i = 0; i < 4; i++) {
                double gh = g[i] + 0.3 * w[i];                      // c = λ/n = 0.3
                double m = 0.1 * gh, v = 0.001 * gh * gh;            // first step from zero moments
                double expected = w[i] - (0.01 / 0.1) * m / (Math.sqrt(v) / Math.sqrt(0.001) + 1e-8);
                assertEquals(expected, got[i], 1e-15, "W[" + i + "]");
                assertEquals(w[i] - 0.01 * Math.signum(gh), got[i], 1e-9, "Adam's first step is η·sign(ĝ)");
            }
            assertEquals(1, adam.steps());
            assertThat(adam.state().tensors()).hasSize(4);          // M and V of W[1] and b[1]
        }
    }
}
