package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Backends;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.Precision;
import dev.backprop.nn.Dropout;
import dev.backprop.nn.GradientCheck;
import dev.backprop.nn.Network;
import dev.backprop.random.Rng;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import dev.backprop.memory.MemoryBudget;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Initializer;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code backprop gradcheck}: backprop's gradients against finite differences on a small random network. */
@Command(name = "gradcheck", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compares backprop's gradients with finite differences (float64) on a small random network "
                + "and batch, and prints the worst relative error per tensor.",
                "Exits with 1 when the worst relative error exceeds --tolerance."})
final class GradcheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOptions network;

    @Option(names = "--batch", paramLabel = "M", defaultValue = "5", description = "Examples in the batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--samples", paramLabel = "K", defaultValue = "0",
            description = "Check at most K random entries per tensor; 0 checks all (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--tolerance", paramLabel = "T", defaultValue = "1e-6",
            description = "Largest acceptable relative error (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--dropout", paramLabel = "p", defaultValue = "0",
            description = "Check a training pass with inverted dropout on the hidden layers: every cost goes through the "
                    + "same fixed masks, seeded by --seed (default: ${DEFAULT-VALUE}, none).")
    double dropout;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend whose float64 kernels compute the gradients (default: the discovery rules' choice).")
    String backend;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        BackendConfig config = BackendConfig.of(Precision.FLOAT64, 1);
        if (network.layers == null) {
            network.layers = new int[]{4, 6, 5, 3};
        }
        int[] sizes = network.layers;
        List<TrainOptionRules.Problem> problems = new ArrayList<>();
        TrainOptionRules.layers(problems, sizes);
        if (!problems.isEmpty()) {
            throw Usage.error(spec, problems.get(0).message());
        }
        Usage.require(spec, batch >= 1, "--batch " + batch + ": must be at least 1");
        Usage.require(spec, samples >= 0, "--samples " + samples + ": must be 0 (all) or more");
        Usage.require(spec, tolerance >= 0 && Double.isFinite(tolerance), "--tolerance " + tolerance
                + ": must be a finite number, zero or more (e.g. 1e-6)");
        for (String name : new String[]{network.activation, network.output}) {
            Usage.named(spec, name, Activation::named);
        }
        Usage.named(spec, network.cost, Cost::named);
        Usage.named(spec, network.init, Initializer::named);
        MemoryBudget.arrayLength(sizes[0], batch, "the batch X (" + sizes[0] + "×" + batch + ")");
        MemoryBudget.arrayLength(sizes[sizes.length - 1], batch, "the targets Y");
        TrainingFootprint.require(sizes, Precision.FLOAT64, batch, false);
        try (Backend be = backend != null ? Backends.createNamed(backend, config) : Backends.create(config)) {
            Network net = network.build(be, sizes[0], sizes[sizes.length - 1]);
            Rng rng = Rng.forStream(network.seed, "gradcheck-batch");
            Matrix x = random(be, rng, sizes[0], batch, false);
            Matrix y = random(be, rng, sizes[sizes.length - 1], batch, true);
            Dropout masks = dropout == 0 ? Dropout.none() : Dropout.hidden(dropout).withSeed(network.seed);
            GradientCheck.Report report = GradientCheck.of(net).samplesPerTensor(samples).dropout(masks, 0).run(x, y);
            out.printf(Locale.ROOT, "network  %s on %s, batch %d%s%n", net, be.description(), batch,
                    masks.isNone() ? "" : ", dropout " + masks + " (fixed masks)");
            for (GradientCheck.Entry e : report.worstPerTensor()) {
                out.printf(Locale.ROOT, "  %-14s %4d checked, worst relative error %.3g%n",
                        e.parameter().substring(0, e.parameter().indexOf(']') + 1), e.checked(), e.relativeError());
            }
            out.println(report);
            boolean ok = report.maxRelativeError() <= tolerance;
            out.println(ok ? "OK: within tolerance " + tolerance : "FAILED: above tolerance " + tolerance);
            out.flush();
            return ok ? 0 : 1;
        }
    }

    /** Inputs are N(0,1); targets are one-hot columns (valid for every cost, including log-likelihood). */
    private static Matrix random(Backend be, Rng rng, int rows, int cols, boolean oneHot) {
        double[] v = new double[rows * cols];
        if (oneHot) {
            for (int j = 0; j < cols; j++) {
                v[rng.nextInt(rows) * cols + j] = 1;
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextGaussian();
            }
        }
        return be.fromArray(rows, cols, v);
    }
}
