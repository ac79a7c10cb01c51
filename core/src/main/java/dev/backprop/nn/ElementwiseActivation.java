package dev.backprop.nn;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** A user's elementwise activation, on the backend's generic {@code map}/{@code zip}: runs on every backend. */
final class ElementwiseActivation implements Activation {

    private final String name;
    private final DoubleUnaryOperator function;
    /** {@code (dA, z) → dA·σ'(z)}, built once so a backward pass creates no function object. */
    private final DoubleBinaryOperator backwardRule;

    ElementwiseActivation(String name, DoubleUnaryOperator function, DoubleUnaryOperator derivative) {
        this.name = Objects.requireNonNull(name, "name");
        this.function = Objects.requireNonNull(function, "function");
        Objects.requireNonNull(derivative, "derivative");
        this.backwardRule = (da, zi) -> da * derivative.applyAsDouble(zi);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void forward(Backend backend, Matrix z, Matrix a) {
        backend.map(z, function, a);                                               // A = σ(Z)
    }

    @Override
    public void backward(Backend backend, Matrix z, Matrix a, Matrix dA, Matrix dZ) {
        backend.zip(dA, z, backwardRule, dZ);                                       // dZ = dA ⊙ σ'(Z)
    }

    @Override
    public String toString() {
        return name;
    }
}
