package dev.backprop.backend.vectorapi;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One GEMM call, split for the {@link WorkerPool}: a reusable holder of the call's arguments whose
 * {@link #run(int)} computes blocks of C with that thread's own kernel instance (its own packing buffers).
 * C is cut along the layout's U dimension in whole micro-kernel strips or, when U is too short, along V in
 * whole panels (see {@link #partsFor}), into chunks that the threads take in turn from a shared counter: on a
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
     * machine take fewer of them, but each re-packs the operand that is not split; so over-splitting is kept
     * for a split along V with X read in place ({@link DoubleGemm#DIRECT_MAX_PANELS}).
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
        boolean otherInPlace = splitV && xInPlace(threads, panels);
        chunks = Math.min(units, otherInPlace ? threads * CHUNKS_PER_THREAD : threads);
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
        for (int chunk = nextChunk.getAndIncrement(); chunk < chunks; chunk = nextChunk.getAndIncrement()) {
            int first = (int) ((long) units * chunk / chunks), last = (int) ((long) units * (chunk + 1) / chunks);
            if (splitV) {
                block(part, 0, layout.u, first * nr, Math.min(layout.v, last * nr));
            } else {
                block(part, first * mr, chunk == chunks - 1 ? layout.u : last * mr, 0, layout.v);
            }
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
