package dev.backprop.backend.vectorapi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which exponential the activation kernels use: the JDK's default and the property's override. */
class ExpPathTest {

    @Test
    void vectorsFromJdk25ScalarTwinsBefore() {
        assertThat(ExpPath.vector(17, null)).isFalse();
        assertThat(ExpPath.vector(21, "")).isFalse();
        assertThat(ExpPath.vector(25, null)).isTrue();
        assertThat(ExpPath.vector(26, null)).isTrue();
    }

    @Test
    void thePropertyOverridesTheDefaultEitherWay() {
        assertThat(ExpPath.vector(17, "vector")).isTrue();
        assertThat(ExpPath.vector(25, " Scalar ")).isFalse();
    }

    @Test
    void anUnknownChoiceNamesThePropertyAndTheChoices() {
        assertThatThrownBy(() -> ExpPath.vector(17, "simd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dbackprop.vectorapi.exp=simd")
                .hasMessageContaining("use vector or scalar");
    }

    @Test
    void theDescriptionSaysWhichPathRuns() {
        assertThat(ExpPath.describe()).startsWith(ExpPath.VECTOR ? "vector exp" : "scalar exp");
    }
}
