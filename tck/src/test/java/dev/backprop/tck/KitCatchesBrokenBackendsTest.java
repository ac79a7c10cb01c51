package dev.backprop.tck;

import dev.backprop.backend.ActivationKind;
import dev.backprop.backend.ArrayMatrix;
import dev.backprop.backend.KernelPaths;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.CostKind;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.OptimizerKind;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kit can fail: deliberately broken backends are caught, with messages that say where. */
class KitCatchesBrokenBackendsTest {

    static final BackendConfig F64 = BackendConfig.of(Precision.FLOAT64, 1);

    /** Runs one operation's checks on a broken backend and returns the failure message. */
    static String failureOf(String operation, Function<BackendConfig, Backend> broken) {
        AssertionError e = assertThrows(AssertionError.class, () -> {
            try (Backend ref = new ScalarBackend(F64); Backend be = broken.apply(F64)) {
                OperationChecks.checkOperation(ref, be, Operations.named(operation), null);
            }
        });
        return e.getMessage();
    }

    @Test
    void gemmThatIgnoresBetaIsCaughtWithShapeFlagsAndPlace() {
        String message = failureOf("gemm", c -> new Delegating(c) {
            @Override
            protected void doGemm(boolean ta, boolean tb, double alpha, Matrix a, Matrix b, double beta, Matrix cc) {
                super.doGemm(ta, tb, alpha, a, b, 0.0, cc);
            }
        });
        assertTrue(message.startsWith("gemm 1×1·1×1 A·B α=1 β=1 [broken, f64, 1 thread]: C differs from the reference:"),
                message);
        assertTrue(message.contains("at index 0 (row 0, col 0)") && message.contains("tolerance rel 2.3e-13"), message);
    }

    @Test
    void gemmThatLetsNaNThroughWhenBetaIsZeroIsCaught() {
        String message = failureOf("gemm", c -> new Delegating(c) {
            @Override
            protected void doGemm(boolean ta, boolean tb, double alpha, Matrix a, Matrix b, double beta, Matrix cc) {
                super.doGemm(ta, tb, alpha, a, b, 1e-300, cc);     // β·NaN = NaN
            }
        });
        assertTrue(message.contains("(C was NaN)") && message.contains("reference"), message);
    }

    @Test
    void float32ArithmeticInAFloat64BackendIsCaught() {
        String message = failureOf("activate[sigmoid]", c -> new Delegating(c) {
            @Override
            protected void doActivate(ActivationKind f, Matrix z, Matrix a) {
                ArrayMatrix Z = (ArrayMatrix) z, A = (ArrayMatrix) a;
                for (int i = 0; i < Z.size(); i++) {
                    A.put(i, (float) (1.0 / (1.0 + Math.exp(-Z.at(i)))));
                }
            }
        });
        assertTrue(message.startsWith("activate[sigmoid] "), message);
        assertTrue(message.contains("A differs from the reference"), message);
    }

    @Test
    void argmaxThatPicksTheLastOfEqualMaximaIsCaught() {
        String message = failureOf("argmaxColumns", c -> new Delegating(c) {
            @Override
            protected void doArgmaxColumns(Matrix a, int[] out) {
                for (int j = 0; j < a.cols(); j++) {
                    int best = 0;
                    for (int i = 1; i < a.rows(); i++) {
                        if (a.get(i, j) >= a.get(best, j)) {
                            best = i;
                        }
                    }
                    out[j] = best;
                }
            }
        });
        assertTrue(message.contains("argmaxColumns") && message.contains("ties"), message);
    }

    @Test
    void softmaxThatForgetsTheColumnMaximumIsCaught() {
        String message = failureOf("activate[softmax]", c -> new Delegating(c) {
            @Override
            protected void doActivate(ActivationKind f, Matrix z, Matrix a) {
                for (int j = 0; j < z.cols(); j++) {
                    double sum = 0;
                    for (int i = 0; i < z.rows(); i++) {
                        sum += Math.exp(z.get(i, j));
                    }
                    for (int i = 0; i < z.rows(); i++) {
                        a.set(i, j, Math.exp(z.get(i, j)) / sum);
                    }
                }
            }
        });
        assertTrue(message.contains("softmax") && message.contains("NaN"), message);
    }

    @Test
    void fusedKernelThatDropsTheBiasIsCaught() {
        String message = failureOf("addBiasActivate[tanh]", c -> new Delegating(c) {
            @Override
            protected void doAddBiasActivate(Matrix z, Matrix b, ActivationKind f, Matrix a) {
                doActivate(f, z, a);
            }
        });
        assertTrue(message.startsWith("addBiasActivate[tanh]"), message);
    }

    @Test
    void fusedOutputDeltaForTheWrongPairIsCaught() {
        String message = failureOf("outputDelta[cross-entropy+tanh]", c -> new Delegating(c) {
            @Override
            protected void doOutputDelta(CostKind k, ActivationKind f, Matrix z, Matrix a, Matrix y, Matrix delta) {
                zip(a, y, (ai, yi) -> ai - yi, delta);              // Δ = A − Y is right only for the fused pair
            }
        });
        assertTrue(message.startsWith("outputDelta[cross-entropy+tanh]") && message.contains("Δ differs"), message);
    }

    @Test
    void adamWithoutItsBiasCorrectionIsCaught() {
        String message = failureOf("optimizerStep[adam]", c -> new Delegating(c) {
            @Override
            protected void doOptimizerStep(OptimizerKind k, Matrix w, Matrix g, Matrix s1, Matrix s2, double eta,
                                           double beta1, double beta2, double epsilon, double decay, long step) {
                super.doOptimizerStep(k, w, g, s1, s2, eta, beta1, beta2, epsilon, decay, 1_000_000);
            }
        });
        assertTrue(message.startsWith("optimizerStep[adam] ") && message.contains("t=1")
                && message.contains("W differs from the reference"), message);
    }

    @Test
    void nesterovThatForgetsTheLookAheadIsCaught() {
        String message = failureOf("optimizerStep[nesterov]", c -> new Delegating(c) {
            @Override
            protected void doOptimizerStep(OptimizerKind k, Matrix w, Matrix g, Matrix s1, Matrix s2, double eta,
                                           double beta1, double beta2, double epsilon, double decay, long step) {
                super.doOptimizerStep(OptimizerKind.MOMENTUM, w, g, s1, s2, eta, beta1, beta2, epsilon, decay, step);
            }
        });
        assertTrue(message.startsWith("optimizerStep[nesterov] ") && message.contains("W differs"), message);
    }

    @Test
    void aBackendThatRejectsItsOwnOtherPrecisionAsForeignBreaksTheFacadeRules() {
        Function<BackendConfig, Backend> picky = c -> new Delegating(c) {
            @Override
            protected boolean accepts(Matrix m) {
                return m instanceof ArrayMatrix && m.precision() == precision();
            }
        };
        AssertionError e = assertThrows(AssertionError.class, () -> {
            try (Backend ref = new ScalarBackend(F64); Backend be = picky.apply(F64)) {
                FacadeChecks.checkSubstitutions(ref, be, Operations.named("zip"),
                        of -> new ScalarBackend(of.config().withPrecision(Precision.FLOAT32)),
                        of -> picky.apply(of.config().withPrecision(Precision.FLOAT32)));
            }
        });
        assertTrue(e.getMessage().contains("has the other precision") && e.getMessage().contains("is f32 but backend"),
                e.getMessage());
    }

    @Test
    void trainingThatDriftsIsCaught() {
        AssertionError e = assertThrows(AssertionError.class, () -> {
            try (Backend ref = new ScalarBackend(F64); Backend be = new Delegating(F64) {
                @Override
                protected void doAxpby(double alpha, Matrix x, double beta, Matrix y) {
                    super.doAxpby(alpha * (1 + 1e-7), x, beta, y);      // a learning rate off by 1e-7
                }
            }) {
                TrainingChecks.agree(ref, be, TrainingChecks.RUNS.get(0), 1, null);
            }
        });
        assertTrue(e.getMessage().contains("step ") && e.getMessage().contains("relative tolerance 1e-09"), e.getMessage());
    }

    @Test
    void coverageGuardNamesAnOperationTheKitDoesNotTest() {
        Set<String> facade = new TreeSet<>(CoverageGuard.facadeOperations());
        facade.add("frobnicate(Matrix)");
        AssertionError e = assertThrows(AssertionError.class,
                () -> CoverageGuard.requireComplete(facade, CoverageGuard.checked()));
        assertTrue(e.getMessage().contains("[frobnicate(Matrix)]"), e.getMessage());
        assertEquals(CoverageGuard.facadeOperations(), CoverageGuard.checked(), "the kit checks exactly the facade");
    }

    @Test
    void coverageGuardNamesAKindTheKitDoesNotTest() {
        Set<String> kinds = new TreeSet<>(CoverageGuard.kindOperations());
        assertTrue(kinds.contains("activateBackward[softmax]") && kinds.contains("outputDelta[log-likelihood+relu]"), kinds.toString());
        kinds.add("activate[swish]");
        AssertionError e = assertThrows(AssertionError.class,
                () -> CoverageGuard.requireKinds(kinds, CoverageGuard.catalogNames()));
        assertTrue(e.getMessage().contains("[activate[swish]]"), e.getMessage());
    }

    @Test
    void kernelPathsShowAKindLeftToTheDefault() {
        try (Backend be = new Delegating(F64) {
            @Override
            protected void doActivate(ActivationKind f, Matrix z, Matrix a) {
                if (f == ActivationKind.RELU) {
                    map(z, x -> Math.max(x, 0.0), a);              // its own kernel for ReLU only
                } else {
                    super.doActivate(f, z, a);
                }
            }
        }) {
            KernelPaths paths = be.kernelPaths();
            List<String> own = paths.own().stream().map(KernelPaths.Path::label).toList();
            assertTrue(own.contains("activate(relu)") && !own.contains("activate(tanh)"), paths.summary());
            assertTrue(paths.portable().stream().anyMatch(p -> p.label().equals("activate(sigmoid)")), paths.summary());
        }
    }
}
