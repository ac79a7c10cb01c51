package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Precision;
import dev.backprop.backend.ProviderReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Discovery with real backend jars on the class path (the CLI bundles vectorapi, blas, ejml and ojalgo beside
 * the scalar reference; Surefire adds the incubator module vectorapi needs, and blas's natives come in its
 * org.bytedeco jars): priority order, the default choice, and each way of forcing one.
 */
class BundledBackendsTest {

    private String savedProperty;

    @BeforeEach
    void noChoiceFromTheEnvironment() {
        assumeTrue(System.getenv(Backends.ENVIRONMENT_VARIABLE) == null,
                "BACKPROP_BACKEND is set in this environment; these tests need discovery's own choice");
        savedProperty = System.clearProperty(Backends.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (savedProperty != null) {
            System.setProperty(Backends.PROPERTY, savedProperty);
        } else {
            System.clearProperty(Backends.PROPERTY);
        }
    }

    @Test
    void providersAreListedByPriorityAndAllUsable() {
        List<ProviderReport> reports = Backends.providers();
        assertThat(reports).extracting(ProviderReport::name)
                .containsExactly("vectorapi", "blas", "ejml", "ojalgo", "scalar");
        assertThat(reports).extracting(ProviderReport::priority).containsExactly(300, 250, 200, 100, 0);
        assertThat(reports).allMatch(ProviderReport::usable);
        assertThat(reports.subList(0, 4)).allMatch(ProviderReport::parallel);
    }

    @Test
    void theHighestPriorityBackendIsChosenByDefault() {
        for (Precision p : Precision.values()) {
            try (Backend be = Backends.create(BackendConfig.of(p, 1))) {
                assertEquals("vectorapi", be.name());
                assertEquals(p, be.precision());
            }
        }
        assertThat(Backends.select(null, Precision.FLOAT64).reason()).isEqualTo("highest-priority usable provider");
    }

    @Test
    void theSystemPropertyOverridesPriorityAndTheApplicationsChoice() {
        System.setProperty(Backends.PROPERTY, "ojalgo");
        try (Backend be = Backends.create("scalar", BackendConfig.defaults())) {
            assertEquals("ojalgo", be.name());
        }
        assertThat(Backends.select(null, Precision.FLOAT32).reason()).contains("-Dbackprop.backend=ojalgo");
    }

    @Test
    void theApplicationsChoiceBeatsPriority() {
        try (Backend be = Backends.create("scalar", BackendConfig.defaults())) {
            assertEquals("scalar", be.name());
        }
    }

    @Test
    void backendsCommandShowsAllFiveAndTheChoice() {
        CliTest.Result r = CliTest.run("backends");
        assertEquals(0, r.exitCode(), r.err());
        assertThat(r.out()).contains("backprop backends (5 registered)")
                .containsPattern("vectorapi +priority +300 +usable +f64/f32 +multi-thread +\\d+-bit species")
                .containsPattern("blas +priority +250 +usable +f64/f32 +multi-thread +OpenBLAS \\d+\\.\\d+\\.\\d+, \\S+ kernels")
                .containsPattern("ejml +priority +200 +usable +f64/f32 +multi-thread")
                .containsPattern("ojalgo +priority +100 +usable +f64/f32 +multi-thread")
                .containsPattern("scalar +priority +0 +usable")
                .contains("chosen: vectorapi (highest-priority usable provider)");
        assertThat(r.out().indexOf("vectorapi")).isLessThan(r.out().indexOf("blas"));
        assertThat(r.out().indexOf("blas")).isLessThan(r.out().indexOf("ejml"));
        assertThat(r.out().indexOf("ejml")).isLessThan(r.out().indexOf("ojalgo"));
    }

    @Test
    void trainPicksTheDefaultTheFlagOrTheProperty() {
        assertThat(backendLine(CliTest.run("train", "--epochs", "1"))).startsWith("backend  vectorapi: Vector API SIMD kernels");
        assertThat(backendLine(CliTest.run("train", "--epochs", "1", "--backend", "ojalgo", "--threads", "2")))
                .startsWith("backend  ojalgo: ojAlgo").contains("2 threads");
        System.setProperty(Backends.PROPERTY, "ojalgo");
        assertThat(backendLine(CliTest.run("train", "--epochs", "1"))).startsWith("backend  ojalgo");
        assertThat(backendLine(CliTest.run("train", "--epochs", "1", "--backend", "scalar")))
                .as("--backend is the user's most explicit choice and beats the property").startsWith("backend  scalar");
    }

    /** Every bundled backend trains the default synthetic set to the same accuracy (f64, same seed). */
    @Test
    void everyBundledBackendTrainsToTheSameResult() {
        String scalar = lastEpoch(CliTest.run("train", "--backend", "scalar", "--epochs", "5"));
        assertThat(lastEpoch(CliTest.run("train", "--backend", "ejml", "--epochs", "5"))).isEqualTo(scalar);
        assertThat(lastEpoch(CliTest.run("train", "--backend", "vectorapi", "--epochs", "5", "--threads", "2")))
                .isEqualTo(scalar);
        assertThat(lastEpoch(CliTest.run("train", "--backend", "ojalgo", "--epochs", "5", "--threads", "2")))
                .isEqualTo(scalar);
        assertThat(lastEpoch(CliTest.run("train", "--backend", "blas", "--epochs", "5", "--threads", "2")))
                .isEqualTo(scalar);
    }

    /**
     * The acceptance run: MNIST 784-30-10, the book's chapter-1 settings (η = 3, batch 10), one epoch,
     * seed 42: every bundled backend prints the reference's test accuracy to within 0.1 points.
     */
    @Test
    void mnistTestAccuracyIsTheReferencesOnEveryBundledBackend() {
        Path mnist = sharedDir().resolve("data/mnist");
        if (!Files.isDirectory(mnist)) {
            String message = mnist + " is missing: put the shared data beside the repository (../shared)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        double scalar = mnistTestAccuracy("scalar", mnist);
        assertThat(scalar).as("the reference's accuracy after one epoch").isGreaterThan(90.0);
        assertThat(mnistTestAccuracy("ejml", mnist)).isCloseTo(scalar, within(0.1));
        assertThat(mnistTestAccuracy("ojalgo", mnist)).isCloseTo(scalar, within(0.1));
        assertThat(mnistTestAccuracy("vectorapi", mnist)).isCloseTo(scalar, within(0.1));
        assertThat(mnistTestAccuracy("blas", mnist)).isCloseTo(scalar, within(0.1));
    }

    private static double mnistTestAccuracy(String backend, Path mnist) {
        CliTest.Result r = CliTest.run("train", "--backend", backend, "--data", "mnist:" + mnist, "--layers", "784,30,10",
                "--epochs", "1", "--batch", "10", "--eta", "3.0", "--seed", "42");
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("(?m)^epoch 1/1 .* test (\\d+\\.\\d+)%").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static Path sharedDir() {
        String env = System.getenv("BACKPROP_SHARED_DIR");
        String prop = System.getProperty("backprop.shared.dir");
        return Path.of(env != null ? env : prop != null ? prop : "../shared").toAbsolutePath().normalize();
    }

    private static String backendLine(CliTest.Result r) {
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("(?m)^backend .*$").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m.group();
    }

    /** The last epoch's cost and accuracies, without its timing. */
    private static String lastEpoch(CliTest.Result r) {
        assertEquals(0, r.exitCode(), r.err());
        Matcher m = Pattern.compile("(?m)^epoch 5/5 +(cost .*%)").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        return m.group(1);
    }
}
