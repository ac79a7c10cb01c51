package dev.backprop.cli;

import dev.backprop.io.ModelFiles;
import dev.backprop.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.backprop.cli.CliTest.run;
import static dev.backprop.cli.TrainCommandTest.concat;
import static dev.backprop.cli.TrainCommandTest.epochFigures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code train}'s optimizers, schedules, dropout and run control: the best epoch is what {@code --save} keeps, a
 * saved model is never replaced by a worse one, a diverging run stops without touching it, early stopping.
 */
class TrainControlCommandTest {

    @TempDir
    Path dir;

    static final String[] BLOBS = {"train", "--data", "synthetic:blobs", "--layers", "8,12,4", "--activation", "relu",
            "--output", "softmax", "--cost", "log-likelihood", "--init", "he", "--batch", "16", "--validation", "300"};

    @Test
    void adamWithDropoutAndACosineScheduleWithWarmUp() throws IOException {
        Path csv = dir.resolve("m.csv");
        CliTest.Result r = run(concat(BLOBS, "--optimizer", "adam", "--dropout", "0.2", "--schedule", "cosine",
                "--warmup", "1", "--epochs", "3", "--metrics", csv.toString()));
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).contains("adam     3 epochs, batch 16, η = 0.001, cosine to η_min = 0.0 per epoch, after 1 "
                + "epoch of linear warm-up, λ = 0.0, β₁ = 0.9, β₂ = 0.999, ε = 1.0E-8, dropout 0.2 on every hidden layer")
                .contains("judged   by validation-accuracy").contains("best     epoch ");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(1)).startsWith("1,5.0E-4,");                // warm-up: η·1/2
        assertThat(rows.get(2)).startsWith("2,0.001,");                 // cosine starts at η
        assertThat(rows.get(3)).startsWith("3,5.0E-4,");                 // half-way down the cosine over 2 epochs
    }

    @Test
    void everyOptimizerTrainsAndTheWrongHyperParametersAreExplained() {
        for (String optimizer : new String[]{"sgd", "momentum", "nesterov", "rmsprop", "adam", "adamw"}) {
            CliTest.Result r = run(concat(BLOBS, "--optimizer", optimizer, "--epochs", "2",
                    "--eta", optimizer.startsWith("adam") || optimizer.equals("rmsprop") ? "0.01" : "0.1"));
            assertEquals(0, r.exitCode(), optimizer + ": " + r.err());
            assertThat(r.out()).contains("epoch 2/2");
        }
        assertThat(run(concat(BLOBS, "--optimizer", "adagrad")).err()).contains("unknown optimizer 'adagrad'")
                .contains("sgd, momentum, nesterov, rmsprop, adam, adamw");
        assertThat(run(concat(BLOBS, "--optimizer", "adam", "--weight-decay", "0.1")).err())
                .contains("--weight-decay is AdamW's decoupled decay; adam takes network2's coupled L2 (--lambda");
        assertThat(run(concat(BLOBS, "--optimizer", "adamw", "--lambda", "2")).err())
                .contains("--lambda 2.0 is coupled L2, which AdamW replaces");
        assertThat(run(concat(BLOBS, "--optimizer", "sgd", "--momentum", "0.9")).err())
                .contains("use --optimizer momentum");
        assertThat(run(concat(BLOBS, "--monitor", "validation-f1")).err()).contains("unknown metric 'validation-f1'");
        assertThat(run("train", "--monitor", "validation-cost").err()).contains("needs a validation set");
    }

    /** --save writes the best epoch by the monitored metric and says which; the file re-evaluates to it. */
    @Test
    void saveKeepsTheBestEpochAndSaysWhich() throws IOException {
        Path model = dir.resolve("best.safetensors");
        CliTest.Result r = run(concat(BLOBS, "--optimizer", "adam", "--eta", "0.01", "--epochs", "6", "--save",
                model.toString()));
        assertEquals(0, r.exitCode(), r.err());
        String best = r.out().replaceAll("(?s).*best     epoch (\\d+), validation-accuracy (\\d+\\.\\d+)%.*", "$1 $2");
        assertThat(r.out()).contains("saved    " + model).contains("epoch " + best.split(" ")[0] + " of 6, the best by "
                + "validation-accuracy (" + best.split(" ")[1] + "%)");
        String epochLine = epochFigures(r.out()).get(Integer.parseInt(best.split(" ")[0]) - 1);
        assertThat(epochLine).contains("validation " + best.split(" ")[1] + "%");
    }

    /**
     * A good model at the target survives a worse run: the run fails naming both scores and writes its own model
     * beside it; with --overwrite the worse model replaces it.
     */
    @Test
    void aSavedModelIsNotReplacedByAWorseOne() throws IOException {
        Path model = dir.resolve("keep.safetensors");
        assertEquals(0, run(concat(BLOBS, "--optimizer", "adam", "--eta", "0.01", "--epochs", "8", "--save",
                model.toString())).exitCode());
        byte[] good = Files.readAllBytes(model);
        String[] worse = concat(BLOBS, "--epochs", "1", "--eta", "1e-5", "--save", model.toString());
        CliTest.Result r = run(worse);
        assertEquals(1, r.exitCode(), r.out());
        assertThat(r.err()).contains("note: " + model + " exists; this run's best model replaces it only if it is at least "
                        + "as good on validation-accuracy")
                .contains("kept " + model + ": its validation-accuracy is").contains("better than this run's best (epoch 1,")
                .contains("this run's model is in " + dir.resolve("keep.candidate.safetensors"))
                .contains("pass --overwrite");
        assertArrayEquals(good, Files.readAllBytes(model));
        assertThat(ModelFiles.read(dir.resolve("keep.candidate.safetensors")).sizes()).containsExactly(8, 12, 4);
        CliTest.Result forced = run(concat(worse, "--overwrite"));
        assertEquals(0, forced.exitCode(), forced.err());
        assertThat(Files.readAllBytes(model)).isNotEqualTo(good);
    }

    /**
     * The case: a huge learning rate with a finite cost must not replace a good model. Whether the run is
     * stopped as diverged or finishes at chance, it fails and the file is untouched.
     */
    @Test
    void aDivergingRunDoesNotReplaceAGoodModel() throws IOException {
        Path model = dir.resolve("keep.safetensors");
        assertEquals(0, run(concat(BLOBS, "--optimizer", "adam", "--eta", "0.01", "--epochs", "8", "--save",
                model.toString())).exitCode());
        byte[] good = Files.readAllBytes(model);
        CliTest.Result r = run(concat(BLOBS, "--eta", "1e6", "--epochs", "3", "--on-non-finite", "skip", "--save",
                model.toString()));
        assertEquals(1, r.exitCode(), r.out());
        assertThat(r.err()).containsAnyOf("training diverged at epoch", "kept " + model);
        assertArrayEquals(good, Files.readAllBytes(model));
        assertThat(r.out()).doesNotContainPattern("cost \\d{7,}");             // no 300-digit costs
    }

    /** Every batch non-finite with --on-non-finite skip: the run stops after that epoch, exit 1, nothing saved. */
    @Test
    void anEpochThatSkipsEveryBatchStopsTheRun() {
        Path model = dir.resolve("m.safetensors");
        CliTest.Result r = run("train", "--data", "synthetic:blobs", "--layers", "8,8,4", "--activation", "relu",
                "--output", "identity", "--eta", "1e12", "--epochs", "4", "--on-non-finite", "skip", "--save",
                model.toString());
        assertEquals(1, r.exitCode(), r.out());
        assertThat(r.err()).containsPattern("training diverged at epoch \\d: (all \\d+ mini-batches had a non-finite cost"
                + "|the training)").contains("try a smaller learning rate");
        assertThat(Files.exists(model)).as("the run diverged in epoch 1: no epoch to save").isEqualTo(
                r.err().contains("saved the best epoch"));
    }

    @Test
    void theAdamAndModernPresetsConfigureTheirRuns() {
        CliTest.Result ch3 = run("train", "--preset", "nielsen-ch3-adam", "--data", "synthetic", "--validation", "500",
                "--layers", "2,10,3", "--epochs", "1");
        assertEquals(0, ch3.exitCode(), ch3.err());
        assertThat(ch3.out()).contains("2-10-3 relu,softmax log-likelihood, init he")
                .contains("adam     1 epochs, batch 32, η = 0.002, cosine to η_min = 0.0 per epoch, λ = 5.0")
                .contains("dropout 0.2 on every hidden layer").contains("judged   by validation-accuracy");
        CliTest.Result modern = run("train", "--preset", "modern", "--data", "synthetic", "--layers", "2,10,3",
                "--epochs", "2");
        assertEquals(0, modern.exitCode(), modern.err());
        assertThat(modern.out()).contains("adamw    2 epochs, batch 64, η = 0.001, cosine to η_min = 0.0 per epoch, "
                + "after 1 epoch of linear warm-up, β₁ = 0.9, β₂ = 0.999, ε = 1.0E-8, weight decay 0.05, dropout 0.3")
                .contains("judged   by training-cost");
    }

    @Test
    void theGradientCheckPassesThroughFixedDropoutMasks() {
        CliTest.Result r = run("gradcheck", "--activation", "tanh", "--output", "softmax", "--cost", "log-likelihood",
                "--dropout", "0.5", "--backend", "scalar");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertThat(r.out()).contains("dropout 0.5 on every hidden layer (fixed masks)").contains("OK: within tolerance");
    }

    @Test
    void costsPrintReadablyWhateverTheirSize() {
        assertEquals("0.12346", TrainCommand.cost(0.123456));
        assertEquals("1.0000e+300", TrainCommand.cost(1e300));
        assertEquals("1.2346e-05", TrainCommand.cost(1.23456e-5));
        assertEquals("0.00000", TrainCommand.cost(0));
        assertEquals("NaN", TrainCommand.cost(Double.NaN));
    }

    /** Patience on a small, noisy training set: the validation cost stops improving, and the run stops early. */
    @Test
    void earlyStoppingEndsTheRunAndKeepsTheBestEpoch() throws IOException {
        Path model = dir.resolve("early.safetensors");
        CliTest.Result r = run("train", "--data", "synthetic:spirals", "--layers", "2,64,3", "--activation", "relu",
                "--output", "softmax", "--cost", "log-likelihood", "--init", "he", "--validation", "500",
                "--train-size", "60", "--optimizer", "adam", "--eta", "0.05", "--batch", "10", "--epochs", "200",
                "--monitor", "validation-cost", "--patience", "5", "--save", model.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).contains("stopped  early after epoch").contains("did not improve for 5 epochs");
        int last = epochFigures(r.out()).size();
        assertThat(last).isLessThan(200);
        int best = Integer.parseInt(r.out().replaceAll("(?s).*best     epoch (\\d+),.*", "$1"));
        assertEquals(last - 5, best);
        SavedModel saved = ModelFiles.read(model);
        assertThat(saved.sizes()).containsExactly(2, 64, 3);
    }

    /**
     * Adam with dropout and a per-step step schedule, stopped after epoch 2 and resumed for epochs 3–4: the same
     * best model as the uninterrupted run, bit for bit (the step schedule does not depend on the run's length).
     */
    @Test
    void aResumedAdamRunMatchesTheUninterruptedOne() throws IOException {
        String[] adam = concat(BLOBS, "--optimizer", "adam", "--eta", "0.01", "--dropout", "0.25", "--schedule", "step",
                "--step-size", "10", "--schedule-unit", "step");
        Path straight = dir.resolve("straight.safetensors"), resumed = dir.resolve("resumed.safetensors");
        CliTest.Result all = run(concat(adam, "--epochs", "4", "--save", straight.toString()));
        assertEquals(0, all.exitCode(), all.err());
        Path cp = dir.resolve("cp");
        assertEquals(0, run(concat(adam, "--epochs", "2", "--checkpoint", cp.toString())).exitCode());
        CliTest.Result rest = run("train", "--checkpoint", cp.toString(), "--resume", "--epochs", "4", "--save",
                resumed.toString());
        assertEquals(0, rest.exitCode(), rest.err());
        assertThat(rest.out()).contains("adam ").contains("dropout 0.25");
        assertThat(epochFigures(rest.out())).isEqualTo(epochFigures(all.out()).subList(2, 4));
        SavedModel a = ModelFiles.read(straight), b = ModelFiles.read(resumed);
        for (int l = 0; l < a.layers(); l++) {
            assertArrayEquals(a.weights().get(l), b.weights().get(l));
            assertArrayEquals(a.biases().get(l), b.biases().get(l));
        }
    }
}
