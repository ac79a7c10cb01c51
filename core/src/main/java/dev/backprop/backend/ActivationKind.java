package dev.backprop.backend;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The built-in activation functions, each with its definition: the forward rule {@code a = σ(z)} beside its
 * derivative, as the backward rule {@code dZ = dA ⊙ σ'(Z)}. A backend's kind-keyed operations
 * ({@link Backend#activate}, {@link Backend#activateBackward}, {@link Backend#addBiasActivate}) run these
 * definitions through the generic elementwise kernels unless the backend has a fused kernel for the kind, so
 * a new built-in is one constant here (and, optionally, fast paths in the backends that want them).
 *
 * <p>The elementwise rules compute in double: {@code apply} and {@code backward} are the reference values every
 * backend is checked against. {@link #SOFTMAX} is column-wise, not elementwise; its rules are written on whole
 * columns ({@link #softmaxColumn}, {@link #softmaxBackwardColumn}).
 */
public enum ActivationKind {
    /** σ(z) = z, σ'(z) = 1. */
    IDENTITY(true, z -> z, (a, dA) -> dA),
    /** σ(z) = 1/(1 + e^(−z)), σ'(z) = σ(z)·(1 − σ(z)): computed from the output A. */
    SIGMOID(true, z -> 1.0 / (1.0 + Math.exp(-z)), (a, dA) -> dA * a * (1.0 - a)),
    /** σ(z) = tanh z, σ'(z) = 1 − tanh² z: computed from the output A. */
    TANH(true, Math::tanh, (a, dA) -> dA * (1.0 - a * a)),
    /** σ(z) = max(z, 0) (NaN stays NaN, so divergence stays visible), σ'(z) = [z &gt; 0] (0 at z = 0). */
    RELU(false, z -> Math.max(z, 0.0), (z, dA) -> z > 0 ? dA : 0.0),
    /** Column-wise softmax: each column of A is a probability distribution. */
    SOFTMAX(true, null, null);

    private final boolean derivativeFromOutput;
    private final DoubleUnaryOperator forward;
    private final DoubleBinaryOperator backward;

    ActivationKind(boolean derivativeFromOutput, DoubleUnaryOperator forward, DoubleBinaryOperator backward) {
        this.derivativeFromOutput = derivativeFromOutput;
        this.forward = forward;
        this.backward = backward;
    }

    /** Whether σ acts on each element alone (every kind but {@link #SOFTMAX}). */
    public boolean elementwise() {
        return forward != null;
    }

    /**
     * Whether the backward rule reads the forward pass's output A (sigmoid, tanh, softmax) rather than its
     * input Z (ReLU); identity reads neither.
     */
    public boolean derivativeFromOutput() {
        return derivativeFromOutput;
    }

    /**
     * {@code σ(z)} for an elementwise kind.
     *
     * @throws UnsupportedOperationException for {@link #SOFTMAX}, which needs the whole column
     */
    public double apply(double z) {
        return elementwiseForward().applyAsDouble(z);
    }

    /**
     * {@code dA·σ'(z)} for an elementwise kind, where {@code x} is the output a when
     * {@link #derivativeFromOutput()}, else the pre-activation z.
     *
     * @throws UnsupportedOperationException for {@link #SOFTMAX}
     */
    public double backward(double x, double dA) {
        elementwiseForward();
        return backward.applyAsDouble(x, dA);
    }

    /** The forward rule as a function object (the generic {@code map} kernel's argument). */
    DoubleUnaryOperator elementwiseForward() {
        if (forward == null) {
            throw new UnsupportedOperationException(this + " is column-wise, not elementwise: use softmaxColumn");
        }
        return forward;
    }

    /** The backward rule {@code (x, dA) → dA·σ'} as a function object (the generic {@code zip} kernel's argument). */
    DoubleBinaryOperator elementwiseBackward() {
        elementwiseForward();
        return backward;
    }

    /**
     * Softmax of one column, in place: {@code v[i] ← e^(v[i] − max) / Σ_k e^(v[k] − max)} over
     * {@code v[from], v[from + stride], …} ({@code n} elements). Subtracting the column maximum keeps the
     * exponentials finite; the result is the same.
     */
    public static void softmaxColumn(double[] v, int from, int stride, int n) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0, at = from; i < n; i++, at += stride) {
            max = Math.max(max, v[at]);
        }
        double sum = 0;
        for (int i = 0, at = from; i < n; i++, at += stride) {
            sum += Math.exp(v[at] - max);
        }
        for (int i = 0, at = from; i < n; i++, at += stride) {
            v[at] = Math.exp(v[at] - max) / sum;
        }
    }

    /**
     * The softmax Jacobian applied to one column, in place in {@code dA}:
     * {@code dA[i] ← A[i]·(dA[i] − Σ_k dA[k]·A[k])}, over {@code n} elements {@code stride} apart from
     * {@code from} in both arrays.
     */
    public static void softmaxBackwardColumn(double[] a, double[] dA, int from, int stride, int n) {
        double dot = 0;
        for (int i = 0, at = from; i < n; i++, at += stride) {
            dot += dA[at] * a[at];
        }
        for (int i = 0, at = from; i < n; i++, at += stride) {
            dA[at] = a[at] * (dA[at] - dot);
        }
    }
}
