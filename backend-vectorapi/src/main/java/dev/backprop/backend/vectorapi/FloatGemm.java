package dev.backprop.backend.vectorapi;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The f32 GEMM kernel: {@code C ← α·X·Y + β·C} over one block of a {@link GemmLayout}, in the BLIS loop
 * structure. For each block of K ({@link #KC} deep) a slab of Y is packed into panels {@link #NR} wide
 * (zero-padded at the edge, so the micro-kernel never needs a vector tail); each panel then meets every
 * {@link #MR}-row strip of X in a register-blocked micro-kernel: per step of K, two vector loads of Y, MR
 * broadcasts of X and 2·MR fused multiply-adds into 2·MR accumulators.
 *
 * <p>X is packed too, into MR-row strips (the last zero-padded), unless at most {@link #DIRECT_MAX_PANELS} Y
 * panels will reuse it and either its rows are contiguous (the MLP's W·A at batch 10) or a strip's elements
 * of one step of K are (X = Wᵀ, the MLP's Wᵀ·Δ): then packing would cost about as much as the product, and
 * the strips are read in place.
 *
 * <p>One instance per thread: it owns the packing buffers, which grow to the largest problem seen and are
 * then reused, so steady-state calls allocate nothing.
 */
final class FloatGemm {

    private static final VectorSpecies<Float> S = Lanes.F32;
    private static final int L = S.length();
    /** Integer lanes of S's shape, for {@link #kernel}'s broadcasts of X's bit patterns (see {@link #xPack}). */
    private static final VectorSpecies<Integer> BITS = S.withLanes(int.class);
    /**
     * Whether Y stored transposed is packed by {@link #transposeBlock} rather than element by element: only with
     * 16 lanes (f32 on AVX-512) and on JDK 25 or later. The element by element pack took about a tenth of the
     * 784-100-10 step at batch 64 (measured by skipping it). With the block transpose, Δ·Aᵀ 100×64×784 alone at
     * one thread ran 1.09× faster with 16 lanes but 0.85× as fast with 8 (the other precision, three stages),
     * and the f32 step 1.03× (one thread) and 1.05× (two) faster on JDK 25 but 0.95× and 0.87× on JDK 17,
     * whose C2 compiles the lane shuffles less well (JMH, Zen 5, three alternating rounds each).
     */
    private static final boolean TRANSPOSE_IN_BLOCKS = L == 16 && Runtime.version().feature() >= 25;
    /**
     * Lane shuffles (lane j ← lane j XOR h) and masks (the lanes with bit h) of {@link #transposeBlock}'s stages;
     * constants, which C2 needs to compile a shuffle to one instruction. Null where h is not below L (then
     * {@link #transposeBlock} is never called).
     */
    private static final VectorShuffle<Float> SWAP_1 = laneSwap(1), SWAP_2 = laneSwap(2), SWAP_4 = laneSwap(4),
            SWAP_8 = laneSwap(8);
    private static final VectorMask<Float> HAS_1 = lanesWithBit(1), HAS_2 = lanesWithBit(2), HAS_4 = lanesWithBit(4),
            HAS_8 = lanesWithBit(8);
    /** Panel width: two vectors. */
    static final int NR = 2 * L;
    /**
     * Rows per micro-kernel call: six where the CPU has AVX-512's 32 vector registers, five where it has AVX2's
     * 16. A strip of MR rows needs 2·MR accumulators + 2 Y vectors, plus the broadcasts of X that C2 may schedule
     * ahead of their multiply-adds (sometimes all MR at once): 13–17 registers with five rows, 20 with six. Past
     * 16, C2 spills an accumulator to the stack, and its store-to-load round trip sits in the loop's critical
     * path. Ten accumulators cover an FMA latency of 5 cycles on two pipes (Zen 2); the four rows used before
     * had eight, which capped the kernel at 80% of peak there.
     *
     * <p>Five rows against four, on a Zen 2 EPYC (AVX2), one thread, JMH, 3–4 alternating rounds each:
     * <ul>
     * <li>8-byte elements, JDK 25: Δ·Aᵀ 100×64×784 1.22×, 512³ 1.20×, W·A 100×784×64 (X in place)
     *     1.13×, the 784-100-10 step at batch 64 1.09–1.20×. A stand-alone kernel with a K block in L1:
     *     48 GFLOP/s against 37–39.</li>
     * <li>JDK 17: Δ·Aᵀ 1.09×, 512³ 1.09×, W·A 1.13×, step 1.09× (8-byte); 1.03–1.06× and step 1.04×
     *     (4-byte). The step at two threads: 1.11× and 1.07×.</li>
     * <li>4-byte elements, JDK 25, where five rows spilled until {@link #xPack} held bit patterns: Δ·Aᵀ and 512³
     *     1.19×, W·A 100×784×64 and 1024×784×64 1.10–1.11×.</li>
     * </ul>
     * The six-row kernel spilled on AVX2 in three of the four (JDK, layout) pairs and ran at 19–20 GFLOP/s.
     */
    static final int MR = Lanes.PREFERRED_BITS >= 512 ? 6 : 5;
    /**
     * Elements per step of K in a packed X strip: eight, whether MR is five or six, so the index p·XS is a
     * shift, whose bounds checks JDK 17's C2 hoists out of the loop. With p·5 or p·6 it kept two compares and
     * branches per step in the loop and recomputed the index from three shifted copies of p (read in C2's
     * code for the six-row 4-byte kernel). Six rows laid out eight apart, against six apart, on JDK 17 (JMH,
     * an AVX-512 Intel Xeon, one thread, medians of four alternating rounds): Δ·Aᵀ 100×64×784 1.15× (4-byte)
     * and 1.17× (8-byte), 512³ 1.28× and 1.54×, the 784-100-10 step at batch 64 1.13× and 1.09× (geometric
     * means of six rounds); on JDK 25, which hoists the checks either way, the GEMMs 0.98–1.06× (three rounds). The
     * strip's unused slots cost only memory: a packed X block is a third larger.
     */
    private static final int XS = 8;
    /** Depth of a K block: a Y panel (KC·NR·4 bytes) and an X strip stay in L1 across the micro-kernel. */
    private static final int KC = 256;
    /**
     * Rows of X per block, whole strips: a packed X block (MC/MR·XS·KC·4 bytes) stays in L2 while the Y panels
     * sweep it.
     */
    private static final int MC = 72 - 72 % MR;
    /** Columns of Y per packed slab (KC·NC·4 bytes, in L2/L3). */
    private static final int NC = 1024;

    /**
     * Up to this many Y panels, X is read in place when its rows or its columns are contiguous: with so little
     * reuse, packing X cost about as much as the product (W·A at batch 10 ran 35% faster in f32 without it;
     * 4 rather than 2 panels made W·A at batch 64 1.2× faster on AVX-512, where a panel is two vectors wide).
     * Eight on AVX2 from JDK 25 (JMH, Zen 2, one thread, three or four alternating rounds): reading W in place
     * made W·A 100×784×64 and 1024×784×64 with 8-byte elements (eight panels) 1.10–1.12× faster and that
     * 784-100-10 step 1.04×, and W·A 100×784×96 and ×128 with 4-byte elements (six and eight panels)
     * 1.11–1.20×. JDK 17's C2 spills loop invariants of {@link #kernelRows} to the stack, and there the 8-byte
     * step was 0.98× as fast, so it keeps four.
     */
    static final int DIRECT_MAX_PANELS = Lanes.PREFERRED_BITS < 512 && Runtime.version().feature() >= 25 ? 8 : 4;
    /**
     * The most elements of Y that {@link #packWholeY} packs, at most half the 1 MB L2 of the cores measured.
     * W·A and Δ·Aᵀ of the 784-100-10 step at batch 64 take 50,176.
     */
    static final int WHOLE_Y_MAX = 64 * 1024;

    private float[] yPack = new float[0];
    /**
     * The packed X strips, as the elements' bit patterns: {@link #kernel} broadcasts them as integer lanes and
     * reinterprets those as floating point, the same bits. C2 places integer broadcasts among their
     * multiply-adds rather than all ahead of them, so five rows fit in 16 registers where the floating-point
     * broadcast of 4-byte elements on JDK 25 spilled an accumulator. Stand-alone (Zen 2, one strip, a K block in
     * L1) that five-row kernel ran at 96 GFLOP/s against 76 for four rows; in the GEMMs, see {@link #MR}. With
     * 8-byte elements, and on JDK 17, where neither form spilled, the GEMMs ran within ±5% of the floating-point
     * form (four GEMMs, three alternating rounds).
     */
    private int[] xPack = new int[0];
    /** {@link #transposeBlock}'s L×L block between its two passes. */
    private final float[] block = new float[L * L];
    /**
     * Elements of padding on each side of {@link #tile}: 128 bytes, two cache lines (the adjacent-line
     * prefetcher pairs them). Each thread's instance writes its tile after every micro-kernel call; the two
     * instances' tiles, allocated one after the other, could share a line, which then crossed between the
     * cores on every tile store. The 784-100-10 step at two threads was bimodal per JVM: forks ran at about
     * one thread's speed or at 1.5× it, and JFR put 14% of the calling thread's samples on the tile stores in
     * a slow fork against 4% in a fast one (JDK 25, f32, Zen 2). Padded, every fork of 18 ran fast.
     */
    private static final int TILE_PAD = 128 / (S.elementSize() / 8);
    /** The micro-kernel's result, MR rows of NR from {@link #TILE_PAD} on, on its way to C. */
    private final float[] tile = new float[TILE_PAD + MR * NR + TILE_PAD];

    /**
     * {@code C[u][v] ← α·Σ_p X[u][p]·Y[p][v] + β·C[u][v]} for u in [u0, u1), v in [v0, v1), in the layout's
     * coordinates. With β = 0, C is not read.
     */
    void multiply(GemmLayout g, float alpha, float[] x, float[] y, float beta, float[] c,
                  int u0, int u1, int v0, int v1) {
        int kc = kBlockDepth(g.k);
        for (int vc = v0; vc < v1; vc += NC) {
            int nv = Math.min(NC, v1 - vc);
            for (int pc = 0; pc < g.k; pc += kc) {
                int kb = Math.min(kc, g.k - pc);
                float betaBlock = pc == 0 ? beta : 1f;        // later K blocks accumulate onto the first
                packY(g, y, pc, kb, vc, nv, 0);
                sweepRows(g, alpha, x, betaBlock, c, u0, u1, vc, nv, pc, kb, 0);
            }
        }
    }

    /**
     * Whether {@link #packWholeY} may pack all of this layout's Y at once: it spans one slab of V and takes at
     * most {@link #WHOLE_Y_MAX} elements, so the packed copy stays in a core's L2 while rows sweep it.
     */
    static boolean packsWholeY(GemmLayout g) {
        return g.v <= NC && (long) g.k * GemmLayout.roundUp(g.v, NR) <= WHOLE_Y_MAX;
    }

    /**
     * Packs every K block of Y (all of V) one after another, for {@link #multiplyRows}: a thread that packs Y
     * once can then take any rows of C, in any number of pieces, and compute them all from this copy.
     */
    void packWholeY(GemmLayout g, float[] y) {
        int need = wholeYOffset(g, g.k);
        if (yPack.length < need) {
            yPack = new float[need];
        }
        int kc = kBlockDepth(g.k);
        for (int pc = 0; pc < g.k; pc += kc) {
            packY(g, y, pc, Math.min(kc, g.k - pc), 0, g.v, wholeYOffset(g, pc));
        }
    }

    /**
     * Rows [u0, u1) of C, all of V, from the Y that {@link #packWholeY} packed: the same tiles, in the same order
     * of K blocks, as {@link #multiply} computes, so the result does not depend on how the rows were divided.
     */
    void multiplyRows(GemmLayout g, float alpha, float[] x, float beta, float[] c, int u0, int u1) {
        int kc = kBlockDepth(g.k);
        for (int pc = 0; pc < g.k; pc += kc) {
            float betaBlock = pc == 0 ? beta : 1f;
            sweepRows(g, alpha, x, betaBlock, c, u0, u1, 0, g.v, pc, Math.min(kc, g.k - pc), wholeYOffset(g, pc));
        }
    }

    /** Equal K blocks of at most {@link #KC}: no thin last block. */
    private static int kBlockDepth(int k) {
        int kBlocks = (k + KC - 1) / KC;
        return (k + kBlocks - 1) / kBlocks;
    }

    /** Where the K block starting at pc begins in a whole packed Y: blocks of all V's panels, one after another. */
    private static int wholeYOffset(GemmLayout g, int pc) {
        return pc * GemmLayout.roundUp(g.v, NR);
    }

    /** Rows [u0, u1) of X, in blocks of MC, against the packed Y slab at yBase (nv columns from vc, K block pc). */
    private void sweepRows(GemmLayout g, float alpha, float[] x, float beta, float[] c, int u0, int u1, int vc,
                           int nv, int pc, int kb, int yBase) {
        int panels = (nv + NR - 1) / NR;
        for (int uc = u0; uc < u1; uc += MC) {
            int mu = Math.min(MC, u1 - uc);
            int ci = uc * g.csU + vc * g.csV;
            if (panels <= DIRECT_MAX_PANELS && (g.xsP == 1 || g.xsU == 1)) {
                sweepInPlace(g, x, uc, mu, pc, kb, panels, nv, c, ci, alpha, beta, yBase);
            } else {
                packX(g, x, uc, mu, pc, kb);
                sweepPacked(g, mu, kb, panels, nv, c, ci, alpha, beta, yBase);
            }
        }
    }

    /** Every packed X strip of the block (mu rows) against every Y panel; C's block starts at ci. */
    private void sweepPacked(GemmLayout g, int mu, int kb, int panels, int nv, float[] c, int ci, float alpha,
                             float beta, int yBase) {
        for (int q = 0; q < panels; q++) {
            int cols = Math.min(NR, nv - q * NR);
            int cq = ci + q * NR * g.csV;
            for (int r = 0; r < mu; r += MR) {
                kernel(kb, r / MR * XS * kb, yBase + q * kb * NR);
                flush(Math.min(MR, mu - r), c, cq + r * g.csU, g.csU, g.csV, cols, alpha, beta);
            }
        }
    }

    /**
     * Like {@link #sweepPacked}, but X's full strips are read in place, from rows contiguous along p (X is A)
     * or from columns of a strip's MR adjacent elements (X is Aᵀ, the MLP's Wᵀ·Δ); only the leftover rows are
     * packed (zero-padded) for the packed kernel.
     */
    private void sweepInPlace(GemmLayout g, float[] x, int uc, int mu, int pc, int kb, int panels, int nv,
                              float[] c, int ci, float alpha, float beta, int yBase) {
        int full = mu - mu % MR;
        if (full < mu) {
            packX(g, x, uc + full, mu - full, pc, kb);
        }
        for (int q = 0; q < panels; q++) {
            int cols = Math.min(NR, nv - q * NR);
            int cq = ci + q * NR * g.csV;
            int yb = yBase + q * kb * NR;
            for (int r = 0; r < full; r += MR) {
                if (g.xsP == 1) {
                    kernelRows(kb, x, (uc + r) * g.xsU + pc, g.xsU, yb);
                } else {
                    kernelColumns(kb, x, uc + r + pc * g.xsP, g.xsP, yb);
                }
                flush(MR, c, cq + r * g.csU, g.csU, g.csV, cols, alpha, beta);
            }
            if (full < mu) {
                kernel(kb, 0, yb);
                flush(mu - full, c, cq + full * g.csU, g.csU, g.csV, cols, alpha, beta);
            }
        }
    }

    /**
     * Packs Y[pc .. pc+kb)[vc .. vc+nv) into panels {@code [q][p][NR]} from yBase on, zero-padding the last panel
     * (the buffer grows here only when yBase is 0; {@link #packWholeY} sizes it first). A pass of its own:
     * packing inside the first micro-kernel to read each panel (its loads stored to the panel as it computes)
     * made W·A 100×784×64 and ×256 alone 1.08–1.18× faster at 2 threads, but the 784-100-10 step at batch 64
     * slower: medians 0.78–1.07×, six of eight below 0.95 (JDK 25, Zen 5, both precisions at 1 and 2 threads,
     * two sittings of 3 and 4 alternating rounds). In the step Y is a new batch each time, which a copy loop
     * streams in faster than an FMA-bound loop does.
     */
    private void packY(GemmLayout g, float[] y, int pc, int kb, int vc, int nv, int yBase) {
        int panels = (nv + NR - 1) / NR;
        int need = yBase + panels * kb * NR;
        if (yPack.length < need) {
            yPack = new float[need];
        }
        float[] dst = yPack;
        int ysV = g.ysV, ysP = g.ysP;
        for (int q = 0; q < panels; q++) {
            int v = vc + q * NR;
            int cols = Math.min(NR, nv - q * NR);
            int base = yBase + q * kb * NR;
            if (ysV == 1 && cols == NR) {                      // rows of Y are contiguous: copy vectors
                for (int p = 0; p < kb; p++) {
                    int src = v + (pc + p) * ysP;
                    FloatVector.fromArray(S, y, src).intoArray(dst, base + p * NR);
                    FloatVector.fromArray(S, y, src + L).intoArray(dst, base + p * NR + L);
                }
            } else if (ysP == 1 && cols == NR && TRANSPOSE_IN_BLOCKS) {   // Y stored transposed: L×L blocks
                int src = v * ysV + pc;
                int p = 0;
                for (; p + L <= kb; p += L) {
                    transposeBlock(y, src + p, ysV, dst, base + p * NR);
                    transposeBlock(y, src + L * ysV + p, ysV, dst, base + p * NR + L);
                }
                for (; p < kb; p++) {
                    for (int t = 0; t < NR; t++) {
                        dst[base + p * NR + t] = y[src + t * ysV + p];
                    }
                }
            } else if (ysP == 1) {                              // the same element by element (and the padded panel)
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

    /**
     * Writes the transpose of the 16×16 block of y whose row t starts at {@code src + t·stride} to the rows
     * {@code dst[to + i·NR …]}: row i of the result is column i of the block. It is the recursive block
     * transpose: a stage h (8, 4, 2, 1) pairs rows i and i + h (i without bit h) and swaps their h-lane halves
     * that lie off the diagonal, with one constant lane shuffle and one blend per row. Two stages are done per
     * pass in registers, on groups of four rows, so a block goes through memory once between its two passes.
     * Only where {@link #TRANSPOSE_IN_BLOCKS} says.
     */
    private void transposeBlock(float[] y, int src, int stride, float[] dst, int to) {
        stages(y, src, stride, block, 0, L, 8, SWAP_8, HAS_8, 4, SWAP_4, HAS_4);
        stages(block, 0, L, dst, to, NR, 2, SWAP_2, HAS_2, 1, SWAP_1, HAS_1);
    }

    /**
     * Stages h1 and then h2 = h1/2 of {@link #transposeBlock}, from the rows {@code a[a0 + r·as]} to
     * {@code b[b0 + r·bs]}, on each group of rows i, i + h2, i + h1, i + h1 + h2 held in registers.
     */
    private static void stages(float[] a, int a0, int as, float[] b, int b0, int bs, int h1,
                               VectorShuffle<Float> swap1, VectorMask<Float> has1, int h2,
                               VectorShuffle<Float> swap2, VectorMask<Float> has2) {
        for (int i = 0; i < L; i++) {
            if ((i & (h1 | h2)) == 0) {
                FloatVector r0 = FloatVector.fromArray(S, a, a0 + i * as);
                FloatVector r1 = FloatVector.fromArray(S, a, a0 + (i + h2) * as);
                FloatVector r2 = FloatVector.fromArray(S, a, a0 + (i + h1) * as);
                FloatVector r3 = FloatVector.fromArray(S, a, a0 + (i + h1 + h2) * as);
                FloatVector s0 = r0.blend(r2.rearrange(swap1), has1), s2 = r0.rearrange(swap1).blend(r2, has1);
                FloatVector s1 = r1.blend(r3.rearrange(swap1), has1), s3 = r1.rearrange(swap1).blend(r3, has1);
                s0.blend(s1.rearrange(swap2), has2).intoArray(b, b0 + i * bs);
                s0.rearrange(swap2).blend(s1, has2).intoArray(b, b0 + (i + h2) * bs);
                s2.blend(s3.rearrange(swap2), has2).intoArray(b, b0 + (i + h1) * bs);
                s2.rearrange(swap2).blend(s3, has2).intoArray(b, b0 + (i + h1 + h2) * bs);
            }
        }
    }

    /** Lane j ← lane j XOR h, for h below L (null otherwise: no such stage). */
    private static VectorShuffle<Float> laneSwap(int h) {
        return h < L ? VectorShuffle.fromOp(S, j -> j ^ h) : null;
    }

    /** The lanes j that have bit h, for h below L (null otherwise). */
    private static VectorMask<Float> lanesWithBit(int h) {
        if (h >= L) {
            return null;
        }
        boolean[] bits = new boolean[L];
        for (int j = 0; j < L; j++) {
            bits[j] = (j & h) != 0;
        }
        return VectorMask.fromArray(S, bits, 0);
    }

    /**
     * Packs the X block at uc (mu rows, K range [pc, pc+kb)) into MR-row strips {@code [p][XS]} of bit
     * patterns (see {@link #xPack}), the last one zero-padded to MR rows, so every strip runs through the same
     * constant-stride kernel. Packing is a large share of the work when few Y panels reuse X (the MLP's W·A at
     * small batches), so full strips of the two common layouts get loops that write the strip in order from
     * fixed-stride reads.
     */
    private void packX(GemmLayout g, float[] x, int uc, int mu, int pc, int kb) {
        int strips = (mu + MR - 1) / MR;
        int need = strips * XS * kb;
        if (xPack.length < need) {
            xPack = new int[need];
        }
        int[] dst = xPack;
        int xsU = g.xsU, xsP = g.xsP;
        for (int s = 0; s < strips; s++) {
            int base = s * XS * kb;
            int row0 = uc + s * MR;
            int rows = Math.min(MR, mu - s * MR);
            if (rows == MR && xsP == 1) {                       // rows contiguous along p (A, not transposed)
                int s0 = row0 * xsU + pc, s1 = s0 + xsU, s2 = s1 + xsU, s3 = s2 + xsU, s4 = s3 + xsU, s5 = s4 + xsU;
                for (int p = 0; p < kb; p++) {
                    int d = base + p * XS;
                    dst[d] = Float.floatToRawIntBits(x[s0 + p]);
                    dst[d + 1] = Float.floatToRawIntBits(x[s1 + p]);
                    dst[d + 2] = Float.floatToRawIntBits(x[s2 + p]);
                    dst[d + 3] = Float.floatToRawIntBits(x[s3 + p]);
                    if (MR >= 5) {
                        dst[d + 4] = Float.floatToRawIntBits(x[s4 + p]);
                    }
                    if (MR == 6) {
                        dst[d + 5] = Float.floatToRawIntBits(x[s5 + p]);
                    }
                }
            } else if (rows == MR && xsU == 1) {                // the strip's rows are adjacent (A transposed)
                int s0 = row0 + pc * xsP;
                for (int p = 0; p < kb; p++) {
                    int d = base + p * XS, src = s0 + p * xsP;
                    dst[d] = Float.floatToRawIntBits(x[src]);
                    dst[d + 1] = Float.floatToRawIntBits(x[src + 1]);
                    dst[d + 2] = Float.floatToRawIntBits(x[src + 2]);
                    dst[d + 3] = Float.floatToRawIntBits(x[src + 3]);
                    if (MR >= 5) {
                        dst[d + 4] = Float.floatToRawIntBits(x[src + 4]);
                    }
                    if (MR == 6) {
                        dst[d + 5] = Float.floatToRawIntBits(x[src + 5]);
                    }
                }
            } else {
                for (int r = 0; r < MR; r++) {
                    int src = (row0 + r) * xsU + pc * xsP;
                    for (int p = 0; p < kb; p++) {
                        dst[base + p * XS + r] = r < rows ? Float.floatToRawIntBits(x[src + p * xsP]) : 0;
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- micro-kernels: MR rows × (2 vectors)
    // Row 4 sits under `if (MR >= 5)` and row 5 under `if (MR == 6)`: MR is a constant, so C2 compiles one kernel,
    // with no test.
    /**
     * {@link #tile} ← the packed X strip at xb ({@code [p][XS]}) times the Y panel at yb. Every index is a
     * loop-invariant base plus a constant multiple of p, the trip counter, so C2 hoists the bounds checks out
     * of the loop (with a variable stride it checked all eight loads per step).
     *
     * <p>The micro-kernels do nothing but this loop and the tile's stores, one straight path, and the sweeps
     * then {@link #flush} the tile to C. When a kernel also scaled and stored to C itself, JDK 17's C2 sometimes
     * (depending on the branch profile of the run) passed its inlining node budget inside the kernel, left Vector
     * API calls un-inlined and boxed the accumulators: about 1 MB allocated per training step, 20% slower, in
     * a third to a half of the JVMs; earlier, with the flush inlined too, 400 MB per 512² product.
     */
    private void kernel(int kb, int xb, int yb) {
        int[] x = xPack;
        float[] y = yPack;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kb; p++) {
            int xo = xb + p * XS, yo = yb + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, y, yo);
            FloatVector b1 = FloatVector.fromArray(S, y, yo + L);
            FloatVector a = IntVector.broadcast(BITS, x[xo]).reinterpretAsFloats();
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = IntVector.broadcast(BITS, x[xo + 1]).reinterpretAsFloats();
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = IntVector.broadcast(BITS, x[xo + 2]).reinterpretAsFloats();
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = IntVector.broadcast(BITS, x[xo + 3]).reinterpretAsFloats();
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            if (MR >= 5) {
                a = IntVector.broadcast(BITS, x[xo + 4]).reinterpretAsFloats();
                c40 = a.fma(b0, c40);
                c41 = a.fma(b1, c41);
            }
            if (MR == 6) {
                a = IntVector.broadcast(BITS, x[xo + 5]).reinterpretAsFloats();
                c50 = a.fma(b0, c50);
                c51 = a.fma(b1, c51);
            }
        }
        float[] t = tile;
        c00.intoArray(t, TILE_PAD);
        c01.intoArray(t, TILE_PAD + L);
        c10.intoArray(t, TILE_PAD + NR);
        c11.intoArray(t, TILE_PAD + NR + L);
        c20.intoArray(t, TILE_PAD + 2 * NR);
        c21.intoArray(t, TILE_PAD + 2 * NR + L);
        c30.intoArray(t, TILE_PAD + 3 * NR);
        c31.intoArray(t, TILE_PAD + 3 * NR + L);
        if (MR >= 5) {
            c40.intoArray(t, TILE_PAD + 4 * NR);
            c41.intoArray(t, TILE_PAD + 4 * NR + L);
        }
        if (MR == 6) {
            c50.intoArray(t, TILE_PAD + 5 * NR);
            c51.intoArray(t, TILE_PAD + 5 * NR + L);
        }
    }

    /**
     * {@link #tile} ← MR rows of X read in place (row r at {@code x0 + r·sU}, contiguous along p) times the Y
     * panel at yb; indices are again invariant bases plus p.
     */
    private void kernelRows(int kb, float[] x, int x0, int sU, int yb) {
        float[] y = yPack;
        int x1 = x0 + sU, x2 = x1 + sU, x3 = x2 + sU, x4 = x3 + sU, x5 = x4 + sU;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kb; p++) {
            int yo = yb + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, y, yo);
            FloatVector b1 = FloatVector.fromArray(S, y, yo + L);
            FloatVector a = FloatVector.broadcast(S, x[x0 + p]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, x[x1 + p]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, x[x2 + p]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, x[x3 + p]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            if (MR >= 5) {
                a = FloatVector.broadcast(S, x[x4 + p]);
                c40 = a.fma(b0, c40);
                c41 = a.fma(b1, c41);
            }
            if (MR == 6) {
                a = FloatVector.broadcast(S, x[x5 + p]);
                c50 = a.fma(b0, c50);
                c51 = a.fma(b1, c51);
            }
        }
        float[] t = tile;
        c00.intoArray(t, TILE_PAD);
        c01.intoArray(t, TILE_PAD + L);
        c10.intoArray(t, TILE_PAD + NR);
        c11.intoArray(t, TILE_PAD + NR + L);
        c20.intoArray(t, TILE_PAD + 2 * NR);
        c21.intoArray(t, TILE_PAD + 2 * NR + L);
        c30.intoArray(t, TILE_PAD + 3 * NR);
        c31.intoArray(t, TILE_PAD + 3 * NR + L);
        if (MR >= 5) {
            c40.intoArray(t, TILE_PAD + 4 * NR);
            c41.intoArray(t, TILE_PAD + 4 * NR + L);
        }
        if (MR == 6) {
            c50.intoArray(t, TILE_PAD + 5 * NR);
            c51.intoArray(t, TILE_PAD + 5 * NR + L);
        }
    }

    /**
     * {@link #tile} ← MR rows of X read in place, the strip's elements of step p adjacent at
     * {@code x0 + p·sP} (X is a transposed operand), times the Y panel at yb. The stride is a variable, so C2
     * keeps a bounds check in the loop; it runs only for the few Y panels of {@link #DIRECT_MAX_PANELS}, where
     * packing the strip cost more than the checks: Wᵀ·Δ 100×10·10×64 and 30×10·10×64 alone, one thread, against
     * packing (JMH, Zen 5, AVX-512, three alternating rounds, geometric means): 1.09–1.51× faster on JDK 17,
     * 1.17–1.40× on JDK 25; with {@code -XX:UseAVX=2} 1.17–1.32× on JDK 25 and 0.98× (4-byte elements,
     * within noise) on JDK 17, where 8-byte elements fill eight panels and are still packed.
     */
    private void kernelColumns(int kb, float[] x, int x0, int sP, int yb) {
        float[] y = yPack;
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0, xo = x0; p < kb; p++, xo += sP) {
            int yo = yb + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, y, yo);
            FloatVector b1 = FloatVector.fromArray(S, y, yo + L);
            FloatVector a = FloatVector.broadcast(S, x[xo]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, x[xo + 1]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, x[xo + 2]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, x[xo + 3]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            if (MR >= 5) {
                a = FloatVector.broadcast(S, x[xo + 4]);
                c40 = a.fma(b0, c40);
                c41 = a.fma(b1, c41);
            }
            if (MR == 6) {
                a = FloatVector.broadcast(S, x[xo + 5]);
                c50 = a.fma(b0, c50);
                c51 = a.fma(b1, c51);
            }
        }
        float[] t = tile;
        c00.intoArray(t, TILE_PAD);
        c01.intoArray(t, TILE_PAD + L);
        c10.intoArray(t, TILE_PAD + NR);
        c11.intoArray(t, TILE_PAD + NR + L);
        c20.intoArray(t, TILE_PAD + 2 * NR);
        c21.intoArray(t, TILE_PAD + 2 * NR + L);
        c30.intoArray(t, TILE_PAD + 3 * NR);
        c31.intoArray(t, TILE_PAD + 3 * NR + L);
        if (MR >= 5) {
            c40.intoArray(t, TILE_PAD + 4 * NR);
            c41.intoArray(t, TILE_PAD + 4 * NR + L);
        }
        if (MR == 6) {
            c50.intoArray(t, TILE_PAD + 5 * NR);
            c51.intoArray(t, TILE_PAD + 5 * NR + L);
        }
    }

    /**
     * Writes the tile's first {@code rows} rows (NR elements each, the first {@code cols} real) to C:
     * {@code C ← α·tile + β·C}, not reading C when β = 0. Contiguous full rows use vector stores; a padded
     * or strided row (the transposed orientation) is written element by element.
     */
    private void flush(int rows, float[] c, int ci, int csU, int csV, int cols, float alpha, float beta) {
        float[] t = tile;
        for (int r = 0; r < rows; r++, ci += csU) {
            int ti = TILE_PAD + r * NR;
            if (csV == 1 && cols == NR) {
                if (beta == 0) {                               // separate stores: no vector merges at a branch
                    FloatVector.fromArray(S, t, ti).mul(alpha).intoArray(c, ci);
                    FloatVector.fromArray(S, t, ti + L).mul(alpha).intoArray(c, ci + L);
                } else {
                    FloatVector.fromArray(S, c, ci).mul(beta).add(FloatVector.fromArray(S, t, ti).mul(alpha))
                            .intoArray(c, ci);
                    FloatVector.fromArray(S, c, ci + L).mul(beta).add(FloatVector.fromArray(S, t, ti + L).mul(alpha))
                            .intoArray(c, ci + L);
                }
            } else {
                for (int v = 0, idx = ci; v < cols; v++, idx += csV) {
                    c[idx] = beta == 0 ? alpha * t[ti + v] : alpha * t[ti + v] + beta * c[idx];
                }
            }
        }
    }
}
