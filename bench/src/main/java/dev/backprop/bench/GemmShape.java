package dev.backprop.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One matrix product of the training step, {@code C ← op(A)·op(B)} with C m×n and inner dimension k, written
 * {@code FORM:MxKxN} in benchmark parameters and reports. The forms are the three the step uses:
 * <ul>
 *   <li>{@code WA}: {@code W·A}, the forward pass {@code Z[l] = W[l]·A[l−1]} (no transpose; A is m×k, B k×n);</li>
 *   <li>{@code DAt}: {@code Δ·Aᵀ}, BP4's {@code Δ[l]·A[l−1]ᵀ} (B transposed: stored n×k);</li>
 *   <li>{@code WtD}: {@code Wᵀ·Δ}, BP2's {@code W[l+1]ᵀ·Δ[l+1]} (A transposed: stored k×m).</li>
 * </ul>
 *
 * @param form which product
 * @param m    rows of C
 * @param k    the inner dimension
 * @param n    columns of C
 */
public record GemmShape(Form form, int m, int k, int n) {

    private static final Pattern SYNTAX = Pattern.compile("(WA|DAt|WtD):(\\d+)x(\\d+)x(\\d+)");

    /** The three products of the step, with the transpose flags the backend's {@code gemm} gets. */
    public enum Form {
        WA(false, false, "W·A"),
        DAt(false, true, "Δ·Aᵀ"),
        WtD(true, false, "Wᵀ·Δ");

        private final boolean transA;
        private final boolean transB;
        private final String maths;

        Form(boolean transA, boolean transB, String maths) {
            this.transA = transA;
            this.transB = transB;
            this.maths = maths;
        }

        public boolean transA() {
            return transA;
        }

        public boolean transB() {
            return transB;
        }

        /** How the notes write it: {@code W·A}, {@code Δ·Aᵀ} or {@code Wᵀ·Δ}. */
        public String maths() {
            return maths;
        }
    }

    public GemmShape {
        if (m < 1 || k < 1 || n < 1) {
            throw new IllegalArgumentException("GEMM dimensions must be at least 1, got m=" + m + " k=" + k + " n=" + n);
        }
    }

    /**
     * Parses {@code WA:100x784x64} (form, then M×K×N).
     *
     * @throws IllegalArgumentException naming the accepted syntax when {@code text} does not match it
     */
    public static GemmShape parse(String text) {
        Matcher matcher = SYNTAX.matcher(text.trim());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("GEMM shape '" + text + "': expected FORM:MxKxN with FORM one of WA (W·A),"
                    + " DAt (Δ·Aᵀ), WtD (Wᵀ·Δ), e.g. WA:100x784x64");
        }
        try {
            return new GemmShape(Form.valueOf(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                    Integer.parseInt(matcher.group(3)), Integer.parseInt(matcher.group(4)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("GEMM shape '" + text + "': a dimension is too large", e);
        }
    }

    /** A square {@code n×n·n×n} product in the forward form. */
    public static GemmShape square(int size) {
        return new GemmShape(Form.WA, size, size, size);
    }

    /** Whether m = k = n. */
    public boolean isSquare() {
        return m == k && k == n;
    }

    /** Rows of the stored A: m, or k when A is transposed. */
    public int aRows() {
        return form.transA ? k : m;
    }

    public int aCols() {
        return form.transA ? m : k;
    }

    /** Rows of the stored B: k, or n when B is transposed. */
    public int bRows() {
        return form.transB ? n : k;
    }

    public int bCols() {
        return form.transB ? k : n;
    }

    /** Floating-point operations of one product, {@code 2·m·k·n} (a multiply and an add per term). */
    public double flops() {
        return 2.0 * m * k * n;
    }

    /** The parameter syntax, {@code WA:100x784x64}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s:%dx%dx%d", form, m, k, n);
    }
}
