package dev.backprop.cli;

import dev.backprop.data.Dataset;
import dev.backprop.data.Scaling;

import java.util.Locale;

/**
 * {@code train --normalize}: which per-feature {@link Scaling} to fit on the training examples. {@code auto}
 * standardises your own data (CSV, NumPy), whose features come in any units, and leaves the built-in sets
 * alone: their features are already in [0, 1] or near it, and the book's runs are reproduced as published.
 */
enum Normalization {
    AUTO, NONE, STANDARDIZE, MIN_MAX;

    /** Parses {@code auto}, {@code none}, {@code standardize} or {@code min-max}. */
    static Normalization parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "auto" -> AUTO;
            case "none" -> NONE;
            case "standardize", "standardise" -> STANDARDIZE;
            case "min-max", "minmax" -> MIN_MAX;
            default -> throw new picocli.CommandLine.TypeConversionException("'" + s + "' is not a normalisation; "
                    + "use auto, none, standardize or min-max");
        };
    }

    /** The scaling fitted on {@code train} for data read by {@code --data spec}; null for none. */
    Scaling fit(String spec, Dataset train) {
        Normalization n = this;
        if (n == AUTO) {
            String kind = spec.toLowerCase(Locale.ROOT);
            n = kind.startsWith("csv:") || kind.startsWith("npz:") ? STANDARDIZE : NONE;
        }
        return switch (n) {
            case NONE, AUTO -> null;
            case STANDARDIZE -> Scaling.fit(Scaling.Kind.STANDARDIZE, train);
            case MIN_MAX -> Scaling.fit(Scaling.Kind.MIN_MAX, train);
        };
    }

    static final class Converter implements picocli.CommandLine.ITypeConverter<Normalization> {
        @Override
        public Normalization convert(String value) {
            return parse(value);
        }
    }
}
