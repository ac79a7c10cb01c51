package dev.backprop.nn;

import dev.backprop.backend.ActivationKind;
import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;

import java.util.List;

/** The built-in activations, each dispatching to the backend's fused forward and backward kernels. */
abstract class BuiltinActivation implements Activation {

    static final BuiltinActivation SIGMOID = new BuiltinActivation("sigmoid", ActivationKind.SIGMOID) {
        @Override
        public void forward(Backend be, Matrix z, Matrix a) {
            be.sigmoid(z, a);
        }

        @Override
        public void backward(Backend be, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            be.sigmoidBackward(a, dA, dZ);                  // σ'(z) = a·(1 − a)
        }
    };

    static final BuiltinActivation TANH = new BuiltinActivation("tanh", ActivationKind.TANH) {
        @Override
        public void forward(Backend be, Matrix z, Matrix a) {
            be.tanh(z, a);
        }

        @Override
        public void backward(Backend be, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            be.tanhBackward(a, dA, dZ);                     // tanh'(z) = 1 − a²
        }
    };

    static final BuiltinActivation RELU = new BuiltinActivation("relu", ActivationKind.RELU) {
        @Override
        public void forward(Backend be, Matrix z, Matrix a) {
            be.relu(z, a);
        }

        @Override
        public void backward(Backend be, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            be.reluBackward(z, dA, dZ);                     // relu'(z) = [z > 0]
        }
    };

    static final BuiltinActivation SOFTMAX = new BuiltinActivation("softmax", ActivationKind.SOFTMAX) {
        @Override
        public void forward(Backend be, Matrix z, Matrix a) {
            be.softmax(z, a);
        }

        @Override
        public void backward(Backend be, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            be.softmaxBackward(a, dA, dZ);                  // dZ = A ⊙ (dA − 1·(1ᵀ(dA ⊙ A)))
        }
    };

    static final BuiltinActivation IDENTITY = new BuiltinActivation("identity", ActivationKind.IDENTITY) {
        @Override
        public void forward(Backend be, Matrix z, Matrix a) {
            be.copy(z, a);
        }

        @Override
        public void backward(Backend be, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
            if (dZ != dA) {
                be.copy(dA, dZ);                             // σ'(z) = 1
            }
        }
    };

    static final List<BuiltinActivation> ALL = List.of(SIGMOID, TANH, RELU, SOFTMAX, IDENTITY);

    private final String name;
    private final ActivationKind kind;

    private BuiltinActivation(String name, ActivationKind kind) {
        this.name = name;
        this.kind = kind;
    }

    /** {@code Z ← Z + b·1ᵀ, A ← σ(Z)} in the backend's fused kernel. */
    @Override
    public void forwardWithBias(Backend be, Matrix z, Matrix b, Matrix a) {
        be.addBiasActivate(z, b, kind, a);
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
