package dev.backprop.train;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.data.Dataset;
import dev.backprop.data.SyntheticData;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Dropout;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** fit with a validation set, early stopping, keeping the best epoch, a listener's stop, and the divergence stop. */
class TrainingControlTest {

    final Backend be = new ScalarBackend(BackendConfig.defaults());
    final Dataset all = SyntheticData.blobs(300, 3, 6, 0.8, 4);
    final Dataset data = all.subset(0, 200);
    final Dataset validation = all.subset(200, 300);

    private Network net(Backend b) {
        return Network.builder(b).layers(new int[]{6, 10, 3}, Activation.tanh(), Activation.softmax())
                .cost(Cost.logLikelihood()).seed(8).build();
    }

    /** A monitor whose value after epoch e is scripted[e − 1] (higher is better). */
    private static Monitor scripted(double... values) {
        return Monitor.of("scripted", true, false, s -> values[s.epoch() - 1], (n, t, v) -> Double.NaN);
    }

    /** Records each epoch's W[1] as the listener sees it. */
    private static final class Weights implements TrainingListener {
        final Network net;
        final List<double[]> w1 = new ArrayList<>();

        Weights(Network net) {
            this.net = net;
        }

        @Override
        public void epochDone(EpochStats stats) {
            w1.add(net.weights(1).toArray());
        }
    }

    @Test
    void fitEvaluatesTheValidationSetAfterEveryEpoch() {
        Network net = net(be);
        List<Evaluation> seen = new ArrayList<>();
        TrainingResult r = new Trainer(net, TrainingConfig.of(3, 20, 0.1)).fit(data, validation, new TrainingListener() {
            @Override
            public void epochDone(EpochStats stats) {
                seen.add(Evaluation.of(net, validation));
            }
        });
        assertEquals(3, r.history().size());
        for (int e = 0; e < 3; e++) {
            assertEquals(seen.get(e).accuracy(), r.history().get(e).validationAccuracy());
            assertEquals(seen.get(e).meanCost(), r.history().get(e).validationCost());
        }
        assertEquals(Monitor.validationAccuracy(), r.monitor());
        assertEquals(TrainingResult.Stop.COMPLETED, r.stop());
        assertThat(r.history().get(0).seconds()).isPositive();
    }

    /** Patience 2: the best epoch is 2, epochs 3 and 4 do not beat it, so the run stops after 4 with epoch 2's weights. */
    @Test
    void earlyStoppingStopsAfterPatienceAndRestoresTheBestEpoch() {
        Network net = net(be);
        Weights w = new Weights(net);
        TrainingConfig config = TrainingConfig.of(10, 20, 0.1)
                .withEarlyStopping(EarlyStopping.patience(scripted(0.5, 0.7, 0.6, 0.65, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9), 2));
        TrainingResult r = new Trainer(net, config).fit(data, null, w);
        assertEquals(TrainingResult.Stop.EARLY_STOPPING, r.stop());
        assertEquals(4, r.history().size());
        assertEquals(2, r.bestEpoch());
        assertEquals(0.7, r.bestValue());
        assertTrue(r.restored());
        assertArrayEquals(w.w1.get(1), net.weights(1).toArray(), "the network ends with epoch 2's weights");
        assertThat(r.describe()).isEqualTo("stopped early after epoch 4 (no improvement of scripted); best epoch 2 "
                + "(scripted 0.70000)");
    }

    /**
     * min-delta: small gains still make an epoch the best (its weights are kept), but only gains above min-delta
     * reset the patience count.
     */
    @Test
    void smallGainsAreKeptButDoNotResetPatience() {
        Network net = net(be);
        Weights w = new Weights(net);
        TrainingConfig config = TrainingConfig.of(10, 20, 0.1).withEarlyStopping(
                EarlyStopping.patience(scripted(0.5, 0.6, 0.601, 0.602, 0.603, 0.9, 0.9, 0.9, 0.9, 0.9), 3).withMinDelta(0.01));
        TrainingResult r = new Trainer(net, config).fit(data, null, w);
        assertEquals(5, r.history().size());                    // epochs 3, 4, 5 gain less than 0.01 over epoch 2
        assertEquals(5, r.bestEpoch());
        assertArrayEquals(w.w1.get(4), net.weights(1).toArray());
    }

    @Test
    void withoutRestoreBestTheRunEndsWithTheLastEpoch() {
        Network net = net(be);
        Weights w = new Weights(net);
        TrainingConfig config = TrainingConfig.of(3, 20, 0.1)
                .withEarlyStopping(EarlyStopping.keepBest(scripted(0.9, 0.5, 0.4)).withRestoreBest(false));
        Trainer trainer = new Trainer(net, config);
        TrainingResult r = trainer.fit(data, null, w);
        assertEquals(1, r.bestEpoch());
        assertThat(r.restored()).isFalse();
        assertArrayEquals(w.w1.get(2), net.weights(1).toArray());
        Network copy = net.copyTo(be);
        trainer.keepBest().restoreInto(copy);                       // still kept, on request
        assertArrayEquals(w.w1.get(0), copy.weights(1).toArray());
    }

    @Test
    void aListenerCanStopTheRun() {
        Network net = net(be);
        TrainingResult r = new Trainer(net, TrainingConfig.of(10, 20, 0.1)).fit(data, null, new TrainingListener() {
            int epochs;

            @Override
            public void epochDone(EpochStats stats) {
                epochs = stats.epoch();
            }

            @Override
            public boolean stopRequested() {
                return epochs == 2;
            }
        });
        assertEquals(TrainingResult.Stop.LISTENER, r.stop());
        assertEquals(2, r.history().size());
    }

    @Test
    void aValidationMetricNeedsAValidationSet() {
        TrainingConfig config = TrainingConfig.of(2, 20, 0.1).withEarlyStopping(EarlyStopping.patience(Monitor.validationCost(), 2));
        var e = assertThrows(IllegalArgumentException.class, () -> new Trainer(net(be), config).fit(data,
                new TrainingListener() { }));
        assertThat(e.getMessage()).contains("validation-cost, which needs a validation set");
    }

    /** Every batch has a NaN input: with skipping on, the first epoch skips all and the run stops as diverged. */
    @Test
    void anEpochThatSkipsEveryBatchStopsTheRun() {
        double[][] x = new double[30][];
        int[] labels = new int[30];
        for (int i = 0; i < 30; i++) {
            x[i] = new double[]{Double.NaN, 1, 0, 0, 0, 0};
            labels[i] = i % 3;
        }
        Dataset bad = Dataset.of("all NaN", x, labels, 3);
        TrainingConfig config = TrainingConfig.of(3, 10, 0.1).withHaltOnNonFiniteCost(false);
        var e = assertThrows(TrainingDivergedException.class, () -> new Trainer(net(be), config).fit(bad,
                new TrainingListener() { }));
        assertThat(e.getMessage()).isEqualTo("training diverged at epoch 1: all 3 mini-batches had a non-finite cost "
                + "and were skipped; try a smaller learning rate than η = 0.1000 (or check the inputs for extreme values)");
        assertEquals(1, e.epoch());
        assertEquals(0, e.batch());
    }

    /** After a divergence, a run that keeps the best ends with the best epoch before it. */
    @Test
    void aDivergedRunEndsWithTheBestEpochBeforeIt() {
        Network net = net(be);
        Weights w = new Weights(net);
        TrainingConfig config = TrainingConfig.of(10, 20, 0.05).withDivergenceEpochs(1)
                .withEarlyStopping(EarlyStopping.keepBest(Monitor.trainingCost()));
        Trainer trainer = new Trainer(net, config);
        TrainingListener sabotage = new TrainingListener() {
            @Override
            public void epochDone(EpochStats stats) {
                w.epochDone(stats);
                if (stats.epoch() == 2) {                        // wreck the weights: epoch 3's cost rises sharply
                    be.axpby(0, net.weights(2), 40, net.weights(2));
                }
            }
        };
        var e = assertThrows(TrainingDivergedException.class, () -> trainer.fit(data, sabotage));
        assertThat(e.getMessage()).startsWith("training diverged at epoch 3: the training cost rose for 1 epoch in a row");
        assertEquals(2, trainer.keepBest().bestEpoch());
        assertArrayEquals(w.w1.get(1), net.weights(1).toArray());
        assertThat(trainer.divergence()).isEqualTo(e.getMessage());
    }

    /**
     * Adam with dropout, a per-step cosine schedule and early stopping, stopped after epoch 2 and resumed from its
     * state: the same weights, moments and best epoch as the uninterrupted run, bit for bit, in both precisions.
     */
    @Test
    void aResumedRunWithAdamDropoutAndEarlyStoppingMatchesTheUninterruptedOne() {
        for (Precision p : Precision.values()) {
            try (Backend b = new ScalarBackend(BackendConfig.of(p, 1))) {
                TrainingConfig config = TrainingConfig.of(5, 16, OptimizerConfig.adam(0.01).withL2(0.5))
                        .withSchedule(Schedule.cosine().withWarmup(3).perStep()).withDropout(Dropout.hidden(0.3))
                        .withEarlyStopping(EarlyStopping.patience(Monitor.validationAccuracy(), 10));
                Network straight = net(b);
                Trainer s = new Trainer(straight, config);
                s.fit(data, validation, new TrainingListener() { });

                Network first = net(b);
                Trainer t1 = new Trainer(first, config);             // the same run length: the schedule depends on it
                Network[] checkpoint = new Network[1];
                TrainingState[] state = new TrainingState[1];
                t1.fit(data, validation, new TrainingListener() {
                    @Override
                    public void epochDone(EpochStats stats) {    // where a checkpoint is written: the epoch's own weights
                        checkpoint[0] = first.copyTo(b);
                        state[0] = t1.state();
                    }

                    @Override
                    public boolean stopRequested() {                 // interrupted after epoch 2
                        return t1.epochsDone() == 2;
                    }
                });
                assertEquals(2 * 13, state[0].optimizer().steps());
                Network resumed = checkpoint[0];
                Trainer t2 = new Trainer(resumed, config);
                t2.restore(state[0]);
                t2.fit(data, validation, new TrainingListener() { });
                for (int l = 1; l <= 2; l++) {
                    assertArrayEquals(straight.weights(l).toArray(), resumed.weights(l).toArray(), p + " W[" + l + "]");
                    assertArrayEquals(straight.biases(l).toArray(), resumed.biases(l).toArray(), p + " b[" + l + "]");
                }
                OptimizerState a = s.state().optimizer(), c = t2.state().optimizer();
                assertEquals(a.steps(), c.steps());
                for (int i = 0; i < a.tensors().size(); i++) {
                    assertArrayEquals(a.tensors().get(i), c.tensors().get(i), p + " moment " + i);
                }
                assertEquals(s.keepBest().bestEpoch(), t2.keepBest().bestEpoch());
                assertEquals(s.keepBest().bestValue(), t2.keepBest().bestValue());
            }
        }
    }

    @Test
    void restoringAnotherOptimizersStateIsRefused() {
        Network net = net(be);
        Trainer adam = new Trainer(net, TrainingConfig.of(1, 20, OptimizerConfig.adam(0.01)));
        adam.fit(data, new TrainingListener() { });
        Trainer sgd = new Trainer(net, TrainingConfig.of(2, 20, 0.1));
        var e = assertThrows(IllegalArgumentException.class, () -> sgd.restore(adam.state()));
        assertThat(e.getMessage()).contains("state is of the adam optimizer but this run uses sgd");
    }

    @Test
    void keepBestComparesASavedModelOnEqualTerms() {
        Network good = net(be);
        new Trainer(good, TrainingConfig.of(5, 20, 0.1)).fit(data, new TrainingListener() { });
        Network fresh = net(be);
        KeepBest byAccuracy = new KeepBest(Monitor.validationAccuracy(), 0);
        KeepBest.Comparison c = byAccuracy.compare(fresh, good, data, validation);
        assertThat(c.mayReplace()).isFalse();
        assertThat(c.incumbent()).isGreaterThan(c.candidate());
        assertThat(byAccuracy.compare(good, fresh, data, validation).mayReplace()).isTrue();
        assertThat(byAccuracy.compare(good, good, data, validation).mayReplace()).isTrue();     // at least as good
        KeepBest byCost = new KeepBest(Monitor.trainingCost(), 0);
        assertThat(byCost.compare(fresh, good, data, null).mayReplace()).isFalse();
        assertThat(Monitor.trainingCost().improves(0.5, Double.NaN, 0)).isTrue();
        assertThat(Monitor.trainingCost().improves(Double.NaN, 0.5, 0)).isFalse();
        assertThat(assertThrows(IllegalStateException.class, () -> byCost.restoreInto(good)).getMessage())
                .contains("no epoch has a finite training-cost");
    }

    @Test
    void theDivergenceGuardJudgesRisesChanceAndSkips() {
        DivergenceGuard g = new DivergenceGuard(3, 10);
        assertNull(g.check(stats(1, 1.0, 0.6)));
        assertNull(g.check(stats(2, 1.02, 0.6)));
        assertNull(g.check(stats(3, 1.04, 0.6)));
        assertNull(g.check(stats(4, 1.06, 0.6)), "three small rises (6%) are noise");
        assertNull(g.check(stats(5, 1.0, 0.6)));
        assertNull(g.check(stats(6, 1.1, 0.6)));
        assertNull(g.check(stats(7, 1.3, 0.6)));
        assertThat(g.check(stats(8, 1.5, 0.6))).isEqualTo("training diverged at epoch 8: the training cost rose for 3 "
                + "epochs in a row (1.000 → 1.100 → 1.300 → 1.500); try a smaller learning rate than η = 0.5000 (or "
                + "check the inputs for extreme values)");
        DivergenceGuard chance = new DivergenceGuard(3, 10);
        assertNull(chance.check(stats(1, 2.0, 0.15)));
        assertNull(chance.check(stats(2, 1.0, 0.9)));
        DivergenceGuard.Snapshot saved = chance.snapshot();
        assertThat(chance.check(stats(3, 0.9, 0.11))).contains("the training accuracy fell to 11.00%, chance for 10 "
                + "classes, after 90.00%");
        DivergenceGuard resumed = new DivergenceGuard(3, 10);
        resumed.restore(saved);
        assertThat(resumed.check(stats(3, 0.9, 0.11))).contains("fell to 11.00%");
        assertThat(new DivergenceGuard(3, 10).check(new EpochStats(1, 3e300, 0.1, 100, 1, 0.5, 0, 10, 0.5, Double.NaN,
                Double.NaN))).isNull();                                       // finite, first epoch: no history yet
        assertThat(new DivergenceGuard(3, 10).check(new EpochStats(1, Double.POSITIVE_INFINITY, 0.1, 100, 1, 0.5, 0, 10,
                0.5, Double.NaN, Double.NaN))).contains("the training cost is Infinity");
    }

    @Test
    void anOscillationNearAReachedMinimumIsNotDivergenceButAClimbPastTheStartIs() {
        DivergenceGuard g = new DivergenceGuard(3, 10);
        double[] costs = {0.8, 0.1, 0.01, 0.0025, 0.007, 0.014, 0.02};       // 8× up, far below where it began
        for (int e = 0; e < costs.length; e++) {
            assertNull(g.check(stats(e + 1, costs[e], 0.9)), "epoch " + (e + 1));
        }
        DivergenceGuard resumed = new DivergenceGuard(3, 10);
        resumed.restore(g.snapshot());                                          // the first cost travels too
        assertNull(resumed.check(stats(8, 0.5, 0.9)));
        assertThat(resumed.check(stats(9, 0.9, 0.9))).contains("rose for 3 epochs");   // past epoch 1's 0.8
    }

    private static EpochStats stats(int epoch, double cost, double accuracy) {
        return new EpochStats(epoch, cost, accuracy, 100, 1, 0.5, 0, 10, 0.5, Double.NaN, Double.NaN);
    }
}
