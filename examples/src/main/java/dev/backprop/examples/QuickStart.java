package dev.backprop.examples;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Precision;
import dev.backprop.data.Csv;
import dev.backprop.data.Dataset;
import dev.backprop.data.Scaling;
import dev.backprop.data.TrainTestSplit;
import dev.backprop.io.ModelContext;
import dev.backprop.io.ModelFiles;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import dev.backprop.train.ConfusionMatrix;
import dev.backprop.train.EpochLogger;
import dev.backprop.train.Evaluation;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingConfig;

import java.nio.file.Path;
import java.util.Map;

/** Reads a CSV file, holds out a test set, normalises, trains, evaluates per class and saves the model. */
public final class QuickStart {

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args.length > 0 ? args[0] : "examples/data/rings.csv");    // relative to the repository
        Path model = Path.of(args.length > 1 ? args[1] : "rings.safetensors");

        Dataset all = Csv.read(csv, "ring");               // header x,y,ring: 2 features, classes inner/middle/outer
        TrainTestSplit split = all.split(0.2, 42);         // seeded: 240 training and 60 test examples
        Scaling scaling = Scaling.fit(Scaling.Kind.STANDARDIZE, split.train());    // on the training examples only
        Dataset train = scaling.apply(split.train()), test = scaling.apply(split.test());

        try (Backend backend = Backends.create(BackendConfig.of(Precision.FLOAT64, 1))) {
            Network net = Network.builder(backend)
                    .input(2).layer(16, Activation.tanh()).layer(3, Activation.softmax())
                    .cost(Cost.logLikelihood()).seed(42)
                    .build();
            Trainer trainer = new Trainer(net, TrainingConfig.of(40, 10, 0.1));
            trainer.fit(train, EpochLogger.of(trainer, System.out).alsoOn("test", test));

            Evaluation e = Evaluation.of(net, test);
            System.out.println(e);                         // accuracy 0.98… (59 of 60), mean cost …
            ConfusionMatrix cm = e.confusionMatrix();
            for (int k = 0; k < cm.classes(); k++) {
                System.out.printf("%-6s precision %.3f  recall %.3f  F1 %.3f%n", cm.classNames().get(k),
                        cm.precision(k), cm.recall(k), cm.f1(k));
            }
            // The class names, feature names, normalisation and data go into the file: `backprop evaluate --model
            // rings.safetensors` finds the data and the same split again, `backprop predict` names the classes.
            ModelFiles.save(net, ModelContext.of(train, scaling, Map.of("source", "csv:" + csv.toAbsolutePath(),
                    "target", "ring", "seed", "42", "test-fraction", "0.2")), model);
        }
    }
}
