package dev.backprop.memory;

import java.util.Locale;

/**
 * Checks a size before it is allocated, so that a network, a data set or a model file too large for this JVM
 * fails with a message that names the size and the fix instead of an {@link OutOfMemoryError}.
 *
 * <p>Two limits: a Java array holds at most {@link #MAX_ARRAY_LENGTH} elements, whatever the heap; and the
 * bytes requested must fit in the heap that is free now, {@code Runtime.maxMemory()} minus what is in use,
 * less a margin for everything else the program allocates meanwhile. Sizes are multiplied in {@code long}, so an
 * overflowing product is reported rather than wrapped to a negative length.
 */
public final class MemoryBudget {

    /** The longest array every JVM allocates (HotSpot refuses a few elements short of {@code Integer.MAX_VALUE}). */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    /** Kept free beyond a request: a twentieth of the heap, at least 16 MiB. */
    private static final double MARGIN_SHARE = 0.05;
    private static final long MIN_MARGIN = 16L << 20;
    private static final long GIB = 1L << 30;

    private MemoryBudget() {
    }

    /**
     * {@code rows × cols} as an array length.
     *
     * @param what names the array in the message, e.g. {@code "W[1]"}
     * @throws IllegalArgumentException when the product exceeds {@link #MAX_ARRAY_LENGTH} or a factor is negative
     */
    public static int arrayLength(long rows, long cols, String what) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(what + ": " + rows + "×" + cols + " is not a size");
        }
        if (rows != 0 && cols > MAX_ARRAY_LENGTH / rows) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: %,d×%,d = %s values, more than a "
                    + "Java array holds (%,d); use smaller sizes", what, rows, cols, product(rows, cols),
                    MAX_ARRAY_LENGTH));
        }
        return (int) (rows * cols);
    }

    /**
     * Checks that {@code bytes} more fit in the heap now, with the margin. When they seem not to, it collects
     * garbage once and looks again, so that unreachable objects do not cause a false refusal.
     *
     * @param what names what would be allocated, e.g. {@code "the parameters of 784-30-10"}
     * @throws MemoryLimitException naming the size, the free heap and the {@code -Xmx} that would do
     */
    public static void require(long bytes, String what) {
        if (bytes < 0) {
            throw new MemoryLimitException(what + " would need more than " + format(Long.MAX_VALUE)
                    + " (the size overflows)", bytes, free());
        }
        if (bytes <= free() - margin()) {
            return;
        }
        if (bytes <= Runtime.getRuntime().maxMemory() - margin()) {
            System.gc();                          // what looked used may be garbage: refuse only after collecting it
        }
        long free = free();
        if (bytes > free - margin()) {
            Runtime rt = Runtime.getRuntime();
            long used = rt.totalMemory() - rt.freeMemory();
            throw new MemoryLimitException(what + " needs " + format(bytes) + " but the Java heap has " + format(free)
                    + " free (of " + format(rt.maxMemory()) + "); give Java more memory, e.g. " + xmx(used + bytes)
                    + " (for the backprop command: BACKPROP_JAVA_OPTS=" + xmx(used + bytes) + "), or use smaller "
                    + "sizes", bytes, free);
        }
    }

    /** {@code count × bytesEach}, or −1 when it overflows a long (which {@link #require} reports). */
    public static long bytes(long count, long bytesEach) {
        try {
            return Math.multiplyExact(count, bytesEach);
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** The heap free for new objects now: the most the heap may grow to, less what is in use. */
    public static long free() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    private static long margin() {
        return Math.max(MIN_MARGIN, (long) (MARGIN_SHARE * Runtime.getRuntime().maxMemory()));
    }

    /** A heap flag that holds {@code bytes} with a quarter to spare, in whole GiB: e.g. {@code -Xmx8g}. */
    static String xmx(long bytes) {
        long gib = (long) Math.ceil(1.25 * bytes / GIB);
        return "-Xmx" + Math.max(1, gib) + "g";
    }

    /** e.g. {@code 3.2 GB (3,200,000,000 bytes)}. */
    public static String format(long bytes) {
        String unit;
        double v;
        if (bytes >= GIB) {
            v = (double) bytes / GIB;
            unit = "GiB";
        } else if (bytes >= 1L << 20) {
            v = (double) bytes / (1L << 20);
            unit = "MiB";
        } else {
            return String.format(Locale.ROOT, "%,d bytes", bytes);
        }
        return String.format(Locale.ROOT, "%.1f %s (%,d bytes)", v, unit, bytes);
    }

    private static String product(long a, long b) {
        return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b)).toString()
                .replaceAll("(\\d)(?=(\\d{3})+$)", "$1,");
    }
}
