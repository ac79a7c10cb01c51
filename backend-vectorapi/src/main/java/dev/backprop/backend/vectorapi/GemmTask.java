package dev.backprop.backend.vectorapi;

/**
 * One GEMM call, split into parts for the {@link WorkerPool}: a reusable holder of the call's arguments
 * whose {@link #run(int)} computes one block of C with that thread's own kernel instance (its own packing
 * buffers). Splits run along the layout's V dimension in whole panels or along U in whole micro-kernel
 * strips, whichever is larger (see {@link #partsFor}).
 */
final class GemmTask implements WorkerPool.Task {

    /** Below this many multiply-adds (m·n·k) a call stays on one thread: waking a worker costs more. */
    static final long PARALLEL_MIN_WORK = Long.getLong("backprop.vectorapi.gemmParallelMin", 1L << 20);

    private final DoubleGemm[] doubles;
    private final FloatGemm[] floats;
    final GemmLayout layout = new GemmLayout();

    private double[] dx, dy, dc;
    private float[] fx, fy, fc;
    private double alpha, beta;
    private boolean splitV;
    private int parts, nr, mr;

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
                pool.invoke(this);
            }
        } finally {
            dx = dy = dc = null;                               // do not keep the caller's arrays alive
            fx = fy = fc = null;
        }
    }

    /**
     * How many parts the layout can be split into, and along which dimension. Each part packs its own share of
     * the split operand and all of the other, so splitting the larger of X (U·K) and Y (V·K) packs least;
     * a dimension qualifies when it gives every part at least one whole strip or panel.
     */
    private int partsFor(int threads) {
        int panels = (layout.v + nr - 1) / nr;
        int strips = layout.u / mr;
        boolean canV = panels >= threads, canU = strips >= threads;
        if (!canV && !canU) {
            return 1;
        }
        splitV = canV && (!canU || layout.v >= layout.u);
        return threads;
    }

    @Override
    public void run(int part) {
        if (part >= parts) {
            return;
        }
        if (splitV) {
            int panels = (layout.v + nr - 1) / nr;
            int v0 = Math.min(layout.v, panels * part / parts * nr);
            int v1 = Math.min(layout.v, panels * (part + 1) / parts * nr);
            block(part, 0, layout.u, v0, v1);
        } else {
            int strips = layout.u / mr;
            int u0 = strips * part / parts * mr;
            int u1 = part == parts - 1 ? layout.u : strips * (part + 1) / parts * mr;
            block(part, u0, u1, 0, layout.v);
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
