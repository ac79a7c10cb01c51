package dev.backprop.backend;

import java.util.Locale;

/** The floating-point precision a backend computes and stores in. */
public enum Precision {
    /** IEEE 754 binary64 ({@code double}). */
    FLOAT64("f64", 8),
    /** IEEE 754 binary32 ({@code float}). */
    FLOAT32("f32", 4);

    private final String shortName;
    private final int bytes;

    Precision(String shortName, int bytes) {
        this.shortName = shortName;
        this.bytes = bytes;
    }

    /** The short name used on command lines and in reports: {@code f64} or {@code f32}. */
    public String shortName() {
        return shortName;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /**
     * Parses {@code f64}, {@code float64}, {@code double}, {@code f32}, {@code float32} or {@code float}
     * (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted spellings when {@code text} is none of them
     */
    public static Precision parse(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "f64": case "float64": case "double": case "fp64":
                return FLOAT64;
            case "f32": case "float32": case "float": case "fp32":
                return FLOAT32;
            default:
                throw new IllegalArgumentException("unknown precision '" + text
                        + "': use f64 (float64, double) or f32 (float32, float)");
        }
    }
}
