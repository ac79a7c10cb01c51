package dev.backprop.backend;

import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.backend.scalar.ScalarBackendProvider;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Backend selection: precedence, unknown names, unusable and throwing providers. */
class DiscoveryTest {

    /** A working provider with a name and priority, built on the scalar kernels. */
    record Fake(String name, int priority, Availability availability, Set<Precision> precisions) implements BackendProvider {
        Fake(String name, int priority) {
            this(name, priority, Availability.usable("test double"), EnumSet.allOf(Precision.class));
        }

        /** An array backend named after the provider, its arithmetic borrowed from the reference. */
        @Override
        public Backend create(BackendConfig config) {
            ScalarBackend reference = new ScalarBackend(config);
            return new ArrayBackend(name, config) {
                @Override
                public String description() {
                    return name;
                }

                @Override
                protected void doGemm(boolean ta, boolean tb, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
                    reference.gemm(ta, tb, alpha, a, b, beta, c);
                }

                @Override
                protected void doAxpby(double alpha, Matrix x, double beta, Matrix y) {
                    reference.axpby(alpha, x, beta, y);
                }
            };
        }
    }

    /** A provider whose every query throws, as a broken jar's would. */
    static final class Throwing implements BackendProvider {
        public String name() { throw new IllegalStateException("boom in name()"); }
        public int priority() { return 1000; }
        public Availability availability() { return Availability.usable("never reached"); }
        public Backend create(BackendConfig config) { throw new AssertionError("never reached"); }
    }

    /** A provider that looks usable but fails when asked to start. */
    static final class FailsToStart implements BackendProvider {
        public String name() { return "flaky"; }
        public int priority() { return 500; }
        public Availability availability() { return Availability.usable("claims to work"); }
        public Backend create(BackendConfig config) { throw new UnsupportedOperationException("native library missing"); }
    }

    static Discovery discovery(Map<String, String> props, Map<String, String> env, BackendProvider... providers) {
        List<ProviderReport> reports = java.util.Arrays.stream(providers).map(ProviderReport::of).toList();
        return new Discovery(reports, props::get, env::get);
    }

    @Test
    void highestPriorityUsableProviderWinsByDefault() {
        Discovery d = discovery(Map.of(), Map.of(), new ScalarBackendProvider(), new Fake("fast", 200),
                new Fake("faster-but-broken", 300, Availability.unusable("needs --add-modules"), EnumSet.allOf(Precision.class)),
                new Fake("medium", 100));
        Selection s = d.select(null, Precision.FLOAT64);
        assertEquals("fast", s.provider().name());
        assertThat(s.reason()).isEqualTo("highest-priority usable provider");
    }

    @Test
    void systemPropertyBeatsEnvironmentBeatsApplication() {
        BackendProvider[] all = {new ScalarBackendProvider(), new Fake("a", 10), new Fake("b", 20), new Fake("c", 30)};
        assertEquals("a", discovery(Map.of(Backends.PROPERTY, "a"), Map.of(Backends.ENVIRONMENT_VARIABLE, "b"), all)
                .select("c", Precision.FLOAT64).provider().name());
        Selection env = discovery(Map.of(), Map.of(Backends.ENVIRONMENT_VARIABLE, "b"), all).select("c", Precision.FLOAT64);
        assertEquals("b", env.provider().name());
        assertThat(env.reason()).contains("environment variable BACKPROP_BACKEND=b");
        assertEquals("c", discovery(Map.of(), Map.of(), all).select("c", Precision.FLOAT64).provider().name());
        assertEquals("scalar", discovery(Map.of(Backends.PROPERTY, "SCALAR"), Map.of(), all)
                .select(null, Precision.FLOAT64).provider().name(), "names are case-insensitive");
    }

    @Test
    void unknownNameListsWhatIsAvailable() {
        Discovery d = discovery(Map.of(Backends.PROPERTY, "cuda"), Map.of(), new ScalarBackendProvider(), new Fake("ejml", 200));
        var e = assertThrows(IllegalArgumentException.class, () -> d.select(null, Precision.FLOAT64));
        assertThat(e.getMessage()).contains("unknown backend 'cuda'").contains("-Dbackprop.backend=cuda")
                .contains("available: ejml, scalar");
    }

    @Test
    void explicitlyNamedUnusableBackendSaysWhy() {
        Discovery d = discovery(Map.of(), Map.of(), new ScalarBackendProvider(),
                new Fake("vec", 300, Availability.unusable("add --add-modules jdk.incubator.vector"), EnumSet.allOf(Precision.class)));
        var e = assertThrows(IllegalArgumentException.class, () -> d.select("vec", Precision.FLOAT64));
        assertThat(e.getMessage()).contains("'vec'").contains("not usable").contains("--add-modules jdk.incubator.vector");
    }

    @Test
    void precisionSupportIsRespected() {
        Discovery d = discovery(Map.of(), Map.of(), new ScalarBackendProvider(),
                new Fake("f64only", 300, Availability.usable("x"), EnumSet.of(Precision.FLOAT64)));
        assertEquals("scalar", d.select(null, Precision.FLOAT32).provider().name());
        var e = assertThrows(IllegalArgumentException.class, () -> d.select("f64only", Precision.FLOAT32));
        assertThat(e.getMessage()).contains("does not support f32");
    }

    @Test
    void aThrowingProviderIsSkippedAndReported() {
        Discovery d = discovery(Map.of(), Map.of(), new Throwing(), new ScalarBackendProvider(), new Fake("ok", 50));
        assertEquals("ok", d.select(null, Precision.FLOAT64).provider().name());
        ProviderReport broken = d.reports().stream().filter(ProviderReport::failed).findFirst().orElseThrow();
        assertThat(broken.className()).endsWith("Throwing");
        assertThat(broken.availability().reason()).contains("boom in name()");
        assertThat(Backends.describe(d, null, Precision.FLOAT64)).contains("FAILED").contains("boom in name()")
                .contains("chosen: ok (highest-priority usable provider)");
    }

    @Test
    void aProviderThatFailsToStartFallsBackToTheNext() {
        Discovery d = discovery(Map.of(), Map.of(), new FailsToStart(), new ScalarBackendProvider(), new Fake("next", 100));
        try (Backend b = Backends.create(d, null, BackendConfig.defaults())) {
            assertEquals("next", b.description());
        }
    }

    @Test
    void anExplicitChoiceThatFailsToStartIsAnError() {
        Discovery d = discovery(Map.of(Backends.PROPERTY, "flaky"), Map.of(), new FailsToStart(), new ScalarBackendProvider());
        var e = assertThrows(UnsupportedOperationException.class, () -> Backends.create(d, null, BackendConfig.defaults()));
        assertThat(e.getMessage()).contains("native library missing");
    }

    @Test
    void serviceLoaderFindsTheScalarProviderAndSkipsABrokenRegistration() {
        // src/test/resources/META-INF/services registers BrokenProvider, whose constructor throws
        List<ProviderReport> reports = Discovery.loadReports(ServiceLoader.load(BackendProvider.class));
        assertThat(reports).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("scalar");
            assertThat(r.usable()).isTrue();
        });
        assertThat(reports).anySatisfy(r -> {
            assertThat(r.failed()).isTrue();
            assertThat(r.className()).endsWith("BrokenProvider");
            assertThat(r.availability().reason()).contains("cannot initialise");
        });
        try (Backend b = Backends.create(BackendConfig.defaults())) {
            assertThat(b.name()).isEqualTo("scalar");
        }
    }

    @Test
    void realSystemPropertyIsHonouredAndAnUnknownOneFails() {
        String old = System.getProperty(Backends.PROPERTY);
        try {
            System.setProperty(Backends.PROPERTY, "nope");
            var e = assertThrows(IllegalArgumentException.class, () -> Backends.create(BackendConfig.defaults()));
            assertThat(e.getMessage()).contains("unknown backend 'nope'").contains("scalar");
            System.setProperty(Backends.PROPERTY, "scalar");
            try (Backend b = Backends.create(BackendConfig.defaults())) {
                assertEquals("scalar", b.name());
            }
        } finally {
            if (old == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, old);
            }
        }
    }
}
