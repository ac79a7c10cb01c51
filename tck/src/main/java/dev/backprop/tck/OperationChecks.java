package dev.backprop.tck;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.random.Rng;

import java.util.List;

/**
 * Runs operation cases on the reference and on a backend and compares everything the call touched: every
 * matrix argument afterwards (outputs within the operation's tolerance, inputs unchanged) and the result.
 */
final class OperationChecks {

    private OperationChecks() {
    }

    /** Every case of {@code op} over its shapes (gemm's or the elementwise list), seeded by the op's name. */
    static void checkOperation(Backend reference, Backend backend, Operation op, String reportName) {
        List<Dims> shapes = op.gemmShaped() ? Shapes.gemm() : Shapes.elementwise();
        Rng rng = new Rng(op.name().hashCode() * 31L + backend.precision().ordinal());
        for (Dims d : shapes) {
            for (OpCase c : op.cases(d, backend.precision(), rng)) {
                agree(reference, backend, c, reportName);
            }
        }
    }

    /**
     * Makes the call of {@code c} on both backends (from equal inputs) and fails, naming the operation, the
     * case, the configuration, the output and where it differed most, when any output is out of tolerance.
     *
     * @param reportName where to record the differences seen (see {@link TckReport}); null records nothing
     */
    static void agree(Backend reference, Backend backend, OpCase c, String reportName) {
        Matrix[] refArgs = create(reference, c);
        Matrix[] args = create(backend, c);
        Object refResult = c.call().invoke(reference, refArgs);
        Object result;
        try {
            result = c.call().invoke(backend, args);
        } catch (RuntimeException e) {
            throw new AssertionError(where(backend, c) + ": the backend threw " + e + " where the reference returned", e);
        }
        for (int i = 0; i < args.length; i++) {
            compare(backend, c, c.args().get(i).name(), i, refArgs[i].toArray(), args[i].toArray(), refArgs[i].cols(),
                    reportName);
        }
        if (refResult != null) {
            if (refResult instanceof Matrix refMatrix) {
                Matrix m = (Matrix) result;
                if (m.rows() != refMatrix.rows() || m.cols() != refMatrix.cols() || m.precision() != refMatrix.precision()) {
                    throw new AssertionError(where(backend, c) + ": the backend returned a " + m.precision().shortName()
                            + " " + m.shape() + " matrix where the reference returned " + refMatrix.precision().shortName()
                            + " " + refMatrix.shape());
                }
            }
            compare(backend, c, "result", -1, values(refResult), values(result), 0, reportName);
        }
    }

    /** The case's matrices, made by {@code backend} from the case's values. */
    static Matrix[] create(Backend backend, OpCase c) {
        Matrix[] m = new Matrix[c.args().size()];
        for (int i = 0; i < m.length; i++) {
            OpCase.Arg a = c.args().get(i);
            m[i] = backend.fromArray(a.rows(), a.cols(), a.values());
        }
        return m;
    }

    private static void compare(Backend backend, OpCase c, String output, int index, double[] reference, double[] got,
                                int cols, String reportName) {
        double[] scale = c.scale() == null ? null : c.scale().of(index, reference);
        Tolerance tolerance = c.operation().tolerance(backend.precision());
        Difference d = Difference.of(reference, got, scale, tolerance);
        if (reportName != null) {
            TckReport.record(reportName, backend.precision(), c.operation().name(), tolerance, d);
        }
        if (!d.withinTolerance()) {
            throw new AssertionError(where(backend, c) + ": " + output + " differs from the reference: " + d.describe(cols));
        }
    }

    static String where(Backend backend, OpCase c) {
        return c.operation().name() + " " + c.label() + " [" + backend.name() + ", " + backend.config() + "]";
    }

    /** A result as numbers: a cost, a stored array, argmax's indices or a new matrix's elements. */
    static double[] values(Object result) {
        if (result instanceof Double v) {
            return new double[]{v};
        } else if (result instanceof double[] a) {
            return a.clone();
        } else if (result instanceof float[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        } else if (result instanceof int[] a) {
            double[] d = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                d[i] = a[i];
            }
            return d;
        } else if (result instanceof Matrix m) {
            return m.toArray();
        }
        throw new AssertionError("the backend returned " + result + " where the reference returned a value");
    }
}
