package dev.backprop.tck;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;

import java.util.List;

/**
 * One call of one operation on concrete arguments, made identically on the reference and on the backend
 * under test: the matrix arguments (created on each backend from the same values), the call itself, and
 * how to size the tolerance of each output element.
 *
 * @param operation the catalog entry this case exercises
 * @param label     the shape and flags, for messages, e.g. {@code 31×33·33×32 Aᵀ·B α=1 β=0}
 * @param args      the matrix arguments, in call order; each is compared after the call (inputs must be unchanged)
 * @param call      makes the call on one backend with that backend's matrices; returns the operation's result
 *                  (a Double, an array or a new Matrix) or null for an operation that only writes its arguments
 * @param scale     the magnitude of the terms behind each element of an output, or null for |reference|
 */
record OpCase(Operation operation, String label, List<Arg> args, Call call, Scale scale) {

    /**
     * A matrix argument.
     *
     * @param name   the facade's name for it, e.g. {@code C}
     * @param rows   rows
     * @param cols   columns
     * @param values row-major contents before the call (already rounded to the precision under test)
     */
    record Arg(String name, int rows, int cols, double[] values) {
    }

    /** The call of the operation on one backend. */
    @FunctionalInterface
    interface Call {
        Object invoke(Backend backend, Matrix[] matrices);
    }

    /** The magnitude of the terms behind each element of an output (see {@link Tolerance}). */
    @FunctionalInterface
    interface Scale {
        /**
         * @param output    the argument index of a written matrix, or −1 for the returned value
         * @param reference the reference's values of that output
         * @return one scale per element, or null for {@code |reference|}
         */
        double[] of(int output, double[] reference);
    }

    @Override
    public String toString() {
        return operation.name() + " " + label;
    }
}
