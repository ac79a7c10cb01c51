package dev.backprop.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The command in a JVM of its own with a small heap, as a user with BACKPROP_JAVA_OPTS=-Xmx64m runs it: what does
 * not fit is one line naming the size and the flag, exit 1, never an OutOfMemoryError's stack trace.
 */
class SmallHeapTest {

    record Result(int exitCode, String out) {
    }

    static Result backprop(String heap, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void aNetworkTooLargeForTheHeapIsOneLine() throws Exception {
        Result r = backprop("64m", "train", "--backend", "scalar", "--layers", "2,4000,4000,3", "--epochs", "1");
        assertEquals(1, r.exitCode(), r.out());
        assertThat(r.out()).contains("backprop: training 2-4000-4000-3 in f64 with batch 10 needs")
                .containsPattern("BACKPROP_JAVA_OPTS=-Xmx\\d+g");
        CliConventionsTest.assertNoTrace(r.out());
    }

    @Test
    void dataTooLargeForTheHeapIsOneLine() throws Exception {
        Result r = backprop("40m", "train", "--backend", "scalar", "--data", "mnist:" + DownloadCommandTest.MNIST,
                "--epochs", "1", "--train-size", "100");
        assertEquals(1, r.exitCode(), r.out());
        assertThat(r.out()).startsWith("backprop: ").containsPattern("-Xmx\\d+g");
        assertThat(r.out().lines().filter(l -> !l.startsWith("WARNING")).count()).isEqualTo(1);
        CliConventionsTest.assertNoTrace(r.out());
    }
}
