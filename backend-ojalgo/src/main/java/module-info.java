/**
 * A backprop backend on ojAlgo's dense stores: {@code R064Store} (float64) and {@code R032Store} (float32).
 */
module dev.backprop.backend.ojalgo {
    requires dev.backprop.core;
    requires ojalgo;

    provides dev.backprop.backend.BackendProvider with dev.backprop.backend.ojalgo.OjalgoBackendProvider;
}
