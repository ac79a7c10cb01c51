package dev.backprop.tck;

import dev.backprop.backend.ActivationKind;
import dev.backprop.backend.Backend;
import dev.backprop.backend.CostKind;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.OptimizerKind;
import dev.backprop.backend.Precision;
import dev.backprop.random.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The facade rules: every misuse (a null, foreign, other-precision or wrongly shaped matrix in any argument
 * slot, a forbidden alias, a non-finite scalar, a short array) must end exactly as it does on the reference:
 * the same exception type with the same message (the backend's name aside), or, where the facade allows the
 * call (an in-place elementwise update, say), the same result.
 */
final class FacadeChecks {

    private FacadeChecks() {
    }

    /** A backend of the same kind as the one under test, in the other precision (for mixed-precision calls). */
    interface Twin {
        Backend otherPrecision(Backend of);
    }

    /** Every substitution in every argument slot of every operation, on small square and column shapes. */
    static void checkSubstitutions(Backend reference, Backend backend, Operation op, Twin refTwin, Twin backendTwin) {
        Rng rng = new Rng(op.name().hashCode());
        List<Dims> shapes = op.gemmShaped() ? List.of(new Dims(3, 3, 3), new Dims(3, 1, 1)) : List.of(Dims.of(3, 3), Dims.of(3, 1));
        try (Backend refOther = refTwin.otherPrecision(reference); Backend beOther = backendTwin.otherPrecision(backend)) {
            for (Dims d : shapes) {
                for (OpCase c : op.cases(d, backend.precision(), rng)) {
                    int n = c.args().size();
                    for (int i = 0; i < n; i++) {
                        int slot = i;
                        OpCase.Arg a = c.args().get(i);
                        sameOutcome(reference, backend, c, a.name() + " is null", (be, m) -> m[slot] = null);
                        sameOutcome(reference, backend, c, a.name() + " is foreign",
                                (be, m) -> m[slot] = new ForeignMatrix(a.rows(), a.cols(), be.precision()));
                        if (beOther != null) {
                            sameOutcome(reference, backend, c, a.name() + " has the other precision",
                                    (be, m) -> m[slot] = (be == backend ? beOther : refOther).zeros(a.rows(), a.cols()));
                        }
                        sameOutcome(reference, backend, c, a.name() + " has one row too many",
                                (be, m) -> m[slot] = be.fromArray(a.rows() + 1, a.cols(),
                                        Values.SIGNED.generate(a.rows() + 1, a.cols(), new Rng(slot))));
                        sameOutcome(reference, backend, c, a.name() + " has one column too many",
                                (be, m) -> m[slot] = be.fromArray(a.rows(), a.cols() + 1,
                                        Values.SIGNED.generate(a.rows(), a.cols() + 1, new Rng(slot))));
                        for (int j = 0; j < n; j++) {
                            OpCase.Arg b = c.args().get(j);
                            if (j != i && b.rows() == a.rows() && b.cols() == a.cols()) {
                                int other = j;
                                sameOutcome(reference, backend, c, b.name() + " is the same matrix as " + a.name(),
                                        (be, m) -> m[other] = m[slot]);
                            }
                        }
                    }
                }
            }
        }
    }

    /** A change to a case's arguments, applied on each backend to that backend's matrices. */
    interface Substitution {
        void apply(Backend backend, Matrix[] args);
    }

    /** Runs {@code c} with {@code change} on both backends and requires the same exception, or the same result. */
    static void sameOutcome(Backend reference, Backend backend, OpCase c, String change, Substitution substitution) {
        Matrix[] refArgs = OperationChecks.create(reference, c);
        Matrix[] args = OperationChecks.create(backend, c);
        substitution.apply(reference, refArgs);
        substitution.apply(backend, args);
        Object[] refOutcome = run(reference, () -> c.call().invoke(reference, refArgs));
        Object[] outcome = run(backend, () -> c.call().invoke(backend, args));
        String what = OperationChecks.where(backend, c) + " when " + change;
        requireSame(what, refOutcome, outcome);
        if (refOutcome[0] == null) {                 // allowed on both: the results must agree too
            for (int i = 0; i < args.length; i++) {
                Difference d = Difference.of(refArgs[i].toArray(), args[i].toArray(), null,
                        c.operation().tolerance(backend.precision()).times(4));
                if (!d.withinTolerance()) {
                    throw new AssertionError(what + ": the call is allowed on both, but argument " + i
                            + " differs from the reference: " + d.describe(refArgs[i].cols()));
                }
            }
        }
    }

    /** A misuse that is not a matrix substitution: a bad scalar, array or size. */
    record Misuse(String label, BiFunction<Backend, Backend, Object> call) {
    }

    /** The misuses of non-matrix arguments, each made on a backend and its other-precision twin. */
    static List<Misuse> scalarMisuses() {
        List<Misuse> out = new ArrayList<>();
        out.add(new Misuse("zeros(0, 3)", (be, twin) -> be.zeros(0, 3)));
        out.add(new Misuse("zeros(3, -1)", (be, twin) -> be.zeros(3, -1)));
        out.add(new Misuse("zeros(100000, 100000)", (be, twin) -> be.zeros(100_000, 100_000)));
        out.add(new Misuse("fromArray(2, 3, double[5])", (be, twin) -> be.fromArray(2, 3, new double[5])));
        out.add(new Misuse("fromArray(2, 3, float[7])", (be, twin) -> be.fromArray(2, 3, new float[7])));
        out.add(new Misuse("fromArray(2, 3, (double[]) null)", (be, twin) -> be.fromArray(2, 3, (double[]) null)));
        out.add(new Misuse("fromArray(2, 3, (float[]) null)", (be, twin) -> be.fromArray(2, 3, (float[]) null)));
        out.add(new Misuse("fromArray(0, 3, double[0])", (be, twin) -> be.fromArray(0, 3, new double[0])));
        out.add(new Misuse("load(2×3, double[5])", (be, twin) -> run(() -> be.load(be.zeros(2, 3), new double[5]))));
        out.add(new Misuse("load(2×3, float[7])", (be, twin) -> run(() -> be.load(be.zeros(2, 3), new float[7]))));
        out.add(new Misuse("load(2×3, null)", (be, twin) -> run(() -> be.load(be.zeros(2, 3), (double[]) null))));
        out.add(new Misuse("store(2×3, double[5])", (be, twin) -> run(() -> be.store(be.zeros(2, 3), new double[5]))));
        out.add(new Misuse("store(2×3, float[7])", (be, twin) -> run(() -> be.store(be.zeros(2, 3), new float[7]))));
        out.add(new Misuse("store(2×3, null)", (be, twin) -> run(() -> be.store(be.zeros(2, 3), (float[]) null))));
        for (double[] ab : new double[][]{{Double.NaN, 0}, {1, Double.POSITIVE_INFINITY}, {Double.NEGATIVE_INFINITY, 1}}) {
            out.add(new Misuse("gemm α=" + ab[0] + " β=" + ab[1], (be, twin) -> run(() ->
                    be.gemm(false, false, ab[0], be.zeros(2, 2), be.zeros(2, 2), ab[1], be.zeros(2, 2)))));
            out.add(new Misuse("axpby α=" + ab[0] + " β=" + ab[1], (be, twin) -> run(() ->
                    be.axpby(ab[0], be.zeros(2, 2), ab[1], be.zeros(2, 2)))));
        }
        out.add(new Misuse("sumColumns α=NaN", (be, twin) -> run(() -> be.sumColumns(Double.NaN, be.zeros(2, 2), be.zeros(2, 1)))));
        out.add(new Misuse("addBiasActivate with a null activation", (be, twin) -> run(() ->
                be.addBiasActivate(be.zeros(2, 2), be.zeros(2, 1), null, be.zeros(2, 2)))));
        out.add(new Misuse("activate with a null kind", (be, twin) -> run(() -> be.activate(null, be.zeros(2, 2), be.zeros(2, 2)))));
        out.add(new Misuse("activateBackward with a null kind", (be, twin) -> run(() ->
                be.activateBackward(null, be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2)))));
        out.add(new Misuse("cost with a null kind", (be, twin) -> be.cost(null, be.zeros(2, 2), be.zeros(2, 2))));
        out.add(new Misuse("costGradient with a null kind", (be, twin) -> run(() ->
                be.costGradient(null, be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2)))));
        out.add(new Misuse("outputDelta with a null cost", (be, twin) -> run(() -> be.outputDelta(null,
                ActivationKind.SIGMOID, be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2)))));
        out.add(new Misuse("outputDelta with a null activation", (be, twin) -> run(() -> be.outputDelta(
                CostKind.QUADRATIC, null, be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2)))));
        out.add(new Misuse("activateBackward softmax with dZ = dA is allowed", (be, twin) -> {
            Matrix a = be.fromArray(2, 2, new double[]{0.25, 0.5, 0.75, 0.5});
            Matrix d = be.fromArray(2, 2, new double[]{1, -2, 0.5, 3});
            be.activateBackward(ActivationKind.SOFTMAX, be.zeros(2, 2), a, d, d);
            return d.toArray();
        }));
        out.add(new Misuse("addBiasActivate softmax with A = Z is allowed", (be, twin) -> {
            Matrix z = be.fromArray(2, 2, new double[]{1, 2, 3, 4});
            be.addBiasActivate(z, be.fromArray(2, 1, new double[]{0.5, -0.5}), ActivationKind.SOFTMAX, z);
            return z.toArray();
        }));
        out.add(new Misuse("optimizerStep with a null kind", (be, twin) -> run(() -> be.optimizerStep(null,
                be.zeros(2, 2), be.zeros(2, 2), null, null, 0.1, 0, 0, 0, 1, 1))));
        for (double[] bad : new double[][]{{Double.NaN, 1}, {0.1, Double.POSITIVE_INFINITY}}) {
            out.add(new Misuse("optimizerStep sgd η=" + bad[0] + " δ=" + bad[1], (be, twin) -> run(() ->
                    be.optimizerStep(OptimizerKind.SGD, be.zeros(2, 2), be.zeros(2, 2), null, null, bad[0], 0, 0, 0,
                            bad[1], 1))));
        }
        out.add(new Misuse("optimizerStep adam β₂=NaN", (be, twin) -> run(() -> be.optimizerStep(OptimizerKind.ADAM,
                be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2), 1e-3, 0.9, Double.NaN, 1e-8, 0, 1))));
        out.add(new Misuse("optimizerStep adam at step 0", (be, twin) -> run(() -> be.optimizerStep(OptimizerKind.ADAM,
                be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2), 1e-3, 0.9, 0.999, 1e-8, 0, 0))));
        out.add(new Misuse("optimizerStep sgd given a state tensor", (be, twin) -> run(() -> be.optimizerStep(
                OptimizerKind.SGD, be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2), null, 0.1, 0, 0, 0, 1, 1))));
        out.add(new Misuse("optimizerStep momentum given a second state tensor", (be, twin) -> run(() ->
                be.optimizerStep(OptimizerKind.MOMENTUM, be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2),
                        0.1, 0.9, 0, 0, 0, 1))));
        out.add(new Misuse("optimizerStep adam without its second moment", (be, twin) -> run(() -> be.optimizerStep(
                OptimizerKind.ADAM, be.zeros(2, 2), be.zeros(2, 2), be.zeros(2, 2), null, 1e-3, 0.9, 0.999, 1e-8, 0, 1))));
        out.add(new Misuse("map with a null function", (be, twin) -> run(() -> be.map(be.zeros(2, 2), null, be.zeros(2, 2)))));
        out.add(new Misuse("zip with a null function", (be, twin) -> run(() ->
                be.zip(be.zeros(2, 2), be.zeros(2, 2), null, be.zeros(2, 2)))));
        out.add(new Misuse("sumZip with a null function", (be, twin) -> be.sumZip(be.zeros(2, 2), be.zeros(2, 2), null)));
        out.add(new Misuse("argmaxColumns with a null array", (be, twin) -> run(() -> be.argmaxColumns(be.zeros(2, 3), null))));
        out.add(new Misuse("argmaxColumns with int[2] for 3 columns", (be, twin) -> run(() ->
                be.argmaxColumns(be.zeros(2, 3), new int[2]))));
        out.add(new Misuse("requireOwn of an own matrix", (be, twin) -> run(() -> be.requireOwn("ctx", "x", be.zeros(1, 1)))));
        out.add(new Misuse("requireOwn of null", (be, twin) -> run(() -> be.requireOwn("ctx", "x", null))));
        out.add(new Misuse("requireOwn of a foreign matrix", (be, twin) -> run(() ->
                be.requireOwn("ctx", "x", new ForeignMatrix(1, 1, be.precision())))));
        out.add(new Misuse("requireOwn of the other precision", (be, twin) -> twin == null ? "no twin" : run(() ->
                be.requireOwn("ctx", "x", twin.zeros(1, 1)))));
        return out;
    }

    /** Makes one misuse on both backends and requires the same exception, or equal results. */
    static void sameMisuseOutcome(Backend reference, Backend refTwin, Backend backend, Backend twin, Misuse misuse) {
        Object[] refOutcome = run(reference, () -> misuse.call().apply(reference, refTwin));
        Object[] outcome = run(backend, () -> misuse.call().apply(backend, twin));
        String what = misuse.label() + " [" + backend.name() + ", " + backend.config() + "]";
        requireSame(what, refOutcome, outcome);
        if (refOutcome[0] == null && refOutcome[1] != null) {
            double[] r = OperationChecks.values(refOutcome[1]);
            double[] g = OperationChecks.values(outcome[1]);
            Difference d = Difference.of(r, g, null, Operations.REDUCTION[backend.precision() == Precision.FLOAT64 ? 0 : 1]);
            if (!d.withinTolerance()) {
                throw new AssertionError(what + ": allowed on both, but the results differ: " + d.describe(0));
            }
        }
    }

    private static Object run(Runnable r) {
        r.run();
        return null;
    }

    /** {exception type and message with the backend's name replaced, or null; result}. */
    private static Object[] run(Backend backend, Supplier<Object> call) {
        try {
            return new Object[]{null, call.get()};
        } catch (RuntimeException e) {
            String message = String.valueOf(e.getMessage()).replace("'" + backend.name() + "'", "'<backend>'");
            return new Object[]{e.getClass().getName() + ": " + message, null};
        }
    }

    private static void requireSame(String what, Object[] refOutcome, Object[] outcome) {
        if (refOutcome[0] == null && outcome[0] != null) {
            throw new AssertionError(what + ": the reference allows the call but the backend threw " + outcome[0]);
        }
        if (refOutcome[0] != null && outcome[0] == null) {
            throw new AssertionError(what + ": the reference rejects the call with " + refOutcome[0]
                    + " but the backend accepted it");
        }
        if (refOutcome[0] != null && !refOutcome[0].equals(outcome[0])) {
            throw new AssertionError(what + ": the backend must reject this like the reference does"
                    + " (its accepts() must take its own matrices of both precisions, and the facade does the rest):"
                    + "\n  reference: " + refOutcome[0] + "\n  backend:   " + outcome[0]);
        }
    }
}
