package dev.backprop.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static dev.backprop.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exit codes, where messages go, one-line errors, help texts, synopses, completion. */
class CliConventionsTest {

    /** No stack frame, no exception class name: what a user must never see. */
    static void assertNoTrace(String err) {
        assertThat(err).doesNotContainPattern("(?m)^\\s+at [\\w.$]+\\(")
                .doesNotContainPattern("\\bjava\\.[\\w.]+(Exception|Error)\\b")
                .doesNotContain("Exception in thread");
    }

    @Test
    void noCommandIsAUsageErrorWithTheUsageOnStderr() {
        CliTest.Result r = run();
        assertEquals(2, r.exitCode());
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("backprop: no command given").contains("Usage: backprop").contains("train");
    }

    /** Range errors are usage errors: exit 2, like parse errors, in one line without the usage text. */
    @Test
    void valuesOutOfRangeExitWithTwoInOneLine() {
        String[][] cases = {
                {"train", "--epochs", "-1"}, {"train", "--batch", "0"}, {"train", "--validation", "-5"},
                {"train", "--train-size", "-1"}, {"train", "--eta", "0"}, {"train", "--eta", "NaN"},
                {"train", "--momentum", "1"}, {"train", "--threads", "0"}, {"train", "--activation", "swish"},
                {"train", "--layers", "2,0,3"}, {"train", "--layers", "2,2000000000,3"}, {"train", "--preset", "x"},
                {"train", "--save", "m.bin"}, {"train", "--plot", "p.gif"}, {"train", "--precision", "f16"},
                {"train", "--epochs", "x"}, {"train", "--frobnicate"},
                {"gradcheck", "--tolerance", "NaN"}, {"gradcheck", "--tolerance", "-1"}, {"gradcheck", "--batch", "0"},
                {"gradcheck", "--layers", "2,2000000000,3"},
                {"compare", "--layers", "784,2000000000,10"}, {"compare", "--batch", "0"},
                {"evaluate", "--model", "m.safetensors", "--validation", "0"},
                {"predict", "--model", "m.safetensors", "--idx", "x", "--count", "0"},
                {"download", "mnist", "--timeout", "-1"}, {"download", "cifar"}};
        for (String[] args : cases) {
            CliTest.Result r = run(args);
            String what = String.join(" ", args);
            assertEquals(2, r.exitCode(), what + ": " + r.err());
            assertThat(r.err().lines().count()).as(what + ": " + r.err()).isEqualTo(1);
            assertThat(r.err()).as(what).startsWith("backprop " + args[0] + ": ").doesNotContain("Usage:");
            assertNoTrace(r.err());
            assertThat(r.out()).as(what).isEmpty();
        }
    }

    @Test
    void anUnknownPrecisionIsOneClearLine() {
        CliTest.Result r = run("train", "--precision", "f16");
        assertEquals("backprop train: Invalid value for option '--precision': unknown precision 'f16': use f64 "
                + "(float64, double) or f32 (float32, float); see 'backprop train --help'", r.err().strip());
    }

    @Test
    void layerSizesBeyondAnArrayAreExplainedNotWrapped() {
        CliTest.Result r = run("train", "--layers", "2,2000000000,3");
        assertThat(r.err()).contains("W[1] would hold 2,000,000,000×2 weights, more than a Java array holds")
                .doesNotContain("-294967296");
    }

    /** A network that fits arrays but not the heap: the size and the flag, exit 1, before anything is allocated. */
    @Test
    void aNetworkTooLargeForTheHeapNamesTheSizeAndTheFlag() {
        int hidden = (int) Math.min(60_000, Math.sqrt(Runtime.getRuntime().maxMemory() / 8.0) + 2000);
        for (String[] args : new String[][]{
                {"train", "--layers", "2," + hidden + "," + hidden + ",3", "--epochs", "1"},
                {"compare", "--same-jvm", "--layers", "784," + hidden + "," + hidden + ",10"}}) {
            CliTest.Result r = run(args);
            assertEquals(1, r.exitCode(), r.err());
            assertThat(r.err()).startsWith("backprop: training ").contains("needs").contains("the Java heap has")
                    .containsPattern("BACKPROP_JAVA_OPTS=-Xmx\\d+g");
            assertNoTrace(r.err());
        }
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        final Throwable toThrow;

        Boom(Throwable toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        public Integer call() throws Exception {
            if (toThrow instanceof Error e) {
                throw e;
            }
            throw (Exception) toThrow;
        }
    }

    private static CliTest.Result runBoom(Throwable t) {
        CommandLine cl = BackpropCommand.commandLine();
        cl.addSubcommand(new CommandLine(new Boom(t)));
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new CliTest.Result(cl.execute("boom"), out.toString(), err.toString());
    }

    /** Past every size check, an OutOfMemoryError still ends as one line with the fix, never a trace. */
    @Test
    void anOutOfMemoryErrorIsOneLineWithTheHeapFlag() {
        CliTest.Result r = runBoom(new OutOfMemoryError("Java heap space"));
        assertEquals(1, r.exitCode());
        assertThat(r.err().strip()).startsWith("backprop: out of memory (Java heap space")
                .containsPattern("BACKPROP_JAVA_OPTS=-Xmx\\d+g");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void aBugIsCalledOneAndTheDebugSwitchNamed() {
        CliTest.Result r = runBoom(new NullPointerException());
        assertEquals(1, r.exitCode());
        assertThat(r.err()).contains("backprop: internal error: java.lang.NullPointerException")
                .contains("BACKPROP_DEBUG=1");
    }

    @Test
    void everyHelpDocumentsTheExitCodes() {
        for (String command : new String[]{"train", "evaluate", "predict", "download", "backends", "gradcheck",
                "compare", "generate-completion"}) {
            CliTest.Result r = run(command, "--help");
            assertEquals(0, r.exitCode(), command);
            assertThat(r.out()).as(command).contains("Exit codes:").containsPattern("(?m)^\\s+0\\s+success")
                    .containsPattern("(?m)^\\s+1\\s+failure while running")
                    .containsPattern("(?m)^\\s+2\\s+usage error");
        }
        assertThat(run("--help").out()).contains("Exit codes:").contains("generate-completion");
    }

    @Test
    void synopsesReadAsListsNotAsPicocliGrammar() {
        // the synopsis wraps where the width ends, even inside a label: joined, it must read as plain lists
        String train = run("train", "--help").out().replaceAll("\\R +", "");
        String compare = run("compare", "--help").out().replaceAll("\\R +", "");
        assertThat(train).contains("[--layers=N,N,...]").doesNotContain("[,N").doesNotContain("...]...");
        assertThat(compare).contains("[--layers=N,N,...]").contains("[--backends=NAME,...]")
                .contains("[--precision=f64|f32,...]").doesNotContain("[,").doesNotContain(",...]...");
    }

    /** gradcheck has no data to take sizes from and shuffles nothing; its help says what it does. */
    @Test
    void gradchecksHelpIsTrueToGradcheck() {
        String help = run("gradcheck", "--help").out();
        assertThat(help).contains("default: 4,6,5,3").doesNotContain("the data's").doesNotContain("shuffling")
                .contains("random batch");
        CliTest.Result r = run("gradcheck", "--samples", "3");
        assertThat(r.out()).contains("4-6-5-3");
    }

    @Test
    void notesGoToStderrAndLogLikelihoodWithSigmoidGetsOne() {
        CliTest.Result r = run("train", "--cost", "log-likelihood", "--epochs", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.err()).startsWith("note: the log-likelihood with sigmoid outputs").contains("--output softmax");
        assertThat(r.out()).doesNotContain("note:");
        assertThat(run("train", "--cost", "log-likelihood", "--output", "softmax", "--epochs", "1").err()).isEmpty();
    }

    @Test
    void completionScriptIsGenerated() {
        CliTest.Result r = run("generate-completion");
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).contains("complete -F").contains("backprop").contains("train").contains("--layers");
    }

    @Test
    void theProgressRateIsRightWithinTheFirstSecond() {
        long[] now = {0};
        Progress.Rate rate = new Progress.Rate("ex", 1, () -> now[0]);
        assertEquals("", rate.at(0));
        now[0] = 250_000_000L;                                     // a quarter of a second: 500 examples
        assertEquals("2,000 ex/s", rate.at(500));
        Progress.Rate kib = new Progress.Rate("KiB", 1024, () -> now[0]);
        now[0] += 500_000_000L;
        assertEquals("2 KiB/s", kib.at(1024));
    }

    /** The JDK's file exceptions carry the path and, apart, a terse reason: both are said, in words. */
    @Test
    void fileErrorsNameTheFileAndTheCause() {
        assertEquals("/x/m.safetensors: permission denied",
                BackpropCommand.describe(new java.nio.file.AccessDeniedException("/x/m.safetensors")));
        assertEquals("/x/m.safetensors: is a directory", BackpropCommand.describe(
                new java.nio.file.FileSystemException("/x/m.safetensors", null, "Is a directory")));
        assertEquals("/x/m.safetensors: no such model file",
                BackpropCommand.describe(new java.nio.file.NoSuchFileException("/x/m.safetensors: no such model file")));
    }
}
