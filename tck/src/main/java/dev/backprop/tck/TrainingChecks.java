package dev.backprop.tck;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Precision;
import dev.backprop.data.Dataset;
import dev.backprop.data.SyntheticData;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Dropout;
import dev.backprop.nn.Network;
import dev.backprop.nn.Pass;
import dev.backprop.train.BatchLoader;
import dev.backprop.train.Optimizer;
import dev.backprop.train.OptimizerConfig;

import java.util.List;
import java.util.Locale;

/**
 * Training: 100 mini-batch steps from the same seed give the same sequence of batch losses on two backends:
 * network2's SGD with L2 weight decay, and Adam with dropout (the optimizer's fused step and the masked
 * backward pass). Differences compound from step to step, so this catches a kernel that is slightly but
 * systematically off, which a single pass might forgive.
 */
final class TrainingChecks {

    private TrainingChecks() {
    }

    static final int STEPS = 100;
    /** float64: the 1e-9, relative to each step's loss. */
    static final double FLOAT64_RELATIVE = 1e-9;
    /**
     * float32: each step's rounding differences feed the next step's weights, so they compound; after 100 steps
     * EJML's and ojAlgo's losses stay within 2e-6 of the reference's, and 1e-4 keeps that margin (fifty-fold)
     * while a kernel wrong by more than rounding (a dropped term, a wrong scale) still fails.
     */
    static final double FLOAT32_RELATIVE = 1e-4;

    static double relative(Precision p) {
        return p == Precision.FLOAT64 ? FLOAT64_RELATIVE : FLOAT32_RELATIVE;
    }

    /** A training run to compare. */
    record Run(String name, int[] sizes, Activation hidden, Activation output, Cost cost, OptimizerConfig optimizer,
               Dropout dropout) {
    }

    static final List<Run> RUNS = List.of(
            new Run("8-16-4 sigmoid quadratic, SGD", new int[]{8, 16, 4}, Activation.sigmoid(), Activation.sigmoid(),
                    Cost.quadratic(), OptimizerConfig.sgd(3.0).withL2(1.0), Dropout.none()),
            new Run("8-24-4 relu softmax log-likelihood, SGD", new int[]{8, 24, 4}, Activation.relu(),
                    Activation.softmax(), Cost.logLikelihood(), OptimizerConfig.sgd(0.1).withL2(0.5), Dropout.none()),
            new Run("8-24-16-4 tanh softmax log-likelihood, Adam, dropout 0.25", new int[]{8, 24, 16, 4},
                    Activation.tanh(), Activation.softmax(), Cost.logLikelihood(), OptimizerConfig.adam(0.01).withL2(0.5),
                    Dropout.hidden(0.25).withSeed(7)));

    /** The batch losses of {@link #STEPS} steps of batch 10 over blobs data, in order, without shuffling. */
    static double[] losses(Backend backend, Run run, long seed) {
        Dataset data = SyntheticData.blobs(STEPS * 10, run.sizes()[run.sizes().length - 1], run.sizes()[0], 0.6, seed);
        Network net = Network.builder(backend).layers(run.sizes(), run.hidden(), run.output()).cost(run.cost())
                .seed(seed).build();
        BatchLoader loader = new BatchLoader(backend, data);
        Optimizer optimizer = run.optimizer().create(data.size());
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] losses = new double[STEPS];
        for (int step = 0; step < STEPS; step++) {
            BatchLoader.Batch batch = loader.load(order, step * 10, 10);
            Pass pass = net.backprop(batch.x(), batch.y(), run.dropout(), step);
            losses[step] = pass.cost();
            optimizer.update(net);
        }
        return losses;
    }

    /**
     * Trains {@code run} on both backends and requires every step's loss to agree.
     *
     * @param reportName where to record the differences seen (see {@link TckReport}); null records nothing
     */
    static void agree(Backend reference, Backend backend, Run run, long seed, String reportName) {
        double[] ref = losses(reference, run, seed);
        double[] got = losses(backend, run, seed);
        double rel = relative(backend.precision());
        Difference d = Difference.of(ref, got, null, Tolerance.of(rel, 0));
        if (reportName != null) {
            TckReport.record(reportName, backend.precision(), "training: " + STEPS + " losses", Tolerance.of(rel, 0), d);
        }
        if (!d.withinTolerance()) {
            int step = d.worstIndex;
            throw new AssertionError(String.format(Locale.ROOT, "%s [%s, %s vs %s, %s]: step %d's loss %s differs "
                            + "from %s (relative tolerance %.1g; worst: %s); the first step's losses were %s and %s",
                    run.name(), backend.name(), backend.config(), reference.name(), reference.config(), step + 1,
                    got[step], ref[step], rel, d.describe(0), got[0], ref[0]));
        }
    }
}
