package dev.backprop.bench;

import dev.backprop.random.Rng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.PhysicalStore;
import org.ojalgo.matrix.store.R032Store;
import org.ojalgo.matrix.store.R064Store;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The libraries' own products, called directly on their own matrices, at the same shapes and with the same
 * seeded values as {@link GemmBenchmark}: beside the backends' figures they show what the backend wrappers
 * cost (the target: within 10%). Single-threaded, as a user calling the library plainly would.
 * <ul>
 *   <li>EJML: {@code CommonOps_DDRM}/{@code CommonOps_FDRM} {@code mult}, {@code multTransB}, {@code multTransA}
 *       on row-major {@code DMatrixRMaj}/{@code FMatrixRMaj};</li>
 *   <li>ojAlgo: {@code R064Store}/{@code R032Store.fillByMultiplying(left, right)} on column-major stores, with
 *       the transposed operand as the store's {@code transpose()} view.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {BenchJvm.HEAP_MIN, BenchJvm.HEAP_MAX, BenchJvm.ADD_VECTOR_MODULE,
        BenchJvm.NATIVE_ACCESS})
public class RawGemmBenchmark {

    @Param({"ejml", "ojalgo"})
    public String library;

    @Param({"f64", "f32"})
    public String precision;

    @Param({"WA:100x784x64", "DAt:100x64x784", "WtD:100x10x64", "WA:256x256x256", "WA:512x512x512",
            "WA:1024x1024x1024"})
    public String shape;

    /** One library product on preallocated operands: {@code C ← op(A)·op(B)}. */
    interface Product {
        void multiply();

        /** C, to hand to JMH so the product is not eliminated. */
        Object result();
    }

    private Product product;

    @Setup(Level.Trial)
    public void setUp() {
        GemmShape s = GemmShape.parse(shape);
        boolean f64 = switch (precision) {
            case "f64" -> true;
            case "f32" -> false;
            default -> throw new IllegalArgumentException("precision '" + precision + "': use f64 or f32");
        };
        product = switch (library) {
            case "ejml" -> f64 ? ejml64(s) : ejml32(s);
            case "ojalgo" -> f64 ? ojalgo64(s) : ojalgo32(s);
            default -> throw new IllegalArgumentException("library '" + library + "': use ejml or ojalgo");
        };
    }

    @Benchmark
    public Object gemm() {
        product.multiply();
        return product.result();
    }

    /** What the benchmark calls for {@code library} at {@code precision} on {@code form}, for the report. */
    public static String call(String library, String precision, GemmShape.Form form) {
        boolean f64 = precision.equals("f64");
        return switch (library) {
            case "ejml" -> (f64 ? "CommonOps_DDRM." : "CommonOps_FDRM.") + switch (form) {
                case WA -> "mult";
                case DAt -> "multTransB";
                case WtD -> "multTransA";
            };
            case "ojalgo" -> (f64 ? "R064Store" : "R032Store") + ".fillByMultiplying"
                    + (form == GemmShape.Form.WA ? "" : " (transpose() view)");
            default -> library;
        };
    }

    // ---------------------------------------------------------------- EJML: row-major, like our matrices

    private static Product ejml64(GemmShape s) {
        DMatrixRMaj a = new DMatrixRMaj(s.aRows(), s.aCols(), true, gaussian(s.aRows() * s.aCols(), "gemm-a"));
        DMatrixRMaj b = new DMatrixRMaj(s.bRows(), s.bCols(), true, gaussian(s.bRows() * s.bCols(), "gemm-b"));
        DMatrixRMaj c = new DMatrixRMaj(s.m(), s.n());
        Runnable op = switch (s.form()) {
            case WA -> () -> CommonOps_DDRM.mult(a, b, c);
            case DAt -> () -> CommonOps_DDRM.multTransB(a, b, c);
            case WtD -> () -> CommonOps_DDRM.multTransA(a, b, c);
        };
        return product(op, c);
    }

    private static Product ejml32(GemmShape s) {
        FMatrixRMaj a = new FMatrixRMaj(s.aRows(), s.aCols(), true, toFloat(gaussian(s.aRows() * s.aCols(), "gemm-a")));
        FMatrixRMaj b = new FMatrixRMaj(s.bRows(), s.bCols(), true, toFloat(gaussian(s.bRows() * s.bCols(), "gemm-b")));
        FMatrixRMaj c = new FMatrixRMaj(s.m(), s.n());
        Runnable op = switch (s.form()) {
            case WA -> () -> CommonOps_FDRM.mult(a, b, c);
            case DAt -> () -> CommonOps_FDRM.multTransB(a, b, c);
            case WtD -> () -> CommonOps_FDRM.multTransA(a, b, c);
        };
        return product(op, c);
    }

    // ---------------------------------------------------------------- ojAlgo: column-major stores

    private static Product ojalgo64(GemmShape s) {
        R064Store a = R064Store.FACTORY.make(s.aRows(), s.aCols());
        R064Store b = R064Store.FACTORY.make(s.bRows(), s.bCols());
        fillRowMajor(a, gaussian(s.aRows() * s.aCols(), "gemm-a"), s.aCols());
        fillRowMajor(b, gaussian(s.bRows() * s.bCols(), "gemm-b"), s.bCols());
        R064Store c = R064Store.FACTORY.make(s.m(), s.n());
        MatrixStore<Double> left = s.form().transA() ? a.transpose() : a;       // op(A): m×k
        MatrixStore<Double> right = s.form().transB() ? b.transpose() : b;      // op(B): k×n
        return product(() -> c.fillByMultiplying(left, right), c);
    }

    private static Product ojalgo32(GemmShape s) {
        R032Store a = R032Store.FACTORY.make(s.aRows(), s.aCols());
        R032Store b = R032Store.FACTORY.make(s.bRows(), s.bCols());
        fillRowMajor(a, gaussian(s.aRows() * s.aCols(), "gemm-a"), s.aCols());
        fillRowMajor(b, gaussian(s.bRows() * s.bCols(), "gemm-b"), s.bCols());
        R032Store c = R032Store.FACTORY.make(s.m(), s.n());
        MatrixStore<Double> left = s.form().transA() ? a.transpose() : a;
        MatrixStore<Double> right = s.form().transB() ? b.transpose() : b;
        return product(() -> c.fillByMultiplying(left, right), c);
    }

    private static void fillRowMajor(PhysicalStore<Double> store, double[] rowMajor, int cols) {
        for (int i = 0; i < rowMajor.length; i++) {
            store.set(i / cols, i % cols, rowMajor[i]);
        }
    }

    // ---------------------------------------------------------------- shared

    private static Product product(Runnable op, Object c) {
        return new Product() {
            @Override
            public void multiply() {
                op.run();
            }

            @Override
            public Object result() {
                return c;
            }
        };
    }

    /** The same standard normal values {@link Workloads#gaussian} gives {@link GemmBenchmark}, row-major. */
    static double[] gaussian(int count, String purpose) {
        Rng rng = Rng.forStream(Workloads.SEED, purpose);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    private static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
