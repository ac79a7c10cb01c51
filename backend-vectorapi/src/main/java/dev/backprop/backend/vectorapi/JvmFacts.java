package dev.backprop.backend.vectorapi;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the running JVM offers the Vector API, read without touching {@code jdk.incubator.vector}: whether
 * the incubator module is in the boot layer, whether the C2 compiler (which turns vector operations into
 * SIMD instructions; everywhere else they are slow Java objects) is on, and whether the CPU has fused
 * multiply-add and how wide a vector HotSpot lets C2 use on a CPU that has AVX-512.
 *
 * @param vectorModulePresent whether {@code jdk.incubator.vector} was resolved into the boot layer
 * @param vmInfo              the {@code java.vm.info} property ("mixed mode", "interpreted mode", …)
 * @param tieredCompilation   {@code -XX:TieredCompilation}, when readable
 * @param tieredStopAtLevel   {@code -XX:TieredStopAtLevel}, when readable (C2 is level 4)
 * @param jvmciCompiler       {@code -XX:UseJVMCICompiler} (Graal as the JIT, which has no Vector API intrinsics)
 * @param useFma              {@code -XX:UseFMA}: HotSpot found FMA on this CPU and will emit it
 * @param useAvx              {@code -XX:UseAVX} on x86 (3 lets C2 emit 512-bit vectors), empty elsewhere
 * @param cpuHasAvx512        whether the kernel lists {@code avx512f} among the CPU's flags (Linux; false
 *                            where {@code /proc/cpuinfo} cannot be read)
 */
record JvmFacts(boolean vectorModulePresent, String vmInfo, Optional<Boolean> tieredCompilation,
                Optional<Integer> tieredStopAtLevel, Optional<Boolean> jvmciCompiler, Optional<Boolean> useFma,
                Optional<Integer> useAvx, boolean cpuHasAvx512) {

    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The facts of this JVM. */
    static JvmFacts current() {
        HotSpotDiagnosticMXBean hotspot = hotspot();
        return new JvmFacts(
                ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent(),
                System.getProperty("java.vm.info", ""),
                option(hotspot, "TieredCompilation").map(Boolean::parseBoolean),
                option(hotspot, "TieredStopAtLevel").map(Integer::parseInt),
                option(hotspot, "UseJVMCICompiler").map(Boolean::parseBoolean),
                option(hotspot, "UseFMA").map(Boolean::parseBoolean),
                option(hotspot, "UseAVX").map(Integer::parseInt),
                cpuFlags(Path.of("/proc/cpuinfo")).contains("avx512f"));
    }

    /**
     * True when the CPU has AVX-512 but HotSpot keeps C2 at AVX2 (-XX:UseAVX=2), its default on early
     * Skylake-SP steppings: the Vector API then prefers 256-bit species and gets half the width a native
     * BLAS on the same CPU uses. {@code -XX:UseAVX=3} lifts it.
     */
    boolean avx512Withheld() {
        return cpuHasAvx512 && useAvx.map(level -> level < 3).orElse(false);
    }

    /** The first "flags" line of a cpuinfo file, split into flags; empty when the file cannot be read. */
    static List<String> cpuFlags(Path cpuinfo) {
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("flags"))
                    .findFirst()
                    .map(line -> Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")))
                    .orElse(List.of());
        } catch (IOException | RuntimeException e) {
            return List.of();        // not Linux, or not readable: say nothing about AVX-512
        }
    }

    /**
     * Why C2 cannot compile vector code in this JVM, or empty when it can (or when the JVM does not say,
     * which on a non-HotSpot JVM we take as a yes: the species check still guards the width).
     */
    Optional<String> c2Missing() {
        if (vmInfo.contains("interpreted mode")) {
            return Optional.of("the JIT compiler is off (-Xint)");
        }
        if (vmInfo.contains("emulated-client")) {
            return Optional.of("the C2 compiler is off (the JVM runs as a client VM, e.g. -XX:TieredStopAtLevel=1)");
        }
        if (tieredCompilation.orElse(true) && tieredStopAtLevel.orElse(4) < 4) {
            return Optional.of("the C2 compiler is off (-XX:TieredStopAtLevel=" + tieredStopAtLevel.get()
                    + "; C2 is level 4)");
        }
        if (jvmciCompiler.orElse(false)) {
            return Optional.of("the JIT is a JVMCI compiler (-XX:+UseJVMCICompiler), which does not compile"
                    + " Vector API operations to SIMD instructions");
        }
        return Optional.empty();
    }

    private static HotSpotDiagnosticMXBean hotspot() {
        try {
            return ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (RuntimeException | LinkageError e) {
            return null;                       // not HotSpot, or a runtime without jdk.management
        }
    }

    private static Optional<String> option(HotSpotDiagnosticMXBean hotspot, String name) {
        if (hotspot == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(hotspot.getVMOption(name).getValue());
        } catch (RuntimeException e) {
            return Optional.empty();           // the option does not exist in this JVM
        }
    }
}
