package dev.backprop.backend;

import java.util.Objects;

/**
 * Whether a backend can run in this JVM, and why (or why not).
 *
 * @param usable whether {@link BackendProvider#create(BackendConfig)} is expected to succeed
 * @param reason for a usable backend, what it will run on (e.g. "AVX2, 256-bit species");
 *               for an unusable one, what is missing and how to fix it
 */
public record Availability(boolean usable, String reason) {

    public Availability {
        Objects.requireNonNull(reason, "reason");
    }

    public static Availability usable(String detail) {
        return new Availability(true, detail);
    }

    public static Availability unusable(String whyAndHowToFix) {
        return new Availability(false, whyAndHowToFix);
    }
}
