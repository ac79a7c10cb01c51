package dev.backprop.nn;

import dev.backprop.backend.Backend;
import dev.backprop.backend.CostKind;
import dev.backprop.backend.Matrix;

import java.util.List;

/**
 * The built-in costs: each is a {@link CostKind}, whose definition (per-element term beside its derivative,
 * and the output activation it fuses with) lives with the kind, dispatched to the backend's kind-keyed kernels.
 */
final class BuiltinCost implements Cost {

    static final BuiltinCost QUADRATIC = new BuiltinCost("quadratic", CostKind.QUADRATIC);
    static final BuiltinCost CROSS_ENTROPY = new BuiltinCost("cross-entropy", CostKind.CROSS_ENTROPY);
    static final BuiltinCost LOG_LIKELIHOOD = new BuiltinCost("log-likelihood", CostKind.LOG_LIKELIHOOD);

    static final List<BuiltinCost> ALL = List.of(QUADRATIC, CROSS_ENTROPY, LOG_LIKELIHOOD);

    private final String name;
    private final CostKind kind;

    private BuiltinCost(String name, CostKind kind) {
        this.name = name;
        this.kind = kind;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double total(Backend be, Matrix a, Matrix y) {
        return be.cost(kind, a, y);                         // Σ_x C_x
    }

    @Override
    public void gradient(Backend be, Matrix a, Matrix y, Matrix dA) {
        be.costGradient(kind, a, y, dA);                    // ∂C_x/∂a
    }

    @Override
    public boolean fusesWith(Activation output) {
        return output instanceof BuiltinActivation builtin && builtin.kind == kind.fusedOutput();
    }

    /**
     * BP1. With a built-in output activation the backend's kind-keyed kernel computes it: for the matching
     * output the σ' factor cancels against the cost's denominator (sigmoid + cross-entropy, softmax +
     * log-likelihood, identity + quadratic all give {@code Δ[L] = A − Y}; Nielsen, ch. 3). A user's own
     * activation takes the general path.
     */
    @Override
    public void outputError(Backend be, Activation output, Matrix z, Matrix a, Matrix y, Matrix delta) {
        if (output instanceof BuiltinActivation builtin) {
            be.outputDelta(kind, builtin.kind, z, a, y, delta);
        } else {
            Cost.super.outputError(be, output, z, a, y, delta);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
