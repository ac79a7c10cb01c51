/**
 * backprop's core: the backend SPI and discovery, activations, costs, the network and its batched
 * backprop (BP1–BP4), SGD training, data sets, gradient check and the scalar reference backend.
 */
module dev.backprop.core {
    requires org.apache.commons.csv;

    exports dev.backprop.backend;
    exports dev.backprop.backend.scalar;
    exports dev.backprop.data;
    exports dev.backprop.memory;
    exports dev.backprop.nn;
    exports dev.backprop.random;
    exports dev.backprop.train;

    uses dev.backprop.backend.BackendProvider;
    provides dev.backprop.backend.BackendProvider with dev.backprop.backend.scalar.ScalarBackendProvider;
}
