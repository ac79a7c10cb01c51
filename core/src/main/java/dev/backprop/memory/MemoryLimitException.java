package dev.backprop.memory;

/**
 * A size that does not fit in the memory this JVM has left: thrown by {@link MemoryBudget#require} before
 * allocating, instead of an {@link OutOfMemoryError}. The message names the size, the free heap and the
 * {@code -Xmx} flag that would do.
 */
public final class MemoryLimitException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final long requested;
    private final long free;

    /**
     * @param message   what was to be allocated, its size, the free heap and the fix
     * @param requested the bytes asked for, or −1 when the size overflowed
     * @param free      the heap free at the time
     */
    public MemoryLimitException(String message, long requested, long free) {
        super(message);
        this.requested = requested;
        this.free = free;
    }

    /** The bytes that were asked for (−1 when the size overflowed). */
    public long requested() {
        return requested;
    }

    /** The heap that was free when they were asked for. */
    public long free() {
        return free;
    }
}
