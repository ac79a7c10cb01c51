package dev.backprop.backend.vectorapi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs only in the Surefire execution that starts its JVM with {@code -Dbackprop.vectorapi.bits=128} and
 * {@code -Dbackprop.vectorapi.exp=vector} (with the twin tests and the 128-bit kit beside it): proves that the
 * switches took, so those tests really exercised the 128-bit path and its tails on this 256-bit machine, and
 * the vector exponential on every JDK (the default run on JDK 17 uses the scalar one, see {@link ExpPath}).
 */
class NarrowSpeciesTest {

    @Test
    void theForcedSpeciesIs128BitsWide() {
        assertEquals("128", System.getProperty(SpeciesChoice.BITS_PROPERTY), "this test belongs to the narrow run");
        assertEquals(128, Lanes.BITS);
        assertEquals(2, Lanes.F64.length());
        assertEquals(4, Lanes.F32.length());
        assertThat(new VectorApiBackendProvider().availability().reason()).contains("128-bit species (forced");
    }

    @Test
    void thePolynomialVectorExponentialIsOn() {
        assertEquals("vector", System.getProperty(ExpPath.PROPERTY), "this test belongs to the narrow run");
        assertThat(ExpPath.CHOICE_F64).isEqualTo(ExpPath.Choice.POLYNOMIAL);
        assertThat(ExpPath.CHOICE_F32).isEqualTo(ExpPath.Choice.POLYNOMIAL);
    }
}
