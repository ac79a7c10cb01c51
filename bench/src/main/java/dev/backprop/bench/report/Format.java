package dev.backprop.bench.report;

import java.util.Locale;

/** How the report writes numbers: thousands separators for rates, two decimals for ratios. */
final class Format {

    static final String NONE = "—";

    private Format() {
    }

    /** {@code 12,345} (rounded), or {@code 12.3} below 100 where digits matter. */
    static String rate(double v) {
        if (Double.isNaN(v)) {
            return NONE;
        }
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    /** The confidence half-width, {@code ±1,234}, or — when JMH had too few iterations to give one. */
    static String error(double v) {
        return Double.isNaN(v) ? NONE : "±" + rate(v);
    }

    /** {@code a / b} as {@code 0.42×}, or — when either is missing. */
    static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b <= 0) {
            return NONE;
        }
        double r = a / b;
        return String.format(Locale.ROOT, r >= 10 ? "%.1f×" : "%.2f×", r);
    }

    /** Bytes allocated per step, flagged when the step itself allocates ({@link Figures.Step#allocates()}). */
    static String alloc(Figures.Step s) {
        if (Double.isNaN(s.allocBytes())) {
            return NONE;
        }
        String bytes = String.format(Locale.ROOT, s.allocBytes() < 10 ? "%.2f" : "%,.0f", s.allocBytes());
        return s.allocates() ? "**" + bytes + " (allocates)**" : bytes;
    }

    static String fixed(double v, int decimals) {
        return Double.isNaN(v) ? NONE : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** {@code 1 thread} or {@code 2 threads}. */
    static String threads(int n) {
        return n + (n == 1 ? " thread" : " threads");
    }
}
