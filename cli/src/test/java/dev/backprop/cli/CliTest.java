package dev.backprop.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The command line end to end, in-process: exit codes, output and error messages. */
class CliTest {

    record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        var cl = BackpropCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * picocli formats descriptions with {@code String.format}: a bare "%" (as in "95.42% test") makes it print
     * a warning on System.err and show the raw text. Every command's help must format cleanly.
     */
    @Test
    void everyCommandsHelpFormatsWithoutPicocliWarnings() {
        PrintStream systemErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        StringBuilder help = new StringBuilder(BackpropCommand.commandLine().getUsageMessage());
        try {
            BackpropCommand.commandLine().getSubcommands().values().forEach(sub -> help.append(sub.getUsageMessage()));
        } finally {
            System.setErr(systemErr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(help.toString()).doesNotContain("%%").doesNotContain("%n").contains("book: 95.42% test");
    }

    /** The commit comes from git.properties, written by the build from the git checkout the tests run in. */
    @Test
    void versionNamesTheCommitTheBuildCameFrom() {
        Result r = run("--version");
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).containsPattern("^backprop \\S.* \\(commit ([0-9a-f]{7,} of \\d{4}-\\d\\d-\\d\\d(, with uncommitted changes)?|unknown: .+)\\)")
                .contains("JVM: " + Runtime.version());
    }

    @Test
    void defaultTrainingRunReachesNinetyFivePercentOnTheSyntheticSet() {
        Result r = run("train");
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).contains("network  2-30-3 sigmoid,sigmoid quadratic").contains("epoch 30/30");
        Matcher m = Pattern.compile("epoch 30/30 .* train (\\d+\\.\\d+)%").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(95.0);
    }

    @Test
    void layersThatDoNotFitTheDataAreExplained() {
        Result r = run("train", "--layers", "3,30,3", "--epochs", "1");
        assertEquals(1, r.exitCode());
        assertThat(r.err()).contains("--layers 3,30,3 does not fit the data").contains("must start with 2 and end with 3");
    }

    @Test
    void unknownBackendListsTheAvailableOnes() {
        Result r = run("train", "--backend", "nope", "--epochs", "1");
        assertEquals(1, r.exitCode());
        assertThat(r.err()).contains("unknown backend 'nope'").contains("scalar");
    }

    @Test
    void unknownNamesAndMissingDataAreExplained() {
        assertThat(run("train", "--activation", "swish").err()).contains("unknown activation 'swish'").contains("relu");
        assertThat(run("train", "--cost", "hinge").err()).contains("unknown cost 'hinge'").contains("log-likelihood");
        assertThat(run("train", "--precision", "f16").err()).contains("unknown precision 'f16'");
        Result missing = run("train", "--data", "mnist:/no/such/dir");
        assertEquals(1, missing.exitCode());
        assertThat(missing.err()).contains("/no/such/dir: not a directory");
        assertThat(run("train", "--data", "imagenet:x").err()).contains("unknown source 'imagenet'");
    }

    @Test
    void backendsDescribesDiscovery() {
        Result r = run("backends");
        assertEquals(0, r.exitCode());
        assertThat(r.out()).contains("scalar").contains("usable").contains("chosen: ")
                .contains("-Dbackprop.backend=NAME");
    }

    @Test
    void gradcheckPassesAndReportsTheWorstParameter() {
        Result r = run("gradcheck", "--activation", "tanh", "--output", "softmax", "--cost", "log-likelihood");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertThat(r.out()).contains("W[1]").contains("b[3]").contains("worst relative error").contains("OK");
    }

    @Test
    void gradcheckFailsWhenTheToleranceIsImpossible() {
        Result r = run("gradcheck", "--tolerance", "1e-300");
        assertEquals(1, r.exitCode());
        assertThat(r.out()).contains("FAILED");
    }

    @Test
    void softmaxWithBinaryCrossEntropyGetsAHint() {
        Result r = run("train", "--output", "softmax", "--cost", "cross-entropy", "--epochs", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.err()).contains("--cost log-likelihood");
        assertThat(r.out()).doesNotContain("note:");
    }
}
