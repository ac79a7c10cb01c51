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
    Matrix y;                // Y: n_L × m, targets of the last backward pass (the caller's)
    final Pass pass;

    Workspace(Network network, int batchSize) {
        this.batchSize = batchSize;
        Backend backend = network.backend();
        int layers = network.layers();
        z = new Matrix[layers + 1];
        a = new Matrix[layers + 1];
        delta = new Matrix[layers + 1];
        for (int l = 1; l <= layers; l++) {
            z[l] = backend.zeros(network.size(l), batchSize);
            a[l] = backend.zeros(network.size(l), batchSize);
        }
        pass = new Pass(network, this);
    }

    void ensureDeltas(Network network) {
        if (delta[1] == null) {
            for (int l = 1; l <= network.layers(); l++) {
                delta[l] = network.backend().zeros(network.size(l), batchSize);
            }
        }
    }
}
