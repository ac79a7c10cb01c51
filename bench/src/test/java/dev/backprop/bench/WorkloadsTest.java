package dev.backprop.bench;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadsTest {

    @Test
    void layerSizesParseAndNameRoundTrip() {
        assertThat(Workloads.layerSizes("784-1024-1024-10")).containsExactly(784, 1024, 1024, 10);
        assertThat(Workloads.name(new int[]{784, 100, 10})).isEqualTo("784-100-10");
    }

    @Test
    void badNetworksAreExplained() {
        assertThatThrownBy(() -> Workloads.layerSizes("784")).hasMessageContaining("at least two layer sizes");
        assertThatThrownBy(() -> Workloads.layerSizes("784-x-10")).hasMessageContaining("'x' is not a layer size");
        assertThatThrownBy(() -> Workloads.layerSizes("784-0-10")).hasMessageContaining("at least 1");
    }

    @Test
    void unknownBackendsAndPrecisionsAreExplained() {
        assertThatThrownBy(() -> Workloads.backend("nope", "f64", 1)).hasMessageContaining("unknown backend 'nope'")
                .hasMessageContaining("scalar");
        assertThatThrownBy(() -> Workloads.backend("scalar", "f16", 1)).hasMessageContaining("unknown precision 'f16'");
    }

    @Test
    void dataIsSeededAndTargetsAreOneHot() {
        try (Backend be = Workloads.backend("scalar", "f64", 1)) {
            assertThat(Workloads.uniform(be, 5, 7, "x").toArray()).containsExactly(Workloads.uniform(be, 5, 7, "x").toArray());
            assertThat(Workloads.uniform(be, 5, 7, "x").toArray()).isNotEqualTo(Workloads.uniform(be, 5, 7, "y").toArray());
            Matrix y = Workloads.oneHot(be, 10, 50, "y");
            for (int j = 0; j < 50; j++) {
                double sum = 0;
                int ones = 0;
                for (int i = 0; i < 10; i++) {
                    sum += y.get(i, j);
                    ones += y.get(i, j) == 1.0 ? 1 : 0;
                }
                assertThat(sum).as("column %d", j).isEqualTo(1.0);
                assertThat(ones).isEqualTo(1);
            }
        }
    }
}
