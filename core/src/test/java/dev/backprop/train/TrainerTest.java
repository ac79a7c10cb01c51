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
}
