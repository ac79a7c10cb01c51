package dev.backprop.bench;

import dev.backprop.backend.ArrayBackend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.nn.Network;
import dev.backprop.train.Sgd;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The GEMM shapes the benchmarks claim a step makes are the ones the engine really makes. */
class StepShapesTest {

    /** An array backend recording every product it is asked for as a {@link GemmShape}, computed by the reference. */
    static final class RecordingBackend extends ArrayBackend {
        final List<GemmShape> calls = new ArrayList<>();
        private final ScalarBackend reference = new ScalarBackend(BackendConfig.of(Precision.FLOAT64, 1));

        RecordingBackend() {
            super("recording", BackendConfig.of(Precision.FLOAT64, 1));
        }

        @Override
        protected void doGemm(boolean transA, boolean transB, double alpha, Matrix a, Matrix b, double beta, Matrix c) {
            GemmShape.Form form = !transA && !transB ? GemmShape.Form.WA
                    : !transA ? GemmShape.Form.DAt : GemmShape.Form.WtD;
            int k = transA ? a.rows() : a.cols();
            calls.add(new GemmShape(form, c.rows(), k, c.cols()));
            reference.gemm(transA, transB, alpha, a, b, beta, c);
        }

        @Override
        protected void doAxpby(double alpha, Matrix x, double beta, Matrix y) {
            reference.axpby(alpha, x, beta, y);
        }
    }

    @Test
    void theStepOfEveryNetworkShapeMakesExactlyTheListedProducts() {
        for (int[] sizes : List.of(new int[]{7, 5, 3}, new int[]{9, 6, 4, 2}, new int[]{5, 2})) {
            int batch = 6;
            RecordingBackend be = new RecordingBackend();
            Network net = Workloads.network(be, sizes);
            Matrix x = Workloads.uniform(be, sizes[0], batch, "x");
            Matrix y = Workloads.oneHot(be, sizes[sizes.length - 1], batch, "y");
            net.backprop(x, y);
            new Sgd(0.1, 0, batch).update(net);

            assertThat(be.calls).as(Workloads.name(sizes))
                    .containsExactlyInAnyOrderElementsOf(StepShapes.of(sizes, batch));
        }
    }

    @Test
    void theHeadlineStepHasTheThreeFormsAtItsFirstLayer() {
        assertThat(StepShapes.of(new int[]{784, 100, 10}, 64)).map(GemmShape::toString).containsExactly(
                "WA:100x784x64", "WA:10x100x64", "DAt:100x64x784", "DAt:10x64x100", "WtD:100x10x64");
    }

    @Test
    void gemmBenchmarksDefaultShapesAreTheThreeNetworksStepsAndTheSquares() throws NoSuchFieldException {
        String[] declared = GemmBenchmark.class.getField("shape").getAnnotation(Param.class).value();
        String[] networks = TrainStepBenchmark.class.getField("network").getAnnotation(Param.class).value();

        assertThat(declared).containsExactlyElementsOf(
                StepShapes.parameterList(List.of(networks), 64, 256, 512, 1024));
    }
}
