package dev.backprop.backend.vectorapi;

import dev.backprop.backend.Availability;

/**
 * Turns what the JVM reports into the provider's availability and its reason, as plain functions of their
 * inputs so that every branch (missing module, no C2, narrow or mis-forced species) is tested without
 * starting JVMs with those flags. Touches no Vector API type.
 */
final class Verdict {

    static final String ADD_MODULES = "--add-modules " + JvmFacts.VECTOR_MODULE;

    private Verdict() {
    }

    /** Unusable with the fix when the module is missing or C2 is off; usable (so far) otherwise. */
    static Availability of(JvmFacts facts) {
        if (!facts.vectorModulePresent()) {
            return Availability.unusable("the " + JvmFacts.VECTOR_MODULE + " module is not in the boot layer; start"
                    + " java with " + ADD_MODULES + " (on the module path it is added automatically)");
        }
        return facts.c2Missing()
                .map(why -> Availability.unusable(why + ", so Vector API code would run as slow Java objects;"
                        + " start java without that flag to use this backend"))
                .orElse(Availability.usable("Vector API present"));
    }

    /**
     * The verdict on the vector width: unusable below {@value SpeciesChoice#MIN_BITS} bits or when the testing
     * switch asks for an impossible width; otherwise usable, describing lanes, FMA and any forced width.
     */
    static Availability ofSpecies(JvmFacts facts, int preferredBits, int usedBits, String requested, int f64Lanes,
                                  int f32Lanes) {
        if (preferredBits < SpeciesChoice.MIN_BITS) {
            return Availability.unusable("the CPU's preferred vector species is " + preferredBits + " bits; this"
                    + " backend needs at least " + SpeciesChoice.MIN_BITS + " (check -XX:MaxVectorSize and -XX:UseAVX)");
        }
        String problem = SpeciesChoice.problem(preferredBits, requested);
        if (problem != null) {
            return Availability.unusable(problem);
        }
        return Availability.usable(species(facts, usedBits, preferredBits) + ", " + f64Lanes + " f64 / " + f32Lanes
                + " f32 lanes" + withheldAvx512(facts, preferredBits));
    }

    /**
     * E.g. "256-bit species, FMA" or "128-bit species (forced; the CPU prefers 256), FMA", followed by
     * {@link #withheldAvx512}.
     */
    static String hardware(JvmFacts facts, int usedBits, int preferredBits) {
        return species(facts, usedBits, preferredBits) + withheldAvx512(facts, preferredBits);
    }

    private static String species(JvmFacts facts, int usedBits, int preferredBits) {
        String fma = facts.useFma().map(on -> on ? "FMA" : "no FMA (multiply-add emulated)").orElse("FMA unknown");
        return usedBits + "-bit species" + (usedBits != preferredBits
                ? " (forced by -D" + SpeciesChoice.BITS_PROPERTY + "; the CPU prefers " + preferredBits + ")" : "")
                + ", " + fma;
    }

    /**
     * When the CPU has AVX-512 that HotSpot does not let C2 use, the flag that enables it (a user would
     * otherwise never learn that half the SIMD width is idle); empty otherwise.
     */
    static String withheldAvx512(JvmFacts facts, int preferredBits) {
        return preferredBits < 512 && facts.avx512Withheld()
                ? "; the CPU has AVX-512 but HotSpot runs it at -XX:UseAVX=" + facts.useAvx().orElseThrow()
                  + ", its default for this CPU: add -XX:UseAVX=3 for 512-bit species" : "";
    }
}
