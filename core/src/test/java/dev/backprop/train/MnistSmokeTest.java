package dev.backprop.train;

import dev.backprop.TestData;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.data.Dataset;
import dev.backprop.data.Mnist;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The book's chapter 1 network on real MNIST: 784-30-10, sigmoid, quadratic cost, N(0,1) initialisation,
 * η = 3.0, mini-batches of 10, trained on the first 50,000 images as in the book. Nielsen reports about
 * 91% after the first epoch.
 */
class MnistSmokeTest {

    @Test
    void chapterOneNetworkPassesNinetyPercentAfterOneEpoch() throws IOException {
        Mnist.Split mnist = Mnist.load(TestData.mnistDir(), "mnist");
        Dataset train = mnist.train().subset(0, 50_000);
        try (Backend be = new ScalarBackend(BackendConfig.defaults())) {
            Network net = Network.builder(be)
                    .layers(new int[]{784, 30, 10}, Activation.sigmoid(), Activation.sigmoid())
                    .cost(Cost.quadratic()).initializer(Initializer.nielsenLarge()).seed(1).build();
            new Trainer(net, TrainingConfig.of(1, 10, 3.0).withSeed(1)).fit(train, new TrainingListener() { });
            double accuracy = Evaluation.of(net, mnist.test()).accuracy();
            assertThat(accuracy).as("test accuracy after one epoch").isGreaterThanOrEqualTo(0.90);
        }
    }
}
