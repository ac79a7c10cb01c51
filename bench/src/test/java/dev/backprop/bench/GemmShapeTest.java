package dev.backprop.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GemmShapeTest {

    @Test
    void parsesWhatItPrints() {
        for (String s : new String[]{"WA:100x784x64", "DAt:100x64x784", "WtD:100x10x64", "WA:1024x1024x1024"}) {
            assertThat(GemmShape.parse(s).toString()).isEqualTo(s);
        }
    }

    @Test
    void storedOperandsFollowTheTransposeFlags() {
        GemmShape wa = GemmShape.parse("WA:3x4x5");       // A 3×4, B 4×5
        GemmShape dat = GemmShape.parse("DAt:3x4x5");     // A 3×4, B stored 5×4
        GemmShape wtd = GemmShape.parse("WtD:3x4x5");     // A stored 4×3, B 4×5
        assertThat(new int[]{wa.aRows(), wa.aCols(), wa.bRows(), wa.bCols()}).containsExactly(3, 4, 4, 5);
        assertThat(new int[]{dat.aRows(), dat.aCols(), dat.bRows(), dat.bCols()}).containsExactly(3, 4, 5, 4);
        assertThat(new int[]{wtd.aRows(), wtd.aCols(), wtd.bRows(), wtd.bCols()}).containsExactly(4, 3, 4, 5);
        assertThat(wa.flops()).isEqualTo(2.0 * 3 * 4 * 5);
        assertThat(GemmShape.square(8).isSquare()).isTrue();
        assertThat(wa.isSquare()).isFalse();
    }

    @Test
    void badShapesAreExplained() {
        assertThatThrownBy(() -> GemmShape.parse("AB:1x2x3")).hasMessageContaining("expected FORM:MxKxN")
                .hasMessageContaining("WtD");
        assertThatThrownBy(() -> GemmShape.parse("WA:0x2x3")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> GemmShape.parse("WA:99999999999x2x3")).hasMessageContaining("too large");
    }
}
