package dev.backprop.train;

import dev.backprop.backend.OptimizerKind;
import dev.backprop.nn.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link Optimizer}'s state between steps, for checkpoints: its kind, the number of steps taken and the
 * state tensors, so that a run continued from it takes bit for bit the steps the uninterrupted run would have.
 *
 * @param kind    the optimizer whose state this is
 * @param steps   t, the steps taken so far (Adam's bias corrections count them)
 * @param tensors the state tensors row-major, widened exactly to double: for each parameter tensor in the order
 *                W[1], b[1], W[2], b[2], …, its {@link OptimizerKind#stateTensors()} tensors in order (S1, S2);
 *                empty before the first step (every state tensor is zero then)
 */
public record OptimizerState(OptimizerKind kind, long steps, List<double[]> tensors) {

    public OptimizerState {
        Objects.requireNonNull(kind, "kind");
        if (steps < 0) {
            throw new IllegalArgumentException("the step count must be zero or more, got " + steps);
        }
        tensors = List.copyOf(new ArrayList<>(tensors));
        if (steps == 0 && !tensors.isEmpty()) {
            throw new IllegalArgumentException("an optimizer that has taken no step has no state tensors, got "
                    + tensors.size());
        }
    }

    /** The state before the first step of {@code kind}. */
    public static OptimizerState initial(OptimizerKind kind) {
        return new OptimizerState(kind, 0, List.of());
    }

    /**
     * PyTorch's names of the kind's state tensors, in the order S1, S2 ({@code exp_avg}, {@code exp_avg_sq}
     * for Adam): the checkpoint names them so.
     */
    public static List<String> stateNames(OptimizerKind kind) {
        return switch (kind) {
            case SGD -> List.of();
            case MOMENTUM, NESTEROV -> List.of("momentum_buffer");
            case RMSPROP -> List.of("square_avg", "momentum_buffer");
            case ADAM, ADAMW -> List.of("exp_avg", "exp_avg_sq");
        };
    }

    /**
     * Checks that the tensors fit {@code network}: none before the first step, else one per state tensor of each
     * weight and bias, with their sizes.
     *
     * @throws IllegalArgumentException naming the first tensor that does not fit
     */
    public void checkFits(Network network) {
        if (tensors.isEmpty()) {
            return;
        }
        int perParameter = kind.stateTensors();
        int layers = network.layers();
        if (tensors.size() != 2 * layers * perParameter) {
            throw new IllegalArgumentException("the saved " + kind.name().toLowerCase(java.util.Locale.ROOT)
                    + " state has " + tensors.size() + " tensors but the network " + network + " needs "
                    + 2 * layers * perParameter + " (" + perParameter + " per weight and bias tensor)");
        }
        List<String> names = stateNames(kind);
        for (int l = 1; l <= layers; l++) {
            for (int s = 0; s < perParameter; s++) {
                int weights = network.size(l) * network.size(l - 1);
                double[] w = tensors.get(((2 * (l - 1)) * perParameter) + s);
                double[] b = tensors.get(((2 * (l - 1) + 1) * perParameter) + s);
                if (w.length != weights) {
                    throw new IllegalArgumentException("the saved " + names.get(s) + " of W[" + l + "] has " + w.length
                            + " values but W[" + l + "] has " + weights);
                }
                if (b.length != network.size(l)) {
                    throw new IllegalArgumentException("the saved " + names.get(s) + " of b[" + l + "] has " + b.length
                            + " values but b[" + l + "] has " + network.size(l));
                }
            }
        }
    }
}
