package dev.backprop.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The runner's command line and the JMH options it builds. */
class BenchMainTest {

    @Test
    void profileOptionsParse() {
        BenchRunner.Options o = BenchMain.runOptions(Profile.QUICK, new String[]{"--backends", "scalar, ejml",
                "--peers", "p.json", "--note", "noisy", "--out", "r", "--report", "x.md"});
        assertThat(o.backends()).containsExactly("scalar", "ejml");
        assertThat(o.peers()).isEqualTo(Path.of("p.json"));
        assertThat(o.note()).isEqualTo("noisy");
        assertThat(o.resultsDir()).isEqualTo(Path.of("r"));
        assertThat(o.page()).isEqualTo(Path.of("x.md"));
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> BenchMain.runOptions(Profile.FULL, new String[]{"--fast", "1"}))
                .hasMessageContaining("full: unknown option --fast");
        assertThatThrownBy(() -> BenchMain.runOptions(Profile.FULL, new String[]{"--peers"}))
                .hasMessageContaining("--peers needs a value");
        assertThatThrownBy(() -> Profile.parse("medium")).hasMessageContaining("use quick, full or smoke");
    }

    @Test
    void aGivenBackendIsLeftAlone() {
        String[] args = {"TrainStep", "-p", "backend=scalar", "-f", "1"};
        assertThat(BenchMain.withBackends(args)).containsExactly(args);
        String[] listing = {"-l"};
        assertThat(BenchMain.withBackends(listing)).containsExactly(listing);
    }

    @Test
    void otherwiseEveryUsableBackendIsPassed() {
        String usable = BackendProbe.discover().stream().filter(BackendProbe.Probed::usable)
                .map(BackendProbe.Probed::name).collect(java.util.stream.Collectors.joining(","));
        assertThat(usable).contains("scalar");
        assertThat(BenchMain.withBackends(new String[]{"TrainStep"})).containsExactly("TrainStep", "-p", "backend=" + usable);
    }

    @Test
    void unknownBackendsAreRejectedWithTheUsableOnes() {
        List<BackendProbe.Probed> probed = List.of(
                new BackendProbe.Probed("scalar", true, "reference", List.of("f64"), java.util.Map.of()),
                new BackendProbe.Probed("vectorapi", false, "needs the incubator module", List.of("f64"), java.util.Map.of()));
        assertThat(BenchRunner.choose(probed, List.of())).extracting(BackendProbe.Probed::name).containsExactly("scalar");
        assertThatThrownBy(() -> BenchRunner.choose(probed, List.of("vectorapi")))
                .hasMessageContaining("'vectorapi' is not a usable backend; usable: scalar")
                .hasMessageContaining("vectorapi is not usable: needs the incubator module");
    }

    @Test
    void jobOptionsCarryTheProfilesParametersAndTheBackend() {
        Profile.Job job = job(Profile.QUICK, "train-step");
        Options o = BenchRunner.options(job, "scalar", List.of("f32"), Path.of("out.json"));

        assertThat(o.getParameter("backend").get()).containsExactly("scalar");
        assertThat(o.getParameter("precision").get()).containsExactly("f32");
        assertThat(o.getParameter("network").get()).containsExactly("784-100-10");
        assertThat(o.getParameter("threads").get()).containsExactly("1", "2");
        assertThat(o.getForkCount().get()).isEqualTo(1);
        assertThat(o.getProfilers()).hasSize(1);
        assertThat("dev.backprop.bench.TrainStepBenchmark.step").matches(job.include());
        assertThat("dev.backprop.bench.TrainStepBenchmarkX.step").doesNotMatch(job.include());
        assertThat("dev.backprop.bench.ActivationBenchmark.backward").matches(job(Profile.FULL, "activation").include());

        Profile.Job raw = job(Profile.QUICK, "gemm-raw");
        Options r = BenchRunner.options(raw, null, List.of("f64", "f32"), Path.of("raw.json"));
        assertThat(raw.perBackend()).isFalse();
        assertThat(r.getParameter("backend").hasValue()).isFalse();
        assertThat(r.getParameter("library").get()).containsExactlyInAnyOrder("ejml", "ojalgo");
    }

    @Test
    void quickMeasuresThePeakOnceAndTheHeadlineStepAtThreeBatchSizes() {
        Profile.Job peak = job(Profile.QUICK, "peak");
        assertThat(peak.perBackend()).isFalse();
        assertThat("dev.backprop.bench.PeakBenchmark.fma").matches(peak.include());
        assertThat(job(Profile.QUICK, "train-step-batches").params().get("batch")).containsExactly("10", "256");
    }

    private static Profile.Job job(Profile profile, String name) {
        return profile.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theProbeSeesTheReferenceWithADescriptionPerPrecisionAndThreadCount() {
        BackendProbe.Probed scalar = BackendProbe.discover().stream().filter(b -> b.name().equals("scalar"))
                .findFirst().orElseThrow();
        assertThat(scalar.usable()).isTrue();
        assertThat(scalar.precisions()).containsExactly("f64", "f32");
        assertThat(scalar.descriptions()).containsOnlyKeys("f64/1t", "f64/2t", "f32/1t", "f32/2t");
        assertThat(scalar.descriptions().get("f32/2t")).contains("f32").contains("asked for 2 threads");
    }
}
