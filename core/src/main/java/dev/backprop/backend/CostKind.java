package dev.backprop.backend;

import java.util.function.DoubleBinaryOperator;

/**
 * The built-in costs, each with its definition: the per-element term {@code c(a, y)} whose sum over a batch
 * is {@code Σ_x C_x}, beside its derivative {@code ∂c/∂a}. A backend's kind-keyed operations
 * ({@link Backend#cost}, {@link Backend#costGradient}, {@link Backend#outputDelta}) run these definitions
 * through the generic elementwise kernels unless the backend has a fused kernel for the kind.
 *
 * <p>Logarithms' arguments and divisors are clamped to the smallest normal double ({@link #TINY}) and
 * {@code 0·ln 0} is taken as 0, so every cost is finite for outputs in [0, 1].
 */
public enum CostKind {
    /** {@code C_x = ½·‖a − y‖²}, {@code ∂c/∂a = a − y}; BP1 collapses to {@code Δ = A − Y} with an identity output. */
    QUADRATIC(ActivationKind.IDENTITY, (a, y) -> {
        double d = a - y;
        return 0.5 * d * d;
    }, (a, y) -> a - y),
    /**
     * Binary cross-entropy {@code C_x = −Σ_i [y ln a + (1 − y) ln(1 − a)]},
     * {@code ∂c/∂a = (a − y) / (a·(1 − a))}; with a sigmoid output BP1 collapses to {@code Δ = A − Y}.
     */
    CROSS_ENTROPY(ActivationKind.SIGMOID, (a, y) -> {
        double c = 0;
        if (y != 0) {
            c -= y * Math.log(Math.max(a, CostKind.TINY));
        }
        if (y != 1) {
            c -= (1 - y) * Math.log(Math.max(1 - a, CostKind.TINY));
        }
        return c;
    }, (a, y) -> (a - y) / Math.max(a * (1 - a), CostKind.TINY)),
    /**
     * Log-likelihood (categorical cross-entropy) {@code C_x = −Σ_i y ln a}, {@code ∂c/∂a = −y / a}; with a
     * softmax output BP1 collapses to {@code Δ = A − Y}.
     */
    LOG_LIKELIHOOD(ActivationKind.SOFTMAX, (a, y) -> y != 0 ? -y * Math.log(Math.max(a, CostKind.TINY)) : 0.0,
            (a, y) -> -y / Math.max(a, CostKind.TINY));

    /** Smallest positive normal double: the floor for logarithms and divisions. */
    public static final double TINY = Double.MIN_NORMAL;

    private final ActivationKind fusedOutput;
    private final DoubleBinaryOperator term;
    private final DoubleBinaryOperator gradient;

    CostKind(ActivationKind fusedOutput, DoubleBinaryOperator term, DoubleBinaryOperator gradient) {
        this.fusedOutput = fusedOutput;
        this.term = term;
        this.gradient = gradient;
    }

    /**
     * The output activation for which BP1 collapses to {@code Δ[L] = A − Y}: the σ' factor cancels against the
     * cost's denominator (Nielsen, ch. 3).
     */
    public ActivationKind fusedOutput() {
        return fusedOutput;
    }

    /** The per-element cost {@code c(a, y)}; {@code C_x} is its sum over the example's outputs. */
    public double term(double a, double y) {
        return term.applyAsDouble(a, y);
    }

    /** {@code ∂c/∂a} at (a, y). */
    public double gradient(double a, double y) {
        return gradient.applyAsDouble(a, y);
    }

    DoubleBinaryOperator termFunction() {
        return term;
    }

    DoubleBinaryOperator gradientFunction() {
        return gradient;
    }
}
