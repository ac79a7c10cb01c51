package dev.backprop.cli;

import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.io.ModelFiles;
import dev.backprop.io.Safetensors;
import dev.backprop.io.SavedModel;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.backprop.cli.CliTest.run;
import static dev.backprop.cli.TrainCommandTest.BLOBS;
import static dev.backprop.cli.TrainCommandTest.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** What train does when its outputs cannot be written, when a run is resumed, and what it leaves behind. */
class TrainFailurePathsTest {

    @TempDir
    Path dir;

    /** The pre-training check creates the directory and opens a file in it: a bad target fails before epoch 1. */
    @Test
    void aSaveTargetThatCannotBeWrittenFailsBeforeTheFirstEpoch() throws IOException {
        Path notADir = Files.writeString(dir.resolve("good.json"), "{}");
        Path target = notADir.resolve("model.safetensors");
        CliTest.Result r = run("train", "--epochs", "1", "--save", target.toString());
        assertEquals(1, r.exitCode());
        assertEquals("backprop: cannot write " + target + ": " + notADir + " is not a directory", r.err().strip());
        assertThat(r.out()).doesNotContain("epoch 1/");
        Path fresh = dir.resolve("new/sub/model.safetensors");            // a missing directory is created
        assertEquals(0, run("train", "--epochs", "1", "--save", fresh.toString()).exitCode());
        assertThat(fresh).isRegularFile();
    }

    @Test
    void aReadOnlyDirectoryIsRefusedBeforeTheFirstEpoch() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(ro), "running as root: a read-only directory is writable");
            CliTest.Result r = run("train", "--epochs", "1", "--save", ro.resolve("model.safetensors").toString());
            assertEquals("backprop: cannot write " + ro.resolve("model.safetensors") + ": permission denied",
                    r.err().strip());
            assertThat(r.out()).doesNotContain("epoch 1/");
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /**
     * The disk fills up during training: the final write fails as the JDK reports it ("No space left on device",
     * no file named), and the model goes to the fallback beside it, which the message names and which loads.
     */
    @Test
    void whenTheFinalWriteFailsTheModelGoesToTheFallbackNamedInTheMessage() throws IOException {
        Network net = Network.builder(new ScalarBackend(BackendConfig.defaults()))
                .layers(new int[]{2, 3, 2}, Activation.sigmoid(), Activation.sigmoid()).cost(Cost.quadratic()).build();
        Path target = dir.resolve("model.safetensors");
        SaveTarget full = new SaveTarget(target, (model, file) -> {
            if (file.equals(target)) {
                throw new IOException("No space left on device");
            }
            ModelFiles.write(model, file);
        });
        var e = assertThrows(IOException.class, () -> full.save(SavedModel.of(net)));
        Path fallback = full.fallbacks().get(0);
        assertThat(e.getMessage()).startsWith("cannot write " + target + ": no space left on device; the trained "
                + "model was saved to " + dir.toAbsolutePath().resolve("model.rescued-"))
                .endsWith(".safetensors instead");
        Path written = Path.of(e.getMessage().replaceAll(".* saved to (\\S+) instead", "$1"));
        assertThat(written.getFileName().toString()).startsWith("model.rescued-").endsWith(".safetensors");
        assertThat(fallback.getParent()).isEqualTo(written.getParent());
        SavedModel back = ModelFiles.read(written);
        assertArrayEquals(net.weights(1).toArray(), back.weights().get(0));

        SaveTarget nothing = new SaveTarget(target, (model, file) -> {
            throw new IOException("No space left on device");
        });
        var lost = assertThrows(IOException.class, () -> nothing.save(SavedModel.of(net)));
        assertThat(lost.getMessage()).contains("the fallbacks failed too").contains("the trained model is lost");
    }

    /** A killed run's leftovers beside each output are removed before the new run, and said so on stderr. */
    @Test
    void leftoversOfAnInterruptedWriteAreRemovedAndReported() throws IOException {
        Path model = dir.resolve("m.safetensors");
        Path leftover = Files.writeString(dir.resolve(".m.safetensors.5eed1e55.tmp"), "half a model");
        Path csvLeftover = Files.writeString(dir.resolve(".m.csv.abc.tmp"), "half a csv");
        Files.setLastModifiedTime(leftover, FileTime.fromMillis(0));
        Files.setLastModifiedTime(csvLeftover, FileTime.fromMillis(0));
        CliTest.Result r = run("train", "--epochs", "1", "--save", model.toString(), "--metrics",
                dir.resolve("m.csv").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.err()).contains("note: removed " + leftover.toAbsolutePath() + ", left by an interrupted write")
                .contains("note: removed " + csvLeftover.toAbsolutePath());
        assertThat(leftover).doesNotExist();
        assertThat(csvLeftover).doesNotExist();
    }

    /** "Rerun the same with --resume": the network options that repeat the checkpoint are accepted. */
    @Test
    void resumingAcceptsTheNetworkOptionsThatMatchAndRefusesThoseThatDoNot() {
        Path cp = dir.resolve("cp");
        assertEquals(0, run(concat(BLOBS, "--epochs", "1", "--checkpoint", cp.toString())).exitCode());
        CliTest.Result same = run(concat(BLOBS, "--epochs", "2", "--checkpoint", cp.toString(), "--resume"));
        assertEquals(0, same.exitCode(), same.err());
        assertThat(same.out()).contains("after epoch 1").contains("epoch 2/2");
        CliTest.Result other = run("train", "--checkpoint", cp.toString(), "--resume", "--epochs", "3",
                "--layers", "8,13,4");
        assertEquals(1, other.exitCode());
        assertThat(other.err()).contains("--layers 8,13,4 contradicts the checkpoint " + cp.resolve("checkpoint.safetensors"))
                .contains("8-12-4 relu,softmax log-likelihood");
        CliTest.Result cost = run("train", "--checkpoint", cp.toString(), "--resume", "--epochs", "3",
                "--cost", "quadratic");
        assertThat(cost.err()).contains("--cost quadratic contradicts the checkpoint");
    }

    /** A damaged checkpoint's value is reported as the checkpoint's, not as if the user had typed it. */
    @Test
    void aDamagedCheckpointsSettingIsNamedAsTheFiles() throws IOException {
        Path cp = dir.resolve("cp");
        assertEquals(0, run(concat(BLOBS, "--epochs", "1", "--checkpoint", cp.toString())).exitCode());
        Path file = cp.resolve("checkpoint.safetensors");
        for (String[] damage : new String[][]{{"run.batch", "0"}, {"run.train-size", "99999"},
                {"run.data", "imagenet"}}) {
            Safetensors.Contents c = Safetensors.read(file);
            Map<String, String> meta = new LinkedHashMap<>(c.metadata());
            String original = meta.put(damage[0], damage[1]);
            Safetensors.write(file, c.tensors(), meta);
            CliTest.Result r = run("train", "--checkpoint", cp.toString(), "--resume", "--epochs", "2");
            assertEquals(1, r.exitCode(), r.err());
            assertThat(r.err()).as(damage[0]).contains(file.toString()).doesNotContain("backprop train: ")
                    .containsAnyOf(damage[0] + " '" + damage[1] + "'", "as recorded in " + file);
            meta.put(damage[0], original);
            Safetensors.write(file, c.tensors(), meta);
        }
        assertEquals(0, run("train", "--checkpoint", cp.toString(), "--resume", "--epochs", "2").exitCode());
    }

    /** --threads is part of the run: restored on --resume, and recorded again in the next checkpoint. */
    @Test
    void threadsAreRestoredOnResume() throws IOException {
        Path cp = dir.resolve("cp");
        assertEquals(0, run(concat(BLOBS, "--epochs", "1", "--threads", "2", "--backend", "ejml", "--checkpoint",
                cp.toString())).exitCode());
        Path file = cp.resolve("checkpoint.safetensors");
        assertEquals("2", Safetensors.read(file).metadata().get("run.threads"));
        CliTest.Result r = run("train", "--checkpoint", cp.toString(), "--resume", "--epochs", "2");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("2", Safetensors.read(file).metadata().get("run.threads"));
        assertThat(r.out()).containsPattern("backend .*(2 threads|threads > 1|CommonOps_MT)");
        CliTest.Result changed = run("train", "--checkpoint", cp.toString(), "--resume", "--epochs", "3",
                "--threads", "1");
        assertEquals(0, changed.exitCode(), changed.err());
        assertThat(changed.err()).contains("note: the run used --threads 2");
    }

    @Test
    void thePlotFormatFollowsTheExtensionAndAnUnknownOneIsRefusedBeforeTraining() throws IOException {
        Path png = dir.resolve("p.png"), svg = dir.resolve("p.svg"), pdf = dir.resolve("p.PDF");
        for (Path p : List.of(png, svg, pdf)) {
            CliTest.Result r = run(concat(BLOBS, "--epochs", "2", "--plot", p.toString()));
            assertEquals(0, r.exitCode(), r.err());
        }
        assertEquals(1920, ImageIO.read(png.toFile()).getWidth());
        String svgText = Files.readString(svg, StandardCharsets.UTF_8);
        assertThat(svgText).contains("<svg").contains("viewBox=\"0 0 1920 420\"");
        // XChart draws text as outlines; both charts are there when shapes stand in each half of the page
        List<Double> xs = java.util.regex.Pattern.compile("translate\\(([0-9.]+) ").matcher(svgText).results()
                .map(m -> Double.parseDouble(m.group(1))).toList();
        assertThat(xs).anyMatch(x -> x < 640).anyMatch(x -> x > 640);
        assertThat(new String(Files.readAllBytes(pdf), 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        CliTest.Result gif = run(concat(BLOBS, "--epochs", "2", "--plot", dir.resolve("p.gif").toString()));
        assertEquals(2, gif.exitCode());
        assertThat(gif.err()).contains("unknown image format").contains("*.png, *.svg or *.pdf");
        assertThat(gif.out()).doesNotContain("epoch 1/");
    }

    static PrintWriter sink() {
        return new PrintWriter(new StringWriter());
    }
}
