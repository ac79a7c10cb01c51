package dev.backprop.random;

/**
 * The engine's seeded random number generator: xoshiro256** (Blackman and Vigna, 2018) seeded through
 * SplitMix64, with Marsaglia's polar method for normal deviates.
 *
 * <p>Every random choice the engine makes (weight initialisation, shuffling, synthetic data, gradient-check
 * sampling) goes through this class, so a seed fixes a run bit for bit on every JDK: unlike
 * {@code java.util.SplittableRandom}'s {@code nextGaussian}, whose algorithm the JDK does not specify, each
 * step here is defined by this file. The full state can be saved and restored with {@link #state()} and
 * {@link #restore(State)} (checkpoints rely on it). Not thread-safe.
 */
public final class Rng {

    private long s0, s1, s2, s3;
    private boolean haveSpareGaussian;
    private double spareGaussian;

    /** A generator whose whole sequence is fixed by {@code seed}. */
    public Rng(long seed) {
        long x = seed;
        s0 = splitMix64(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix64(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix64(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix64(x + 0x9E3779B97F4A7C15L);
    }

    /**
     * A generator for one named purpose derived from a run's seed, so that, say, shuffling and
     * initialisation draw independent sequences from one user-visible seed.
     */
    public static Rng forStream(long seed, String purpose) {
        long h = 0xCBF29CE484222325L;                      // FNV-1a of the purpose string
        for (int i = 0; i < purpose.length(); i++) {
            h = (h ^ purpose.charAt(i)) * 0x100000001B3L;
        }
        return new Rng(splitMix64(seed ^ h));
    }

    private static long splitMix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1), a multiple of 2⁻⁵³. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [{@code low}, {@code high}). */
    public double nextDouble(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    /** Uniform in [0, {@code bound}), unbiased (Lemire's multiply-and-reject). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** A standard normal deviate, N(0, 1), by Marsaglia's polar method (pairs; the second is kept). */
    public double nextGaussian() {
        if (haveSpareGaussian) {
            haveSpareGaussian = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * factor;
        haveSpareGaussian = true;
        return u * factor;
    }

    /** A normal deviate with the given mean and standard deviation. */
    public double nextGaussian(double mean, double stddev) {
        return mean + stddev * nextGaussian();
    }

    /** Shuffles {@code values} in place (Fisher–Yates, from the end). */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** The complete state: restoring it replays the same sequence. */
    public State state() {
        return new State(s0, s1, s2, s3, haveSpareGaussian, spareGaussian);
    }

    /** Continues from a saved {@link #state()}. */
    public void restore(State state) {
        if ((state.s0 | state.s1 | state.s2 | state.s3) == 0) {
            throw new IllegalArgumentException("an all-zero xoshiro256** state is invalid (the generator would emit only zeros)");
        }
        s0 = state.s0;
        s1 = state.s1;
        s2 = state.s2;
        s3 = state.s3;
        haveSpareGaussian = state.haveSpareGaussian;
        spareGaussian = state.spareGaussian;
    }

    /** A saved generator state. */
    public record State(long s0, long s1, long s2, long s3, boolean haveSpareGaussian, double spareGaussian) {
    }
}
