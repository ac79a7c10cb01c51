package dev.backprop.nn;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;

/**
 * The per-batch-size tensors of one network's forward and backward pass, allocated once per batch size
 * so that a training step allocates nothing. Index l runs over layers 1..L; index 0 of {@code a} is the
 * input batch, which the caller owns.
 */
final class Workspace {

    final int batchSize;     // m
    final Matrix[] z;        // Z[l]: n_l × m, pre-activations
    final Matrix[] a;        // A[l]: n_l × m, activations; A[0] = X, n_0 × m (the caller's)
    final Matrix[] delta;    // Δ[l]: n_l × m, errors ∂C/∂Z[l] (allocated on the first backward pass)
    final Matrix[] in;       // what layer l + 1 reads: A[l], or Ã[l] = A[l] ⊙ D[l] with dropout; in[0] = X
    final boolean[] dropped; // whether layer l was dropped in the last pass
    final Matrix[] mask;     // D[l]: n_l × m, 1/(1 − p) where kept, 0 where dropped (made on first use)
    final Matrix[] droppedA; // Ã[l]: n_l × m (made on first use)
    final double[][] maskValues; // D[l]'s values, row-major, staged for loading (made on first use)
    Matrix y;                // Y: n_L × m, targets of the last backward pass (the caller's)
    final Pass pass;

    Workspace(Network network, int batchSize) {
        this.batchSize = batchSize;
        Backend backend = network.backend();
        int layers = network.layers();
        z = new Matrix[layers + 1];
        a = new Matrix[layers + 1];
        delta = new Matrix[layers + 1];
        in = new Matrix[layers + 1];
        dropped = new boolean[layers + 1];
        mask = new Matrix[layers + 1];
        droppedA = new Matrix[layers + 1];
        maskValues = new double[layers + 1][];
        for (int l = 1; l <= layers; l++) {
            z[l] = backend.zeros(network.size(l), batchSize);
            a[l] = backend.zeros(network.size(l), batchSize);
        }
        pass = new Pass(network, this);
    }

    /** D[l], Ã[l] and D[l]'s staging array, on the first pass that drops layer l. */
    void ensureDropout(Network network, int l) {
        if (mask[l] == null) {
            mask[l] = network.backend().zeros(network.size(l), batchSize);
            droppedA[l] = network.backend().zeros(network.size(l), batchSize);
            maskValues[l] = new double[network.size(l) * batchSize];
        }
    }

    void ensureDeltas(Network network) {
        if (delta[1] == null) {
            for (int l = 1; l <= network.layers(); l++) {
                delta[l] = network.backend().zeros(network.size(l), batchSize);
            }
        }
    }
}
