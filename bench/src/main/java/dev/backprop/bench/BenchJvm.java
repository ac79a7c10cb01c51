package dev.backprop.bench;

import java.util.List;

/**
 * The JVM flags every forked benchmark JVM gets, set in each benchmark's {@code @Fork(jvmArgsAppend = …)} so
 * that a plain {@code java -jar benchmarks.jar} run has them too, and used by the runner's backend probe so
 * that it sees the same backends the forks will.
 */
public final class BenchJvm {

    /** A fixed heap, so the collector never resizes it during a measurement (the workloads need ~100 MB). */
    public static final String HEAP_MIN = "-Xms1g";
    public static final String HEAP_MAX = "-Xmx1g";
    /**
     * Resolves the Vector API's incubator module, which the vectorapi backend needs on the class path; it is
     * harmless without that backend (the JVM prints one "Using incubator modules" warning).
     */
    public static final String ADD_VECTOR_MODULE = "--add-modules=jdk.incubator.vector";
    /**
     * Lets the class path load native libraries without the JDK's warning (JDK 24 and later print one when
     * JavaCPP loads OpenBLAS for the blas backend); JDK 17 accepts the flag and has nothing to warn about.
     */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /** The flags above, in the order the annotations list them. */
    public static final List<String> FLAGS = List.of(HEAP_MIN, HEAP_MAX, ADD_VECTOR_MODULE, NATIVE_ACCESS);

    private BenchJvm() {
    }
}
