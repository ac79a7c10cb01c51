package dev.backprop.nn;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;

import java.util.Objects;
import java.util.function.DoubleBinaryOperator;

/** A user's cost {@code C_x = Σ_i c(a_i, y_i)} on the backend's generic operations: runs on every backend. */
final class ElementwiseCost implements Cost {

    private final String name;
    private final DoubleBinaryOperator cost;
    private final DoubleBinaryOperator derivative;

    ElementwiseCost(String name, DoubleBinaryOperator cost, DoubleBinaryOperator derivative) {
        this.name = Objects.requireNonNull(name, "name");
        this.cost = Objects.requireNonNull(cost, "cost");
        this.derivative = Objects.requireNonNull(derivative, "derivative");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double total(Backend backend, Matrix a, Matrix y) {
        return backend.sumZip(a, y, cost);
    }

    @Override
    public void gradient(Backend backend, Matrix a, Matrix y, Matrix dA) {
        backend.zip(a, y, derivative, dA);
    }

    @Override
    public String toString() {
        return name;
    }
}
