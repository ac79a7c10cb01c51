package dev.backprop.examples;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Precision;
import dev.backprop.data.Dataset;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import dev.backprop.train.EpochLogger;
import dev.backprop.train.Evaluation;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingConfig;

/** Your own activation and cost, each a function beside its derivative, on every backend. */
public final class CustomFunctions {

    public static void main(String[] args) {
        Activation softplus = Activation.elementwise("softplus",
                z -> Math.log1p(Math.exp(z)), z -> 1 / (1 + Math.exp(-z)));
        Cost logCosh = Cost.elementwise("log-cosh",
                (a, y) -> Math.log(Math.cosh(a - y)), (a, y) -> Math.tanh(a - y));

        double[][] x = new double[200][1], y = new double[200][1];    // y = |x| on [−1, 1]
        for (int i = 0; i < x.length; i++) {
            x[i][0] = -1 + 2.0 * i / (x.length - 1);
            y[i][0] = Math.abs(x[i][0]);
        }
        Dataset data = Dataset.regression("abs", x, y);

        try (Backend backend = Backends.create(BackendConfig.of(Precision.FLOAT64, 1))) {
            Network net = Network.builder(backend)
                    .input(1).layer(16, softplus).layer(1, Activation.identity())
                    .cost(logCosh).seed(3)
                    .build();
            Trainer trainer = new Trainer(net, TrainingConfig.of(100, 10, 0.2));
            trainer.fit(data, EpochLogger.of(trainer, System.out));
            System.out.printf("RMSE %.4f%n", Evaluation.of(net, data).rmse());
        }
    }
}
