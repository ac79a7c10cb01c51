package dev.backprop.backend.vectorapi;

import dev.backprop.backend.Availability;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Selection: every reason the provider gives for being unusable (as functions of the JVM's facts), and
 * the real thing in child JVMs started without the incubator module, with the interpreter only and with
 * C1 only, where discovery must fall back to the scalar reference and say why.
 */
class ProviderTest {

    private static JvmFacts facts(boolean module, String vmInfo, Integer stopAt, Boolean jvmci) {
        return new JvmFacts(module, vmInfo, Optional.of(true), Optional.ofNullable(stopAt), Optional.ofNullable(jvmci),
                Optional.of(true), Optional.of(2), false);
    }

    @Test
    void withoutTheModuleTheReasonNamesTheFlag() {
        Availability a = Verdict.of(facts(false, "mixed mode", 4, false));
        assertFalse(a.usable());
        assertThat(a.reason()).contains("--add-modules jdk.incubator.vector");
    }

    @Test
    void withoutC2TheBackendIsUnusable() {
        assertThat(Verdict.of(facts(true, "interpreted mode", 4, false)).reason()).contains("-Xint");
        assertThat(Verdict.of(facts(true, "mixed mode, emulated-client", 1, false)).reason()).contains("C2");
        Availability c1 = Verdict.of(facts(true, "mixed mode", 3, false));
        assertFalse(c1.usable());
        assertThat(c1.reason()).contains("-XX:TieredStopAtLevel=3");
        assertFalse(Verdict.of(facts(true, "mixed mode", 4, true)).usable(), "a JVMCI JIT has no Vector API intrinsics");
        assertTrue(Verdict.of(facts(true, "mixed mode, sharing", 4, false)).usable());
    }

    @Test
    void speciesNarrowerThan128BitsOrAnImpossibleForcedWidthIsUnusable() {
        JvmFacts ok = facts(true, "mixed mode", 4, false);
        assertThat(Verdict.ofSpecies(ok, 64, 64, null, 1, 2).reason()).contains("64 bits").contains("at least 128");
        assertThat(Verdict.ofSpecies(ok, 256, 256, "512", 4, 8).reason()).contains("wider than this CPU's 256-bit");
        assertThat(Verdict.ofSpecies(ok, 256, 256, "100", 4, 8).reason()).contains("use 128, 256 or 512");
        Availability forced = Verdict.ofSpecies(ok, 256, 128, "128", 2, 4);
        assertTrue(forced.usable());
        assertThat(forced.reason()).contains("128-bit species (forced").contains("prefers 256").contains("FMA");
        assertEquals(128, SpeciesChoice.bits(256, "128"));
        assertEquals(256, SpeciesChoice.bits(256, "bogus"), "an unusable request leaves the preferred width");
    }

    @Test
    void aCpuWithAvx512ThatHotSpotHoldsAt256BitsIsToldTheFlag() {
        JvmFacts withheld = new JvmFacts(true, "mixed mode", Optional.of(true), Optional.of(4), Optional.of(false),
                Optional.of(true), Optional.of(2), true);
        assertThat(Verdict.hardware(withheld, 256, 256)).startsWith("256-bit species, FMA")
                .contains("AVX-512").contains("-XX:UseAVX=2").contains("add -XX:UseAVX=3");
        JvmFacts enabled = new JvmFacts(true, "mixed mode", Optional.of(true), Optional.of(4), Optional.of(false),
                Optional.of(true), Optional.of(3), true);
        assertThat(Verdict.hardware(enabled, 512, 512)).isEqualTo("512-bit species, FMA");
        assertThat(Verdict.hardware(facts(true, "mixed mode", 4, false), 256, 256))
                .as("an AVX2-only CPU has nothing withheld").isEqualTo("256-bit species, FMA");
    }

    @Test
    void cpuFlagsAreReadFromTheFirstFlagsLine(@TempDir Path dir) throws IOException {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nflags\t\t: fpu avx2 avx512f avx512dq\n"
                + "processor\t: 1\nflags\t\t: fpu\n");
        assertThat(JvmFacts.cpuFlags(cpuinfo)).containsExactly("fpu", "avx2", "avx512f", "avx512dq");
        assertThat(JvmFacts.cpuFlags(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void inThisJvmItIsUsableChosenByDefaultAndDescribesItsSpecies() {
        VectorApiBackendProvider provider = new VectorApiBackendProvider();
        assertTrue(provider.availability().usable(), provider.availability().reason());
        assertThat(provider.availability().reason()).contains(Lanes.BITS + "-bit species").contains("FMA");
        assertThat(Backends.describe()).contains("chosen: vectorapi");
        try (Backend b = Backends.create(BackendConfig.of(Precision.FLOAT32, 2))) {
            assertEquals("vectorapi", b.name());
            assertThat(b.description()).contains(Lanes.BITS + "-bit").contains(Lanes.F32.length() + " f32 lanes")
                    .contains("2 threads");
        }
    }

    @Test
    void aJvmWithoutTheModuleFallsBackToScalarAndSaysHowToFixIt() throws Exception {
        Result r = child(List.of());
        assertThat(r.out).contains("vectorapi").contains("unusable").contains("--add-modules jdk.incubator.vector")
                .contains("chosen: scalar").contains("started: scalar");
        assertThat(r.err).contains("backend 'vectorapi' is not usable").contains("--add-modules jdk.incubator.vector");
    }

    @Test
    void aJvmWithoutC2FallsBackToScalar() throws Exception {
        Result interpreted = child(List.of("--add-modules", "jdk.incubator.vector", "-Xint"));
        assertThat(interpreted.out).contains("-Xint").contains("started: scalar");
        Result c1 = child(List.of("--add-modules", "jdk.incubator.vector", "-XX:TieredStopAtLevel=1"));
        assertThat(c1.out).contains("C2").contains("started: scalar");
    }

    private record Result(String out, String err) {
    }

    /** Runs {@link DescribeMain} in a fresh JVM on this test's class path with {@code flags}. */
    private static Result child(List<String> flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DescribeMain.class.getName());
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        String o = new String(out, StandardCharsets.UTF_8), e = new String(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), () -> "child JVM failed:\n" + o + e);
        return new Result(o, e);
    }
}
