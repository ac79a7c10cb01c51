package dev.backprop.backend.vectorapi;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs only in the Surefire execution that starts its JVM with {@code -Dbackprop.vectorapi.bits=128} (with
 * the twin tests beside it): proves that the switch took, so those tests really exercised the 128-bit path
 * and its tails on this 256-bit machine.
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
}
