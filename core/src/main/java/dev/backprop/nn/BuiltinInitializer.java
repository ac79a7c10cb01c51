package dev.backprop.nn;

import dev.backprop.random.Rng;

import java.util.Arrays;
import java.util.List;

/** The built-in initializers. */
abstract class BuiltinInitializer implements Initializer {

    static final BuiltinInitializer NIELSEN = new BuiltinInitializer("nielsen") {
        @Override
        public void initialize(int fanIn, int fanOut, Rng rng, double[] w, double[] b) {
            gaussian(rng, w, 1.0 / Math.sqrt(fanIn));
            gaussian(rng, b, 1.0);
        }
    };

    static final BuiltinInitializer NIELSEN_LARGE = new BuiltinInitializer("nielsen-large") {
        @Override
        public void initialize(int fanIn, int fanOut, Rng rng, double[] w, double[] b) {
            gaussian(rng, w, 1.0);
            gaussian(rng, b, 1.0);
        }
    };

    static final BuiltinInitializer XAVIER = new BuiltinInitializer("xavier") {
        @Override
        public void initialize(int fanIn, int fanOut, Rng rng, double[] w, double[] b) {
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            for (int i = 0; i < w.length; i++) {
                w[i] = rng.nextDouble(-limit, limit);
            }
            Arrays.fill(b, 0.0);
        }
    };

    static final BuiltinInitializer HE = new BuiltinInitializer("he") {
        @Override
        public void initialize(int fanIn, int fanOut, Rng rng, double[] w, double[] b) {
            gaussian(rng, w, Math.sqrt(2.0 / fanIn));
            Arrays.fill(b, 0.0);
        }
    };

    static final List<BuiltinInitializer> ALL = List.of(NIELSEN, NIELSEN_LARGE, XAVIER, HE);

    private final String name;

    private BuiltinInitializer(String name) {
        this.name = name;
    }

    private static void gaussian(Rng rng, double[] values, double stddev) {
        for (int i = 0; i < values.length; i++) {
            values[i] = stddev * rng.nextGaussian();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}
