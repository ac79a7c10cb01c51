package dev.backprop.backend;

/** The built-in activation functions a backend implements as kernels, named for fused operations. */
public enum ActivationKind {
    /** σ(z) = z. */
    IDENTITY,
    /** σ(z) = 1/(1 + e^(−z)). */
    SIGMOID,
    /** σ(z) = tanh z. */
    TANH,
    /** σ(z) = max(z, 0). */
    RELU,
    /** Column-wise softmax. */
    SOFTMAX
}
