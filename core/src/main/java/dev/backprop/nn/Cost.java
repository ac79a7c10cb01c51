package dev.backprop.nn;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;

import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * A cost function {@code C = (1/m)·Σ_x C_x} over a batch of m examples, and its output error (BP1).
 *
 * <p>Built-ins: {@link #quadratic()}, the binary {@link #crossEntropy()} of Nielsen's chapter 3, and the
 * {@link #logLikelihood()} (categorical cross-entropy) that pairs with softmax. Each pairs with one output
 * activation for which BP1 collapses to {@code Δ[L] = A − Y} and is computed that way (fused): quadratic with
 * identity, cross-entropy with sigmoid, log-likelihood with softmax. Every other pairing takes the general
 * path {@code Δ[L] = ∇_A C ⊙ σ'(Z[L])}, which is correct but loses precision where σ saturates.
 */
public interface Cost {

    /** The name model files and the command line use, e.g. {@code cross-entropy}. */
    String name();

    /**
     * {@code Σ_x C_x} over the batch: the columns of A and Y are examples. Dividing by the batch size
     * gives the mean cost.
     *
     * @param a n×m output activations
     * @param y n×m targets
     */
    double total(Backend backend, Matrix a, Matrix y);

    /** {@code dA ← ∂C_x/∂a}, column by column. */
    void gradient(Backend backend, Matrix a, Matrix y, Matrix dA);

    /**
     * BP1: the output error {@code Δ[L] = ∇_A C ⊙ σ'(Z[L])}, written into {@code delta}.
     * The default uses {@link #gradient} then {@link Activation#backward}; built-ins override it with the
     * fused {@code Δ = A − Y} for their matching output activation.
     */
    default void outputError(Backend backend, Activation output, Matrix z, Matrix a, Matrix y, Matrix delta) {
        gradient(backend, a, y, delta);
        output.backward(backend, z, a, delta, delta);
    }

    /** Whether {@link #outputError} takes the fused {@code Δ = A − Y} shortcut for this output activation. */
    default boolean fusesWith(Activation output) {
        return false;
    }

    /** {@code C_x = ½·‖a − y‖²}. */
    static Cost quadratic() {
        return BuiltinCost.QUADRATIC;
    }

    /** Binary cross-entropy {@code C_x = −Σ_i [y ln a + (1 − y) ln(1 − a)]}, for outputs in (0, 1). */
    static Cost crossEntropy() {
        return BuiltinCost.CROSS_ENTROPY;
    }

    /** Log-likelihood, the categorical cross-entropy {@code C_x = −Σ_i y ln a}, for softmax outputs. */
    static Cost logLikelihood() {
        return BuiltinCost.LOG_LIKELIHOOD;
    }

    /**
     * A cost that is a sum of per-element terms {@code C_x = Σ_i c(a_i, y_i)}, given c and
     * {@code ∂c/∂a}. Runs on every backend through the generic {@code sumZip}/{@code zip} operations.
     */
    static Cost elementwise(String name, DoubleBinaryOperator cost, DoubleBinaryOperator derivative) {
        return new ElementwiseCost(name, cost, derivative);
    }

    /** The built-in cost with this name (case-insensitive); {@code categorical-cross-entropy} names log-likelihood. */
    static Cost named(String name) {
        if (name != null && name.trim().equalsIgnoreCase("categorical-cross-entropy")) {
            return logLikelihood();
        }
        return BuiltinNames.lookup("cost", name, BuiltinCost.ALL, Cost::name,
                " (categorical-cross-entropy is log-likelihood)");
    }

    /** The names {@link #named(String)} accepts (besides the alias categorical-cross-entropy). */
    static List<String> builtinNames() {
        return BuiltinNames.names(BuiltinCost.ALL, Cost::name);
    }
}
