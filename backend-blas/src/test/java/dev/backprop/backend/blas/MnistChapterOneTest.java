package dev.backprop.backend.blas;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.data.Dataset;
import dev.backprop.data.Mnist;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.Network;
import dev.backprop.train.Evaluation;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingConfig;
import dev.backprop.train.TrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The book's chapter 1 network on real MNIST, one epoch: 784-30-10 sigmoid, quadratic cost, N(0,1)
 * initialisation, η = 3.0, mini-batches of 10, the first 50,000 training images, seed 42. The native-BLAS
 * backend reaches the scalar reference's test accuracy to within 0.1 points, at 1 and 2 threads.
 *
 * <p>The data: {@code $BACKPROP_SHARED_DIR/data/mnist}, else the {@code backprop.shared.dir} property that
 * Surefire sets to {@code ../shared} beside the repository; skipped without it, but failed under CI.
 */
class MnistChapterOneTest {

    private static Mnist.Split mnist;

    @BeforeAll
    static void loadMnist() throws IOException {
        String env = System.getenv("BACKPROP_SHARED_DIR");
        String prop = System.getProperty("backprop.shared.dir");
        Path dir = Path.of(env != null ? env : prop != null ? prop : "../shared").toAbsolutePath().normalize()
                .resolve("data/mnist");
        if (!Files.isDirectory(dir)) {
            String message = dir + " is missing: put the shared data beside the repository (../shared) or set "
                    + "BACKPROP_SHARED_DIR";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            assumeTrue(false, message);
        }
        mnist = Mnist.load(dir, "mnist");
    }

    @Test
    void oneEpochReachesTheReferencesTestAccuracy() {
        double scalar = testAccuracy(new ScalarBackend(BackendConfig.defaults()));
        assertThat(scalar).as("the reference's accuracy after one epoch").isGreaterThan(0.90);
        for (int threads : new int[]{1, 2}) {
            double blas = testAccuracy(new BlasBackendProvider().create(BackendConfig.of(Precision.FLOAT64, threads)));
            assertThat(blas).as("blas at " + threads + " threads against the reference's " + scalar)
                    .isCloseTo(scalar, within(0.001));
        }
    }

    private static double testAccuracy(Backend backend) {
        Dataset train = mnist.train().subset(0, 50_000);
        try (Backend be = backend) {
            Network net = Network.builder(be)
                    .layers(new int[]{784, 30, 10}, Activation.sigmoid(), Activation.sigmoid())
                    .cost(Cost.quadratic()).initializer(Initializer.nielsenLarge()).seed(42).build();
            new Trainer(net, TrainingConfig.of(1, 10, 3.0).withSeed(42)).fit(train, new TrainingListener() { });
            return Evaluation.of(net, mnist.test()).accuracy();
        }
    }
}
