/**
 * The Vector API backend: SIMD kernels on {@code jdk.incubator.vector}, the only module of backprop that
 * uses it.
 *
 * <p>On the module path, {@code requires jdk.incubator.vector} puts the incubator module into the module
 * graph as soon as this module is resolved (which service binding does when the application uses
 * {@code BackendProvider}), so no flag is needed. On the class path this descriptor is ignored and the JVM
 * needs {@code --add-modules jdk.incubator.vector}; without it the provider reports itself unusable and
 * discovery falls back to the next backend.
 */
module dev.backprop.backend.vectorapi {
    requires dev.backprop.core;
    requires jdk.incubator.vector;
    requires jdk.management;

    provides dev.backprop.backend.BackendProvider with dev.backprop.backend.vectorapi.VectorApiBackendProvider;
}
