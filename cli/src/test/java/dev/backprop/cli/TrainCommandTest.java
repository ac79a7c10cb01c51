package dev.backprop.cli;

import dev.backprop.io.ModelFiles;
import dev.backprop.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static dev.backprop.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code backprop train}'s options beyond the defaults: presets, checkpoints, model files, metrics, plots. */
class TrainCommandTest {

    @TempDir
    Path dir;

    static final String[] BLOBS = {"--data", "synthetic:blobs", "--layers", "8,12,4", "--activation", "relu",
            "--output", "softmax", "--cost", "log-likelihood", "--init", "he", "--eta", "0.05", "--momentum", "0.8",
            "--eta-decay", "0.9", "--lambda", "1.0", "--batch", "16"};

    @Test
    void aPresetFillsWhatIsNotGivenAndExplicitOptionsWin() {
        CliTest.Result r = run("train", "--preset", "nielsen-ch3", "--data", "synthetic", "--validation", "500",
                "--layers", "2,10,3", "--eta", "0.25", "--epochs", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).contains("preset   nielsen-ch3").contains("2-10-3 sigmoid,sigmoid cross-entropy")
                .contains("init nielsen,").contains("η = 0.25, λ = 5.0").contains("1,500 training, 500 validation")
                .contains("batch 10");
        assertThat(run("train", "--preset", "nielsen-ch9").err()).contains("unknown preset 'nielsen-ch9'")
                .contains("nielsen-ch1, nielsen-ch1-100, nielsen-ch3, nielsen-ch3-adam, modern");
    }

    @Test
    void theHelpListsEveryPreset() {
        String help = run("train", "--help").out();
        for (Preset p : Preset.values()) {
            assertThat(help).contains("  " + p.label() + " ");
        }
    }

    /** Epochs 1–2, a stop, then --resume for 3–4: the same weights, bit for bit, and the same epoch lines. */
    @Test
    void aResumedRunMatchesTheUninterruptedOneBitForBit() throws IOException {
        Path straight = dir.resolve("straight.safetensors"), resumed = dir.resolve("resumed.safetensors");
        CliTest.Result all = run(concat(BLOBS, "--epochs", "4", "--save", straight.toString()));
        assertEquals(0, all.exitCode(), all.err());
        Path cp = dir.resolve("cp");
        Path csv = dir.resolve("m.csv");
        CliTest.Result first = run(concat(BLOBS, "--epochs", "2", "--checkpoint", cp.toString(), "--metrics",
                csv.toString()));
        assertEquals(0, first.exitCode(), first.err());
        CliTest.Result rest = run("train", "--checkpoint", cp.toString(), "--resume", "--epochs", "4", "--save",
                resumed.toString(), "--metrics", csv.toString());
        assertEquals(0, rest.exitCode(), rest.err());
        assertThat(rest.out()).contains("resumed from").contains("after epoch 2").contains("momentum μ = 0.8");
        SavedModel a = ModelFiles.read(straight), b = ModelFiles.read(resumed);
        for (int l = 0; l < a.layers(); l++) {
            assertArrayEquals(a.weights().get(l), b.weights().get(l));
            assertArrayEquals(a.biases().get(l), b.biases().get(l));
        }
        assertThat(epochFigures(rest.out())).isEqualTo(epochFigures(all.out()).subList(2, 4));
        assertThat(Files.readAllLines(csv)).extracting(l -> l.split(",")[0])
                .containsExactly("epoch", "1", "2", "3", "4");                 // the resumed run kept epochs 1–2
    }

    @Test
    void resumingRefusesContradictionsAndAFreshRunRefusesAnOldCheckpoint() {
        Path cp = dir.resolve("cp");
        assertEquals(0, run(concat(BLOBS, "--epochs", "1", "--checkpoint", cp.toString())).exitCode());
        CliTest.Result eta = run("train", "--checkpoint", cp.toString(), "--resume", "--epochs", "2", "--eta", "9");
        assertEquals(1, eta.exitCode());
        assertThat(eta.err()).contains("--eta 9.0 contradicts the checkpoint's 0.05");
        CliTest.Result again = run(concat(BLOBS, "--epochs", "1", "--checkpoint", cp.toString()));
        assertThat(again.err()).contains("already holds a run's checkpoint; add --resume");
        assertThat(run("train", "--checkpoint", cp.toString(), "--resume").err()).contains("nothing left to do");
        assertThat(run("train", "--resume").err()).contains("--resume needs --checkpoint DIR");
    }

    @Test
    void metricsAndPlotAreWritten() throws IOException {
        Path csv = dir.resolve("m.csv"), png = dir.resolve("p.png");
        CliTest.Result r = run(concat(BLOBS, "--epochs", "3", "--validation", "200", "--metrics", csv.toString(),
                "--plot", png.toString()));
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(MetricsCsv.HEADER, lines.get(0));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(3)).startsWith("3,0.0405").matches(".*,true,[0-9.]+,[0-9.]+,[0-9.]+,[0-9.]+,.*,0,0\\.0405[0-9]*");
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1920, image.getWidth());                              // cost, accuracy, learning rate
        assertEquals(420, image.getHeight());
    }

    /** In f32 too: the file keeps the trained precision, so the re-loaded network computes the same outputs. */
    @Test
    void aSavedModelReEvaluatesToTheAccuracyTheRunEndedWith() {
        for (String precision : new String[]{"f64", "f32"}) {
            Path model = dir.resolve("m-" + precision + ".safetensors");
            CliTest.Result r = run(concat(BLOBS, "--epochs", "2", "--seed", "7", "--precision", precision,
                    "--save", model.toString()));
            assertEquals(0, r.exitCode(), r.err());
            String testAccuracy = r.out().replaceAll("(?s).*epoch 2/2 .* test (\\d+\\.\\d+)%.*", "$1");
            CliTest.Result e = run("evaluate", "--model", model.toString(), "--data", "synthetic:blobs", "--seed", "7",
                    "--precision", precision);
            assertEquals(0, e.exitCode(), e.err());
            assertThat(e.out()).contains("accuracy " + testAccuracy + "% ");
        }
    }

    @Test
    void aModelStartsARunAndContradictingLayersAreExplained() {
        Path json = dir.resolve("n.json");
        assertEquals(0, run("train", "--epochs", "2", "--save", json.toString()).exitCode());
        CliTest.Result r = run("train", "--from", json.toString(), "--epochs", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).contains("2-30-3 sigmoid,sigmoid quadratic, from " + json);
        assertThat(run("train", "--from", json.toString(), "--layers", "2,5,3").err())
                .contains("--layers 2,5,3 contradicts --from");
        CliTest.Result relu = run("train", "--activation", "relu", "--save", dir.resolve("r.json").toString());
        assertEquals(1, relu.exitCode());
        assertThat(relu.err()).contains("sigmoid networks only").contains(".safetensors");
        assertThat(relu.out()).doesNotContain("epoch 1/");                  // refused before training
    }

    @Test
    void aDivergingRunStopsWithAdviceOrSkipsWhenAsked() {
        String[] diverge = {"train", "--data", "synthetic:blobs", "--layers", "8,8,4", "--activation", "relu",
                "--output", "identity", "--eta", "1e6", "--epochs", "2"};
        CliTest.Result stop = run(diverge);
        assertEquals(1, stop.exitCode());
        assertThat(stop.err()).contains("training diverged: the cost of epoch 1, batch")
                .contains("smaller learning rate").contains("--on-non-finite skip");
        CliTest.Result skip = run(concat(diverge, "--on-non-finite", "skip"));
        assertEquals(0, skip.exitCode(), skip.err());
        assertThat(skip.out()).contains("batches skipped: non-finite cost");
    }

    @Test
    void theProgressBarIsDrawnWhenAskedAndNotInALogByDefault() {
        CliTest.Result quiet = run("train", "--epochs", "1");
        assertThat(quiet.err()).isEmpty();
        CliTest.Result bar = run("train", "--epochs", "1", "--progress", "always");
        assertEquals(0, bar.exitCode(), bar.err());
        assertThat(bar.err()).contains("\r").contains("epoch 1/1").contains("ex/s");
    }

    /** The figures of each epoch line, without the timing. */
    static List<String> epochFigures(String out) {
        return out.lines().filter(l -> l.startsWith("epoch ")).map(l -> l.replaceAll("\\s+[0-9.]+ s, .*$", ""))
                .collect(Collectors.toList());
    }

    static String[] concat(String[] base, String... more) {
        String[] all = new String[base.length + more.length + (base[0].equals("train") ? 0 : 1)];
        int i = 0;
        if (!base[0].equals("train")) {
            all[i++] = "train";
        }
        for (String s : base) {
            all[i++] = s;
        }
        for (String s : more) {
            all[i++] = s;
        }
        return all;
    }
}
