package dev.backprop.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code backprop compare}: labelled as a quick comparison, one row per backend × precision, consistent figures. */
class CompareCommandTest {

    /** backend, precision, samples/s, steps/s, steps, × fastest, × scalar, warm-up, description. */
    private static final Pattern ROW = Pattern.compile(
            "^(\\S+)\\s+(f64|f32)\\s+([\\d,]+)\\s+([\\d,]+\\.\\d)\\s+([\\d,]+)\\s+(\\d+\\.\\d\\d)×\\s+(\\d+\\.\\d\\d)×"
                    + "\\s+(\\d+\\.\\d)s\\s+(.+)$", Pattern.MULTILINE);

    private static double number(String s) {
        return Double.parseDouble(s.replace(",", ""));
    }

    @Test
    void comparesEveryUsableBackendAtBothPrecisionsAndSaysItIsNotJmh() {
        CliTest.Result r = CliTest.run("compare", "--warmup", "0.1", "--max-warmup", "0.5", "--seconds", "1", "--layers", "30,12,5", "--batch", "8");

        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).contains("30-12-5").contains("batch 8").contains("NOT a JMH benchmark").contains("a fresh JVM")
                .contains("./bench/run.sh quick").contains("docs/benchmarks.md");
        Matcher m = ROW.matcher(r.out());
        List<String> seen = new java.util.ArrayList<>();
        double fastest = 0;
        while (m.find()) {
            seen.add(m.group(1) + " " + m.group(2));
            double samples = number(m.group(3)), steps = number(m.group(4));
            assertThat(samples).as("samples/s = steps/s × batch in %s", m.group()).isCloseTo(steps * 8, org.assertj.core.data.Offset.offset(steps * 0.01 + 1));
            assertThat(number(m.group(5))).as("steps timed").isPositive();
            fastest = Math.max(fastest, number(m.group(6)));
            // the warm-up stops at the end of the first window past --max-warmup (0.5 s here); on a shared machine that
            // window can stretch by seconds, so only a generous bound is asserted (the stopping rule itself is pinned
            // without a clock in warmUpEndsWhenTheLastWindowsAgree)
            assertThat(number(m.group(8))).as("warm-up is at least --warmup, near --max-warmup").isBetween(0.1, 5.0);
            if (m.group(1).equals("scalar")) {
                assertThat(m.group(7)).isEqualTo("1.00");
                assertThat(m.group(9)).contains("scalar reference loops, " + m.group(2));
            }
        }
        assertThat(seen).contains("scalar f64", "scalar f32");
        assertThat(fastest).as("the fastest row's own ratio").isEqualTo(1.00);
    }

    @Test
    void precisionsAndBackendsCanBeChosen() {
        CliTest.Result r = CliTest.run("compare", "--warmup", "0.1", "--max-warmup", "0.5", "--seconds", "1", "--layers", "10,4,3", "--batch", "4",
                "--precision", "f32", "--backends", "scalar");

        assertEquals(0, r.exitCode(), r.err());
        Matcher m = ROW.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(m.group(1) + " " + m.group(2)).isEqualTo("scalar f32");
        assertThat(m.find()).as("only one row").isFalse();
    }

    @Test
    void sameJvmModeTimesInThisJvmAndSaysSo() {
        CliTest.Result r = CliTest.run("compare", "--same-jvm", "--backends", "scalar", "--warmup", "0.1", "--max-warmup", "0.5", "--seconds", "1", "--layers", "10,4,3", "--batch", "4",
                "--precision", "f64");

        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).contains("this one JVM (--same-jvm)");
        Matcher m = ROW.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(m.group(1) + " " + m.group(2)).isEqualTo("scalar f64");
    }

    @Test
    void warmUpEndsWhenTheLastWindowsAgree() {
        assertThat(CompareCommand.steady(new double[]{100, 110, 105})).isTrue();
        assertThat(CompareCommand.steady(new double[]{10, 100, 105})).as("still compiling").isFalse();
        assertThat(CompareCommand.steady(new double[]{0, 0, 0})).isFalse();
    }

    @Test
    void theChildJvmIsStartedLikeThisOne() {
        List<String> command = CompareCommand.javaCommand();
        assertThat(command.get(0)).endsWith("/bin/java");
        assertThat(command).containsSubsequence("-cp", System.getProperty("java.class.path"), Main.class.getName());
    }

    @Test
    void badOptionsAreExplained() {
        CliTest.Result unknown = CliTest.run("compare", "--backends", "nope", "--seconds", "1");
        assertEquals(1, unknown.exitCode());
        assertThat(unknown.err()).contains("unknown backend 'nope'").contains("usable: ").contains("scalar");

        assertThat(CliTest.run("compare", "--seconds", "0").err()).contains("--seconds must be between 1 and 3600, got 0.0");
        assertThat(CliTest.run("compare", "--layers", "784").err()).contains("--layers 784: needs at least an input and an output");
        assertThat(CliTest.run("compare", "--batch", "0").err()).contains("--batch must be at least 1");
        assertThat(CliTest.run("compare", "--warmup", "-1").err()).contains("--warmup must be between 0 and 600");
        assertThat(CliTest.run("compare", "--warmup", "3", "--max-warmup", "2").err())
                .contains("--max-warmup must be between --warmup (3.0) and 600 seconds, got 2.0");
        assertThat(CliTest.run("compare", "--precision", "f16").err()).contains("unknown precision 'f16'");
    }
}
