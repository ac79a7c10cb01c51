package dev.backprop.backend.blas;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;

/**
 * Run in a child JVM by {@link ProviderTest}: loads OpenBLAS through the provider and multiplies once, printing
 * nothing itself, so anything on the child's standard output or error came from JavaCPP or OpenBLAS.
 */
public final class QuietLoadMain {

    private QuietLoadMain() {
    }

    public static void main(String[] args) {
        BlasBackendProvider provider = new BlasBackendProvider();
        if (!provider.availability().usable()) {
            throw new IllegalStateException(provider.availability().reason());
        }
        try (Backend be = provider.create(BackendConfig.of(dev.backprop.backend.Precision.FLOAT64, 2))) {
            Matrix a = be.fromArray(2, 2, new double[]{1, 2, 3, 4});
            Matrix c = be.zeros(2, 2);
            be.gemm(false, false, 1, a, a, 0, c);
            if (c.get(1, 1) != 22) {
                throw new AssertionError("A·A[1][1] = " + c.get(1, 1) + ", expected 22");
            }
        }
    }
}
