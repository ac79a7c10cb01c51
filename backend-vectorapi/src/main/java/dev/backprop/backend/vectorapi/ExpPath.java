package dev.backprop.backend.vectorapi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How the activation kernels (sigmoid, tanh, softmax) evaluate {@code e^x}: one of three paths, fixed when the
 * class loads so that C2 folds the choice away.
 * <ul>
 *   <li>{@link Choice#POLYNOMIAL}: {@link VectorExp}'s polynomial on vectors, its scalar twin in the tails (the
 *       same bits everywhere). The default on JDK 25 and later, in both precisions.</li>
 *   <li>{@link Choice#SCALAR}: the polynomial's scalar twin for every element. The default before JDK 25, in
 *       both precisions, because JDK 17's C2 does not compile the vector polynomial reliably: in some JVMs it
 *       leaves {@code VectorExp.exp} a real call and boxes the vectors that cross it. In f64 (Estrin's scheme) it
 *       boxed 0.2–0.3 MB per training step in every JVM of four; {@code -XX:+PrintInlining} shows
 *       {@code VectorExp::exp (320 bytes) callee is too large} in compilations of the sigmoid where C2 judged
 *       the call not hot, so only {@code MaxInlineSize}'s 35 bytes were allowed. In f32 it looked safe at the
 *       784-100-10 step's batch 64 (25 of 25 JVMs at 0.4–0.5 B per step, the step 1.11–1.13× faster at one
 *       thread) and was the f32 default on every JDK from {@code faab329}, until batch 256 boxed 169 KB per
 *       step in 4 of 16 JVMs (AMD Zen 5, AVX-512; the scalar path 0 of 8). Writing the polynomial out inside the
 *       f32 sigmoid's own loop, so that no method of ours takes or returns a vector, does not cure it: that
 *       sigmoid ran 6.6× as fast on JDK 17 (ActivationBenchmark, 100×64; the 784-100-10 step at batch 64 1.28×),
 *       but boxed the same 169 KB per step in 3 of 64 JVMs at batch 256 (Intel Xeon; the scalar path 0 of 12).
 *       {@code -XX:+PrintInlining} of such a JVM showed C2 typing the loop's final {@code intoArray} receiver
 *       by profile only, reading its species from memory and so failing the store intrinsic ({@code
 *       -XX:+PrintIntrinsics}: {@code missing constant: vclass=DecodeN}). Reinterpreting float lanes as int
 *       through constant species ({@code reinterpretShape}) instead of {@code reinterpretAsInts()}, whose species
 *       is looked up at run time, did not cure it either: 5 of 88 JVMs boxed. The sigmoid and tanh kernels take
 *       this path in two loops over all the rows of a call (the first half of exp, then the half that builds
 *       {@code 2^k}, by multiplications: {@link VectorExp#pow2Exact(float)}), so that C2's auto-vectorizer,
 *       not the Vector API, compiles both to SIMD code, with the same bits as the one-loop twin. On JDK 17 (JMH
 *       ActivationBenchmark, forward and biasedForward, 100×64 and 1024×256, AMD Zen 5 core) the first loop
 *       alone made sigmoid 1.7–2.7× and tanh 1.3–3.3× faster than the one-loop twin; the second loop in SIMD
 *       and both loops over whole calls, not rows (a row of 64 elements ran in the vectorized loop's scalar
 *       tail), made biasedForward a further 3.8× (f32) and 1.9× (f64) faster for sigmoid at 100×64 and 2.9× /
 *       1.3× at 1024×256, tanh 2.0× / 1.2× and 1.2× / 0.96× (Intel Xeon, best iteration of three alternating
 *       rounds; sigmoid f32 100×64 in 6.8 µs instead of 26). Softmax still takes the one-loop twin.</li>
 *   <li>{@link Choice#SVML}, only when asked for: the Vector API's own {@code EXP}/{@code EXPM1}, which C2
 *       compiles to calls into the JDK's SVML library (x86-64, JDK 16 and later); tails use {@code Math.exp}.
 *       Much faster on JDK 17 (JMH ActivationBenchmark, sigmoid 100×64: f64 2.7 µs and f32 1.9 µs per call
 *       against 54 and 44 µs for the scalar twins, every fork allocation-free), but <b>not bit-reproducible</b>:
 *       until C2 has compiled a kernel the Vector API computes {@code EXP} lane by lane with {@code Math.exp},
 *       afterwards with SVML, and the two differ in the last bits, so a run's results depend on when the JIT
 *       finished (a resumed run no longer matches the uninterrupted one bit for bit). Use it for speed studies,
 *       not for reproducible training.</li>
 * </ul>
 * {@value #PROPERTY}{@code =svml|vector|scalar} overrides the choice ({@code vector} is the polynomial; the
 * tests use it to run every path on every JDK).
 */
final class ExpPath {

    static final String PROPERTY = "backprop.vectorapi.exp";

    /** The three ways to evaluate e^x. */
    enum Choice { SVML, POLYNOMIAL, SCALAR }

    /** The path of both precisions' kernels: one rule since {@code d457299} (see the class comment). */
    private static final Choice CHOICE = choose(Runtime.version().feature(), System.getProperty(PROPERTY),
            svmlPresent());
    /** The path of the f64 kernels, a name of its own so that the twin kernels each read their precision's. */
    static final Choice CHOICE_F64 = CHOICE;
    /** The path of the f32 kernels. */
    static final Choice CHOICE_F32 = CHOICE;
    /** Whether exponentials are taken by the JDK's SVML on vectors (only when asked, so in both precisions). */
    static final boolean SVML = CHOICE_F64 == Choice.SVML;
    /** Whether the f64 activation kernels run vector loops at all (else every element goes through the scalar tail). */
    static final boolean VECTOR_F64 = CHOICE_F64 != Choice.SCALAR;
    /** Whether the f32 activation kernels run vector loops at all. */
    static final boolean VECTOR_F32 = CHOICE_F32 != Choice.SCALAR;

    private ExpPath() {
    }

    /**
     * The choice for a JDK feature release, the property's value (null when unset) and whether the JDK has its
     * SVML library.
     */
    static Choice choose(int jdkFeature, String asked, boolean svml) {
        if (asked == null || asked.isBlank()) {                // SVML only when asked: see the class comment
            return jdkFeature >= 25 ? Choice.POLYNOMIAL : Choice.SCALAR;
        }
        switch (asked.trim().toLowerCase(Locale.ROOT)) {
            case "svml":
                if (!svml) {
                    throw new IllegalArgumentException("-D" + PROPERTY + "=svml, but this JDK has no SVML library"
                            + " (lib/libjsvml on x86-64, JDK 16 and later); use vector or scalar");
                }
                return Choice.SVML;
            case "vector":
                return Choice.POLYNOMIAL;
            case "scalar":
                return Choice.SCALAR;
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + asked
                        + " is not a choice: use svml, vector or scalar (or leave it unset for the JDK's default)");
        }
    }

    /** Whether this JVM is on x86-64 and ships the SVML library the Vector API's EXP intrinsics call. */
    static boolean svmlPresent() {
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return false;
        }
        Path home = Path.of(System.getProperty("java.home"));
        for (Path p : new Path[]{home.resolve("lib/libjsvml.so"), home.resolve("bin/jsvml.dll"),
                home.resolve("lib/libjsvml.dylib")}) {
            if (Files.isRegularFile(p)) {
                return true;
            }
        }
        return false;
    }

    /** How the provider describes a choice. */
    static String describe(Choice choice) {
        return switch (choice) {
            case SVML -> "SVML exp (fast, not bit-reproducible)";
            case POLYNOMIAL -> "polynomial vector exp";
            case SCALAR -> "scalar exp (no SVML, and the vector polynomial is unreliable before JDK 25)";
        };
    }
}
