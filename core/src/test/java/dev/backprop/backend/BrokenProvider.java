package dev.backprop.backend;

/** Registered in the test META-INF/services to prove that a provider whose constructor throws is skipped. */
public class BrokenProvider implements BackendProvider {

    public BrokenProvider() {
        throw new IllegalStateException("cannot initialise: this provider is broken on purpose");
    }

    public String name() { return "broken"; }
    public int priority() { return 999; }
    public Availability availability() { return Availability.usable("unreachable"); }
    public Backend create(BackendConfig config) { throw new AssertionError(); }
}
