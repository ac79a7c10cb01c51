package dev.backprop.nn;

import dev.backprop.Allocations;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.data.Dataset;
import dev.backprop.data.SyntheticData;
import dev.backprop.random.Rng;
import dev.backprop.train.BatchLoader;
import dev.backprop.train.Sgd;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingConfig;
import dev.backprop.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NetworkTest {

    final Backend be = new ScalarBackend(BackendConfig.defaults());

    Network net(Backend backend, long seed) {
        return Network.builder(backend).layers(new int[]{2, 8, 8, 3}, Activation.tanh(), Activation.softmax())
                .cost(Cost.logLikelihood()).seed(seed).build();
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void sameSeedGivesTheSameWeightsBitForBitAfterTraining(Precision p) {
        Backend backend = new ScalarBackend(BackendConfig.of(p, 1));
        Dataset data = SyntheticData.spirals(50, 3, 0.1, 1);
        Network a = net(backend, 11), b = net(backend, 11), c = net(backend, 12);
        for (Network n : new Network[]{a, b, c}) {
            new Trainer(n, TrainingConfig.of(3, 7, 0.1).withLambda(0.5).withSeed(5)).fit(data, new TrainingListener() { });
        }
        for (int l = 1; l <= a.layers(); l++) {
            assertArrayEquals(a.weights(l).toArray(), b.weights(l).toArray(), "W[" + l + "]");
            assertArrayEquals(a.biases(l).toArray(), b.biases(l).toArray(), "b[" + l + "]");
        }
        assertFalse(java.util.Arrays.equals(a.weights(1).toArray(), c.weights(1).toArray()));
    }

    @Test
    void shufflingSeedChangesTheResultButNotTheInitialisation() {
        Dataset data = SyntheticData.spirals(20, 3, 0.1, 1);
        Network a = net(be, 1), b = net(be, 1);
        assertArrayEquals(a.weights(1).toArray(), b.weights(1).toArray());
        new Trainer(a, TrainingConfig.of(1, 5, 0.1).withSeed(1)).fit(data, new TrainingListener() { });
        new Trainer(b, TrainingConfig.of(1, 5, 0.1).withSeed(2)).fit(data, new TrainingListener() { });
        assertFalse(java.util.Arrays.equals(a.weights(1).toArray(), b.weights(1).toArray()));
    }

    @Test
    void initialisersHaveTheirDocumentedScale() {
        int fanIn = 400, fanOut = 300;
        double[] w = new double[fanIn * fanOut], b = new double[fanOut];
        Initializer.nielsen().initialize(fanIn, fanOut, new Rng(1), w, b);
        assertThat(std(w)).isCloseTo(1 / Math.sqrt(fanIn), org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(std(b)).isCloseTo(1.0, org.assertj.core.data.Percentage.withPercentage(10));
        Initializer.he().initialize(fanIn, fanOut, new Rng(1), w, b);
        assertThat(std(w)).isCloseTo(Math.sqrt(2.0 / fanIn), org.assertj.core.data.Percentage.withPercentage(2));
        assertThat(b).containsOnly(0.0);
        Initializer.xavier().initialize(fanIn, fanOut, new Rng(1), w, b);
        double limit = Math.sqrt(6.0 / (fanIn + fanOut));
        assertThat(java.util.Arrays.stream(w).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(limit);
        assertThat(std(w)).isCloseTo(limit / Math.sqrt(3), org.assertj.core.data.Percentage.withPercentage(2));
        Initializer.nielsenLarge().initialize(fanIn, fanOut, new Rng(1), w, b);
        assertThat(std(w)).isCloseTo(1.0, org.assertj.core.data.Percentage.withPercentage(2));
    }

    @Test
    void passExposesEveryIntermediateWithItsShape() {
        Network n = net(be, 3);
        Matrix x = be.zeros(2, 5), y = be.zeros(3, 5);
        Pass p = n.backprop(x, y);
        assertEquals(5, p.batchSize());
        assertEquals("2×5", p.a(0).shape());
        assertEquals("8×5", p.z(1).shape());
        assertEquals("3×5", p.delta(3).shape());
        assertEquals("8×2", p.weightGradient(1).shape());
        assertEquals("3×1", p.biasGradient(3).shape());
        assertThat(p.cost()).isFinite();
        n.forward(x);
        var e = assertThrows(IllegalStateException.class, () -> n.lastPass().delta(1));
        assertThat(e.getMessage()).contains("forward-only");
        var bad = assertThrows(IndexOutOfBoundsException.class, () -> n.lastPass().z(0));
        assertThat(bad.getMessage()).contains("layers are numbered 1..3");
    }

    @Test
    void wrongInputShapesAreExplained() {
        Network n = net(be, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> n.forward(be.zeros(5, 2)));
        assertThat(e.getMessage()).contains("x is 5×2").contains("input layer has 2 neurons").contains("columns are examples");
        var t = assertThrows(IllegalArgumentException.class, () -> n.backprop(be.zeros(2, 4), be.zeros(3, 5)));
        assertThat(t.getMessage()).contains("y is 3×5 but must be 3×4");
    }

    @Test
    void sgdAppliesNetwork2sUpdateRule() {
        Network n = net(be, 4);
        Matrix x = be.fromArray(2, 2, new double[]{0.1, -0.3, 0.7, 0.2});
        Matrix y = be.fromArray(3, 2, new double[]{1, 0, 0, 1, 0, 0});
        double[] w = n.weights(2).toArray(), b = n.biases(2).toArray();
        Pass p = n.backprop(x, y);
        double[] dw = p.weightGradient(2).toArray(), db = p.biasGradient(2).toArray();
        double eta = 0.5, lambda = 2.0;
        int trainingSetSize = 100;
        new Sgd(eta, lambda, trainingSetSize).update(n);
        for (int i = 0; i < w.length; i++) {
            assertEquals((1 - eta * lambda / trainingSetSize) * w[i] - eta * dw[i], n.weights(2).toArray()[i], 1e-15);
        }
        for (int i = 0; i < b.length; i++) {
            assertEquals(b[i] - eta * db[i], n.biases(2).toArray()[i], 1e-15);
        }
    }

    @Test
    void copyToAnotherBackendComputesTheSameOutput() {
        Network n = net(be, 8);
        Network copy = n.copyTo(new ScalarBackend(BackendConfig.defaults()));
        Matrix x = be.fromArray(2, 1, new double[]{0.3, -0.4});
        assertArrayEquals(n.forward(x).toArray(), copy.forward(copy.backend().fromArray(2, 1, new double[]{0.3, -0.4})).toArray());
    }

    @Test
    void aTrainingStepAllocatesNothingOnceWarm() {
        Dataset data = SyntheticData.blobs(64, 3, 20, 0.3, 2);
        Network n = Network.builder(be).layers(new int[]{20, 16, 3}, Activation.relu(), Activation.softmax())
                .cost(Cost.logLikelihood()).build();
        BatchLoader loader = new BatchLoader(be, data);
        Sgd sgd = new Sgd(0.1, 1.0, data.size());
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = 0; i < 200; i++) {                      // warm-up: workspaces, scratch, class loading
            step(n, loader, sgd, order, i);
        }
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) {          // the least of three: one-off JVM work is not a step's
            allocated = Math.min(allocated, Allocations.of(() -> {
                for (int i = 0; i < 200; i++) {
                    step(n, loader, sgd, order, i);
                }
            }));
        }
        assertEquals(0, allocated, "200 warm training steps allocated " + allocated + " bytes");
    }

    private static void step(Network n, BatchLoader loader, Sgd sgd, int[] order, int i) {
        BatchLoader.Batch b = loader.load(order, (i * 16) % (order.length - 16), 16);
        n.backprop(b.x(), b.y());
        sgd.update(n);
    }

    private static double std(double[] v) {
        double mean = java.util.Arrays.stream(v).average().orElseThrow();
        return Math.sqrt(java.util.Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length);
    }

    /** Sizes are multiplied in long: 2×2,000,000,000 once wrapped to a negative array length. */
    @Test
    void layerSizesBeyondAJavaArrayAreRefusedBeforeAllocating() {
        for (int[] sizes : new int[][]{{3, 2_000_000_000, 2}, {2, 2_000_000_000, 3}}) {
            var e = assertThrows(IllegalArgumentException.class, () -> Network.builder(be)
                    .layers(sizes, Activation.sigmoid(), Activation.sigmoid()).build());
            assertThat(e.getMessage()).contains("W[1] of a network of sizes").contains("2,000,000,000")
                    .contains("more than a Java array holds");
        }
    }

    /** 2-20000-20000-3 fits arrays but not this heap: a clear message with the -Xmx that would do. */
    @Test
    void aNetworkLargerThanTheFreeHeapIsRefusedWithTheFlagThatWouldDo() {
        int hidden = (int) Math.min(40_000, Math.sqrt(Runtime.getRuntime().maxMemory() / 8.0) + 1000);
        var e = assertThrows(dev.backprop.memory.MemoryLimitException.class, () -> Network.builder(be)
                .layers(new int[]{2, hidden, hidden, 3}, Activation.sigmoid(), Activation.sigmoid()).build());
        assertThat(e.getMessage()).contains("a network of sizes [2, " + hidden).contains("but the Java heap has")
                .containsPattern("-Xmx\\d+g").contains("BACKPROP_JAVA_OPTS=-Xmx");
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenParametersMustBeFinite() {
        java.util.List<double[]> w = java.util.List.of(new double[]{1, 2, Double.NaN, 4}, new double[]{1, 2});
        java.util.List<double[]> b = java.util.List.of(new double[]{0, 0}, new double[]{Double.POSITIVE_INFINITY});
        var e = assertThrows(IllegalArgumentException.class, () -> Network.builder(be).input(2)
                .layer(2, Activation.sigmoid()).layer(1, Activation.sigmoid()).parameters(w, b));
        assertThat(e.getMessage()).isEqualTo("parameters: W[1] holds NaN at index 2; parameters must be finite numbers");
        var eb = assertThrows(IllegalArgumentException.class, () -> Network.builder(be).input(2)
                .layer(2, Activation.sigmoid()).layer(1, Activation.sigmoid())
                .parameters(java.util.List.of(new double[4], new double[2]), b));
        assertThat(eb.getMessage()).contains("b[2] holds Infinity at index 0");
    }
}
