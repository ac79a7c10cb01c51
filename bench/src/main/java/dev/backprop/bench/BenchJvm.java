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
    /** The flags above, in the order the annotations list them. */
    public static final List<String> FLAGS = List.of(HEAP_MIN, HEAP_MAX, ADD_VECTOR_MODULE);

    private BenchJvm() {
    }
}
