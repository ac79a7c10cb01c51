package dev.backprop.data;

import dev.backprop.random.Rng;

/**
 * Small seeded data sets generated in memory, so the engine can be tried with nothing downloaded.
 * Same arguments, same data, on every JDK.
 */
public final class SyntheticData {

    private SyntheticData() {
    }

    /**
     * Interleaved 2-D spirals, one arm per class. Example i belongs to arm {@code k = i mod classes}; its
     * radius r is uniform in (0, 1] and its angle is {@code θ = 2π·k/classes + turns·2π·r + noise·N(0,1)},
     * at {@code (r·cos θ, r·sin θ)}. Not linearly separable: it needs a hidden layer. Classes alternate and
     * radii are random, so any contiguous range of examples is a fair sample (split train/test by range).
     *
     * @param size    number of examples
     * @param classes number of arms, at least 2
     * @param noise   standard deviation of the angular noise, in radians
     */
    public static Dataset spirals(int size, int classes, double noise, long seed) {
        require(size >= 1 && classes >= 2, "spirals need at least 1 example and 2 classes");
        final double turns = 0.75;
        Rng rng = Rng.forStream(seed, "spirals");
        double[][] x = new double[size][];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            int k = i % classes;
            double r = 1.0 - rng.nextDouble();
            double theta = 2 * Math.PI * k / classes + turns * 2 * Math.PI * r + noise * rng.nextGaussian();
            x[i] = new double[]{r * Math.cos(theta), r * Math.sin(theta)};
            labels[i] = k;
        }
        return Dataset.of("spirals(" + classes + " classes)", x, labels, classes);
    }

    /**
     * Gaussian blobs: class k is centred at a point drawn uniformly from [−1, 1]^dimensions (fixed by
     * {@code seed}), with isotropic standard deviation {@code spread}; example i belongs to class
     * {@code i mod classes}, so any contiguous range of examples is a fair sample.
     */
    public static Dataset blobs(int size, int classes, int dimensions, double spread, long seed) {
        require(size >= 1 && classes >= 2 && dimensions >= 1,
                "blobs need at least 1 example, 2 classes and 1 dimension");
        Rng centreRng = Rng.forStream(seed, "blob-centres");
        double[][] centres = new double[classes][dimensions];
        for (double[] c : centres) {
            for (int d = 0; d < dimensions; d++) {
                c[d] = centreRng.nextDouble(-1, 1);
            }
        }
        Rng rng = Rng.forStream(seed, "blobs");
        double[][] x = new double[size][dimensions];
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            int k = i % classes;
            for (int d = 0; d < dimensions; d++) {
                x[i][d] = centres[k][d] + spread * rng.nextGaussian();
            }
            labels[i] = k;
        }
        return Dataset.of("blobs(" + classes + " classes, " + dimensions + "-D)", x, labels, classes);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
