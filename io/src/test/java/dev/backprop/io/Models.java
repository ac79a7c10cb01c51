package dev.backprop.io;

import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;

/** Small seeded networks for the file-format tests. */
final class Models {

    private Models() {
    }

    static Network network(Precision precision, int[] sizes, Activation hidden, Activation output, Cost cost, long seed) {
        return Network.builder(new ScalarBackend(BackendConfig.of(precision, 1)))
                .layers(sizes, hidden, output).cost(cost).seed(seed).build();
    }

    /** 4-3-2 sigmoid, cross-entropy: representable in network2 JSON too. */
    static Network sigmoid(long seed) {
        return network(Precision.FLOAT64, new int[]{4, 3, 2}, Activation.sigmoid(), Activation.sigmoid(),
                Cost.crossEntropy(), seed);
    }
}
