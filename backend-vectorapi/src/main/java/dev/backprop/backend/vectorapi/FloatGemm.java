package dev.backprop.backend.vectorapi;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The f32 GEMM kernel: {@code C ← α·X·Y + β·C} over one block of a {@link GemmLayout}, in the BLIS loop
 * structure. For each block of K ({@link #KC} deep) a slab of Y is packed into panels {@link #NR} wide
 * (zero-padded at the edge, so the micro-kernel never needs a vector tail); each panel then meets every
 * {@link #MR}-row strip of X in a register-blocked micro-kernel: per step of K, two vector loads of Y, MR
 * broadcasts of X and 2·MR fused multiply-adds into 2·MR accumulators (12 + 2 + 1 of AVX2's 16 registers).
 *
 * <p>X is read in place when it is small or reused little (the MLP's shapes: packing it would cost as much
 * as the product); it is packed into contiguous strips when many panels of Y will sweep it.
 *
 * <p>One instance per thread: it owns the packing buffers, which grow to the largest problem seen and are
 * then reused, so steady-state calls allocate nothing.
 */
final class FloatGemm {

    private static final VectorSpecies<Float> S = Lanes.F32;
    private static final int L = S.length();
    /** Panel width: two vectors. */
    static final int NR = 2 * L;
    /** Rows per micro-kernel call. */
    static final int MR = 6;
    /** Depth of a K block: a Y panel (KC·NR·4 bytes) and an X strip stay in L1 across the micro-kernel. */
    private static final int KC = 256;
    /** Rows of X per block: a packed X block (MC·KC·4 bytes) stays in L2 while the Y panels sweep it. */
    private static final int MC = 72;
    /** Columns of Y per packed slab (KC·NC·4 bytes, in L2/L3). */
    private static final int NC = 1024;
    /** X is packed when at least this many Y panels will sweep one X block. */
    private static final int PACK_X_MIN_PANELS = Integer.getInteger("backprop.vectorapi.packXPanels", 8);

    private float[] yPack = new float[0];
    private float[] xPack = new float[0];
    /** The micro-kernel's result, MR rows of NR, on its way to C. */
    private final float[] tile = new float[MR * NR];

    /**
     * {@code C[u][v] ← α·Σ_p X[u][p]·Y[p][v] + β·C[u][v]} for u in [u0, u1), v in [v0, v1), in the layout's
     * coordinates. With β = 0, C is not read.
     */
    void multiply(GemmLayout g, float alpha, float[] x, float[] y, float beta, float[] c,
                  int u0, int u1, int v0, int v1) {
        int kBlocks = (g.k + KC - 1) / KC;
        int kc = (g.k + kBlocks - 1) / kBlocks;                 // equal K blocks: no thin last block
        for (int vc = v0; vc < v1; vc += NC) {
            int nv = Math.min(NC, v1 - vc);
            int panels = (nv + NR - 1) / NR;
            for (int pc = 0; pc < g.k; pc += kc) {
                int kb = Math.min(kc, g.k - pc);
                float betaBlock = pc == 0 ? beta : 1f;        // later K blocks accumulate onto the first
                packY(g, y, pc, kb, vc, nv);
                boolean packX = panels >= PACK_X_MIN_PANELS;
                for (int uc = u0; uc < u1; uc += MC) {
                    int mu = Math.min(MC, u1 - uc);
                    if (packX) {
                        packX(g, x, uc, mu, pc, kb);
                    }
                    for (int q = 0; q < panels; q++) {
                        int cols = Math.min(NR, nv - q * NR);
                        int ci = uc * g.csU + (vc + q * NR) * g.csV;
                        if (packX) {
                            strips(g, kb, xPack, 0, 1, true, q * kb * NR, c, ci, cols, mu, alpha, betaBlock);
                        } else {
                            strips(g, kb, x, uc * g.xsU + pc * g.xsP, g.xsU, false, q * kb * NR, c, ci, cols, mu,
                                    alpha, betaBlock);
                        }
                    }
                }
            }
        }
    }

    /**
     * Runs the micro-kernels down {@code mu} rows of X against one Y panel: strips of MR, then 4, 2, 1 for
     * the rest. Packed X holds MR-row strips {@code [p][MR]} and a last strip of the leftover rows.
     */
    private void strips(GemmLayout g, int kb, float[] x, int xi, int xsU, boolean packed, int yi, float[] c,
                        int ci, int cols, int mu, float alpha, float beta) {
        int full = mu - mu % MR;
        int sU = packed ? 1 : xsU, sP = packed ? MR : g.xsP;
        int r = 0;
        for (; r < full; r += MR) {
            int xr = packed ? r * kb : xi + r * sU;
            kernel6(kb, x, xr, sU, sP, yPack, yi, c, ci + r * g.csU, g.csU, g.csV, cols, alpha, beta);
        }
        int left = mu - full;
        if (left == 0) {
            return;
        }
        if (packed) {
            sP = left;                                          // the leftover strip is [p][left]
        }
        int base = packed ? full * kb : xi + full * sU;
        int done = 0;
        if (left - done >= 4) {
            kernel4(kb, x, base + done * sU, sU, sP, yPack, yi, c, ci + (full + done) * g.csU, g.csU, g.csV, cols,
                    alpha, beta);
            done += 4;
        }
        if (left - done >= 2) {
            kernel2(kb, x, base + done * sU, sU, sP, yPack, yi, c, ci + (full + done) * g.csU, g.csU, g.csV, cols,
                    alpha, beta);
            done += 2;
        }
        if (left - done == 1) {
            kernel1(kb, x, base + done * sU, sP, yPack, yi, c, ci + (full + done) * g.csU, g.csV, cols, alpha, beta);
        }
    }

    /** Packs Y[pc .. pc+kb)[vc .. vc+nv) into panels {@code [q][p][NR]}, zero-padding the last panel. */
    private void packY(GemmLayout g, float[] y, int pc, int kb, int vc, int nv) {
        int panels = (nv + NR - 1) / NR;
        int need = panels * kb * NR;
        if (yPack.length < need) {
            yPack = new float[need];
        }
        float[] dst = yPack;
        int ysV = g.ysV, ysP = g.ysP;
        for (int q = 0; q < panels; q++) {
            int v = vc + q * NR;
            int cols = Math.min(NR, nv - q * NR);
            int base = q * kb * NR;
            if (ysV == 1 && cols == NR) {                      // rows of Y are contiguous: copy vectors
                for (int p = 0; p < kb; p++) {
                    int src = v + (pc + p) * ysP;
                    FloatVector.fromArray(S, y, src).intoArray(dst, base + p * NR);
                    FloatVector.fromArray(S, y, src + L).intoArray(dst, base + p * NR + L);
                }
            } else if (ysP == 1) {                              // Y is stored transposed: read along p
                for (int t = 0; t < NR; t++) {
                    if (t < cols) {
                        int src = (v + t) * ysV + pc;
                        for (int p = 0; p < kb; p++) {
                            dst[base + p * NR + t] = y[src + p];
                        }
                    } else {
                        for (int p = 0; p < kb; p++) {
                            dst[base + p * NR + t] = 0;
                        }
                    }
                }
            } else {
                for (int p = 0; p < kb; p++) {
                    int src = v * ysV + (pc + p) * ysP;
                    for (int t = 0; t < NR; t++) {
                        dst[base + p * NR + t] = t < cols ? y[src + t * ysV] : 0;
                    }
                }
            }
        }
    }

    /** Packs X[uc .. uc+mu)[pc .. pc+kb) into MR-row strips {@code [p][MR]} and a leftover strip {@code [p][rest]}. */
    private void packX(GemmLayout g, float[] x, int uc, int mu, int pc, int kb) {
        int need = mu * kb;
        if (xPack.length < need) {
            xPack = new float[need];
        }
        float[] dst = xPack;
        int xsU = g.xsU, xsP = g.xsP;
        for (int r0 = 0; r0 < mu; r0 += MR) {
            int rows = Math.min(MR, mu - r0);
            int base = r0 * kb;
            for (int r = 0; r < rows; r++) {
                int src = (uc + r0 + r) * xsU + pc * xsP;
                for (int p = 0; p < kb; p++) {
                    dst[base + p * rows + r] = x[src + p * xsP];
                }
            }
        }
    }

    // ---------------------------------------------------------------- micro-kernels: rows × (2 vectors)

    private void kernel6(int kb, float[] x, int xi, int sU, int sP, float[] y, int yi, float[] c, int ci,
                         int csU, int csV, int cols, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int x1 = xi + sU, x2 = x1 + sU, x3 = x2 + sU, x4 = x3 + sU, x5 = x4 + sU;
        for (int p = 0, o = 0; p < kb; p++, o += sP, yi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, y, yi);
            FloatVector b1 = FloatVector.fromArray(S, y, yi + L);
            FloatVector a = FloatVector.broadcast(S, x[xi + o]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, x[x1 + o]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, x[x2 + o]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, x[x3 + o]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, x[x4 + o]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, x[x5 + o]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        flush(6, c, ci, csU, csV, cols, alpha, beta);
    }

    private void kernel4(int kb, float[] x, int xi, int sU, int sP, float[] y, int yi, float[] c, int ci,
                         int csU, int csV, int cols, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        FloatVector c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        int x1 = xi + sU, x2 = x1 + sU, x3 = x2 + sU;
        for (int p = 0, o = 0; p < kb; p++, o += sP, yi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, y, yi);
            FloatVector b1 = FloatVector.fromArray(S, y, yi + L);
            FloatVector a = FloatVector.broadcast(S, x[xi + o]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, x[x1 + o]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, x[x2 + o]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, x[x3 + o]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        flush(4, c, ci, csU, csV, cols, alpha, beta);
    }

    private void kernel2(int kb, float[] x, int xi, int sU, int sP, float[] y, int yi, float[] c, int ci,
                         int csU, int csV, int cols, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00;
        int x1 = xi + sU;
        for (int p = 0, o = 0; p < kb; p++, o += sP, yi += NR) {
            FloatVector b0 = FloatVector.fromArray(S, y, yi);
            FloatVector b1 = FloatVector.fromArray(S, y, yi + L);
            FloatVector a = FloatVector.broadcast(S, x[xi + o]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, x[x1 + o]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        flush(2, c, ci, csU, csV, cols, alpha, beta);
    }

    private void kernel1(int kb, float[] x, int xi, int sP, float[] y, int yi, float[] c, int ci,
                         int csV, int cols, float alpha, float beta) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00;
        for (int p = 0, o = 0; p < kb; p++, o += sP, yi += NR) {
            FloatVector a = FloatVector.broadcast(S, x[xi + o]);
            c00 = a.fma(FloatVector.fromArray(S, y, yi), c00);
            c01 = a.fma(FloatVector.fromArray(S, y, yi + L), c01);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        flush(1, c, ci, 0, csV, cols, alpha, beta);
    }

    /**
     * Writes the tile's first {@code rows} rows (NR elements each, the first {@code cols} real) to C:
     * {@code C ← α·tile + β·C}, not reading C when β = 0. Contiguous full rows use vector stores; a padded
     * or strided row (the transposed orientation) is written element by element.
     *
     * <p>The micro-kernels end by storing their accumulators into {@link #tile} and calling this, rather than
     * scaling and storing each accumulator pair themselves: with that code inlined into every kernel, C2's
     * inlining budget ran out before the last fused multiply-adds of the loop were intrinsified, and those fell
     * back to allocating Java objects (measured: 400 MB per 512² product).
     */
    private void flush(int rows, float[] c, int ci, int csU, int csV, int cols, float alpha, float beta) {
        float[] t = tile;
        for (int r = 0; r < rows; r++, ci += csU) {
            int ti = r * NR;
            if (csV == 1 && cols == NR) {
                FloatVector t0 = FloatVector.fromArray(S, t, ti).mul(alpha);
                FloatVector t1 = FloatVector.fromArray(S, t, ti + L).mul(alpha);
                if (beta != 0) {
                    t0 = FloatVector.fromArray(S, c, ci).mul(beta).add(t0);
                    t1 = FloatVector.fromArray(S, c, ci + L).mul(beta).add(t1);
                }
                t0.intoArray(c, ci);
                t1.intoArray(c, ci + L);
            } else {
                for (int v = 0, idx = ci; v < cols; v++, idx += csV) {
                    c[idx] = beta == 0 ? alpha * t[ti + v] : alpha * t[ti + v] + beta * c[idx];
                }
            }
        }
    }
}
