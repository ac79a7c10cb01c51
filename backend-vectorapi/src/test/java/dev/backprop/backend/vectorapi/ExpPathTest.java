package dev.backprop.backend.vectorapi;

import dev.backprop.backend.vectorapi.ExpPath.Choice;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which exponential the activation kernels use: the JDK's default and the property's override. */
class ExpPathTest {

    @Test
    void polynomialFromJdk25InBothPrecisionsAndSvmlNeverUnlessAsked() {
        assertThat(ExpPath.choose(17, null, true)).isEqualTo(Choice.SCALAR);
        assertThat(ExpPath.choose(17, null, false)).isEqualTo(Choice.SCALAR);
        assertThat(ExpPath.choose(21, "", false)).isEqualTo(Choice.SCALAR);
        assertThat(ExpPath.choose(24, null, true)).isEqualTo(Choice.SCALAR);
        assertThat(ExpPath.choose(25, "", true)).isEqualTo(Choice.POLYNOMIAL);
        assertThat(ExpPath.choose(25, null, false)).isEqualTo(Choice.POLYNOMIAL);
        assertThat(ExpPath.choose(26, null, true)).isEqualTo(Choice.POLYNOMIAL);
    }

    @Test
    void thePropertyOverridesTheDefault() {
        assertThat(ExpPath.choose(17, "vector", true)).isEqualTo(Choice.POLYNOMIAL);
        assertThat(ExpPath.choose(25, " Scalar ", true)).isEqualTo(Choice.SCALAR);
        assertThat(ExpPath.choose(17, "svml", true)).isEqualTo(Choice.SVML);
    }

    @Test
    void svmlCannotBeForcedWhereTheJdkLacksIt() {
        assertThatThrownBy(() -> ExpPath.choose(25, "svml", false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no SVML library");
    }

    @Test
    void anUnknownChoiceNamesThePropertyAndTheChoices() {
        assertThatThrownBy(() -> ExpPath.choose(17, "simd", true))
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
        assertThat(ExpPath.CHOICE_F64).isEqualTo(ExpPath.choose(jdk, asked, ExpPath.svmlPresent()));
        assertThat(ExpPath.CHOICE_F32).isEqualTo(ExpPath.choose(jdk, asked, ExpPath.svmlPresent()));
    }
}
