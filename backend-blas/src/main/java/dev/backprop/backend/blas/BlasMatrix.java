package dev.backprop.backend.blas;

import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

import java.lang.ref.Reference;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;

/**
 * A rows×cols matrix stored row-major in native memory that JavaCPP allocated ({@link DoublePointer} for
 * float64, {@link FloatPointer} for float32): element (r, c) at index {@code r·cols + c}, the layout
 * {@code cblas_?gemm} reads with {@code CblasRowMajor} and {@code ld = cols}, so a product passes the pointers
 * as they are, with no copy.
 *
 * <p>Java code reaches the same memory through the pointer's {@link Pointer#asBuffer() asBuffer()} view, a
 * direct {@link DoubleBuffer}/{@link FloatBuffer} made once here: its absolute {@code get(i)}/{@code put(i, v)}
 * compile to plain memory accesses, with no native call per element. The kernels and the contract's portable
 * defaults (through {@code doMap}, {@code doZip}, {@code doSumZip}, {@code doLoad}, {@code doStore}) use it.
 *
 * <p>The memory belongs to this matrix: JavaCPP's deallocator frees it when the matrix becomes unreachable, or
 * {@link #release()} frees it at once when the backend that made it closes. After that every access through
 * this object throws, instead of reading freed memory. A view does not keep its pointer alive, so the kernels
 * that read a view end with {@link Reference#reachabilityFence} on the matrices they used.
 */
final class BlasMatrix implements Matrix {

    private final int rows;
    private final int cols;
    /** The native memory for float64, else null. */
    final DoublePointer f64Memory;
    /** The Java view of {@link #f64Memory}, else null. */
    final DoubleBuffer f64;
    /** The native memory for float32, else null. */
    final FloatPointer f32Memory;
    /** The Java view of {@link #f32Memory}, else null. */
    final FloatBuffer f32;
    private volatile boolean released;

    /** A zero matrix in newly allocated native memory. */
    BlasMatrix(Precision precision, int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        long n = (long) rows * cols;
        if (precision == Precision.FLOAT64) {
            f64Memory = new DoublePointer(n);
            f64Memory.zero();
            f64 = f64Memory.asBuffer();
            f32Memory = null;
            f32 = null;
        } else {
            f32Memory = new FloatPointer(n);
            f32Memory.zero();
            f32 = f32Memory.asBuffer();
            f64Memory = null;
            f64 = null;
        }
    }

    /** Whether this matrix's memory has been freed by its backend's {@code close()}. */
    boolean released() {
        return released;
    }

    /** Frees the native memory now; this matrix refuses every further access. Idempotent. */
    void release() {
        if (!released) {
            released = true;
            if (f64Memory != null) {
                f64Memory.close();
            } else {
                f32Memory.close();
            }
        }
    }

    /** Throws when the memory has been freed, naming {@code what} was attempted. */
    void requireLive(String what) {
        if (released) {
            throw new IllegalStateException(what + ": this " + shape() + " matrix belonged to a 'blas' backend that"
                    + " has been closed, which freed its native memory; copy what you keep (toArray) before closing"
                    + " the backend, or keep the backend open");
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public Precision precision() {
        return f64 != null ? Precision.FLOAT64 : Precision.FLOAT32;
    }

    @Override
    public double get(int row, int col) {
        checkIndex(row, col);
        requireLive("get");
        double value = f64 != null ? f64.get(row * cols + col) : f32.get(row * cols + col);
        Reference.reachabilityFence(this);
        return value;
    }

    @Override
    public void set(int row, int col, double value) {
        checkIndex(row, col);
        requireLive("set");
        if (f64 != null) {
            f64.put(row * cols + col, value);
        } else {
            f32.put(row * cols + col, (float) value);
        }
        Reference.reachabilityFence(this);
    }

    private void checkIndex(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("(" + row + ", " + col + ") is outside a " + shape() + " matrix");
        }
    }

    @Override
    public String toString() {
        return "BlasMatrix " + shape() + " " + precision().shortName() + (released ? " (released)" : "");
    }
}
