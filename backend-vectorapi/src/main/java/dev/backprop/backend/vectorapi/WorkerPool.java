package dev.backprop.backend.vectorapi;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of worker threads, created once with the backend and stopped by {@link #close()}, that run the
 * parts of one split kernel call beside the calling thread. Nothing is allocated per call: the caller hands
 * over a reusable {@link Task}, wakes the workers it needs, runs part 0 itself and waits for the rest.
 *
 * <p>Waiting first spins for up to {@link #SPIN_NANOS} (a training step calls kernels back to back, and waking
 * a parked thread costs tens of microseconds), then parks, so idle workers cost no CPU on a shared machine.
 *
 * <p>Every call runs all {@link #threads()} parts (a task with less work leaves some parts empty), so no
 * worker can lag a call behind and see the next call's fields half-published. Parts never split further: they
 * call the single-threaded kernels, so there is no nested parallelism. One caller at a time, as for the
 * backend itself.
 */
final class WorkerPool implements AutoCloseable {

    /** One split call: {@code run(part)} for part = 0 … parts−1, each on its own thread. */
    interface Task {
        void run(int part);
    }

    /**
     * How long a waiting thread spins before it parks. Long enough to span the small serial kernels between two
     * split calls of one training step, so a worker is awake when the next product arrives (with a fixed 2¹¹
     * spins, about 40 µs, the worker of a 784-100-10 step was parked 80% of the time and every split call
     * waited for its wake-up); short enough that a worker idle between steps soon stops using a core.
     */
    private static final long SPIN_NANOS = 200_000;

    private final Thread[] workers;
    /** Whether each worker may be parked: the caller unparks only those (unpark costs a lock even when awake). */
    private final AtomicIntegerArray parked;
    private volatile Task task;
    /** Bumped for every call; a worker runs when it sees a generation it has not run yet. */
    private volatile long generation;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread caller;
    private volatile Throwable failure;
    private volatile boolean closed;

    /** A pool that, with the calling thread, runs up to {@code threads} parts at once. */
    WorkerPool(int threads, String name) {
        workers = new Thread[threads - 1];
        parked = new AtomicIntegerArray(workers.length);
        for (int i = 0; i < workers.length; i++) {
            int part = i + 1;
            Thread t = new Thread(() -> work(part), name + "-" + part);
            t.setDaemon(true);
            workers[i] = t;
        }
        for (Thread t : workers) {
            t.start();
        }
    }

    /** The most parts one call can run at once. */
    int threads() {
        return workers.length + 1;
    }

    /** Runs {@code task.run(0 … threads−1)}, part 0 on the calling thread; returns when all are done. */
    void invoke(Task task) {
        if (closed) {
            throw new IllegalStateException("the backend was closed; create a new one");
        }
        this.task = task;
        this.caller = Thread.currentThread();
        this.failure = null;
        pending.set(workers.length);
        generation++;                                          // volatile write: publishes the fields above
        for (int i = 0; i < workers.length; i++) {
            if (parked.get(i) != 0) {                          // read after the write: see work()
                LockSupport.unpark(workers[i]);
            }
        }
        Throwable own = null;
        try {
            task.run(0);
        } catch (Throwable e) {
            own = e;
        }
        long parkAt = System.nanoTime() + SPIN_NANOS;
        while (pending.get() != 0) {
            if (System.nanoTime() < parkAt) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        this.task = null;
        Throwable worker = failure;
        if (own != null || worker != null) {
            Throwable first = own != null ? own : worker;
            if (first instanceof RuntimeException) {
                throw (RuntimeException) first;
            }
            if (first instanceof Error) {
                throw (Error) first;
            }
            throw new IllegalStateException("a kernel part failed", first);
        }
    }

    private void work(int part) {
        long seen = 0;
        int slot = part - 1;
        while (true) {
            long parkAt = System.nanoTime() + SPIN_NANOS;
            while (generation == seen && !closed) {
                if (System.nanoTime() < parkAt) {
                    Thread.onSpinWait();
                    continue;
                }
                // Announce, then look again: the caller writes the generation before reading the flag, so either
                // this thread sees the new generation or the caller sees the flag and unparks it.
                parked.set(slot, 1);
                if (generation == seen && !closed) {
                    LockSupport.park(this);
                }
                parked.set(slot, 0);
            }
            if (closed) {
                return;
            }
            seen = generation;
            try {
                task.run(part);
            } catch (Throwable e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0) {
                LockSupport.unpark(caller);
            }
        }
    }

    /** Stops the workers; later calls fail. */
    @Override
    public void close() {
        closed = true;
        for (Thread t : workers) {
            LockSupport.unpark(t);
        }
        for (Thread t : workers) {
            try {
                t.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
