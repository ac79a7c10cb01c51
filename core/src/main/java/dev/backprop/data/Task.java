package dev.backprop.data;

/**
 * What a data set's targets are. Classification: each example has a class label in [0, k), its target the
 * one-hot vector of that label (the network's largest output is its prediction). Regression: each example has
 * a vector of real numbers as its target, which the output layer (usually the identity) approximates.
 */
public enum Task {
    /** Class labels, one-hot targets. */
    CLASSIFICATION,
    /** Real-valued targets of any width. */
    REGRESSION;

    /** The lower-case name the command line and model files use: {@code classification} or {@code regression}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The task called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the two tasks when it is neither
     */
    public static Task parse(String name) {
        for (Task t : values()) {
            if (t.label().equalsIgnoreCase(name.trim())) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + name + "'; use classification or regression");
    }
}
