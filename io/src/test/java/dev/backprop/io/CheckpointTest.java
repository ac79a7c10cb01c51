package dev.backprop.io;

import dev.backprop.backend.Precision;
import dev.backprop.data.Dataset;
import dev.backprop.data.SyntheticData;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import dev.backprop.backend.OptimizerKind;
import dev.backprop.nn.Dropout;
import dev.backprop.train.EarlyStopping;
import dev.backprop.train.KeepBest;
import dev.backprop.train.Monitor;
import dev.backprop.train.OptimizerConfig;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingState;
import dev.backprop.train.TrainingConfig;
import dev.backprop.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A run resumed from a checkpoint file continues bit for bit, in both precisions, with momentum and with Adam; the
 * file keeps the optimizer's state, the best epoch and its parameters, and the divergence check's memory.
 */
class CheckpointTest {

    @TempDir
    Path dir;

    @Test
    void resumingFromTheFileAfterEpochKGivesTheUninterruptedWeights() throws IOException {
        Dataset data = SyntheticData.blobs(300, 3, 6, 0.5, 5);
        for (Precision p : Precision.values()) {
            TrainingConfig config = TrainingConfig.of(5, 16, 0.2).withMomentum(0.8).withEtaDecay(0.9).withLambda(1.0);
            Network straight = net(p);
            new Trainer(straight, config).fit(data, new TrainingListener() { });

            Network first = net(p);
            Trainer t1 = new Trainer(first, config.withEpochs(2));
            t1.fit(data, new TrainingListener() { });
            Path file = dir.resolve("c-" + p.shortName() + ".safetensors");
            Checkpoint.write(file, first, t1.state(), Map.of("note", "two epochs"));

            Checkpoint cp = Checkpoint.read(file);
            assertEquals(2, cp.state().epochsDone());
            assertEquals(Map.of("note", "two epochs"), cp.run());
            assertEquals(p, cp.model().precision());
            Network resumed = cp.model().build(straight.backend());
            Trainer t2 = new Trainer(resumed, config);
            t2.restore(cp.state());
            t2.fit(data, new TrainingListener() { });
            assertEquals(5, t2.epochsDone());
            for (int l = 1; l <= 2; l++) {
                assertArrayEquals(straight.weights(l).toArray(), resumed.weights(l).toArray(), "W[" + l + "] " + p);
                assertArrayEquals(straight.biases(l).toArray(), resumed.biases(l).toArray(), "b[" + l + "] " + p);
            }
        }
    }

    @Test
    void aCheckpointIsAModelTooButAModelIsNotACheckpoint() throws IOException {
        Network net = net(Precision.FLOAT64);
        Trainer t = new Trainer(net, TrainingConfig.of(1, 10, 0.1).withMomentum(0.5));
        t.fit(SyntheticData.blobs(40, 3, 6, 0.5, 5), new TrainingListener() { });
        Path cp = dir.resolve("c.safetensors");
        Checkpoint.write(cp, net, t.state(), Map.of());
        assertArrayEquals(net.weights(1).toArray(), ModelFiles.read(cp).weights().get(0));
        Path model = dir.resolve("m.safetensors");
        ModelFiles.save(net, model);
        var e = assertThrows(ModelFormatException.class, () -> Checkpoint.read(model));
        assertThat(e.getMessage()).contains("checkpoint.epochs_done: missing").contains("a model rather than a checkpoint");
    }

    @Test
    void adamsMomentsTheBestEpochAndTheDivergenceMemoryRoundTrip() throws IOException {
        Dataset data = SyntheticData.blobs(120, 3, 6, 0.5, 5), validation = SyntheticData.blobs(60, 3, 6, 0.5, 6);
        for (Precision p : Precision.values()) {
            Network net = net(p);
            TrainingConfig config = TrainingConfig.of(3, 16, OptimizerConfig.adam(0.01)).withDropout(Dropout.hidden(0.2))
                    .withEarlyStopping(EarlyStopping.patience(Monitor.validationCost(), 5));
            Trainer t = new Trainer(net, config);
            t.fit(data, validation, new TrainingListener() { });
            TrainingState state = t.state();
            Path file = dir.resolve("adam-" + p.shortName() + ".safetensors");
            Checkpoint.write(file, net, state, Map.of());
            TrainingState back = Checkpoint.read(file).state();
            assertEquals(OptimizerKind.ADAM, back.optimizer().kind());
            assertEquals(state.optimizer().steps(), back.optimizer().steps());
            assertEquals(state.optimizer().tensors().size(), back.optimizer().tensors().size());
            for (int i = 0; i < state.optimizer().tensors().size(); i++) {
                assertArrayEquals(state.optimizer().tensors().get(i), back.optimizer().tensors().get(i), "moment " + i);
            }
            KeepBest.Snapshot best = state.best(), bestBack = back.best();
            assertEquals(best.monitor(), bestBack.monitor());
            assertEquals(best.bestEpoch(), bestBack.bestEpoch());
            assertEquals(best.bestValue(), bestBack.bestValue());
            assertEquals(best.significantEpoch(), bestBack.significantEpoch());
            assertThat(best.bestEpoch()).isPositive();
            for (int i = 0; i < best.parameters().size(); i++) {
                assertArrayEquals(best.parameters().get(i), bestBack.parameters().get(i), "best tensor " + i);
            }
            assertEquals(state.divergence(), back.divergence());
            assertThat(Safetensors.read(file).tensors().keySet()).contains("optimizer.exp_avg.layers.0.weight",
                    "optimizer.exp_avg_sq.layers.1.bias", "best.layers.1.weight");
        }
    }

    /** A checkpoint of the earlier momentum form cannot continue exactly: refused, saying what to do. */
    @Test
    void aCheckpointWithTheOldMomentumVelocitiesIsRefusedWithAReason() throws IOException {
        Network net = net(Precision.FLOAT64);
        Path file = dir.resolve("old.safetensors");
        Map<String, Safetensors.Tensor> tensors = new java.util.LinkedHashMap<>(
                SafetensorsModel.tensors(SavedModel.of(net)));
        tensors.put("optimizer.velocity.layers.0.weight", new Safetensors.Tensor(Safetensors.Dtype.F64,
                new int[]{8, 6}, new double[48]));
        Map<String, String> meta = new java.util.LinkedHashMap<>(SafetensorsModel.metadata(SavedModel.of(net)));
        meta.put("checkpoint.epochs_done", "1");
        Safetensors.write(file, tensors, meta);
        var e = assertThrows(ModelFormatException.class, () -> Checkpoint.read(file));
        assertThat(e.getMessage()).contains("optimizer.velocity.layers.0.weight").contains("earlier backprop")
                .contains("start it again");
        assertArrayEquals(net.weights(1).toArray(), ModelFiles.read(file).weights().get(0), "still a model");
    }

    private static Network net(Precision p) {
        return Models.network(p, new int[]{6, 8, 3}, Activation.relu(), Activation.softmax(), Cost.logLikelihood(), 9);
    }
}
