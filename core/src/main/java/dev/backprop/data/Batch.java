package dev.backprop.data;

import dev.backprop.backend.Matrix;

/**
 * A batch of examples as a backend's matrices, columns are examples: the inputs X (n_0 × m) and the targets
 * Y (n_L × m: one-hot for classification, the target values for regression). Made by
 * {@link Dataset#batch(dev.backprop.backend.Backend, int, int)}; ready for {@code network.backprop(x, y)}.
 *
 * @param x n_0 × m inputs
 * @param y n_L × m targets
 */
public record Batch(Matrix x, Matrix y) {

    /** m, the number of examples (columns). */
    public int size() {
        return x.cols();
    }
}
