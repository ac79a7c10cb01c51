package dev.backprop.nn;

import dev.backprop.backend.ActivationKind;
import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;

import java.util.List;

/**
 * The built-in activations: each is an {@link ActivationKind}, whose definition (forward rule beside
 * derivative) lives with the kind, dispatched to the backend's kind-keyed kernels.
 */
final class BuiltinActivation implements Activation {

    static final BuiltinActivation SIGMOID = new BuiltinActivation("sigmoid", ActivationKind.SIGMOID);
    static final BuiltinActivation TANH = new BuiltinActivation("tanh", ActivationKind.TANH);
    static final BuiltinActivation RELU = new BuiltinActivation("relu", ActivationKind.RELU);
    static final BuiltinActivation SOFTMAX = new BuiltinActivation("softmax", ActivationKind.SOFTMAX);
    static final BuiltinActivation IDENTITY = new BuiltinActivation("identity", ActivationKind.IDENTITY);

    static final List<BuiltinActivation> ALL = List.of(SIGMOID, TANH, RELU, SOFTMAX, IDENTITY);

    private final String name;
    final ActivationKind kind;

    private BuiltinActivation(String name, ActivationKind kind) {
        this.name = name;
        this.kind = kind;
    }

    @Override
    public void forward(Backend be, Matrix z, Matrix a) {
        be.activate(kind, z, a);                            // A = σ(Z)
    }

    /** {@code Z ← Z + b·1ᵀ, A ← σ(Z)} in the backend's fused kernel. */
    @Override
    public void forwardWithBias(Backend be, Matrix z, Matrix b, Matrix a) {
        be.addBiasActivate(z, b, kind, a);
    }

    @Override
    public void backward(Backend be, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
        be.activateBackward(kind, z, a, dA, dZ);            // dZ = dA ⊙ σ'(Z)
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
