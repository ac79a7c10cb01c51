package dev.backprop.tck;

import java.util.Locale;

/**
 * How far a backend's result may lie from the reference's: {@code |got − ref| ≤ relative·scale + absolute}.
 *
 * <p>{@code scale} is the magnitude of the terms that formed the reference value: {@code |ref|} for an
 * elementwise result, {@code Σ|terms|} for a sum or a matrix product. Measuring relative error against the
 * terms rather than the (possibly cancelled) result keeps an honest rounding difference from looking like a
 * bug, while a wrong kernel, which is off by the size of a term, still fails by orders of magnitude. The
 * absolute part is a floor for results that are exactly zero in the reference.
 *
 * @param relative the allowed error per unit of scale, e.g. {@code 2.5e-13}
 * @param absolute the allowed error whatever the scale, e.g. {@code 1e-300}
 */
public record Tolerance(double relative, double absolute) {

    /** Bit-for-bit agreement (as numbers: {@code −0.0} equals {@code 0.0}, NaN equals NaN). */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    public Tolerance {
        if (!(relative >= 0) || !(absolute >= 0) || !Double.isFinite(relative) || !Double.isFinite(absolute)) {
            throw new IllegalArgumentException("a tolerance needs finite, non-negative parts, got relative "
                    + relative + " and absolute " + absolute);
        }
    }

    /** A relative tolerance with the given absolute floor. */
    public static Tolerance of(double relative, double absolute) {
        return new Tolerance(relative, absolute);
    }

    /** The largest difference allowed for a value whose terms have magnitude {@code scale}. */
    public double bound(double scale) {
        return relative * scale + absolute;
    }

    /** This tolerance with both parts multiplied by {@code factor} (for whole computations built of several ops). */
    public Tolerance times(double factor) {
        return new Tolerance(relative * factor, absolute * factor);
    }

    @Override
    public String toString() {
        return this.equals(EXACT) ? "exact" : String.format(Locale.ROOT, "rel %.2g, abs %.2g", relative, absolute);
    }
}
