package dev.backprop.backend.vectorapi;

/**
 * One GEMM call {@code C ← α·op(A)·op(B) + β·C} restated for the micro-kernel, which computes a tile of a
 * product {@code X·Y}: {@code MR} rows of X, each broadcast to a whole vector, times a packed panel of Y that
 * is {@code NR} elements (two vectors) wide. The kernel's vectors run along Y's dimension, V; its rows along
 * X's dimension, U; K is the shared dimension.
 *
 * <p>Two orientations compute the same C (all arrays row-major):
 * <ul>
 *   <li><b>normal</b>: U = C's rows (X = op(A)), V = C's columns (Y = op(B)); a tile row is a contiguous run
 *       of a row of C, stored with vector stores;</li>
 *   <li><b>transposed</b>, {@code Cᵀ = op(B)ᵀ·op(A)ᵀ}: U = C's columns, V = C's rows. A tile row is then a
 *       column of C, written element by element, which costs little because a tile is written once per K
 *       block. It pays when C has few columns and the operand that becomes Y is cheap to pack (the MLP's
 *       Wᵀ·Δ at batch 10: vectors along C's 100 rows waste fewer lanes than along its 10 columns).</li>
 * </ul>
 * Each operand is described by strides, so transposition costs nothing until packing: element (u, p) of X
 * is {@code x[u·xsU + p·xsP]}, element (p, v) of Y is {@code y[v·ysV + p·ysP]}, element (u, v) of C is
 * {@code c[u·csU + v·csV]}. Mutable and reused, so a call allocates nothing.
 */
final class GemmLayout {

    /** Sizes: U rows of the tile grid, V vector columns, K the summed dimension. */
    int u, v, k;
    int xsU, xsP;
    int ysV, ysP;
    int csU, csV;
    /** Whether X is op(B)ᵀ (transposed orientation) rather than op(A). */
    boolean transposed;

    /**
     * Sets the layout for {@code C (m×n) ← α·op(A)·op(B) + β·C} with {@code op(A)} m×k; lda and ldb are the
     * stored widths (column counts) of A and B. Chooses the orientation with the lower estimated {@link #cost},
     * the normal one on a tie.
     *
     * @param nr    the micro-kernel's panel width in elements
     * @param mr    the micro-kernel's rows
     * @param lanes elements per vector
     */
    GemmLayout set(boolean transA, boolean transB, int m, int n, int k, int lda, int ldb, int nr, int mr, int lanes) {
        this.k = k;
        // op(A)[i][p] = A[i·lda + p] or A[p·lda + i]; op(B)[p][j] = B[p·ldb + j] or B[j·ldb + p]
        int aI = transA ? 1 : lda, aP = transA ? lda : 1;
        int bP = transB ? 1 : ldb, bJ = transB ? ldb : 1;
        transposed = cost(n, m, k, aI, true, nr, mr, lanes) < cost(m, n, k, bJ, false, nr, mr, lanes);
        if (!transposed) {
            u = m; v = n;
            xsU = aI; xsP = aP;
            ysV = bJ; ysP = bP;
            csU = n; csV = 1;
        } else {
            u = n; v = m;
            xsU = bJ; xsP = bP;
            ysV = aI; ysP = aP;
            csU = 1; csV = n;
        }
        return this;
    }

    /**
     * Estimated work, in vector operations, of an orientation with U rows, V vector columns and Y's V stride
     * ysV: the micro-kernel's multiply-adds, padding included (V to whole panels, U to whole strips); packing
     * Y, a vector copy when Y is contiguous along V and an element-by-element gather (counted twice, for its
     * cache misses) when it is not; and writing C, by vectors in the normal orientation but element by
     * element, down columns, in the transposed one. Measured on the MLP's shapes: without the packing term,
     * W·A at batch 10 turned around and then spent more transposing all of W; without the C term, Δ·Aᵀ at
     * batch 10 (C 100×784, K = 10) turned around and ran 2.5× slower writing C column by column.
     */
    static long cost(int u, int v, int k, int ysV, boolean stridedC, int nr, int mr, int lanes) {
        long vectors = roundUp(v, nr) / lanes;
        long compute = vectors * roundUp(u, mr) * k;
        long pack = ysV == 1 ? vectors * k : 2L * v * k;
        long store = stridedC ? (long) u * v : (long) u * v / lanes;
        return compute + pack + store;
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    @Override
    public String toString() {
        return (transposed ? "transposed" : "normal") + " U=" + u + " V=" + v + " K=" + k;
    }
}
