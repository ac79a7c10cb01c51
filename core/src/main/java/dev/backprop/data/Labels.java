package dev.backprop.data;

/** Label validation shared by the data sets. */
final class Labels {

    private Labels() {
    }

    static void check(String source, int[] labels, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException(source + ": classes must be at least 1, got " + classes);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(source + ": label " + labels[i] + " of example " + i
                        + " is outside 0.." + (classes - 1));
            }
        }
    }
}
