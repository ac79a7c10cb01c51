package dev.backprop.nn;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * A layer's activation function σ, its forward rule beside its derivative.
 *
 * <p>The built-ins ({@link #sigmoid()}, {@link #tanh()}, {@link #relu()}, {@link #softmax()},
 * {@link #identity()}) call the backend's fused kernels. Your own elementwise function works on every
 * backend through {@link #elementwise(String, DoubleUnaryOperator, DoubleUnaryOperator)}; for anything else,
 * implement this interface with the backend's generic operations.
 */
public interface Activation {

    /** The name model files and the command line use, e.g. {@code sigmoid}. */
    String name();

    /**
     * {@code A ← σ(Z)}.
     *
     * @param z n×m pre-activations (read)
     * @param a n×m activations (written)
     */
    void forward(Backend backend, Matrix z, Matrix a);

    /**
     * A layer's forward pass after its matrix product: {@code Z ← Z + b·1ᵀ}, then {@code A ← σ(Z)}. The
     * default adds the bias and calls {@link #forward}; the built-ins use the backend's fused kernel.
     *
     * @param z n×m, the product {@code W·A[l−1]} on entry, {@code Z[l]} on return
     * @param b n×1 biases
     * @param a n×m activations (written)
     */
    default void forwardWithBias(Backend backend, Matrix z, Matrix b, Matrix a) {
        backend.addBias(z, b);
        forward(backend, z, a);
    }

    /**
     * {@code dZ ← dA ⊙ σ'(Z)}, or for a non-elementwise σ (softmax) the Jacobian-vector product
     * {@code dZ ← J_σ(Z)ᵀ·dA} column by column. {@code dZ} may be the same matrix as {@code dA}.
     *
     * @param z  n×m pre-activations of the forward pass
     * @param a  n×m activations of the forward pass, {@code σ(Z)} (some derivatives are cheaper from A)
     * @param dA n×m gradient of the cost with respect to A
     * @param dZ n×m gradient of the cost with respect to Z (written)
     */
    void backward(Backend backend, Matrix z, Matrix a, Matrix dA, Matrix dZ);

    /** The logistic function {@code 1/(1 + e^(−z))}. */
    static Activation sigmoid() {
        return BuiltinActivation.SIGMOID;
    }

    /** The hyperbolic tangent. */
    static Activation tanh() {
        return BuiltinActivation.TANH;
    }

    /** The rectified linear unit {@code max(z, 0)}. */
    static Activation relu() {
        return BuiltinActivation.RELU;
    }

    /** Column-wise softmax: each column (example) of the output is a probability distribution. */
    static Activation softmax() {
        return BuiltinActivation.SOFTMAX;
    }

    /** {@code σ(z) = z}: a linear layer. */
    static Activation identity() {
        return BuiltinActivation.IDENTITY;
    }

    /**
     * An activation from an elementwise function and its derivative, both as functions of z. It runs on
     * every backend through {@link Backend#map} and {@link Backend#zip} (one call per element: slower than
     * the built-ins, but correct).
     */
    static Activation elementwise(String name, DoubleUnaryOperator function, DoubleUnaryOperator derivative) {
        return new ElementwiseActivation(name, function, derivative);
    }

    /** The built-in activation with this name (case-insensitive). */
    static Activation named(String name) {
        return BuiltinNames.lookup("activation", name, BuiltinActivation.ALL, Activation::name, "");
    }

    /** The names {@link #named(String)} accepts. */
    static List<String> builtinNames() {
        return BuiltinNames.names(BuiltinActivation.ALL, Activation::name);
    }
}
