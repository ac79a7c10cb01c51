package dev.backprop.bench;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.Network;
import dev.backprop.random.Rng;

import java.util.Arrays;

/**
 * The seeded inputs every benchmark builds in its {@code @Setup}: backends by name, networks from
 * {@code 784-100-10} strings, and matrices of reproducible random values. The network is the one the peers'
 * {@code mlp_step.py} times: sigmoid hidden layers, a sigmoid output with the cross-entropy cost (so BP1 is
 * the fused {@code Δ = A − Y}), Nielsen's N(0, 1/n_in) initial weights.
 */
public final class Workloads {

    /** The seed of every benchmark's data and initial weights. */
    public static final long SEED = 42L;

    private Workloads() {
    }

    /**
     * The backend called {@code name} at {@code precision} ({@code f64}/{@code f32}) and {@code threads}, with
     * an error naming what is wrong when it cannot be created.
     */
    public static Backend backend(String name, String precision, int threads) {
        Precision p = Precision.parse(precision);
        return Backends.createNamed(name, BackendConfig.of(p, threads));
    }

    /** Parses {@code 784-100-10} into {@code [784, 100, 10]}: the layer sizes n_0..n_L, at least two, all positive. */
    public static int[] layerSizes(String network) {
        String[] parts = network.trim().split("-");
        if (parts.length < 2) {
            throw new IllegalArgumentException("network '" + network + "': give at least two layer sizes joined by '-',"
                    + " e.g. 784-100-10");
        }
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("network '" + network + "': '" + parts[i] + "' is not a layer size;"
                        + " use positive integers joined by '-', e.g. 784-100-10", e);
            }
            if (sizes[i] < 1) {
                throw new IllegalArgumentException("network '" + network + "': layer sizes must be at least 1, got "
                        + sizes[i]);
            }
        }
        return sizes;
    }

    /** The benchmark network of {@code sizes} on {@code backend}: sigmoid layers, cross-entropy cost, seed {@link #SEED}. */
    public static Network network(Backend backend, int[] sizes) {
        return Network.builder(backend)
                .layers(sizes, Activation.sigmoid(), Activation.sigmoid())
                .cost(Cost.crossEntropy())
                .initializer(Initializer.nielsen())
                .seed(SEED)
                .build();
    }

    /** A rows×cols matrix of values uniform in [0, 1), like pixel intensities, from the stream {@code purpose}. */
    public static Matrix uniform(Backend backend, int rows, int cols, String purpose) {
        Rng rng = Rng.forStream(SEED, purpose);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextDouble();
        }
        return backend.fromArray(rows, cols, values);
    }

    /** A rows×cols matrix of standard normal values (pre-activations, gradients), from the stream {@code purpose}. */
    public static Matrix gaussian(Backend backend, int rows, int cols, String purpose) {
        Rng rng = Rng.forStream(SEED, purpose);
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextGaussian();
        }
        return backend.fromArray(rows, cols, values);
    }

    /** A classes×m one-hot target matrix with a random class per column, from the stream {@code purpose}. */
    public static Matrix oneHot(Backend backend, int classes, int m, String purpose) {
        Rng rng = Rng.forStream(SEED, purpose);
        double[] values = new double[classes * m];         // row-major classes×m
        for (int j = 0; j < m; j++) {
            values[rng.nextInt(classes) * m + j] = 1.0;
        }
        return backend.fromArray(classes, m, values);
    }

    /** {@code 784-100-10} for {@code [784, 100, 10]}. */
    public static String name(int[] sizes) {
        return String.join("-", Arrays.stream(sizes).mapToObj(Integer::toString).toArray(String[]::new));
    }
}
