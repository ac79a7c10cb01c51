package dev.backprop.backend.vectorapi;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.random.Rng;

import java.util.stream.IntStream;

/** Helpers for the scalar-twin tests: the backends under test, seeded random data, awkward sizes. */
final class Twins {

    private Twins() {
    }

    static Backend vector(Precision p, int threads) {
        return new VectorApiBackendProvider().create(BackendConfig.of(p, threads));
    }

    static Backend reference(Precision p) {
        return new ScalarBackend(BackendConfig.of(p, 1));
    }

    static double[] random(Rng rng, int size, double low, double high) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = rng.nextDouble(low, high);
        }
        return v;
    }

    /** The same values as a matrix of each backend (rounded once to the precision, so both see equal inputs). */
    static Matrix[] pair(Backend vector, Backend reference, int rows, int cols, double[] values) {
        Matrix v = vector.fromArray(rows, cols, values);
        return new Matrix[]{v, reference.fromArray(rows, cols, v.toArray())};
    }

    /** Lengths that hit every tail: 1, lanes − 1, lanes, lanes + 1 for both precisions, and a few odd ones. */
    static int[] awkwardLengths() {
        int l64 = Lanes.F64.length(), l32 = Lanes.F32.length();
        return IntStream.of(1, 2, l64 - 1, l64, l64 + 1, l32 - 1, l32, l32 + 1, 2 * l32 + 1, 13, 207, 1024)
                .filter(n -> n >= 1).distinct().sorted().toArray();
    }

    /** Units in the last place of {@code expected} at precision p (the f32 ulp of a value rounded to float). */
    static double ulps(Precision p, double actual, double expected) {
        if (Double.compare(actual, expected) == 0) {
            return 0;
        }
        double ulp = p == Precision.FLOAT64 ? Math.ulp(expected) : Math.ulp((float) expected);
        return Math.abs(actual - expected) / ulp;
    }
}
