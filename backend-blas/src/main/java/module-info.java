/**
 * The native-BLAS backend: matrix products in OpenBLAS ({@code cblas_dgemm}, {@code cblas_sgemm}) through the
 * JavaCPP presets, on off-heap matrices.
 *
 * <p>On the module path the platform's natives live in their own open modules
 * ({@code org.bytedeco.openblas.linux.x86_64}, {@code org.bytedeco.javacpp.linux.x86_64}), which nothing
 * requires, so the JVM must be told to resolve them ({@code --add-modules}; the {@code ./backprop} launcher
 * does). Without them the provider reports itself unusable, says which flag is missing, and discovery falls back
 * to the next backend. Requiring them here would tie the module to one platform.
 */
module dev.backprop.backend.blas {
    requires dev.backprop.core;
    requires org.bytedeco.javacpp;
    requires org.bytedeco.openblas;

    provides dev.backprop.backend.BackendProvider with dev.backprop.backend.blas.BlasBackendProvider;
}
