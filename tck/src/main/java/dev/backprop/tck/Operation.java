package dev.backprop.tck;

import dev.backprop.backend.Precision;
import dev.backprop.random.Rng;

import java.util.List;

/**
 * One facade operation of {@link dev.backprop.backend.Backend} as the kit checks it: the method it calls,
 * its declared tolerance in each precision, and how to build cases of a given size.
 *
 * @param name      the name reports and messages use, e.g. {@code gemm}, {@code load(float[])} or
 *                  {@code addBiasActivate[softmax]}
 * @param signature the {@code Backend} method exercised, as {@code name(SimpleType,…)}; the coverage guard
 *                  matches it against the facade by reflection
 * @param float64   the tolerance against the reference in float64
 * @param float32   the tolerance against the reference in float32
 * @param gemmShaped whether cases are built from gemm's (m, k, n) shapes rather than rows × columns
 * @param cases     the cases for one size, precision and random source
 */
record Operation(String name, String signature, Tolerance float64, Tolerance float32, boolean gemmShaped,
                        CaseFactory cases) {

    /** Builds the cases of one size. */
    @FunctionalInterface
    interface CaseFactory {
        List<OpCase> build(Operation op, Dims dims, Precision precision, Rng rng);
    }

    /** The tolerance in {@code precision}. */
    Tolerance tolerance(Precision precision) {
        return precision == Precision.FLOAT64 ? float64 : float32;
    }

    List<OpCase> cases(Dims dims, Precision precision, Rng rng) {
        return cases.build(this, dims, precision, rng);
    }

    @Override
    public String toString() {
        return name;
    }
}
