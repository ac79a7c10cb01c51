/**
 * The conformance kit: abstract tests a backend extends to prove it agrees with the scalar reference.
 * Start at {@link dev.backprop.tck.BackendTck}.
 */
module dev.backprop.tck {
    requires transitive dev.backprop.core;
    requires transitive org.junit.jupiter.api;
    requires transitive net.jqwik.api;

    exports dev.backprop.tck;
    opens dev.backprop.tck to org.junit.platform.commons, net.jqwik.engine;
}
