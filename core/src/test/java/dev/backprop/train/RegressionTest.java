package dev.backprop.train;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.data.Batch;
import dev.backprop.data.Dataset;
import dev.backprop.data.Scaling;
import dev.backprop.data.Task;
import dev.backprop.data.TrainTestSplit;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import dev.backprop.random.Rng;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Regression through the ordinary Trainer: identity output, quadratic cost, targets of any width. */
class RegressionTest {

    /** (a, b) uniform in [−2, 2]², targets (sin a + b²/2, a·b/4) plus N(0, 0.02²) noise. */
    static Dataset waves(int n, long seed) {
        Rng rng = Rng.forStream(seed, "waves");
        double[][] x = new double[n][2], y = new double[n][2];
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble(-2, 2), b = rng.nextDouble(-2, 2);
            x[i] = new double[]{a, b};
            y[i] = new double[]{Math.sin(a) + b * b / 2 + 0.02 * rng.nextGaussian(), a * b / 4 + 0.02 * rng.nextGaussian()};
        }
        return Dataset.regression("waves", x, y);
    }

    @Test
    void aKnownFunctionOfTwoOutputsIsLearntToASmallRmse() {
        TrainTestSplit split = waves(1200, 5).split(0.25, 5);
        Scaling scaling = Scaling.fit(Scaling.Kind.STANDARDIZE, split.train());
        Dataset train = scaling.apply(split.train()), test = scaling.apply(split.test());
        Backend be = new ScalarBackend(BackendConfig.of(Precision.FLOAT64, 1));
        Network net = Network.builder(be).input(2).layer(32, Activation.tanh()).layer(2, Activation.identity())
                .cost(Cost.quadratic()).seed(3).build();
        double before = Evaluation.of(net, test).rmse();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Trainer trainer = new Trainer(net, TrainingConfig.of(60, 10, 0.05));
        trainer.fit(train, EpochLogger.of(trainer, new PrintStream(log, true, StandardCharsets.UTF_8)).alsoOn("test", test));
        Evaluation after = Evaluation.of(net, test);
        assertThat(after.task()).isEqualTo(Task.REGRESSION);
        assertThat(before).isGreaterThan(0.5);
        assertThat(after.rmse()).isLessThan(0.08);                     // the noise floor is 0.02
        assertThat(after.regression().rmse(0)).isLessThan(0.1);
        assertThat(after.r2()).isGreaterThan(0.97);
        assertThat(after.mae()).isLessThan(after.rmse());
        assertThat(after.value(Metric.RMSE)).isEqualTo(after.rmse());
        assertThat(Double.isNaN(after.accuracy())).isTrue();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("epoch 60/60  cost ").contains("test RMSE 0.0")
                .doesNotContain("train≈");
    }

    @Test
    void regressionMetricsMatchTheirDefinitions() {
        RegressionMetrics m = new RegressionMetrics(1);
        m.add(new double[]{1, 2, 4}, new double[]{1, 3, 2}, 3);          // errors 0, −1, 2; targets mean 2
        assertThat(m.rmse()).isCloseTo(Math.sqrt(5.0 / 3), within(1e-15));
        assertThat(m.mae()).isCloseTo(1.0, within(1e-15));
        assertThat(m.r2()).isCloseTo(1 - 5.0 / 2, within(1e-15));         // SST = 1 + 1 + 0 = 2
        RegressionMetrics far = new RegressionMetrics(1);               // Welford keeps R² exact far from 0
        far.add(new double[]{1e9 + 1, 1e9 + 2, 1e9 + 4}, new double[]{1e9 + 1, 1e9 + 3, 1e9 + 2}, 3);
        assertThat(far.r2()).isCloseTo(-1.5, within(1e-6));
    }

    @Test
    void aBatchHasTheDataSetsTargetsInColumns() {
        Dataset d = waves(5, 1);
        Batch b = d.batch(new ScalarBackend(BackendConfig.of(Precision.FLOAT32, 1)), 1, 3);
        assertThat(b.x().shape()).isEqualTo("2×3");
        assertThat(b.y().shape()).isEqualTo("2×3");
        assertThat(b.y().get(1, 2)).isCloseTo(d.target(3, 1), within(1e-6));
        assertThat(b.x().get(0, 0)).isCloseTo(d.input(1, 0), within(1e-6));
    }

    @Test
    void precisionRecallAndF1FollowTheConfusionMatrix() {
        ConfusionMatrix cm = new ConfusionMatrix(java.util.List.of("a", "b", "c"));
        int[][] pairs = {{0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 0}, {2, 2}, {2, 1}};
        for (int[] p : pairs) {
            cm.add(p[0], p[1]);
        }
        assertThat(cm.precision(0)).isEqualTo(2.0 / 3);
        assertThat(cm.recall(0)).isEqualTo(2.0 / 3);
        assertThat(cm.precision(1)).isEqualTo(1.0 / 3);
        assertThat(cm.recall(1)).isEqualTo(1.0 / 2);
        assertThat(cm.f1(1)).isCloseTo(2 * (1.0 / 3) * 0.5 / (1.0 / 3 + 0.5), within(1e-15));
        assertThat(cm.precision(2)).isEqualTo(1.0);
        assertThat(cm.accuracy()).isEqualTo(4.0 / 7);
        assertThat(Metric.ACCURACY.isBetter(0.9, 0.8)).isTrue();
        assertThat(Metric.RMSE.isBetter(0.9, 0.8)).isFalse();
        assertThat(Metric.RMSE.isBetter(0.1, Double.NaN)).isTrue();
    }
}
