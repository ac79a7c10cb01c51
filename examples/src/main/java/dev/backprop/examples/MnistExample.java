package dev.backprop.examples;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Precision;
import dev.backprop.data.Mnist;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.Network;
import dev.backprop.train.EpochLogger;
import dev.backprop.train.Evaluation;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingConfig;

import java.nio.file.Path;

/** Nielsen's chapter 1 network on MNIST: one epoch on the first 10,000 images (seconds; 30 epochs give ~95%). */
public final class MnistExample {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/mnist");    // where `backprop download mnist` puts it
        Mnist.Split mnist = Mnist.load(dir, "mnist");

        try (Backend backend = Backends.create(BackendConfig.of(Precision.FLOAT64, 1))) {
            Network net = Network.builder(backend)
                    .input(784).layer(30, Activation.sigmoid()).layer(10, Activation.sigmoid())
                    .cost(Cost.quadratic()).initializer(Initializer.nielsen()).seed(42)
                    .build();
            Trainer trainer = new Trainer(net, TrainingConfig.of(1, 10, 3.0));
            trainer.fit(mnist.train().subset(0, 10_000), EpochLogger.of(trainer, System.out));
            System.out.println("test " + Evaluation.of(net, mnist.test()));
        }
    }
}
