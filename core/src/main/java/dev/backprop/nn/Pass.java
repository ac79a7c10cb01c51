package dev.backprop.nn;

import dev.backprop.backend.Matrix;

/**
 * Every tensor of a network's most recent pass, for research code that wants to look inside: per layer
 * l = 1..L the pre-activations {@code Z[l]}, activations {@code A[l]} and, after a backward pass, the errors
 * {@code Δ[l]} and the gradients {@code ∂C/∂W[l]}, {@code ∂C/∂b[l]}; {@code A[0]} is the input batch.
 *
 * <p>The matrices are the network's working storage, not copies: they are overwritten by the network's next
 * {@code forward} or {@code backprop} call. Copy what you want to keep ({@link Matrix#toArray()}).
 */
public final class Pass {

    private final Network network;
    private final Workspace workspace;
    private boolean backward;
    private double totalCost = Double.NaN;

    Pass(Network network, Workspace workspace) {
        this.network = network;
        this.workspace = workspace;
    }

    /** Whether {@link #totalCost} is known: after a backward pass, or a training step stopped at its cost. */
    private boolean costKnown;

    void record(boolean isBackward, double total) {
        this.backward = isBackward;
        this.costKnown = isBackward;
        this.totalCost = total;
    }

    /** m, the number of examples (columns) in the batch. */
    public int batchSize() {
        return workspace.batchSize;
    }

    /** L, the number of layers with weights. */
    public int layers() {
        return network.layers();
    }

    /** Whether this pass ran backward, so that {@link #delta} and the gradients are available. */
    public boolean hasGradients() {
        return backward;
    }

    /** {@code A[0] = X}, the input batch: n_0 × m. */
    public Matrix input() {
        return workspace.a[0];
    }

    /** {@code Z[l] = W[l]·A[l−1] + b[l]·1ᵀ}: n_l × m, for l in 1..L. */
    public Matrix z(int l) {
        network.checkLayer(l);
        return workspace.z[l];
    }

    /** {@code A[l] = σ(Z[l])}: n_l × m, for l in 0..L ({@code a(0)} is the input). */
    public Matrix a(int l) {
        if (l != 0) {
            network.checkLayer(l);
        }
        return workspace.a[l];
    }

    /** {@code A[L]}, the network's output: n_L × m. */
    public Matrix output() {
        return workspace.a[network.layers()];
    }

    /**
     * {@code D[l]}, hidden layer l's dropout mask in this pass (n_l × m: {@code 1/(1 − p)} where kept, 0 where
     * dropped; the next layer read {@code A[l] ⊙ D[l]}), or null when layer l was not dropped.
     */
    public Matrix dropoutMask(int l) {
        network.checkLayer(l);
        return workspace.dropped[l] ? workspace.mask[l] : null;
    }

    /** The targets Y of the backward pass: n_L × m. */
    public Matrix target() {
        requireBackward("target");
        return workspace.y;
    }

    /** {@code Δ[l] = ∂C/∂Z[l]}: n_l × m, for l in 1..L (BP1 for l = L, BP2 below). */
    public Matrix delta(int l) {
        network.checkLayer(l);
        requireBackward("delta");
        return workspace.delta[l];
    }

    /** {@code ∂C/∂W[l] = (1/m)·Δ[l]·A[l−1]ᵀ} (BP4): n_l × n_(l−1). */
    public Matrix weightGradient(int l) {
        network.checkLayer(l);
        requireBackward("weightGradient");
        return network.weightGradient(l);
    }

    /** {@code ∂C/∂b[l] = (1/m)·Δ[l]·1} (BP3): n_l × 1. */
    public Matrix biasGradient(int l) {
        network.checkLayer(l);
        requireBackward("biasGradient");
        return network.biasGradient(l);
    }

    /**
     * The mean cost over the batch, {@code (1/m)·Σ_x C_x}, without any regularisation term. Known after a
     * backward pass, and after a training step that stopped at a non-finite cost ({@link Network#backpropSgd}).
     */
    public double cost() {
        return totalCost() / workspace.batchSize;
    }

    /** The summed cost over the batch, {@code Σ_x C_x}; see {@link #cost()}. */
    public double totalCost() {
        if (!costKnown) {
            requireBackward("totalCost");
        }
        return totalCost;
    }

    /** A training step that computed the cost, found it not finite, and went no further. */
    void recordCostOnly(double total) {
        this.backward = false;
        this.costKnown = true;
        this.totalCost = total;
    }

    private void requireBackward(String what) {
        if (!backward) {
            throw new IllegalStateException(what + "() needs a backward pass, but the network's last pass was "
                    + "forward-only; call Network.backprop(x, y) first");
        }
    }
}
