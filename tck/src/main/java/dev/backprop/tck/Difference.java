package dev.backprop.tck;

import java.util.Locale;

/**
 * The element-by-element comparison of a backend's result with the reference's: where they differ most,
 * and whether every element is within tolerance. NaN agrees only with NaN, an infinity only with the same
 * infinity.
 */
final class Difference {

    /** Largest {@code |got − ref|}. */
    double maxAbsolute;
    /** Largest {@code |got − ref| / scale} over elements with a positive scale. */
    double maxRelative;
    /** Largest {@code |got − ref| / bound}: above 1 means out of tolerance. */
    double worstRatio;
    /** Where {@link #worstRatio} occurred, or −1 when every element agrees exactly. */
    int worstIndex = -1;
    int elements;
    private final double[] reference;
    private final double[] got;
    private final double[] scale;
    private final Tolerance tolerance;

    private Difference(double[] reference, double[] got, double[] scale, Tolerance tolerance) {
        this.reference = reference;
        this.got = got;
        this.scale = scale;
        this.tolerance = tolerance;
        this.elements = reference.length;
    }

    /**
     * Compares {@code got} with {@code reference}; {@code scale[i]} is the magnitude of the terms behind
     * element i (see {@link Tolerance}), or null for {@code |reference[i]|}.
     */
    static Difference of(double[] reference, double[] got, double[] scale, Tolerance tolerance) {
        if (reference.length != got.length) {
            throw new AssertionError("the backend returned " + got.length + " elements where the reference has "
                    + reference.length);
        }
        Difference d = new Difference(reference, got, scale, tolerance);
        for (int i = 0; i < reference.length; i++) {
            double r = reference[i], g = got[i];
            double diff;
            if (r == g || (Double.isNaN(r) && Double.isNaN(g))) {
                continue;
            } else if (Double.isNaN(r) || Double.isNaN(g) || Double.isInfinite(r) || Double.isInfinite(g)) {
                diff = Double.POSITIVE_INFINITY;
            } else {
                diff = Math.abs(g - r);
            }
            double s = d.scaleAt(i);
            double bound = tolerance.bound(s);
            double ratio = bound > 0 ? diff / bound : Double.POSITIVE_INFINITY;
            d.maxAbsolute = Math.max(d.maxAbsolute, diff);
            if (s > 0) {
                d.maxRelative = Math.max(d.maxRelative, diff / s);
            }
            if (ratio > d.worstRatio || d.worstIndex < 0) {
                d.worstRatio = ratio;
                d.worstIndex = i;
            }
        }
        return d;
    }

    double scaleAt(int i) {
        return scale != null ? scale[i] : Math.abs(reference[i]);
    }

    boolean withinTolerance() {
        return worstIndex < 0 || worstRatio <= 1;
    }

    /**
     * Where the worst element is and by how much it missed, e.g. {@code difference 3.1e-03 at index 17 (row 0,
     * col 17): backend 0.5, reference 0.503, scale 1.2; tolerance rel 2.5e-13, abs 1e-300 allows 3e-13}.
     *
     * @param cols the matrix's column count, to turn the index into (row, col); 0 for a plain array
     */
    String describe(int cols) {
        if (worstIndex < 0) {
            return "no difference";
        }
        int i = worstIndex;
        String where = cols > 0 ? String.format(Locale.ROOT, "index %d (row %d, col %d)", i, i / cols, i % cols)
                : "index " + i;
        return String.format(Locale.ROOT, "difference %.3g at %s: backend %s, reference %s, scale %.3g; "
                        + "tolerance %s allows %.3g (largest difference anywhere %.3g)", Math.abs(got[i] - reference[i]),
                where, got[i], reference[i], scaleAt(i), tolerance, tolerance.bound(scaleAt(i)), maxAbsolute);
    }
}
