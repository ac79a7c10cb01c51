package dev.backprop.nn;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;

import java.util.List;

/** The built-in costs, with their fused output errors. */
abstract class BuiltinCost implements Cost {

    static final BuiltinCost QUADRATIC = new BuiltinCost("quadratic", Activation.identity()) {
        @Override
        public double total(Backend be, Matrix a, Matrix y) {
            return be.quadraticCost(a, y);
        }

        @Override
        public void gradient(Backend be, Matrix a, Matrix y, Matrix dA) {
            be.subtract(a, y, dA);                      // ∂C_x/∂a = a − y
        }
    };

    static final BuiltinCost CROSS_ENTROPY = new BuiltinCost("cross-entropy", Activation.sigmoid()) {
        @Override
        public double total(Backend be, Matrix a, Matrix y) {
            return be.crossEntropyCost(a, y);
        }

        @Override
        public void gradient(Backend be, Matrix a, Matrix y, Matrix dA) {
            be.crossEntropyGradient(a, y, dA);          // ∂C_x/∂a = (a − y) / (a(1 − a))
        }
    };

    static final BuiltinCost LOG_LIKELIHOOD = new BuiltinCost("log-likelihood", Activation.softmax()) {
        @Override
        public double total(Backend be, Matrix a, Matrix y) {
            return be.logLikelihoodCost(a, y);
        }

        @Override
        public void gradient(Backend be, Matrix a, Matrix y, Matrix dA) {
            be.logLikelihoodGradient(a, y, dA);         // ∂C_x/∂a = −y / a
        }
    };

    static final List<BuiltinCost> ALL = List.of(QUADRATIC, CROSS_ENTROPY, LOG_LIKELIHOOD);

    private final String name;
    /** The output activation for which BP1 collapses to Δ = A − Y. */
    private final Activation fusedOutput;

    private BuiltinCost(String name, Activation fusedOutput) {
        this.name = name;
        this.fusedOutput = fusedOutput;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean fusesWith(Activation output) {
        return output == fusedOutput;
    }

    /**
     * BP1. For the matching output the σ' factor cancels against the cost's denominator:
     * sigmoid + cross-entropy and softmax + log-likelihood both give {@code Δ[L] = A − Y} (Nielsen, ch. 3),
     * as does identity + quadratic trivially.
     */
    @Override
    public void outputError(Backend be, Activation output, Matrix z, Matrix a, Matrix y, Matrix delta) {
        if (fusesWith(output)) {
            be.subtract(a, y, delta);
        } else {
            Cost.super.outputError(be, output, z, a, y, delta);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
