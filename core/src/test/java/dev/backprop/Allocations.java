package dev.backprop;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates on the heap, from HotSpot's per-thread counter. */
public final class Allocations {

    private Allocations() {
    }

    /** Heap bytes {@code work} allocated on this thread, less what reading the counter itself costs. */
    public static long of(Runnable work) {
        long overhead = counter() - counter();
        overhead = -overhead;
        long before = counter();
        work.run();
        long after = counter();
        return Math.max(0, after - before - overhead);
    }

    private static long counter() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
