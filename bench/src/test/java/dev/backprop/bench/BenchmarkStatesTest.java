package dev.backprop.bench;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Matrix;
import dev.backprop.nn.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The benchmarks' states outside JMH: they measure what they claim (a training step that trains, the product
 * of the named form, the activation's kernels), and every iteration starts from the same parameters.
 */
class BenchmarkStatesTest {

    private static TrainStepBenchmark trainStep(String precision) {
        return trainStep(precision, "sgd");
    }

    private static TrainStepBenchmark trainStep(String precision, String optimizer) {
        TrainStepBenchmark b = new TrainStepBenchmark();
        b.optimizer = optimizer;
        b.backend = "scalar";
        b.precision = precision;
        b.network = "20-8-4";
        b.batch = 16;
        b.threads = 1;
        b.setUp();
        b.restoreParameters();
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"f64", "f32"})
    void theTrainStepTrainsAndEachIterationRestartsFromTheSameParameters(String precision) throws Exception {
        TrainStepBenchmark b = trainStep(precision);
        double[] firstCosts = new double[TrainStepBenchmark.POOL];     // one pass over the pool of batches
        for (int i = 0; i < firstCosts.length; i++) {
            firstCosts[i] = b.step();
        }
        double[] afterFirstPass = weights(b, 1);
        for (int i = 0; i < 50 * TrainStepBenchmark.POOL; i++) {
            b.step();
        }
        double later = 0;
        for (int i = 0; i < TrainStepBenchmark.POOL; i++) {
            later += b.step();
        }
        assertThat(later).as("cost of a pass after 50 passes of training").isLessThan(0.8 * sum(firstCosts));

        b.restoreParameters();                                         // what JMH calls before each iteration
        for (double expected : firstCosts) {
            assertThat(b.step()).isEqualTo(expected);
        }
        assertThat(weights(b, 1)).containsExactly(afterFirstPass);
        b.tearDown();
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    @Test
    void everyGemmFormComputesItsProduct() throws ReflectiveOperationException {
        for (String shape : new String[]{"WA:5x7x3", "DAt:5x7x3", "WtD:5x7x3"}) {
            GemmBenchmark b = new GemmBenchmark();
            b.backend = "scalar";
            b.precision = "f64";
            b.shape = shape;
            b.threads = 1;
            b.setUp();
            Matrix c = b.gemm();
            Matrix a = field(b, "a"), bm = field(b, "b");
            GemmShape s = GemmShape.parse(shape);
            for (int i = 0; i < s.m(); i++) {
                for (int j = 0; j < s.n(); j++) {
                    double expected = 0;
                    for (int k = 0; k < s.k(); k++) {
                        double aik = s.form().transA() ? a.get(k, i) : a.get(i, k);
                        double bkj = s.form().transB() ? bm.get(j, k) : bm.get(k, j);
                        expected += aik * bkj;
                    }
                    assertThat(c.get(i, j)).as("%s C[%d][%d]", shape, i, j).isCloseTo(expected, within(1e-12));
                }
            }
            b.tearDown();
        }
    }

    @Test
    void theRawLibraryCallsComputeTheSameProductsAsTheBackendOnTheSameValues() throws ReflectiveOperationException {
        for (String library : new String[]{"ejml", "ojalgo"}) {
            for (String precision : new String[]{"f64", "f32"}) {
                for (String shape : new String[]{"WA:5x7x3", "DAt:5x7x3", "WtD:5x7x3"}) {
                    RawGemmBenchmark raw = new RawGemmBenchmark();
                    raw.library = library;
                    raw.precision = precision;
                    raw.shape = shape;
                    raw.setUp();
                    Object c = raw.gemm();

                    GemmBenchmark ours = new GemmBenchmark();
                    ours.backend = "scalar";
                    ours.precision = "f64";
                    ours.shape = shape;
                    ours.threads = 1;
                    ours.setUp();
                    Matrix expected = ours.gemm();
                    double tolerance = precision.equals("f64") ? 1e-12 : 1e-4;
                    for (int i = 0; i < expected.rows(); i++) {
                        for (int j = 0; j < expected.cols(); j++) {
                            assertThat(element(c, i, j)).as("%s %s %s C[%d][%d]", library, precision, shape, i, j)
                                    .isCloseTo(expected.get(i, j), within(tolerance));
                        }
                    }
                    ours.tearDown();
                }
            }
        }
        assertThat(RawGemmBenchmark.call("ejml", "f32", GemmShape.Form.DAt)).isEqualTo("CommonOps_FDRM.multTransB");
        assertThat(RawGemmBenchmark.call("ojalgo", "f64", GemmShape.Form.WtD))
                .isEqualTo("R064Store.fillByMultiplying (transpose() view)");
    }

    private static double element(Object c, int i, int j) {
        if (c instanceof org.ejml.data.DMatrixRMaj d) {
            return d.get(i, j);
        }
        if (c instanceof org.ejml.data.FMatrixRMaj f) {
            return f.get(i, j);
        }
        return ((org.ojalgo.structure.Access2D<?>) c).doubleValue(i, j);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "relu", "softmax"})
    void activationBenchmarksRunTheActivationsKernels(String activation) throws Exception {
        ActivationBenchmark b = new ActivationBenchmark();
        b.backend = "scalar";
        b.precision = "f64";
        b.activation = activation;
        b.shape = "6x4";
        b.setUp();
        Matrix z = field(b, "z"), dA = field(b, "dA");
        Backend be = field(b, "be");
        Matrix expectedA = be.zeros(6, 4), expectedDz = be.zeros(6, 4);
        Activation.named(activation).forward(be, z, expectedA);
        Activation.named(activation).backward(be, z, expectedA, dA, expectedDz);

        assertThat(b.forward().toArray()).containsExactly(expectedA.toArray());
        assertThat(b.backward().toArray()).containsExactly(expectedDz.toArray());
        b.tearDown();
    }

    @Test
    void badActivationShapesAreExplained() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ActivationBenchmark.dimensions("10by8"))
                .hasMessageContaining("expected ROWSxCOLS");
        assertThat(ActivationBenchmark.dimensions("1024x256")).containsExactly(1024, 256);
    }

    /** The Adam variant trains too: its fused update lowers the pool's cost. */
    @ParameterizedTest
    @ValueSource(strings = {"f64", "f32"})
    void adamStepsTrain(String precision) throws Exception {
        TrainStepBenchmark b = trainStep(precision, "adam");
        double first = 0, later = 0;
        for (int i = 0; i < TrainStepBenchmark.POOL; i++) {
            first += b.step();
        }
        for (int i = 0; i < 50 * TrainStepBenchmark.POOL; i++) {
            b.step();
        }
        for (int i = 0; i < TrainStepBenchmark.POOL; i++) {
            later += b.step();
        }
        assertThat(later).as("cost of a pass after 50 passes of Adam").isLessThan(0.8 * first);
        b.tearDown();
    }

    private static double[] weights(TrainStepBenchmark b, int layer) throws Exception {
        dev.backprop.nn.Network net = field(b, "net");
        return net.weights(layer).toArray();
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return (T) f.get(o);
    }
}
