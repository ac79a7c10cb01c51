package dev.backprop.backend.blas;

import dev.backprop.backend.Availability;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The provider: usable here with the library's own account of itself; every unusable reason (as a function of
 * the error and the JVM's facts); and the real thing in child JVMs without the natives jars or on a platform
 * without natives, where discovery must fall back and say why, and in a JVM with a fresh home directory, where
 * the natives come out of the Maven jar, silently.
 */
class ProviderTest {

    private static final String BUNDLED = NativesProblem.BUILT_WITH.bundledPlatform();
    private static final String OPENBLAS_JAR = "org.bytedeco:openblas:" + NativesProblem.BUILT_WITH.openblas() + ":";

    @Test
    void inThisJvmItIsUsableAndNamesTheVersionAndTheDetectedCore() {
        BlasBackendProvider provider = new BlasBackendProvider();
        Availability a = provider.availability();
        assertTrue(a.usable(), a.reason());
        OpenBlasLibrary.Info info = OpenBlasLibrary.load();
        assertThat(NativesProblem.BUILT_WITH.openblas()).startsWith(info.version() + "-");
        assertThat(info.core()).isNotBlank();
        assertThat(info.config()).startsWith("OpenBLAS " + info.version()).contains(info.core());
        assertThat(a.reason()).contains("OpenBLAS " + info.version()).contains(info.core() + " kernels")
                .contains(BUNDLED);
        try (Backend be = provider.create(BackendConfig.of(Precision.FLOAT32, 2))) {
            assertThat(be.description()).contains("OpenBLAS " + info.version()).contains(info.core())
                    .contains("cblas_sgemm").contains("2 threads");
        }
    }

    @Test
    void missingJavacppJarsNameTheArtifacts() {
        String reason = NativesProblem.explain(new NoClassDefFoundError("org/bytedeco/javacpp/Loader"),
                new NativesProblem.Context(BUNDLED, false, false));
        assertThat(reason).contains("not on the class path").contains("org.bytedeco:openblas:")
                .contains(OPENBLAS_JAR + BUNDLED);
    }

    @Test
    void aPlatformWithoutNativesSaysWhichJarsWouldAddIt() {
        String reason = NativesProblem.explain(new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path: /usr/lib:/lib"),
                new NativesProblem.Context("linux-riscv64", false, false));
        assertThat(reason).contains("no OpenBLAS natives for this platform, linux-riscv64")
                .contains("bundles those for " + BUNDLED + " only").contains(OPENBLAS_JAR + "linux-riscv64")
                .contains("no jniopenblas_nolapack").doesNotContain("/usr/lib");
    }

    @Test
    void missingNativesOnTheBundledPlatformNameTheClassifierJars() {
        String reason = NativesProblem.explain(new UnsatisfiedLinkError("no jniopenblas_full in java.library.path: /x"),
                new NativesProblem.Context(BUNDLED, false, false));
        assertThat(reason).contains("could not be loaded").contains(OPENBLAS_JAR + BUNDLED)
                .contains("org.bytedeco:javacpp:" + NativesProblem.BUILT_WITH.javacpp() + ":" + BUNDLED);
    }

    @Test
    void onTheModulePathAnUnresolvedNativesModuleNamesTheFlag() {
        String reason = NativesProblem.explain(new UnsatisfiedLinkError("no jniopenblas_nolapack in java.library.path"),
                new NativesProblem.Context("linux-x86_64", true, false));
        assertThat(reason).contains("--add-modules org.bytedeco.openblas.linux.x86_64,org.bytedeco.javacpp.linux.x86_64");
    }

    @Test
    void platformsAreNamedAsJavacppNamesThem() {
        assertEquals("linux-x86_64", NativesProblem.guessPlatform("Linux", "amd64"));
        assertEquals("macosx-arm64", NativesProblem.guessPlatform("Mac OS X", "aarch64"));
        assertEquals("windows-x86_64", NativesProblem.guessPlatform("Windows 11", "amd64"));
        assertEquals("org.bytedeco.openblas.macosx.arm64", NativesProblem.nativesModule("macosx-arm64"));
    }

    @Test
    void withoutTheNativesJarsDiscoveryFallsBackAndSaysWhichJarsAreMissing() throws Exception {
        ChildJvm.Result r = ChildJvm.run(DescribeMain.class, List.of(), entry -> entry.endsWith("-" + BUNDLED + ".jar"));
        assertThat(r.out()).containsPattern("blas +priority +250 +unusable")
                .contains(OPENBLAS_JAR + BUNDLED).contains("chosen: scalar").contains("started: scalar");
        assertThat(r.err()).contains("backend 'blas' is not usable");
    }

    @Test
    void onAPlatformWithoutNativesDiscoveryFallsBack() throws Exception {
        ChildJvm.Result r = ChildJvm.run(DescribeMain.class, List.of("-Dorg.bytedeco.javacpp.platform=linux-riscv64"),
                entry -> false);
        assertThat(r.out()).contains("no OpenBLAS natives for this platform, linux-riscv64")
                .contains(OPENBLAS_JAR + "linux-riscv64").contains("started: scalar");
    }

    /**
     * A fresh home directory: JavaCPP extracts the natives from the Maven jar into its cache there (nothing is
     * fetched), and neither JavaCPP nor OpenBLAS prints anything while loading. The child has native access, as
     * the README asks: without it JDK 24 and later print their own warning about JavaCPP's {@code System.load}.
     */
    @Test
    void aFreshHomeGetsTheNativesFromTheJarAndNothingIsPrinted(@TempDir Path home) throws Exception {
        ChildJvm.Result r = ChildJvm.run(QuietLoadMain.class,
                List.of("-Duser.home=" + home, "--enable-native-access=ALL-UNNAMED"), entry -> false);
        assertEquals("", r.out(), "standard output of a JVM that loaded OpenBLAS");
        assertEquals("", r.err(), "standard error of a JVM that loaded OpenBLAS");
        Path cache = home.resolve(".javacpp/cache");
        assertTrue(Files.isDirectory(cache), "JavaCPP's cache under the fresh home");
        assertThat(filesNamed(cache, System.mapLibraryName("jniopenblas_full"))).as("the JNI glue, extracted").isNotEmpty();
    }

    private static List<Path> filesNamed(Path dir, String name) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().equals(name)).toList();
        }
    }
}
