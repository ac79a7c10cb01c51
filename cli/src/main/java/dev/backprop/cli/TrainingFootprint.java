package dev.backprop.cli;

import dev.backprop.backend.Precision;
import dev.backprop.memory.MemoryBudget;
import dev.backprop.train.Evaluation;

import java.util.Locale;

/**
 * What training a network of given sizes needs in memory, estimated before the network is built, so that a
 * network too large for the heap fails with the {@code -Xmx} that would do instead of an OutOfMemoryError
 * halfway through building it (the builder checks the parameters themselves; training needs about three times
 * more). An estimate: it counts the large arrays, not the small objects around them.
 */
final class TrainingFootprint {

    private TrainingFootprint() {
    }

    /**
     * Bytes to train: per parameter, the float64 array it is drawn into (transient), the parameter and its
     * gradient in the backend's precision, and with momentum its velocity; per neuron, Z, A and Δ for a training
     * batch and Z and A for an evaluation batch.
     */
    static long bytes(int[] sizes, Precision precision, int batch, boolean momentum) {
        long parameters = 0, neurons = 0;
        for (int l = 1; l < sizes.length; l++) {
            parameters += (long) sizes[l] * sizes[l - 1] + sizes[l];
            neurons += sizes[l];
        }
        long p = precision.bytes();
        long perParameter = Double.BYTES + 2 * p + (momentum ? p : 0);
        long perNeuron = p * (3L * batch + 2L * Evaluation.DEFAULT_BATCH);
        long perInput = (p + Double.BYTES) * ((long) batch + Evaluation.DEFAULT_BATCH);
        return Math.addExact(Math.multiplyExact(parameters, perParameter),
                Math.addExact(Math.multiplyExact(neurons, perNeuron), Math.multiplyExact(sizes[0], perInput)));
    }

    /** Checks {@link #bytes} against the free heap. */
    static void require(int[] sizes, Precision precision, int batch, boolean momentum) {
        long bytes;
        try {
            bytes = bytes(sizes, precision, batch, momentum);
        } catch (ArithmeticException e) {
            bytes = -1;
        }
        MemoryBudget.require(bytes, String.format(Locale.ROOT, "training %s in %s with batch %d",
                NetworkOptions.join(sizes).replace(',', '-'), precision.shortName(), batch));
    }
}
