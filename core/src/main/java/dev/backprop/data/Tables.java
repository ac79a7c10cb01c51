package dev.backprop.data;

/** Turns the row arrays the public factories take into the row-major arrays the data sets hold. */
final class Tables {

    private Tables() {
    }

    /** The length of the first row; every row must have it. */
    static int width(double[][] rows) {
        return rows.length == 0 ? 0 : rows[0].length;
    }

    /**
     * The rows one after another.
     *
     * @param what what a row is, for the messages ("example", "target")
     * @throws IllegalArgumentException when there are no rows, a row is empty or rows differ in length
     */
    static double[] flatten(String name, double[][] rows, String what) {
        if (rows.length == 0) {
            throw new IllegalArgumentException(name + ": a data set needs at least one example");
        }
        int n = rows[0].length;
        if (n == 0) {
            throw new IllegalArgumentException(name + ": " + what + " 0 is empty; each needs at least one value");
        }
        if ((long) rows.length * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + ": " + rows.length + " rows of " + n
                    + " values are more than one array holds");
        }
        double[] flat = new double[rows.length * n];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != n) {
                throw new IllegalArgumentException(name + ": " + what + " " + i + " has " + rows[i].length
                        + " values but " + what + " 0 has " + n);
            }
            System.arraycopy(rows[i], 0, flat, i * n, n);
        }
        return flat;
    }
}
