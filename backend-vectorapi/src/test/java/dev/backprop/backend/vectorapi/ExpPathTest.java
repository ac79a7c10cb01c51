package dev.backprop.backend.vectorapi;

import dev.backprop.backend.vectorapi.ExpPath.Choice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which exponential the activation kernels use: the JDK's default and the property's override. */
class ExpPathTest {

    @Test
    void polynomialFromJdk25InBothPrecisionsAndSvmlNeverUnlessAsked() {
        assertThat(ExpPath.choose(17, null, true, false)).isEqualTo(Choice.SCALAR);
        assertThat(ExpPath.choose(17, null, true, true)).isEqualTo(Choice.SCALAR);
        assertThat(ExpPath.choose(25, "", true, false)).isEqualTo(Choice.POLYNOMIAL);
        assertThat(ExpPath.choose(17, null, false, false)).isEqualTo(Choice.SCALAR);
        assertThat(ExpPath.choose(21, "", false, false)).isEqualTo(Choice.SCALAR);
        assertThat(ExpPath.choose(21, "", false, true)).isEqualTo(Choice.SCALAR);
        assertThat(ExpPath.choose(25, null, true, true)).isEqualTo(Choice.POLYNOMIAL);
        assertThat(ExpPath.choose(25, null, false, false)).isEqualTo(Choice.POLYNOMIAL);
        assertThat(ExpPath.choose(26, null, false, true)).isEqualTo(Choice.POLYNOMIAL);
    }

    @Test
    void thePropertyOverridesTheDefaultInBothPrecisions() {
        for (boolean f32 : new boolean[]{false, true}) {
            assertThat(ExpPath.choose(17, "vector", true, f32)).isEqualTo(Choice.POLYNOMIAL);
            assertThat(ExpPath.choose(25, " Scalar ", true, f32)).isEqualTo(Choice.SCALAR);
            assertThat(ExpPath.choose(17, "svml", true, f32)).isEqualTo(Choice.SVML);
        }
    }

    @Test
    void svmlCannotBeForcedWhereTheJdkLacksIt() {
        assertThatThrownBy(() -> ExpPath.choose(25, "svml", false, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no SVML library");
    }

    @Test
    void anUnknownChoiceNamesThePropertyAndTheChoices() {
        assertThatThrownBy(() -> ExpPath.choose(17, "simd", true, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dbackprop.vectorapi.exp=simd")
                .hasMessageContaining("use svml, vector or scalar");
    }

    @Test
    void thisJdkOnX86HasSvml() {
        String arch = System.getProperty("os.arch");
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            assertThat(ExpPath.svmlPresent()).as("JDK 17 and 25 on x86-64 ship lib/libjsvml").isTrue();
        }
    }

    @Test
    void theDescriptionSaysWhichPathRuns() {
        for (Choice c : Choice.values()) {
            String expected = switch (c) {
                case SVML -> "SVML exp";
                case POLYNOMIAL -> "polynomial vector exp";
                case SCALAR -> "scalar exp";
            };
            assertThat(ExpPath.describe(c)).startsWith(expected);
        }
    }

    @Test
    void thisJvmTookThePathsItsJdkAndPropertyAskFor() {
        int jdk = Runtime.version().feature();
        String asked = System.getProperty(ExpPath.PROPERTY);
        assertThat(ExpPath.CHOICE_F64).isEqualTo(ExpPath.choose(jdk, asked, ExpPath.svmlPresent(), false));
        assertThat(ExpPath.CHOICE_F32).isEqualTo(ExpPath.choose(jdk, asked, ExpPath.svmlPresent(), true));
    }

    @Test
    void svmlIsTakenInBothPrecisionsOrInNeither() {
        assertThat(ExpPath.CHOICE_F32 == Choice.SVML).isEqualTo(ExpPath.SVML);
        assertThat(ExpPath.CHOICE_F64 == Choice.SVML).isEqualTo(ExpPath.SVML);
    }
}
