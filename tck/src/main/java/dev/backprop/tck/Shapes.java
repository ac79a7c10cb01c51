package dev.backprop.tck;

import java.util.ArrayList;
import java.util.List;

/**
 * The awkward shapes every backend is tried on: 1 (degenerate), 2, 3, 7/8/9 (either side of an 8-lane
 * SIMD width), 13, 31/32/33 and 64 (around 32 bytes and a 256-bit f32 vector), 100, 207 (odd, not a
 * multiple of any vector), 784 (an MNIST image) and a few sizes of 1024, in every role (rows, columns,
 * inner dimension). The 1024-sized cases are few: the reference computes each one too.
 */
final class Shapes {

    private Shapes() {
    }

    /** The sizes the issue names. */
    static final int[] AWKWARD = {1, 2, 3, 7, 8, 9, 13, 31, 32, 33, 64, 100, 207, 784, 1024};

    /** Shapes for elementwise operations, reductions and costs: rows × columns. */
    static List<Dims> elementwise() {
        List<Dims> out = new ArrayList<>();
        int[][] shapes = {
                {1, 1}, {1, 2}, {2, 1}, {1, 33}, {33, 1}, {1, 1024}, {1024, 1}, {2, 3}, {3, 2}, {3, 3},
                {7, 8}, {8, 7}, {8, 9}, {9, 8}, {13, 13}, {31, 32}, {32, 31}, {33, 33}, {64, 64},
                {100, 7}, {7, 100}, {207, 13}, {13, 207}, {10, 784}, {784, 10}, {30, 784}, {1024, 33}, {64, 1024}};
        for (int[] s : shapes) {
            out.add(Dims.of(s[0], s[1]));
        }
        return out;
    }

    /** Shapes for gemm: (m, k, n) with op(A) m×k, op(B) k×n. */
    static List<Dims> gemm() {
        List<Dims> out = new ArrayList<>();
        int[] small = {1, 2, 3, 8, 9};
        for (int m : small) {
            for (int k : small) {
                for (int n : small) {
                    out.add(new Dims(m, k, n));
                }
            }
        }
        int[][] larger = {
                {7, 13, 7}, {13, 7, 13}, {31, 32, 33}, {33, 31, 32}, {32, 33, 31}, {32, 32, 32}, {64, 64, 64},
                {100, 207, 13}, {13, 100, 207}, {207, 13, 100}, {30, 784, 10}, {10, 30, 784}, {784, 10, 30},
                {1, 784, 30}, {30, 1, 784}, {784, 30, 1}, {33, 1024, 7}, {1024, 9, 31}, {8, 1024, 1024},
                {1024, 1024, 8}, {207, 784, 100}};
        for (int[] s : larger) {
            out.add(new Dims(s[0], s[1], s[2]));
        }
        return out;
    }
}
