package dev.backprop.backend.vectorapi;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One GEMM call, split for the {@link WorkerPool}: a reusable holder of the call's arguments whose
 * {@link #run(int)} computes blocks of C with that thread's own kernel instance (its own packing buffers).
 * C is cut along the layout's U dimension in whole micro-kernel strips or, when U is too short, along V in
 * whole panels (see {@link #partsFor}), into chunks that the threads claim from a shared counter: on a
 * machine whose other cores are busy with other work, a thread that gets less CPU simply takes fewer chunks.
 */
final class GemmTask implements WorkerPool.Task {

    /** Below this many multiply-adds (m·n·k) a call stays on one thread: waking a worker costs more. */
    static final long PARALLEL_MIN_WORK = 1L << 20;
    /** Chunks per thread: enough to rebalance around a busy core, few enough that re-packing X stays cheap. */
    private static final int CHUNKS_PER_THREAD = 4;

    private final DoubleGemm[] doubles;
    private final FloatGemm[] floats;
    final GemmLayout layout = new GemmLayout();

    private double[] dx, dy, dc;
    private float[] fx, fy, fc;
    private double alpha, beta;
    private boolean splitV;
    /** Split along U with Y packed whole by each thread, so the rows can be cut into more chunks than threads. */
    private boolean wholeY;
    private int parts, chunks, units, nr, mr;
    private final AtomicInteger nextChunk = new AtomicInteger();

    GemmTask(int threads) {
        doubles = new DoubleGemm[threads];
        floats = new FloatGemm[threads];
        for (int t = 0; t < threads; t++) {
            doubles[t] = new DoubleGemm();
            floats[t] = new FloatGemm();
        }
    }

    /** {@code C ← α·op(A)·op(B) + β·C} in f64 on up to {@code pool}'s threads (pool may be null: one thread). */
    void gemm(WorkerPool pool, boolean transA, boolean transB, double alpha, double[] a, int m, int k, int lda,
              double[] b, int n, int ldb, double beta, double[] c) {
        GemmLayout g = layout.set(transA, transB, m, n, k, lda, ldb, DoubleGemm.NR, DoubleGemm.MR,
                Lanes.F64.length());
        dx = g.transposed ? b : a;
        dy = g.transposed ? a : b;
        dc = c;
        fx = fy = fc = null;
        start(pool, alpha, beta, (long) m * n * k, DoubleGemm.NR, DoubleGemm.MR);
    }

    /** {@code C ← α·op(A)·op(B) + β·C} in f32. */
    void gemm(WorkerPool pool, boolean transA, boolean transB, double alpha, float[] a, int m, int k, int lda,
              float[] b, int n, int ldb, double beta, float[] c) {
        GemmLayout g = layout.set(transA, transB, m, n, k, lda, ldb, FloatGemm.NR, FloatGemm.MR,
                Lanes.F32.length());
        fx = g.transposed ? b : a;
        fy = g.transposed ? a : b;
        fc = c;
        dx = dy = dc = null;
        start(pool, alpha, beta, (long) m * n * k, FloatGemm.NR, FloatGemm.MR);
    }

    private void start(WorkerPool pool, double alpha, double beta, long work, int nr, int mr) {
        this.alpha = alpha;
        this.beta = beta;
        this.nr = nr;
        this.mr = mr;
        parts = pool == null || work < PARALLEL_MIN_WORK ? 1 : partsFor(pool.threads());
        try {
            if (parts == 1) {
                block(0, 0, layout.u, 0, layout.v);
            } else {
                nextChunk.set(0);
                pool.invoke(this);
            }
        } finally {
            dx = dy = dc = null;                               // do not keep the caller's arrays alive
            fx = fy = fc = null;
        }
    }

    /**
     * How many parts the layout can be split into, and along which dimension and in how many chunks. U (rows of
     * C and of X) is preferred whenever it gives every part at least one whole strip: a training step's large
     * products then give each thread the same rows of a weight matrix in the forward product W·A (W is X) and
     * in BP4's update of W by Δ·Aᵀ (W is C), so each half of W stays in its own core's cache. Split along V
     * instead, both threads read all of W in the forward product and the update then had to take every line
     * of W back from the other core: the 784-100-10 step at 2 threads ran 1.16× (f64) and 1.10× (f32) faster
     * split along U, although W·A alone, which then packs all of Y on each thread, is faster split along V.
     * Nor do the threads share one packing of Y, each packing half its panels: W·A 100×784×64 and Δ·Aᵀ at
     * 2 threads then ran 0.63–0.75× as fast (JDK 25, Zen 5, 4 alternating rounds), because the packed halves
     * crossed between the cores on every call, which cost more than packing all of Y in each core's own cache.
     * V is used when U is too short. More chunks than threads let a thread that gets less CPU on a busy
     * machine take fewer of them. A chunk along V re-packs X unless X is read in place ({@link
     * DoubleGemm#DIRECT_MAX_PANELS}); along U each thread packs Y once, whole, when it fits ({@link
     * DoubleGemm#packsWholeY}), and computes all its runs of strips from that copy (see {@link
     * #rowsFromBothEnds}). Otherwise there is one chunk per thread.
     */
    private int partsFor(int threads) {
        int panels = (layout.v + nr - 1) / nr;
        int strips = (layout.u + mr - 1) / mr;
        boolean canV = panels >= threads, canU = strips >= threads;
        if (!canV && !canU) {
            return 1;
        }
        splitV = !canU;
        units = splitV ? panels : strips;
        wholeY = !splitV && (dc != null ? DoubleGemm.packsWholeY(layout) : FloatGemm.packsWholeY(layout));
        boolean otherInPlace = splitV && xInPlace(threads, panels);
        chunks = wholeY ? units : Math.min(units, otherInPlace ? threads * CHUNKS_PER_THREAD : threads);
        return threads;
    }

    /** Whether X is read in place when {@code panels} Y panels are cut into {@code chunks} chunks. */
    private boolean xInPlace(int chunks, int panels) {
        return layout.xsP == 1 && (panels + chunks - 1) / chunks <= directMaxPanels();
    }

    private int directMaxPanels() {
        return dc != null ? DoubleGemm.DIRECT_MAX_PANELS : FloatGemm.DIRECT_MAX_PANELS;
    }

    @Override
    public void run(int part) {
        if (wholeY) {
            rowsFromBothEnds(part);
            return;
        }
        for (int chunk = nextChunk.getAndIncrement(); chunk < chunks; chunk = nextChunk.getAndIncrement()) {
            int first = (int) ((long) units * chunk / chunks), last = (int) ((long) units * (chunk + 1) / chunks);
            if (splitV) {
                block(part, 0, layout.u, first * nr, Math.min(layout.v, last * nr));
            } else {
                block(part, first * mr, chunk == chunks - 1 ? layout.u : last * mr, 0, layout.v);
            }
        }
    }

    /**
     * The rows when each thread packs Y whole: a thread packs Y at its first claim, then claims runs of whole
     * strips until all are taken. A run is a quarter (with two threads; 1/(2·threads) in general) of the strips
     * still unclaimed, at least one: each Y panel, read from L2, then serves every strip of the run from L1
     * (one strip per claim read all of Y from L2 for each strip; runs made the 784-100-10 step at 2 threads
     * 1.06–1.08× faster in f64 on JDK 17 and 25, 1.06× in f32 on JDK 17, and no slower elsewhere), while the
     * last runs are single strips so both threads still finish together. With two threads, part 0 takes its
     * runs from the first row down and part 1 from the last row up, so each thread computes nearly the same
     * rows call after call (the forward product reads those rows of W, BP4's update writes them) and they stay
     * in its core's cache; only where the two meet moves. That is the point of claiming at all: when both
     * cores are busy one of them can run 25–40% slower than the other (two 1-thread processes pinned one to
     * each vCPU of the Zen 5 machine measured; the worker's half of the 784-100-10 step's products took
     * 1.3–1.4× as long as the caller's), and a fixed half each left the faster core waiting. With more threads
     * the runs are taken in order. Which thread computes a row never changes its bits: every tile sees the same
     * K blocks in the same order.
     */
    private void rowsFromBothEnds(int part) {
        int strips = chunks;
        boolean packed = false;
        for (int own = 0; ; ) {
            int size = Math.max(1, (strips - nextChunk.get()) / (2 * parts));   // a stale read only resizes the run
            int claim = nextChunk.getAndAdd(size);
            if (claim >= strips) {
                return;
            }
            size = Math.min(size, strips - claim);
            // at most `strips` strips are claimed in all, so the two ends never take the same strip
            int first = parts != 2 ? claim : part == 0 ? own : strips - own - size;
            own += size;
            if (!packed) {
                packWholeY(part);
                packed = true;
            }
            int u0 = first * mr, u1 = Math.min(layout.u, (first + size) * mr);
            if (dc != null) {
                doubles[part].multiplyRows(layout, alpha, dx, beta, dc, u0, u1);
            } else {
                floats[part].multiplyRows(layout, (float) alpha, fx, (float) beta, fc, u0, u1);
            }
        }
    }

    private void packWholeY(int part) {
        if (dc != null) {
            doubles[part].packWholeY(layout, dy);
        } else {
            floats[part].packWholeY(layout, fy);
        }
    }

    private void block(int part, int u0, int u1, int v0, int v1) {
        if (u0 >= u1 || v0 >= v1) {
            return;
        }
        if (dc != null) {
            doubles[part].multiply(layout, alpha, dx, dy, beta, dc, u0, u1, v0, v1);
        } else {
            floats[part].multiply(layout, (float) alpha, fx, fy, (float) beta, fc, u0, u1, v0, v1);
        }
    }
}
