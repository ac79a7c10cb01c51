package dev.backprop.train;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.data.Dataset;
import dev.backprop.data.SyntheticData;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainerTest {

    final Backend be = new ScalarBackend(BackendConfig.defaults());

    @Test
    void trainingLowersTheCostAndLearnsSeparableBlobs() {
        Dataset data = SyntheticData.blobs(600, 4, 8, 0.3, 3);
        Network net = Network.builder(be).layers(new int[]{8, 16, 4}, Activation.tanh(), Activation.softmax())
                .cost(Cost.logLikelihood()).build();
        double before = Evaluation.of(net, data).meanCost();
        List<EpochStats> history = new Trainer(net, TrainingConfig.of(5, 10, 0.1)).fit(data, new TrainingListener() { });
        assertEquals(5, history.size());
        Evaluation after = Evaluation.of(net, data);
        assertThat(after.meanCost()).isLessThan(before / 5);
        assertThat(after.accuracy()).isGreaterThan(0.97);
        assertThat(history.get(4).runningCost()).isLessThan(history.get(0).runningCost());
    }

    @Test
    void listenerHearsEveryBatchAndEpoch() {
        Dataset data = SyntheticData.blobs(25, 2, 2, 0.3, 3);
        Network net = Network.builder(be).layers(new int[]{2, 3, 2}, Activation.sigmoid(), Activation.sigmoid()).build();
        List<String> events = new ArrayList<>();
        new Trainer(net, TrainingConfig.of(2, 10, 0.5)).fit(data, new TrainingListener() {
            @Override
            public void batchDone(int epoch, int batch, int batches, long done, long total) {
                events.add(epoch + ":" + batch + "/" + batches + ":" + done + "/" + total);
            }

            @Override
            public void epochDone(EpochStats stats) {
                events.add("epoch " + stats.epoch() + " " + stats.examples());
            }
        });
        assertThat(events).containsExactly("1:1/3:10/25", "1:2/3:20/25", "1:3/3:25/25", "epoch 1 25",
                "2:1/3:10/25", "2:2/3:20/25", "2:3/3:25/25", "epoch 2 25");
    }

    @Test
    void divergenceStopsWithTheEpochAndBatchAndAdvice() {
        Dataset data = SyntheticData.blobs(200, 2, 4, 1.0, 3);
        Network net = Network.builder(be).layers(new int[]{4, 8, 2}, Activation.relu(), Activation.identity())
                .cost(Cost.quadratic()).build();
        var e = assertThrows(TrainingDivergedException.class,
                () -> new Trainer(net, TrainingConfig.of(5, 10, 1e6)).fit(data, new TrainingListener() { }));
        assertThat(e.getMessage()).contains("epoch 1, batch").contains("smaller learning rate than η = 1000000.0");
        assertThat(e.epoch()).isEqualTo(1);
    }

    @Test
    void mismatchedDataIsExplained() {
        Dataset data = SyntheticData.blobs(20, 3, 5, 0.3, 3);
        Network net = Network.builder(be).layers(new int[]{4, 3, 2}, Activation.sigmoid(), Activation.sigmoid()).build();
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(net, TrainingConfig.of(1, 10, 0.5)).fit(data, new TrainingListener() { }));
        assertThat(e.getMessage()).contains("has 5 inputs and 3 classes").contains("first layer must have 5");
    }

    /**
     * The epoch's seconds (and so its ex/s) cover training only: what a listener does after the epoch (the
     * command line evaluates the validation and test sets there) is not counted, in that epoch or the next.
     */
    @Test
    void anEpochsTimeExcludesWhatTheListenerDoesAfterIt() {
        Dataset data = SyntheticData.blobs(40, 2, 2, 0.3, 3);
        Network net = Network.builder(be).layers(new int[]{2, 4, 2}, Activation.sigmoid(), Activation.sigmoid())
                .cost(Cost.quadratic()).build();
        long[] listenerNanos = {0};
        List<EpochStats> history = new Trainer(net, TrainingConfig.of(3, 10, 0.1)).fit(data, new TrainingListener() {
            @Override
            public void epochDone(EpochStats s) {
                long start = System.nanoTime();
                try {
                    Thread.sleep(300);                          // a slow evaluation
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                listenerNanos[0] += System.nanoTime() - start;
            }
        });
        double epochs = history.stream().mapToDouble(EpochStats::seconds).sum();
        assertThat(listenerNanos[0] / 1e9).isGreaterThanOrEqualTo(0.9);
        assertThat(epochs).isLessThan(listenerNanos[0] / 1e9 / 3);   // not one listener's sleep in all three epochs
    }
}
