package dev.backprop.nn;

import java.util.Arrays;
import java.util.Locale;

/**
 * Inverted dropout on hidden layers (Srivastava et al., 2014; Nielsen ch. 3), for training passes
 * ({@link Network#backprop(dev.backprop.backend.Matrix, dev.backprop.backend.Matrix, Dropout, long)}):
 * hidden layer l drops each activation with probability p_l and scales the kept ones by 1/(1 − p_l), so the
 * next layer sees the same expected input as in evaluation, where nothing is dropped:
 * <pre>
 *   forward   Ã[l] = A[l] ⊙ D[l],   D[l][i][j] = [u ≥ p_l]/(1 − p_l)      (the next layer reads Ã[l])
 *   BP2       Δ[l] = ((W[l+1]ᵀ·Δ[l+1]) ⊙ D[l]) ⊙ σ'(Z[l])
 *   BP4       ∂C/∂W[l+1] = (1/m)·Δ[l+1]·Ã[l]ᵀ
 * </pre>
 * The uniform u of each element comes from a counter-based stream: a hash of (seed, step, layer, element),
 * not a generator advanced element by element. The same seed and step give the same masks whatever computes
 * them, in whatever order or on however many threads, and a run resumed at step s draws the masks the
 * uninterrupted run drew at step s. The output layer is never dropped. Immutable.
 */
public final class Dropout {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final Dropout NONE = new Dropout(new double[0], 0.0, Network.DEFAULT_SEED);

    private final double[] perLayer;       // p of hidden layer l at index l − 1; empty: `every` applies to all
    private final double every;
    private final long seed;

    private Dropout(double[] perLayer, double every, long seed) {
        this.perLayer = perLayer;
        this.every = every;
        this.seed = seed;
    }

    /** No dropout. */
    public static Dropout none() {
        return NONE;
    }

    /** The same rate p in [0, 1) on every hidden layer (the command line's {@code --dropout p}). */
    public static Dropout hidden(double p) {
        checkRate(p, "p");
        return new Dropout(new double[0], p, Network.DEFAULT_SEED);
    }

    /** One rate per hidden layer, p_1 for layer 1 (the first hidden layer), each in [0, 1). */
    public static Dropout perLayer(double... rates) {
        for (int i = 0; i < rates.length; i++) {
            checkRate(rates[i], "p_" + (i + 1));
        }
        if (rates.length == 0) {
            throw new IllegalArgumentException("perLayer needs one rate per hidden layer; for no dropout use none()");
        }
        return new Dropout(rates.clone(), 0.0, Network.DEFAULT_SEED);
    }

    private static void checkRate(double p, String name) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("the dropout rate " + name + " must be in [0, 1), got " + p
                    + " (the probability of dropping an activation; 0.5 is Nielsen's)");
        }
    }

    /** The same rates with masks drawn from {@code newSeed} (default {@link Network#DEFAULT_SEED}). */
    public Dropout withSeed(long newSeed) {
        return new Dropout(perLayer, every, newSeed);
    }

    public long seed() {
        return seed;
    }

    /** Whether no layer is dropped. */
    public boolean isNone() {
        if (perLayer.length == 0) {
            return every == 0;
        }
        for (double p : perLayer) {
            if (p != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * p_l of hidden layer l of {@code network} (1 ≤ l &lt; L); 0 for the output layer.
     *
     * @throws IllegalArgumentException when per-layer rates were given for another number of hidden layers
     */
    public double rate(Network network, int l) {
        int hidden = network.layers() - 1;
        if (perLayer.length != 0 && perLayer.length != hidden) {
            throw new IllegalArgumentException("dropout has " + perLayer.length + " per-layer rates but the network "
                    + network + " has " + hidden + " hidden layer" + (hidden == 1 ? "" : "s"));
        }
        if (l >= network.layers()) {
            return 0.0;
        }
        return perLayer.length == 0 ? every : perLayer[l - 1];
    }

    /**
     * The uniform in [0, 1) of element {@code index} of layer {@code l}'s mask at {@code step} (a multiple of
     * 2⁻⁵³): the stream's value at that counter.
     */
    public double uniform(long step, int l, long index) {
        return uniform(streamBase(step, l), index);
    }

    /** The counter's origin for one layer at one step: the seed, step and layer hashed together. */
    private long streamBase(long step, int l) {
        return mix(mix(seed ^ mix(step * GOLDEN + 0x632BE59BD9B4E019L)) + l * GOLDEN);
    }

    private static double uniform(long base, long index) {
        return (mix(base + (index + 1) * GOLDEN) >>> 11) * 0x1.0p-53;
    }

    /**
     * Writes layer l's mask at {@code step} for an n×m activation, row-major: {@code 1/(1 − p)} where kept, 0
     * where dropped.
     */
    void mask(long step, int l, double p, int n, int m, double[] out) {
        double keep = 1.0 / (1.0 - p);
        long base = streamBase(step, l);
        for (int k = 0, size = n * m; k < size; k++) {
            out[k] = uniform(base, k) >= p ? keep : 0.0;
        }
    }

    /** SplitMix64's finaliser (Stafford's Mix13): a bijection that spreads every input bit over the output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** e.g. {@code 0.5 on every hidden layer} or {@code 0.2, 0.5 (per hidden layer)}. */
    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        if (perLayer.length == 0) {
            return String.format(Locale.ROOT, "%s on every hidden layer", every);
        }
        return Arrays.toString(perLayer).replaceAll("[\\[\\]]", "") + " (per hidden layer)";
    }
}
