package dev.backprop.backend;

import dev.backprop.backend.scalar.ScalarBackend;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The facade rejects bad arguments before any kernel runs, with messages that name shapes and fixes. */
class FacadeChecksTest {

    final Backend f64 = new ScalarBackend(BackendConfig.defaults());
    final Backend f32 = new ScalarBackend(BackendConfig.of(Precision.FLOAT32, 1));

    @Test
    void gemmInnerDimensionMismatchNamesBothShapes() {
        Matrix a = f64.zeros(3, 4), b = f64.zeros(5, 2), c = f64.zeros(3, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> f64.gemm(false, false, 1, a, b, 0, c));
        assertThat(e.getMessage()).contains("op(A) = A is 3×4").contains("op(B) = B is 5×2")
                .contains("inner dimensions 4 and 5");
    }

    @Test
    void gemmTransposeFlagsAreReflectedInTheMessage() {
        Matrix a = f64.zeros(4, 3), b = f64.zeros(2, 4), c = f64.zeros(3, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> f64.gemm(true, true, 1, a, b, 0, c));
        assertThat(e.getMessage()).contains("op(A) = Aᵀ is 3×4").contains("op(B) = Bᵀ is 4×2")
                .contains("C must be 3×2, but C is 3×3");
    }

    @Test
    void gemmOutputMustNotAliasAnInput() {
        Matrix a = f64.zeros(3, 3), b = f64.zeros(3, 3);
        var e = assertThrows(IllegalArgumentException.class, () -> f64.gemm(false, false, 1, a, b, 0, a));
        assertThat(e.getMessage()).contains("C is the same matrix as A");
    }

    @Test
    void mixedPrecisionsAreRejected() {
        Matrix a = f64.zeros(2, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> f32.activate(ActivationKind.SIGMOID, f32.zeros(2, 2), a));
        assertThat(e.getMessage()).contains("A is f64 but backend 'scalar' computes in f32");
    }

    @Test
    void foreignMatricesAreRejected() {
        Matrix foreign = new Matrix() {
            public int rows() { return 2; }
            public int cols() { return 2; }
            public Precision precision() { return Precision.FLOAT64; }
            public double get(int r, int c) { return 0; }
            public void set(int r, int c, double v) { }
        };
        var e = assertThrows(IllegalArgumentException.class, () -> f64.activate(ActivationKind.RELU, foreign, f64.zeros(2, 2)));
        assertThat(e.getMessage()).contains("was not made by backend 'scalar'");
    }

    @Test
    void elementwiseShapesMustMatch() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> f64.zip(f64.zeros(2, 3), f64.zeros(3, 2), (x, y) -> x * y, f64.zeros(2, 3)));
        assertThat(e.getMessage()).contains("zip: X is 2×3 but Y is 3×2");
    }

    @Test
    void biasMustBeAColumnOfTheRightHeight() {
        var e = assertThrows(IllegalArgumentException.class, () -> f64.addBias(f64.zeros(4, 3), f64.zeros(3, 1)));
        assertThat(e.getMessage()).contains("b is 3×1 but must be a 4×1 column vector");
    }

    @Test
    void nonFiniteScalarsAreRejected() {
        Matrix x = f64.zeros(2, 2), y = f64.zeros(2, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> f64.axpby(Double.NaN, x, 1, y));
        assertThat(e.getMessage()).contains("alpha is NaN");
    }

    @Test
    void arraysMustMatchTheMatrixSize() {
        var e = assertThrows(IllegalArgumentException.class, () -> f64.load(f64.zeros(2, 3), new double[5]));
        assertThat(e.getMessage()).contains("src has 5 elements but the matrix is 2×3 = 6");
    }

    @Test
    void emptyShapesAreRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> f64.zeros(0, 3));
        assertThat(e.getMessage()).contains("at least one row and one column");
    }

    @Test
    void argmaxNeedsOneSlotPerColumn() {
        var e = assertThrows(IllegalArgumentException.class, () -> f64.argmaxColumns(f64.zeros(2, 3), new int[2]));
        assertThat(e.getMessage()).contains("needs at least 3");
    }
}
