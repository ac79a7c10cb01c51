package dev.backprop.tck;

import dev.backprop.backend.ActivationKind;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.KernelPaths;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.random.Rng;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The conformance kit: extend this class with one small test class per backend (or per variant of a
 * backend) to prove that it agrees with the scalar reference.
 * <pre>
 *   class EjmlBackendConformanceTest extends BackendTck {
 *       protected Backend create(BackendConfig config) { return new EjmlBackend(config); }
 *       protected String displayName() { return "ejml"; }
 *   }
 * </pre>
 * For every precision in {@link #precisions()} and thread count in {@link #threadCounts()} it checks:
 * <ol>
 *   <li>every facade operation on seeded random inputs over awkward shapes, all four gemm transpose
 *       combinations and α/β including 0 and 1 (β = 0 over NaN), against declared per-operation
 *       tolerances ({@link Operations}); failures name the operation, shape, flags, configuration, the
 *       largest difference and where it occurred;</li>
 *   <li>the facade rules: every misuse is rejected with the reference's exception type and message;</li>
 *   <li>whole networks: cost, Z, A, Δ and every gradient of random networks (normwise relative: float64 1e-10,
 *       float32 1e-4);</li>
 *   <li>training: 100 steps (network2's SGD; Adam with dropout) give the reference's loss sequence (relative:
 *       float64 1e-9, float32 1e-4);</li>
 *   <li>thread counts: the backend at each thread count agrees with itself at one thread;</li>
 *   <li>a jqwik property: random shapes and values for every operation;</li>
 *   <li>coverage: every public operation of {@link Backend}, and every kind of a kind-keyed one, is one the kit
 *       checks; the backend's {@link Backend#kernelPaths()} reports every kind (own kernel or portable
 *       default), and that report heads the kit's report file;</li>
 *   <li>a closed backend refuses further work.</li>
 * </ol>
 * The largest difference seen per operation and precision is written to
 * {@code target/tck-report-<displayName>-<precision>.txt} (see {@link TckReport}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendTck {

    /** The seed of every random network, input and training run, so a failure reproduces. */
    protected static final long SEED = 20240917L;

    /** A new backend of the kind under test for {@code config}. The kit closes it. */
    protected abstract Backend create(BackendConfig config);

    /** Names the backend in test names and report files, e.g. {@code ejml} or {@code vectorapi-128}. */
    protected abstract String displayName();

    /** The precisions to check; both unless the backend supports fewer. */
    protected Set<Precision> precisions() {
        return EnumSet.allOf(Precision.class);
    }

    /** The thread counts to check; 1 and 2 unless overridden. The first is the baseline for thread agreement. */
    protected int[] threadCounts() {
        return new int[]{1, 2};
    }

    /** Every (precision, threads) pair the kit runs. */
    protected final List<BackendConfig> configurations() {
        List<BackendConfig> out = new ArrayList<>();
        for (Precision p : precisions()) {
            for (int t : threadCounts()) {
                out.add(BackendConfig.of(p, t));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- the checks

    @TestFactory
    public Stream<DynamicTest> everyOperationAgreesWithTheReference() {
        return configurations().stream().flatMap(config -> Operations.ALL.stream().map(op ->
                dynamicTest(config + ": " + op.name(), withBackends(config, (ref, be) ->
                        OperationChecks.checkOperation(ref, be, op, displayName())))));
    }

    @TestFactory
    public Stream<DynamicTest> facadeRejectsMisuseLikeTheReference() {
        return precisions().stream().flatMap(p -> {
            BackendConfig config = BackendConfig.of(p, threadCounts()[0]);
            Stream<DynamicTest> substitutions = Operations.ALL.stream().map(op -> dynamicTest(
                    config + ": " + op.name() + " with a null, foreign, other-precision, misshapen or aliased argument",
                    withBackends(config, (ref, be) -> FacadeChecks.checkSubstitutions(ref, be, op,
                            this::referenceTwin, this::twin))));
            Stream<DynamicTest> misuses = Stream.of(dynamicTest(config + ": bad sizes, arrays, scalars and functions",
                    withBackends(config, (ref, be) -> {
                        try (Backend refTwin = referenceTwin(ref); Backend beTwin = twin(be)) {
                            for (FacadeChecks.Misuse misuse : FacadeChecks.scalarMisuses()) {
                                FacadeChecks.sameMisuseOutcome(ref, refTwin, be, beTwin, misuse);
                            }
                        }
                    })));
            return Stream.concat(substitutions, misuses);
        });
    }

    @TestFactory
    public Stream<DynamicTest> networksAgreeWithTheReference() {
        return configurations().stream().flatMap(config -> NetworkChecks.NETS.stream().map(net ->
                dynamicTest(config + ": " + net, withBackends(config, (ref, be) -> NetworkChecks.agree(ref, be, net, SEED, displayName())))));
    }

    @TestFactory
    public Stream<DynamicTest> trainingAgreesWithTheReference() {
        return configurations().stream().flatMap(config -> TrainingChecks.RUNS.stream().map(run ->
                dynamicTest(config + ": " + TrainingChecks.STEPS + " steps of " + run.name(),
                        withBackends(config, (ref, be) -> TrainingChecks.agree(ref, be, run, SEED, displayName())))));
    }

    /** Each thread count against the first: the large gemm cases, every network and every training run. */
    @TestFactory
    public Stream<DynamicTest> threadCountsAgree() {
        int base = threadCounts()[0];
        List<DynamicTest> tests = new ArrayList<>();
        for (Precision p : precisions()) {
            for (int t : threadCounts()) {
                if (t == base) {
                    continue;
                }
                BackendConfig one = BackendConfig.of(p, base), many = BackendConfig.of(p, t);
                tests.add(dynamicTest(p.shortName() + ": " + t + " threads agree with " + base, () -> {
                    try (Backend b1 = create(one); Backend bt = create(many)) {
                        Operation gemm = Operations.named("gemm");
                        Rng rng = new Rng(SEED);
                        for (Dims d : Shapes.gemm()) {
                            if (d.work() >= 100_000) {
                                for (OpCase c : gemm.cases(d, p, rng)) {
                                    OperationChecks.agree(b1, bt, c, null);
                                }
                            }
                        }
                        for (NetworkChecks.Net net : NetworkChecks.NETS) {
                            NetworkChecks.agree(b1, bt, net, SEED, null);
                        }
                        for (TrainingChecks.Run run : TrainingChecks.RUNS) {
                            TrainingChecks.agree(b1, bt, run, SEED, null);
                        }
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    public void identityMatchesTheConfig() {
        for (BackendConfig config : configurations()) {
            try (Backend be = create(config)) {
                if (!be.config().equals(config) || be.precision() != config.precision()) {
                    throw new AssertionError(displayName() + ": created for " + config + " but reports config "
                            + be.config() + " and precision " + be.precision());
                }
                if (be.name() == null || be.name().isBlank() || !be.name().equals(be.name().toLowerCase(Locale.ROOT))) {
                    throw new AssertionError(displayName() + ": name() must be a short lower-case name, got '" + be.name() + "'");
                }
                if (be.description() == null || be.description().isBlank()) {
                    throw new AssertionError(displayName() + ": description() must say what the backend runs on");
                }
            }
        }
    }

    @Test
    public void kitCoversEveryFacadeOperation() {
        CoverageGuard.requireComplete();
    }

    /**
     * The backend reports, for every non-core operation and kind, whether its own kernel or the portable default
     * runs (written at the top of the kit's report); the report covers every kind the facade has.
     */
    @Test
    public void kernelPathsCoverEveryKind() {
        for (Precision p : precisions()) {
            try (Backend be = create(BackendConfig.of(p, threadCounts()[0]))) {
                KernelPaths paths = be.kernelPaths();
                TckReport.recordPaths(displayName(), p, paths);
                Set<String> labels = new TreeSet<>();
                paths.paths().forEach(path -> labels.add(path.label()));
                for (String op : CoverageGuard.kindOperations()) {
                    String label = op.replace('[', '(').replace(']', ')');
                    if (!labels.contains(label)) {
                        throw new AssertionError(displayName() + ": kernelPaths() does not report " + label + "; it reports "
                                + labels);
                    }
                }
            }
        }
    }

    /** A closed backend refuses every further operation with the facade's message; closing twice is harmless. */
    @Test
    public void closedBackendRefusesWork() {
        Backend be = create(configurations().get(0));
        Matrix m = be.zeros(2, 2);
        be.close();
        be.close();
        if (!be.isClosed()) {
            throw new AssertionError(displayName() + ": isClosed() is false after close()");
        }
        for (Runnable op : List.<Runnable>of(() -> be.zeros(1, 1), () -> be.copy(m, m),
                () -> be.activate(ActivationKind.SIGMOID, m, m), () -> be.gemm(false, false, 1, m, m, 0, be.zeros(2, 2)))) {
            try {
                op.run();
                throw new AssertionError(displayName() + ": a closed backend still computed");
            } catch (IllegalStateException expected) {
                if (!expected.getMessage().contains("has been closed")) {
                    throw new AssertionError(displayName() + ": unexpected message for a closed backend: "
                            + expected.getMessage());
                }
            }
        }
    }

    /** Random shapes (1..48 in each role), values and configurations for every operation. */
    @Property(tries = 60)
    public void randomShapesAgreeWithTheReference(@ForAll("operationNames") String operation,
                                                  @ForAll @IntRange(min = 1, max = 48) int m,
                                                  @ForAll @IntRange(min = 1, max = 48) int k,
                                                  @ForAll @IntRange(min = 1, max = 48) int n,
                                                  @ForAll Precision precision,
                                                  @ForAll @IntRange(min = 0, max = 7) int threadChoice,
                                                  @ForAll long seed) {
        Assume.that(precisions().contains(precision));
        BackendConfig config = BackendConfig.of(precision, threadCounts()[threadChoice % threadCounts().length]);
        Operation op = Operations.named(operation);
        try (Backend ref = new ScalarBackend(config); Backend be = create(config)) {
            for (OpCase c : op.cases(new Dims(m, k, n), precision, new Rng(seed))) {
                OperationChecks.agree(ref, be, c, displayName());
            }
        }
    }

    @Provide
    Arbitrary<String> operationNames() {
        return Arbitraries.of(Operations.ALL.stream().map(Operation::name).toList());
    }

    @AfterAll
    public void writeReport() {
        TckReport.write(displayName());
    }

    @AfterProperty
    public void writeReportAfterProperty() {
        TckReport.write(displayName());
    }

    // ---------------------------------------------------------------- plumbing

    /** The backend under test in the other precision, or null when it supports only one. */
    private Backend twin(Backend of) {
        Precision other = of.precision() == Precision.FLOAT64 ? Precision.FLOAT32 : Precision.FLOAT64;
        return precisions().contains(other) ? create(of.config().withPrecision(other)) : null;
    }

    private Backend referenceTwin(Backend of) {
        Precision other = of.precision() == Precision.FLOAT64 ? Precision.FLOAT32 : Precision.FLOAT64;
        return precisions().contains(other) ? new ScalarBackend(of.config().withPrecision(other)) : null;
    }

    private interface Check {
        void run(Backend reference, Backend backend);
    }

    /** Runs {@code check} with a fresh reference and a fresh backend for {@code config}, closing both. */
    private Executable withBackends(BackendConfig config, Check check) {
        return () -> {
            try (Backend ref = new ScalarBackend(config); Backend be = create(config)) {
                check.run(ref, be);
            }
        };
    }
}
