package dev.backprop.tck;

import dev.backprop.backend.ArrayBackend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.scalar.ScalarBackend;

/**
 * An array backend whose core arithmetic is the reference's and whose other operations are the portable
 * defaults: the base the kit's own tests break on purpose, one override at a time.
 */
class Delegating extends ArrayBackend {

    private final ScalarBackend reference;

    Delegating(BackendConfig config) {
        super("broken", config);
        this.reference = new ScalarBackend(config);
    }

    @Override
    protected void doGemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
        reference.gemm(transA, transB, alpha, a, b, beta, c);
    }

    @Override
    protected void doAxpby(double alpha, Matrix x, double beta, Matrix y) {
        reference.axpby(alpha, x, beta, y);
    }
}
