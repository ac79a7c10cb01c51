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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScheduleTest {

    /**
     * Every schedule against PyTorch's lr_scheduler over 30 epochs at η = 0.1 (golden/optimizers/schedules.txt):
     * StepLR, ExponentialLR, CosineAnnealingLR (with and without η_min), and LinearLR warm-up before cosine and
     * step in a SequentialLR.
     */
    @Test
    void schedulesEqualPyTorchsLrSchedulers() throws IOException {
        Map<String, double[]> torch = torchSchedules();
        Map<String, Schedule> ours = Map.of(
                "step:7:0.5", Schedule.step(7, 0.5),
                "exponential:0.9", Schedule.exponential(0.9),
                "cosine:0", Schedule.cosine(),
                "cosine:0.001", Schedule.cosine().withEtaMin(0.001),
                "warmup:5:cosine:0", Schedule.cosine().withWarmup(5),
                "warmup:5:step:7:0.5", Schedule.step(7, 0.5).withWarmup(5));
        assertEquals(ours.keySet(), torch.keySet());
        for (Map.Entry<String, double[]> e : torch.entrySet()) {
            double[] expected = e.getValue();
            for (int t = 0; t < expected.length; t++) {
                double got = ours.get(e.getKey()).eta(0.1, t, expected.length);
                assertEquals(expected[t], got, 1e-12 * expected[t], e.getKey() + " at epoch " + (t + 1));
            }
        }
    }

    @Test
    void warmUpRisesLinearlyToTheBaseRateThenTheShapeStarts() {
        Schedule s = Schedule.exponential(0.5).withWarmup(3);
        assertThat(new double[]{s.eta(1, 0, 10), s.eta(1, 1, 10), s.eta(1, 2, 10), s.eta(1, 3, 10), s.eta(1, 4, 10)})
                .containsExactly(0.25, 0.5, 0.75, 1.0, 0.5);
        assertThat(Schedule.cosine().eta(2, 10, 10)).isEqualTo(0.0);       // the end of the run
        assertThat(Schedule.constant().isConstant()).isTrue();
        assertThat(Schedule.constant().withWarmup(1).isConstant()).isFalse();
        assertThat(assertThrows(IllegalArgumentException.class, () -> Schedule.step(0, 0.5)).getMessage())
                .contains("step size must be at least 1");
        assertThat(assertThrows(IllegalArgumentException.class, () -> Schedule.exponential(1.5)).getMessage())
                .contains("γ must be in (0, 1]");
        assertThat(Schedule.cosine().withWarmup(500).perStep().describe())
                .isEqualTo("cosine to η_min = 0.0 per step, after 500 steps of linear warm-up");
    }

    /** A per-step schedule moves η within an epoch: the stats carry its first and last step's rates. */
    @Test
    void aPerStepScheduleChangesEtaWithinTheEpoch() {
        Backend be = new ScalarBackend(BackendConfig.defaults());
        Dataset data = SyntheticData.blobs(100, 2, 4, 0.4, 1);
        Network net = Network.builder(be).layers(new int[]{4, 5, 2}, Activation.tanh(), Activation.softmax())
                .cost(Cost.logLikelihood()).build();
        TrainingConfig config = TrainingConfig.of(2, 10, OptimizerConfig.adam(0.01)).withSchedule(Schedule.cosine().perStep());
        List<EpochStats> stats = new Trainer(net, config).fit(data, new TrainingListener() { });
        // 10 steps per epoch, 20 in the run: epoch 1 steps t = 0..9, epoch 2 t = 10..19
        assertEquals(0.01, stats.get(0).eta());
        assertEquals(Schedule.cosine().eta(0.01, 9, 20), stats.get(0).etaEnd());
        assertEquals(Schedule.cosine().eta(0.01, 10, 20), stats.get(1).eta());
        assertThat(stats.get(1).etaEnd()).isLessThan(stats.get(1).eta()).isGreaterThan(0);
        assertEquals(stats.get(0).eta(), config.etaAt(1, 10));
    }

    private static Map<String, double[]> torchSchedules() throws IOException {
        String resource = "/golden/optimizers/schedules.txt";
        Map<String, double[]> out = new LinkedHashMap<>();
        try (InputStream in = Objects.requireNonNull(ScheduleTest.class.getResourceAsStream(resource), resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("schedule ")) {
                    String[] f = line.trim().split("\\s+");
                    double[] v = new double[f.length - 2];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Double.parseDouble(f[i + 2]);
                    }
                    out.put(f[1], v);
                }
            }
        }
        return out;
    }
}
