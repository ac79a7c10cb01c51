package dev.backprop.examples;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.data.Batch;
import dev.backprop.data.Dataset;
import dev.backprop.data.SyntheticData;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.GradientCheck;
import dev.backprop.nn.Network;
import dev.backprop.nn.Pass;

import java.util.Arrays;

/** Every intermediate of one backward pass, and the gradients checked against finite differences. */
public final class InspectGradients {

    public static void main(String[] args) {
        Dataset spirals = SyntheticData.spirals(100, 3, 0.1, 42);    // 2 features, 3 classes
        try (Backend backend = Backends.create("scalar", BackendConfig.of(Precision.FLOAT64, 1))) {
            Network net = Network.builder(backend)
                    .input(2).layer(8, Activation.sigmoid()).layer(3, Activation.softmax())
                    .cost(Cost.logLikelihood()).seed(1)
                    .build();
            Batch batch = spirals.batch(backend, 0, 10);     // x: 2 × 10, y: 3 × 10 (one-hot), columns are examples

            Pass pass = net.backprop(batch.x(), batch.y());
            Matrix delta1 = pass.delta(1);                    // Δ[1], 8 × 10
            Matrix dW2 = pass.weightGradient(2);              // ∂C/∂W[2], 3 × 8
            System.out.println("Δ[1] is " + delta1.shape() + ", ∂C/∂W[2] is " + dW2.shape());
            System.out.println("∂C/∂W[2] row 0: " + Arrays.toString(Arrays.copyOf(dW2.toArray(), 8)));

            GradientCheck.Report report = GradientCheck.of(net).samplesPerTensor(20).run(batch.x(), batch.y());
            System.out.println(report);                      // checked N parameters; worst relative error …
        }
    }
}
