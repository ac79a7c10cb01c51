package dev.backprop.backend.vectorapi;

/** Picks the vector width from the CPU's preference and the testing switch; no Vector API types here. */
final class SpeciesChoice {

    /** System property that narrows the species (testing only): {@code 128}, {@code 256} or {@code 512}. */
    static final String BITS_PROPERTY = "backprop.vectorapi.bits";

    /** The narrowest width the kernels are written for (two f64 lanes). */
    static final int MIN_BITS = 128;

    private SpeciesChoice() {
    }

    /**
     * The width the kernels use: {@code preferredBits}, or {@code requested} when that is a supported width
     * no wider than the preferred one. An unusable request falls back to the preferred width;
     * {@link #problem} tells the provider to report it.
     */
    static int bits(int preferredBits, String requested) {
        return problem(preferredBits, requested) == null && requested != null && !requested.isBlank()
                ? Integer.parseInt(requested.trim()) : preferredBits;
    }

    /** Why {@code requested} cannot be honoured, or null when it can (or when nothing was requested). */
    static String problem(int preferredBits, String requested) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        int bits;
        try {
            bits = Integer.parseInt(requested.trim());
        } catch (NumberFormatException e) {
            bits = -1;
        }
        if (bits != 128 && bits != 256 && bits != 512) {
            return "-D" + BITS_PROPERTY + "=" + requested + " is not a vector width; use 128, 256 or 512";
        }
        if (bits > preferredBits) {
            return "-D" + BITS_PROPERTY + "=" + bits + " is wider than this CPU's " + preferredBits
                    + "-bit vectors; use " + preferredBits + " or less";
        }
        return null;
    }
}
