package dev.backprop.examples;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Precision;
import dev.backprop.data.Csv;
import dev.backprop.data.Dataset;
import dev.backprop.data.Scaling;
import dev.backprop.data.TrainTestSplit;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import dev.backprop.train.EpochLogger;
import dev.backprop.train.Evaluation;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingConfig;

import java.nio.file.Path;

/** Regression: learns t = sin(a) + b²/2 (plus noise of 0.05) from a CSV file; identity output, quadratic cost. */
public final class RegressionExample {

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args.length > 0 ? args[0] : "examples/data/waves.csv");    // relative to the repository

        Dataset all = Csv.read(csv, "t");                  // a numeric target: a regression (all.task() says so)
        TrainTestSplit split = all.split(0.25, 7);
        Scaling scaling = Scaling.fit(Scaling.Kind.STANDARDIZE, split.train());
        Dataset train = scaling.apply(split.train()), test = scaling.apply(split.test());

        try (Backend backend = Backends.create(BackendConfig.of(Precision.FLOAT64, 1))) {
            Network net = Network.builder(backend)
                    .input(2).layer(32, Activation.tanh()).layer(1, Activation.identity())
                    .cost(Cost.quadratic()).seed(7)
                    .build();
            Trainer trainer = new Trainer(net, TrainingConfig.of(60, 10, 0.05));
            trainer.fit(train, EpochLogger.of(trainer, System.out).alsoOn("test", test));

            Evaluation e = Evaluation.of(net, test);
            System.out.printf("test RMSE %.4f  MAE %.4f  R² %.4f%n", e.rmse(), e.mae(), e.r2());
        }
    }
}
