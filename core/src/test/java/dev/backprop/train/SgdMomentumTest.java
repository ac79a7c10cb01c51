package dev.backprop.train;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.data.Dataset;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import dev.backprop.nn.Pass;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SgdMomentumTest {

    final Backend be = new ScalarBackend(BackendConfig.defaults());

    /**
     * Two steps checked against PyTorch's heavy-ball form B ← μB + (∂C/∂W + (λ/n)W), W ← W − ηB (biases without
     * L2) computed here element by element; the state is the buffers B.
     */
    @Test
    void momentumFollowsPyTorchsUpdate() {
        Network net = Network.builder(be).layers(new int[]{3, 4, 2}, Activation.tanh(), Activation.sigmoid())
                .cost(Cost.crossEntropy()).seed(5).build();
        Matrix x = be.fromArray(3, 2, new double[]{0.1, -0.4, 0.7, 0.2, -0.3, 0.9});
        Matrix y = be.fromArray(2, 2, new double[]{1, 0, 0, 1});
        double eta = 0.3, mu = 0.8, lambda = 2.0;
        int n = 50;
        Optimizer optimizer = OptimizerConfig.momentum(eta, mu).withL2(lambda).create(n);
        double[][] w = {null, net.weights(1).toArray(), net.weights(2).toArray()};
        double[][] b = {null, net.biases(1).toArray(), net.biases(2).toArray()};
        double[][] bw = {null, new double[w[1].length], new double[w[2].length]};
        double[][] bb = {null, new double[b[1].length], new double[b[2].length]};
        for (int step = 0; step < 2; step++) {
            Pass pass = net.backprop(x, y);
            for (int l = 1; l <= 2; l++) {
                double[] gw = pass.weightGradient(l).toArray(), gb = pass.biasGradient(l).toArray();
                for (int i = 0; i < gw.length; i++) {
                    bw[l][i] = mu * bw[l][i] + (gw[i] + lambda / n * w[l][i]);
                    w[l][i] -= eta * bw[l][i];
                }
                for (int i = 0; i < gb.length; i++) {
                    bb[l][i] = mu * bb[l][i] + gb[i];
                    b[l][i] -= eta * bb[l][i];
                }
            }
            optimizer.update(net);
            for (int l = 1; l <= 2; l++) {
                assertArrayEquals(w[l], net.weights(l).toArray(), 1e-14, "W[" + l + "] after step " + (step + 1));
                assertArrayEquals(b[l], net.biases(l).toArray(), 1e-14, "b[" + l + "] after step " + (step + 1));
            }
        }
        List<double[]> state = optimizer.state().tensors();
        assertEquals(4, state.size());                    // one buffer per W[1], b[1], W[2], b[2]
        assertArrayEquals(bw[2], state.get(2), 1e-14);
        assertEquals(2, optimizer.steps());
    }

    @Test
    void momentumSpeedsUpTrainingOnTheSameBudget() {
        Dataset data = dev.backprop.data.SyntheticData.blobs(400, 4, 8, 0.6, 2);
        double plain = trainedCost(data, TrainingConfig.of(3, 20, 0.02));
        double withMomentum = trainedCost(data, TrainingConfig.of(3, 20, 0.02).withMomentum(0.9));
        assertThat(withMomentum).isLessThan(plain * 0.8);
    }

    private double trainedCost(Dataset data, TrainingConfig config) {
        Network net = Network.builder(be).layers(new int[]{8, 16, 4}, Activation.relu(), Activation.softmax())
                .cost(Cost.logLikelihood()).seed(3).build();
        new Trainer(net, config).fit(data, new TrainingListener() { });
        return Evaluation.of(net, data).meanCost();
    }

    @Test
    void theLearningRateDecaysPerEpoch() {
        TrainingConfig c = TrainingConfig.of(5, 10, 0.5).withEtaDecay(0.5);
        assertEquals(0.5, c.etaAt(1));
        assertEquals(0.125, c.etaAt(3));
        var e = assertThrows(IllegalArgumentException.class, () -> c.withMomentum(1.0));
        assertThat(e.getMessage()).contains("momentum μ must be in [0, 1)");
        assertThat(assertThrows(IllegalArgumentException.class, () -> c.withEtaDecay(1.5)).getMessage())
                .contains("decay γ must be in (0, 1]");
    }

    /** A NaN pixel in one example: halting stops at its batch; skipping leaves the parameters finite and counts it. */
    @Test
    void nonFiniteBatchesStopTheRunOrAreSkipped() {
        double[][] x = new double[40][];
        int[] labels = new int[40];
        for (int i = 0; i < 40; i++) {
            x[i] = new double[]{i % 2, (i / 2) % 2, 0.5};
            labels[i] = i % 2;
        }
        x[13][2] = Double.NaN;
        Dataset data = Dataset.of("with a NaN", x, labels, 2);
        TrainingConfig halt = TrainingConfig.of(2, 10, 0.5).withShuffle(false);
        var e = assertThrows(TrainingDivergedException.class, () -> new Trainer(net(), halt).fit(data,
                new TrainingListener() { }));
        assertThat(e.epoch()).isEqualTo(1);
        assertThat(e.batch()).isEqualTo(2);
        Network net = net();
        List<EpochStats> stats = new Trainer(net, halt.withHaltOnNonFiniteCost(false)).fit(data, new TrainingListener() { });
        assertThat(stats).extracting(EpochStats::skippedBatches).containsExactly(1, 1);
        assertThat(stats.get(1).runningCost()).isFinite();
        for (double w : net.weights(1).toArray()) {
            assertThat(w).isFinite();
        }
        assertThat(net.weights(1).toArray()).isNotEqualTo(net().weights(1).toArray());   // the other batches trained
    }

    private Network net() {
        return Network.builder(be).layers(new int[]{3, 4, 2}, Activation.sigmoid(), Activation.softmax())
                .cost(Cost.logLikelihood()).seed(1).build();
    }

    @Test
    void theConfusionMatrixAgreesWithTheEvaluation() {
        Dataset data = dev.backprop.data.SyntheticData.blobs(300, 3, 5, 1.2, 4);
        Network net = Network.builder(be).layers(new int[]{5, 6, 3}, Activation.tanh(), Activation.softmax())
                .cost(Cost.logLikelihood()).build();
        new Trainer(net, TrainingConfig.of(1, 10, 0.05)).fit(data, new TrainingListener() { });
        ConfusionMatrix cm = ConfusionMatrix.of(net, data);
        Evaluation e = Evaluation.of(net, data);
        assertEquals(e.correct(), cm.correct());
        assertEquals(300, cm.total());
        int sum = 0;
        for (int i = 0; i < 3; i++) {
            assertEquals(100, cm.support(i));
            for (int j = 0; j < 3; j++) {
                sum += cm.count(i, j);
            }
        }
        assertEquals(300, sum);
        assertThat(cm.accuracy()).isLessThan(1.0);                 // noisy blobs: some off-diagonal entries
    }
}
