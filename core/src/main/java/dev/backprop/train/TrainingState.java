package dev.backprop.train;

import dev.backprop.nn.Network;
import dev.backprop.random.Rng;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything besides the network's parameters that a run needs to continue bit for bit after an epoch:
 * the epochs done, the shuffling generator's state, and the optimiser's momentum velocities.
 *
 * @param epochsDone       epochs completed, zero or more
 * @param shuffle          the state of the generator that shuffles each epoch
 * @param velocities       V_W[1], V_b[1], V_W[2], V_b[2], … row-major (see {@link Sgd#velocities()}); empty
 *                         for plain SGD
 */
public record TrainingState(int epochsDone, Rng.State shuffle, List<double[]> velocities) {

    public TrainingState {
        if (epochsDone < 0) {
            throw new IllegalArgumentException("epochs done must be zero or more, got " + epochsDone);
        }
        Objects.requireNonNull(shuffle, "shuffle");
        velocities = List.copyOf(new ArrayList<>(velocities));
    }

    /**
     * Checks that {@code velocities} has one array per weight and bias tensor of {@code network}, with their
     * sizes, in the order of {@link Sgd#velocities()}.
     *
     * @throws IllegalArgumentException naming the first tensor that does not fit
     */
    static void checkVelocities(Network network, List<double[]> velocities) {
        int layers = network.layers();
        if (velocities.size() != 2 * layers) {
            throw new IllegalArgumentException("the saved optimiser state has " + velocities.size()
                    + " velocity tensors but the network " + network + " needs " + 2 * layers);
        }
        for (int l = 1; l <= layers; l++) {
            int weights = network.size(l) * network.size(l - 1);
            if (velocities.get(2 * (l - 1)).length != weights) {
                throw new IllegalArgumentException("the saved velocity of W[" + l + "] has "
                        + velocities.get(2 * (l - 1)).length + " values but W[" + l + "] has " + weights);
            }
            if (velocities.get(2 * (l - 1) + 1).length != network.size(l)) {
                throw new IllegalArgumentException("the saved velocity of b[" + l + "] has "
                        + velocities.get(2 * (l - 1) + 1).length + " values but b[" + l + "] has " + network.size(l));
            }
        }
    }
}
