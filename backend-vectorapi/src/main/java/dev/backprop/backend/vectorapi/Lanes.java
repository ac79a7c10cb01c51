package dev.backprop.backend.vectorapi;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector species every kernel uses, fixed once when this class is loaded. They are {@code static final}
 * on purpose: C2 only turns vector code into SIMD instructions when the species is a compile-time constant.
 *
 * <p>The width is the CPU's preferred one unless the system property {@value SpeciesChoice#BITS_PROPERTY} asks for a
 * narrower one. That switch exists for tests: on a 256-bit machine, {@code -Dbackprop.vectorapi.bits=128}
 * exercises the narrow path and different tail lengths. Because the species are constants, a JVM runs one
 * width only; the forced-narrow tests run in a JVM of their own.
 */
final class Lanes {

    /** The CPU's preferred vector width in bits, as C2 will compile it. */
    static final int PREFERRED_BITS = VectorShape.preferredShape().vectorBitSize();

    /** The width the kernels use: the preferred one, or the narrower one asked for by {@value SpeciesChoice#BITS_PROPERTY}. */
    static final int BITS = SpeciesChoice.bits(PREFERRED_BITS, System.getProperty(SpeciesChoice.BITS_PROPERTY));

    static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(BITS));
    static final VectorSpecies<Float> F32 = FloatVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(BITS));

    private Lanes() {
    }

    /**
     * What the provider reports, read through a method handle so that the provider itself never links
     * against {@code jdk.incubator.vector}: {preferred bits, used bits, f64 lanes, f32 lanes}.
     */
    static int[] report() {
        return new int[]{PREFERRED_BITS, BITS, F64.length(), F32.length()};
    }
}
