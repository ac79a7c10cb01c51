package dev.backprop.tck;

import dev.backprop.backend.ActivationKind;
import dev.backprop.backend.Backend;
import dev.backprop.backend.CostKind;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.OptimizerKind;
import dev.backprop.backend.Precision;
import dev.backprop.random.Rng;
import dev.backprop.tck.OpCase.Arg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * The catalog: every facade operation of {@link Backend} the kit checks, with its declared tolerances and
 * the inputs that reach its edge cases. {@link CoverageGuard} compares the signatures listed here with the
 * facade's public final methods, so an operation added to the SPI fails the kit until it is listed here.
 *
 * <p>The tolerances, as {@code relative·scale + absolute} (see {@link Tolerance}), with u the unit
 * roundoff ({@code 2⁻⁵³} for float64, {@code 2⁻²⁴} for float32):
 * <ul>
 *   <li>{@link #EXACT}: IEEE guarantees one answer (copies, a single +, −, ×, max; and {@code map}/{@code zip},
 *       whose functions the contract computes in double). A float32 kernel computing in float gives the same
 *       bits as the reference's double-then-round, because double rounding is innocuous for one such
 *       operation on floats (53 ≥ 2·24 + 2).</li>
 *   <li>{@link #ELEMENTWISE}: a few roundings per element ({@code 8u}): products of three factors, divisions,
 *       {@code α·x + β·y} (scaled by {@code |αx| + |βy|}).</li>
 *   <li>{@link #TRANSCENDENTAL}: an exp or tanh per element ({@code 64u} in float64, {@code 32u} in float32),
 *       room for a SIMD exp that is a few ulps from {@code Math.exp}.</li>
 *   <li>{@link #REDUCTION}: sums of up to 1024 terms accumulated in the backend's precision in any order,
 *       scaled by {@code Σ|terms|}: {@code 2·1024·u} (the worst case for the largest inner dimension in the kit):
 *       gemm, column sums, softmax and its backward product.</li>
 *   <li>{@link #DOUBLE_SUM}: sums the SPI accumulates in double (costs, {@code sumZip}) over up to
 *       65536 terms in any order ({@code 2·65536·2⁻⁵³ ≈ 1.5e-11}); in float32 a backend may evaluate each
 *       term in float ({@code 16·2⁻²⁴ ≈ 1e-6}).</li>
 *   <li>{@link #COMPOUND}: two chained elementwise rules ({@code 16u}): BP1's cost gradient followed by an
 *       activation's backward rule, the intermediate rounded to the precision as the default stores it.</li>
 *   <li>{@link #OPTIMIZER}: an optimizer step's chain of up to a dozen roundings (moment updates, a square
 *       root, two divisions, the final sum; {@code 32u}), scaled by the magnitudes of the terms along the chain
 *       ({@link OptimizerCases}): a float32 kernel may compute the whole rule in float.</li>
 * </ul>
 * The absolute floors are the smallest normal numbers: they only let an exact zero in the reference meet a
 * denormal-sized result.
 */
final class Operations {

    private Operations() {
    }

    private static final double U64 = 0x1p-53;
    private static final double U32 = 0x1p-24;
    private static final double F64_FLOOR = Double.MIN_NORMAL;
    private static final double F32_FLOOR = Float.MIN_NORMAL;

    static final Tolerance EXACT = Tolerance.EXACT;
    static final Tolerance[] ELEMENTWISE = {Tolerance.of(8 * U64, F64_FLOOR), Tolerance.of(8 * U32, F32_FLOOR)};
    static final Tolerance[] TRANSCENDENTAL = {Tolerance.of(64 * U64, F64_FLOOR), Tolerance.of(32 * U32, F32_FLOOR)};
    static final Tolerance[] REDUCTION = {Tolerance.of(2 * 1024 * U64, F64_FLOOR), Tolerance.of(2 * 1024 * U32, F32_FLOOR)};
    static final Tolerance[] DOUBLE_SUM = {Tolerance.of(2 * 65536 * U64, F64_FLOOR), Tolerance.of(16 * U32, F32_FLOOR)};
    static final Tolerance[] COMPOUND = {Tolerance.of(16 * U64, F64_FLOOR), Tolerance.of(16 * U32, F32_FLOOR)};
    static final Tolerance[] OPTIMIZER = {Tolerance.of(32 * U64, F64_FLOOR), Tolerance.of(32 * U32, F32_FLOOR)};

    /** The user-style functions the generic operations are checked with (any pure function would do). */
    static final DoubleUnaryOperator MAP_FUNCTION = x -> x * Math.sin(3 * x) + 0.25;
    static final DoubleBinaryOperator ZIP_FUNCTION = (x, y) -> x * y - Math.cos(x + y);
    static final DoubleBinaryOperator SUM_ZIP_FUNCTION = (x, y) -> (x - y) * (x - y) + Math.abs(x);

    /** Every operation the kit checks, in the facade's order; kind-keyed operations once per kind. */
    static final List<Operation> ALL = catalog();

    private static List<Operation> catalog() {
        List<Operation> ops = new ArrayList<>(List.of(
            exact("zeros", "zeros(int,int)", Operations::zerosCases),
            exact("fromArray(double[])", "fromArray(int,int,double[])", Operations::fromDoubleArrayCases),
            exact("fromArray(float[])", "fromArray(int,int,float[])", Operations::fromFloatArrayCases),
            exact("load(double[])", "load(Matrix,double[])", Operations::loadDoubleCases),
            exact("load(float[])", "load(Matrix,float[])", Operations::loadFloatCases),
            exact("store(double[])", "store(Matrix,double[])", Operations::storeDoubleCases),
            exact("store(float[])", "store(Matrix,float[])", Operations::storeFloatCases),
            exact("copy", "copy(Matrix,Matrix)", (op, d, p, rng) -> elementwise(op, d, p, rng,
                    (be, m) -> {
                        be.copy(m[0], m[1]);
                        return null;
                    }, null, "src", Values.SIGNED, "dst", Values.NAN)),
            new Operation("gemm", "gemm(boolean,boolean,double,Matrix,Matrix,double,Matrix)", REDUCTION[0], REDUCTION[1],
                    true, Operations::gemmCases),
            new Operation("axpby", "axpby(double,Matrix,double,Matrix)", ELEMENTWISE[0], ELEMENTWISE[1], false,
                    Operations::axpbyCases),
            exact("addBias", "addBias(Matrix,Matrix)", Operations::addBiasCases),
            new Operation("sumColumns", "sumColumns(double,Matrix,Matrix)", REDUCTION[0], REDUCTION[1], false,
                    Operations::sumColumnsCases),
            optimizerStep(OptimizerKind.SGD),
            optimizerStep(OptimizerKind.MOMENTUM),
            optimizerStep(OptimizerKind.NESTEROV),
            optimizerStep(OptimizerKind.RMSPROP),
            optimizerStep(OptimizerKind.ADAM),
            optimizerStep(OptimizerKind.ADAMW),
            activate(ActivationKind.IDENTITY),
            activate(ActivationKind.SIGMOID),
            activate(ActivationKind.TANH),
            activate(ActivationKind.RELU),
            activate(ActivationKind.SOFTMAX),
            activateBackward(ActivationKind.IDENTITY),
            activateBackward(ActivationKind.SIGMOID),
            activateBackward(ActivationKind.TANH),
            activateBackward(ActivationKind.RELU),
            activateBackward(ActivationKind.SOFTMAX),
            addBiasActivate(ActivationKind.IDENTITY),
            addBiasActivate(ActivationKind.SIGMOID),
            addBiasActivate(ActivationKind.TANH),
            addBiasActivate(ActivationKind.RELU),
            addBiasActivate(ActivationKind.SOFTMAX),
            cost(CostKind.QUADRATIC),
            cost(CostKind.CROSS_ENTROPY),
            cost(CostKind.LOG_LIKELIHOOD),
            costGradient(CostKind.QUADRATIC),
            costGradient(CostKind.CROSS_ENTROPY),
            costGradient(CostKind.LOG_LIKELIHOOD)));
        for (CostKind c : CostKind.values()) {
            for (ActivationKind f : ActivationKind.values()) {
                ops.add(outputDelta(c, f));
            }
        }
        ops.addAll(List.of(
            exact("map", "map(Matrix,DoubleUnaryOperator,Matrix)", (op, d, p, rng) -> elementwise(op, d, p, rng,
                    (be, m) -> {
                        be.map(m[0], MAP_FUNCTION, m[1]);
                        return null;
                    }, null, "X", Values.SIGNED, "out", Values.NAN)),
            exact("zip", "zip(Matrix,Matrix,DoubleBinaryOperator,Matrix)", (op, d, p, rng) -> elementwise(op, d, p, rng,
                    (be, m) -> {
                        be.zip(m[0], m[1], ZIP_FUNCTION, m[2]);
                        return null;
                    }, null, "X", Values.SIGNED, "Y", Values.SIGNED, "out", Values.NAN)),
            new Operation("sumZip", "sumZip(Matrix,Matrix,DoubleBinaryOperator)", DOUBLE_SUM[0], DOUBLE_SUM[1], false,
                    (op, d, p, rng) -> elementwise(op, d, p, rng,
                            (be, m) -> be.sumZip(m[0], m[1], SUM_ZIP_FUNCTION), null,
                            "X", Values.SIGNED, "Y", Values.SIGNED)),
            exact("argmaxColumns", "argmaxColumns(Matrix,int[])", Operations::argmaxCases)));
        return List.copyOf(ops);
    }

    /** The operation called {@code name}. */
    static Operation named(String name) {
        return ALL.stream().filter(o -> o.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the kit has no operation '" + name + "'"));
    }

    // ---------------------------------------------------------------- building blocks

    private static Operation exact(String name, String signature, Operation.CaseFactory cases) {
        return new Operation(name, signature, EXACT, EXACT, false, cases);
    }

    /**
     * One case whose matrix arguments all have the shape {@code d.m × d.n}; {@code namesAndValues} alternates
     * an argument's name and the {@link Values} it is filled with.
     */
    private static List<OpCase> elementwise(Operation op, Dims d, Precision p, Rng rng, OpCase.Call call,
                                            OpCase.Scale scale, Object... namesAndValues) {
        List<Arg> args = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            args.add(arg((String) namesAndValues[i], d.m(), d.n(), (Values) namesAndValues[i + 1], p, rng));
        }
        return List.of(new OpCase(op, d.toString(), args, call, scale));
    }

    static Arg arg(String name, int rows, int cols, Values kind, Precision p, Rng rng) {
        return new Arg(name, rows, cols, Values.rounded(kind.generate(rows, cols, rng), p));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
    }

    // ---------------------------------------------------------------- creation and transfer

    private static List<OpCase> zerosCases(Operation op, Dims d, Precision p, Rng rng) {
        return List.of(new OpCase(op, d.toString(), List.of(), (be, m) -> be.zeros(d.m(), d.n()), null));
    }

    /** Unrounded doubles, so that a float32 backend's rounding on the way in is checked too. */
    private static List<OpCase> fromDoubleArrayCases(Operation op, Dims d, Precision p, Rng rng) {
        double[] values = Values.SIGNED.generate(d.m(), d.n(), rng);
        return List.of(new OpCase(op, d.toString(), List.of(),
                (be, m) -> be.fromArray(d.m(), d.n(), values.clone()), null));
    }

    private static List<OpCase> fromFloatArrayCases(Operation op, Dims d, Precision p, Rng rng) {
        float[] values = floats(Values.SIGNED.generate(d.m(), d.n(), rng));
        return List.of(new OpCase(op, d.toString(), List.of(),
                (be, m) -> be.fromArray(d.m(), d.n(), values.clone()), null));
    }

    private static List<OpCase> loadDoubleCases(Operation op, Dims d, Precision p, Rng rng) {
        double[] values = Values.SIGNED.generate(d.m(), d.n(), rng);
        return List.of(new OpCase(op, d.toString(), List.of(arg("dst", d.m(), d.n(), Values.NAN, p, rng)),
                (be, m) -> {
                    be.load(m[0], values.clone());
                    return null;
                }, null));
    }

    private static List<OpCase> loadFloatCases(Operation op, Dims d, Precision p, Rng rng) {
        float[] values = floats(Values.SIGNED.generate(d.m(), d.n(), rng));
        return List.of(new OpCase(op, d.toString(), List.of(arg("dst", d.m(), d.n(), Values.NAN, p, rng)),
                (be, m) -> {
                    be.load(m[0], values.clone());
                    return null;
                }, null));
    }

    private static List<OpCase> storeDoubleCases(Operation op, Dims d, Precision p, Rng rng) {
        return List.of(new OpCase(op, d.toString(), List.of(arg("src", d.m(), d.n(), Values.SIGNED, p, rng)),
                (be, m) -> {
                    double[] out = new double[d.m() * d.n()];
                    Arrays.fill(out, Double.NaN);
                    be.store(m[0], out);
                    return out;
                }, null));
    }

    private static List<OpCase> storeFloatCases(Operation op, Dims d, Precision p, Rng rng) {
        return List.of(new OpCase(op, d.toString(), List.of(arg("src", d.m(), d.n(), Values.SIGNED, p, rng)),
                (be, m) -> {
                    float[] out = new float[d.m() * d.n()];
                    Arrays.fill(out, Float.NaN);
                    be.store(m[0], out);
                    return out;
                }, null));
    }

    static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Every transpose combination with α, β in {(1, 0) over a NaN-filled C, (1, 1), (−0.75, 0), (0.5, −1.25),
     * (0, 0.5)}; shapes over a million multiply-adds keep two of them. op(A), op(B) and C hold the same values
     * in every combination, so one scale (|α|·|op(A)|·|op(B)| + |β|·|C|) serves them all.
     */
    private static List<OpCase> gemmCases(Operation op, Dims d, Precision p, Rng rng) {
        int m = d.m(), k = d.k(), n = d.n();
        double[] opA = Values.rounded(Values.SIGNED.generate(m, k, rng), p);      // m×k
        double[] opB = Values.rounded(Values.SIGNED.generate(k, n, rng), p);      // k×n
        double[] c0 = Values.rounded(Values.SIGNED.generate(m, n, rng), p);       // m×n
        double[] nan = Values.NAN.generate(m, n, rng);
        double[] absProduct = absProduct(opA, opB, m, k, n);                      // m×n
        double[][] alphaBeta = d.work() > 1_000_000
                ? new double[][]{{1, 0}, {0.5, -1.25}}
                : new double[][]{{1, 0}, {1, 1}, {-0.75, 0}, {0.5, -1.25}, {0, 0.5}};
        List<OpCase> out = new ArrayList<>();
        for (boolean transA : new boolean[]{false, true}) {
            for (boolean transB : new boolean[]{false, true}) {
                Arg a = transA ? new Arg("A", k, m, transpose(opA, m, k)) : new Arg("A", m, k, opA);
                Arg b = transB ? new Arg("B", n, k, transpose(opB, k, n)) : new Arg("B", k, n, opB);
                for (int i = 0; i < alphaBeta.length; i++) {
                    double alpha = alphaBeta[i][0], beta = alphaBeta[i][1];
                    boolean nanC = i == 0;
                    Arg c = new Arg("C", m, n, nanC ? nan : c0);
                    String label = m + "×" + k + "·" + k + "×" + n + " " + (transA ? "Aᵀ" : "A") + "·"
                            + (transB ? "Bᵀ" : "B") + " α=" + fmt(alpha) + " β=" + fmt(beta) + (nanC ? " (C was NaN)" : "");
                    out.add(new OpCase(op, label, List.of(a, b, c), (be, mats) -> {
                        be.gemm(transA, transB, alpha, mats[0], mats[1], beta, mats[2]);
                        return null;
                    }, (output, reference) -> output != 2 ? null : gemmScale(absProduct, alpha, beta, c0)));
                }
            }
        }
        return out;
    }

    /** {@code Σ_p |X[i][p]|·|Y[p][j]|} for row-major X (m×k) and Y (k×n). */
    static double[] absProduct(double[] x, double[] y, int m, int k, int n) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                double xip = Math.abs(x[i * k + p]);
                for (int j = 0; j < n; j++) {
                    out[i * n + j] += xip * Math.abs(y[p * n + j]);
                }
            }
        }
        return out;
    }

    private static double[] gemmScale(double[] absProduct, double alpha, double beta, double[] c0) {
        double[] s = new double[absProduct.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.abs(alpha) * absProduct[i] + (beta == 0 ? 0 : Math.abs(beta) * Math.abs(c0[i]));
        }
        return s;
    }

    /** The row-major transpose of the row-major {@code rows×cols} {@code values}. */
    static double[] transpose(double[] values, int rows, int cols) {
        double[] t = new double[values.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = values[i * cols + j];
            }
        }
        return t;
    }

    private static List<OpCase> addBiasCases(Operation op, Dims d, Precision p, Rng rng) {
        return List.of(new OpCase(op, d.toString(), List.of(arg("Z", d.m(), d.n(), Values.SIGNED, p, rng),
                arg("b", d.m(), 1, Values.SIGNED, p, rng)), (be, m) -> {
            be.addBias(m[0], m[1]);
            return null;
        }, null));
    }

    /**
     * One optimizer step of kind {@code k} over a few hyper-parameter sets ({@link OptimizerCases}); SGD is
     * {@code axpby}'s arithmetic and shares its tolerance, the others chain more roundings ({@link #OPTIMIZER}).
     */
    private static Operation optimizerStep(OptimizerKind k) {
        Tolerance[] tol = k == OptimizerKind.SGD ? ELEMENTWISE : OPTIMIZER;
        return new Operation("optimizerStep[" + kindName(k) + "]",
                "optimizerStep(OptimizerKind,Matrix,Matrix,Matrix,Matrix,double,double,double,double,double,long)",
                tol[0], tol[1], false, (op, d, p, rng) -> OptimizerCases.cases(op, k, d, p, rng));
    }

    /** The tolerances of an activation's forward rule: exact where IEEE fixes the answer, else per kind. */
    private static Tolerance[] forwardTolerance(ActivationKind f) {
        return switch (f) {
            case IDENTITY, RELU -> new Tolerance[]{EXACT, EXACT};
            case SIGMOID, TANH -> TRANSCENDENTAL;
            case SOFTMAX -> REDUCTION;
        };
    }

    /** Z values that reach the kind's edges: saturation and the kink, or softmax's overflowing columns. */
    private static Values preActivations(ActivationKind f) {
        return f == ActivationKind.SOFTMAX ? Values.SHIFTED_COLUMNS : Values.WIDE;
    }

    /** Output values a kind can produce: probabilities for sigmoid and softmax, signed ones otherwise. */
    private static Values activations(ActivationKind f) {
        return f == ActivationKind.SIGMOID || f == ActivationKind.SOFTMAX ? Values.PROBABILITY : Values.SIGNED;
    }

    static String kindName(Enum<?> kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static Operation activate(ActivationKind f) {
        Tolerance[] tol = forwardTolerance(f);
        return new Operation("activate[" + kindName(f) + "]", "activate(ActivationKind,Matrix,Matrix)", tol[0], tol[1],
                false, (op, d, p, rng) -> elementwise(op, d, p, rng, (be, m) -> {
                    be.activate(f, m[0], m[1]);
                    return null;
                }, null, "Z", preActivations(f), "A", Values.NAN));
    }

    /**
     * Z, A and dA from independent draws (the kit compares kernels, not networks): each kind reads the one its
     * derivative needs. Softmax's Jacobian product sums a column, so it is scaled by
     * {@code |A|·(|dA| + Σ_k |dA_k·A_k|)}.
     */
    private static Operation activateBackward(ActivationKind f) {
        Tolerance[] tol = switch (f) {
            case IDENTITY, RELU -> new Tolerance[]{EXACT, EXACT};
            case SIGMOID, TANH -> ELEMENTWISE;
            case SOFTMAX -> REDUCTION;
        };
        return new Operation("activateBackward[" + kindName(f) + "]",
                "activateBackward(ActivationKind,Matrix,Matrix,Matrix,Matrix)", tol[0], tol[1], false, (op, d, p, rng) -> {
            Arg z = arg("Z", d.m(), d.n(), preActivations(f), p, rng);
            Arg a = arg("A", d.m(), d.n(), activations(f), p, rng);
            Arg dA = arg("dA", d.m(), d.n(), Values.SIGNED, p, rng);
            Arg dZ = arg("dZ", d.m(), d.n(), Values.NAN, p, rng);
            OpCase.Scale scale = f != ActivationKind.SOFTMAX ? null
                    : (output, reference) -> output != 3 ? null : softmaxBackwardScale(a.values(), dA.values(), d.m(), d.n());
            return List.of(new OpCase(op, d.toString(), List.of(z, a, dA, dZ), (be, m) -> {
                be.activateBackward(f, m[0], m[1], m[2], m[3]);
                return null;
            }, scale));
        });
    }

    /** {@code |A|·(|dA| + Σ_k |dA_k·A_k|)}, column by column: the terms behind the softmax Jacobian product. */
    static double[] softmaxBackwardScale(double[] a, double[] dA, int rows, int cols) {
        double[] s = new double[rows * cols];
        for (int j = 0; j < cols; j++) {
            double dot = 0;
            for (int i = 0; i < rows; i++) {
                dot += Math.abs(a[i * cols + j] * dA[i * cols + j]);
            }
            for (int i = 0; i < rows; i++) {
                s[i * cols + j] = Math.abs(a[i * cols + j]) * (Math.abs(dA[i * cols + j]) + dot);
            }
        }
        return s;
    }

    private static Operation addBiasActivate(ActivationKind f) {
        Tolerance[] tol = forwardTolerance(f);
        return new Operation("addBiasActivate[" + kindName(f) + "]",
                "addBiasActivate(Matrix,Matrix,ActivationKind,Matrix)", tol[0], tol[1], false,
                (op, d, p, rng) -> List.of(new OpCase(op, d.toString(), List.of(arg("Z", d.m(), d.n(), preActivations(f), p, rng),
                        arg("b", d.m(), 1, Values.SIGNED, p, rng), arg("A", d.m(), d.n(), Values.NAN, p, rng)),
                        (be, m) -> {
                            be.addBiasActivate(m[0], m[1], f, m[2]);
                            return null;
                        }, null)));
    }

    /** Outputs a cost meets: probabilities for the logarithmic ones, signed values for the quadratic. */
    private static Values outputs(CostKind c) {
        return c == CostKind.QUADRATIC ? Values.SIGNED : Values.PROBABILITY;
    }

    /** A cost on its usual inputs, and once more on A of exact 0s and 1s: the {@code 0·ln 0} and clamping rules. */
    private static Operation cost(CostKind c) {
        return new Operation("cost[" + kindName(c) + "]", "cost(CostKind,Matrix,Matrix)", DOUBLE_SUM[0], DOUBLE_SUM[1],
                false, (op, d, p, rng) -> {
            List<OpCase> out = new ArrayList<>(elementwise(op, d, p, rng, (be, m) -> be.cost(c, m[0], m[1]), null,
                    "A", outputs(c), "Y", Values.TARGET));
            out.addAll(elementwise(op, d, p, rng, (be, m) -> be.cost(c, m[0], m[1]), null,
                    "A", Values.TARGET, "Y", Values.TARGET));
            return out;
        });
    }

    private static Operation costGradient(CostKind c) {
        return new Operation("costGradient[" + kindName(c) + "]", "costGradient(CostKind,Matrix,Matrix,Matrix)",
                ELEMENTWISE[0], ELEMENTWISE[1], false, (op, d, p, rng) -> elementwise(op, d, p, rng, (be, m) -> {
                    be.costGradient(c, m[0], m[1], m[2]);
                    return null;
                }, null, "A", outputs(c), "Y", Values.TARGET, "dA", Values.NAN));
    }

    /**
     * BP1 for every (cost, output) pair. The fused pairs are one subtraction (exact); the others are the cost's
     * gradient then the activation's backward rule ({@link #COMPOUND}), and through softmax also a column sum,
     * scaled like softmax's backward product with {@code dA = ∂c/∂a} computed in double.
     */
    private static Operation outputDelta(CostKind c, ActivationKind f) {
        boolean fused = c.fusedOutput() == f;
        Tolerance[] tol = fused ? new Tolerance[]{EXACT, EXACT} : f == ActivationKind.SOFTMAX ? REDUCTION : COMPOUND;
        return new Operation("outputDelta[" + kindName(c) + "+" + kindName(f) + "]",
                "outputDelta(CostKind,ActivationKind,Matrix,Matrix,Matrix,Matrix)", tol[0], tol[1], false,
                (op, d, p, rng) -> {
            Arg z = arg("Z", d.m(), d.n(), preActivations(f), p, rng);
            Values outputs = c == CostKind.QUADRATIC ? activations(f) : Values.PROBABILITY;
            Arg a = arg("A", d.m(), d.n(), outputs, p, rng);
            Arg y = arg("Y", d.m(), d.n(), Values.TARGET, p, rng);
            Arg delta = arg("Δ", d.m(), d.n(), Values.NAN, p, rng);
            OpCase.Scale scale = fused || f != ActivationKind.SOFTMAX ? null : (output, reference) -> {
                if (output != 3) {
                    return null;
                }
                double[] dA = new double[a.values().length];
                for (int i = 0; i < dA.length; i++) {
                    dA[i] = c.gradient(a.values()[i], y.values()[i]);
                }
                return softmaxBackwardScale(a.values(), dA, d.m(), d.n());
            };
            return List.of(new OpCase(op, d.toString(), List.of(z, a, y, delta), (be, m) -> {
                be.outputDelta(c, f, m[0], m[1], m[2], m[3]);
                return null;
            }, scale));
        });
    }

    /** α in {1, 1/m, −0.7}: the BP3 scaling and a negative one; the scale is |α|·Σ_j |A[i][j]|. */
    private static List<OpCase> sumColumnsCases(Operation op, Dims d, Precision p, Rng rng) {
        Arg a = arg("A", d.m(), d.n(), Values.SIGNED, p, rng);
        Arg out = arg("out", d.m(), 1, Values.NAN, p, rng);
        List<OpCase> cases = new ArrayList<>();
        for (double alpha : new double[]{1, 1.0 / d.n(), -0.7}) {
            cases.add(new OpCase(op, d + " α=" + fmt(alpha), List.of(a, out), (be, m) -> {
                be.sumColumns(alpha, m[0], m[1]);
                return null;
            }, (output, reference) -> {
                if (output != 1) {
                    return null;
                }
                double[] s = new double[d.m()];
                for (int i = 0; i < d.m(); i++) {
                    for (int j = 0; j < d.n(); j++) {
                        s[i] += Math.abs(alpha * a.values()[i * d.n() + j]);
                    }
                }
                return s;
            }));
        }
        return cases;
    }

    /** (α, β) in {(−0.5, 1) (the SGD bias step), (1.5, −0.25), (0.7, 0) over a NaN-filled Y}. */
    private static List<OpCase> axpbyCases(Operation op, Dims d, Precision p, Rng rng) {
        Arg x = arg("X", d.m(), d.n(), Values.SIGNED, p, rng);
        Arg y = arg("Y", d.m(), d.n(), Values.SIGNED, p, rng);
        Arg nanY = arg("Y", d.m(), d.n(), Values.NAN, p, rng);
        List<OpCase> cases = new ArrayList<>();
        for (double[] ab : new double[][]{{-0.5, 1}, {1.5, -0.25}, {0.7, 0}}) {
            double alpha = ab[0], beta = ab[1];
            Arg yArg = beta == 0 ? nanY : y;
            cases.add(new OpCase(op, d + " α=" + fmt(alpha) + " β=" + fmt(beta) + (beta == 0 ? " (Y was NaN)" : ""),
                    List.of(x, yArg), (be, m) -> {
                be.axpby(alpha, m[0], beta, m[1]);
                return null;
            }, (output, reference) -> {
                if (output != 1) {
                    return null;
                }
                double[] s = new double[x.values().length];
                for (int i = 0; i < s.length; i++) {
                    s[i] = Math.abs(alpha * x.values()[i]) + (beta == 0 ? 0 : Math.abs(beta * y.values()[i]));
                }
                return s;
            }));
        }
        return cases;
    }

    // ---------------------------------------------------------------- activations and costs

    // ---------------------------------------------------------------- evaluation

    /** Ties (small integers) and distinct values; two extra slots in {@code out} must stay untouched. */
    private static List<OpCase> argmaxCases(Operation op, Dims d, Precision p, Rng rng) {
        List<OpCase> cases = new ArrayList<>();
        for (Values kind : new Values[]{Values.TIES, Values.SIGNED}) {
            cases.add(new OpCase(op, d + " " + kind.name().toLowerCase(Locale.ROOT),
                    List.of(arg("A", d.m(), d.n(), kind, p, rng)), (be, m) -> {
                int[] out = new int[d.n() + 2];
                Arrays.fill(out, -7);
                be.argmaxColumns(m[0], out);
                return out;
            }, null));
        }
        return cases;
    }
}
