package dev.backprop.examples;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Precision;
import dev.backprop.data.Dataset;
import dev.backprop.data.Mnist;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Dropout;
import dev.backprop.nn.Initializer;
import dev.backprop.nn.Network;
import dev.backprop.train.EarlyStopping;
import dev.backprop.train.EpochLogger;
import dev.backprop.train.Evaluation;
import dev.backprop.train.Monitor;
import dev.backprop.train.OptimizerConfig;
import dev.backprop.train.Schedule;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingConfig;
import dev.backprop.train.TrainingResult;

import java.nio.file.Path;

/**
 * Adam, dropout and a cosine schedule on MNIST, stopping early on the validation accuracy and ending with the
 * best epoch's network. Arguments: the data directory, the epochs (60) and the training examples (50,000).
 */
public final class AdamEarlyStopping {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "data/mnist");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int examples = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        Mnist.Split mnist = Mnist.load(dir, "mnist");
        Dataset train = mnist.train().subset(0, examples), validation = mnist.train().subset(50_000, 60_000);

        try (Backend backend = Backends.create(BackendConfig.of(Precision.FLOAT32, 1))) {
            Network net = Network.builder(backend)
                    .input(784).layer(100, Activation.relu()).layer(10, Activation.softmax())
                    .cost(Cost.logLikelihood()).initializer(Initializer.he()).seed(42)
                    .build();
            TrainingConfig config = TrainingConfig.of(epochs, 32, OptimizerConfig.adam(1e-3))
                    .withSchedule(Schedule.cosine())                   // η from 1e-3 down to 0 over the run
                    .withDropout(Dropout.hidden(0.2))                  // on the hidden layer, while training only
                    .withEarlyStopping(EarlyStopping.patience(Monitor.validationAccuracy(), 10));
            Trainer trainer = new Trainer(net, config);
            TrainingResult result = trainer.fit(train, validation, EpochLogger.of(trainer, System.out));
            System.out.println(result.describe());       // e.g. trained 60 epochs; best epoch 52 (validation-accuracy …)
            System.out.println("test " + Evaluation.of(net, mnist.test()));   // the best epoch's network
        }
    }
}
