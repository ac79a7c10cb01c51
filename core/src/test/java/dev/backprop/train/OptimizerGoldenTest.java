package dev.backprop.train;

import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Matrix;
import dev.backprop.backend.OptimizerKind;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import dev.backprop.nn.Pass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Each optimizer's parameter trajectory equals PyTorch's {@code torch.optim} (golden files written by
 * {@code golden/optimizers/generate_optimizer_golden.py} with Debian's python3-torch, float64): the same network
 * (4-6-3, tanh then softmax, log-likelihood), initial parameters, data visited in order and hyper-parameters,
 * trained 100 steps on the reference backend. Every step's batch cost and the parameters after steps 1, 2, 5, 10,
 * 20, …, 100 must agree to 1e-12 relative: per tensor, the largest difference over the largest element.
 */
class OptimizerGoldenTest {

    static final double RELATIVE = 1e-12;

    @ParameterizedTest
    @ValueSource(strings = {"sgd-l2", "momentum-l2", "nesterov", "rmsprop", "rmsprop-momentum-l2", "adam", "adam-l2",
            "adamw"})
    void trajectoryEqualsPyTorchs(String name) throws IOException {
        Golden g = Golden.load(name);
        try (Backend be = new ScalarBackend(BackendConfig.defaults())) {
            Network net = Network.builder(be).input(g.sizes[0]).layer(g.sizes[1], Activation.tanh())
                    .layer(g.sizes[2], Activation.softmax()).cost(Cost.logLikelihood())
                    .parameters(List.of(g.tensor("W1").values, g.tensor("W2").values),
                            List.of(g.tensor("b1").values, g.tensor("b2").values)).build();
            int n = g.tensor("X").cols;
            Optimizer optimizer = g.config().create(n);
            double[] x = g.tensor("X").values, y = g.tensor("Y").values;
            int inputs = g.sizes[0], classes = g.sizes[2];
            double worst = 0;
            for (int step = 1; step <= g.steps; step++) {
                int from = ((step - 1) * g.batch) % n;
                Matrix xb = be.fromArray(inputs, g.batch, columns(x, inputs, n, from, g.batch));
                Matrix yb = be.fromArray(classes, g.batch, columns(y, classes, n, from, g.batch));
                Pass pass = net.backprop(xb, yb);
                double expectedCost = g.costs[step - 1];
                double costError = Math.abs(pass.cost() - expectedCost) / Math.abs(expectedCost);
                if (!(costError <= RELATIVE)) {
                    fail(name + ": step " + step + "'s cost " + pass.cost() + " differs from PyTorch's " + expectedCost
                            + " by " + costError + " relative");
                }
                optimizer.update(net);
                Map<String, Tensor> after = g.after.get(step);
                if (after != null) {
                    for (int l = 1; l <= 2; l++) {
                        worst = Math.max(worst, compare(name, step, "W" + l, after.get("W" + l), net.weights(l)));
                        worst = Math.max(worst, compare(name, step, "b" + l, after.get("b" + l), net.biases(l)));
                    }
                }
            }
            assertEquals(g.steps, optimizer.steps());
            System.out.printf(Locale.ROOT, "%s: 100 steps agree with torch.optim, worst relative difference %.2g%n",
                    name, worst);
        }
    }

    /** Columns [from, from + count) of a row-major rows × n matrix. */
    private static double[] columns(double[] m, int rows, int n, int from, int count) {
        double[] out = new double[rows * count];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(m, r * n + from, out, r * count, count);
        }
        return out;
    }

    private static double compare(String name, int step, String label, Tensor expected, Matrix got) {
        double[] e = expected.values, v = got.toArray();
        double maxDiff = 0, maxRef = 0;
        int where = 0;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs(v[i] - e[i]);
            if (d > maxDiff || Double.isNaN(d)) {
                maxDiff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
                where = i;
            }
            maxRef = Math.max(maxRef, Math.abs(e[i]));
        }
        double relative = maxDiff / maxRef;
        if (!(relative <= RELATIVE)) {
            fail(String.format(Locale.ROOT, "%s: %s after step %d differs from PyTorch's by %.3g relative (element %d:"
                    + " %s vs %s)", name, label, step, relative, where, v[where], e[where]));
        }
        return relative;
    }

    record Tensor(int rows, int cols, double[] values) {
    }

    /** One golden file. */
    static final class Golden {
        String optimizer;
        Map<String, Double> hyper = new HashMap<>();
        int[] sizes;
        int batch, steps;
        double[] costs;
        final Map<String, Tensor> tensors = new HashMap<>();
        final Map<Integer, Map<String, Tensor>> after = new TreeMap<>();

        Tensor tensor(String label) {
            return Objects.requireNonNull(tensors.get(label), label);
        }

        double h(String key, double otherwise) {
            return hyper.getOrDefault(key, otherwise);
        }

        /** The same optimizer and hyper-parameters as the PyTorch run, in this library's terms. */
        OptimizerConfig config() {
            OptimizerKind kind = OptimizerKind.valueOf(optimizer.toUpperCase(Locale.ROOT));
            OptimizerConfig c = OptimizerConfig.defaults(kind, h("eta", Double.NaN));
            c = switch (kind) {
                case SGD -> c;
                case MOMENTUM, NESTEROV -> c.withMomentum(h("momentum", 0));
                case RMSPROP -> c.withAlpha(h("alpha", 0.99)).withEpsilon(h("epsilon", 1e-8)).withMomentum(h("momentum", 0));
                case ADAM, ADAMW -> c.withBetas(h("beta1", 0.9), h("beta2", 0.999)).withEpsilon(h("epsilon", 1e-8));
            };
            return kind == OptimizerKind.ADAMW ? c.withWeightDecay(h("weight_decay", 0.01)) : c.withL2(h("lam", 0));
        }

        static Golden load(String name) throws IOException {
            String resource = "/golden/optimizers/optimizer-" + name + ".txt";
            Golden g = new Golden();
            try (InputStream in = Objects.requireNonNull(OptimizerGoldenTest.class.getResourceAsStream(resource), resource);
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    String[] f = line.trim().split("\\s+");
                    switch (f[0]) {
                        case "optimizer" -> g.optimizer = f[1];
                        case "hyper" -> {
                            for (int i = 1; i + 1 < f.length; i += 2) {
                                g.hyper.put(f[i], Double.parseDouble(f[i + 1]));
                            }
                        }
                        case "sizes" -> g.sizes = Arrays.stream(f, 1, f.length).mapToInt(Integer::parseInt).toArray();
                        case "batch" -> g.batch = Integer.parseInt(f[1]);
                        case "steps" -> g.steps = Integer.parseInt(f[1]);
                        case "costs" -> g.costs = Arrays.stream(f, 1, f.length).mapToDouble(Double::parseDouble).toArray();
                        case "tensor" -> g.tensors.put(f[1], tensor(f, 1));
                        case "after" -> g.after.computeIfAbsent(Integer.parseInt(f[1]), k -> new HashMap<>())
                                .put(f[3], tensor(f, 3));
                        case "activations", "cost" -> {
                        }
                        default -> throw new IOException(resource + ": unknown line kind '" + f[0] + "'");
                    }
                }
            }
            return g;
        }

        /** {@code label rows cols v…} starting at field {@code at}. */
        private static Tensor tensor(String[] f, int at) throws IOException {
            int rows = Integer.parseInt(f[at + 1]), cols = Integer.parseInt(f[at + 2]);
            if (f.length != at + 3 + rows * cols) {
                throw new IOException("tensor " + f[at] + " has " + (f.length - at - 3) + " values, expected " + rows * cols);
            }
            double[] v = new double[rows * cols];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.parseDouble(f[at + 3 + i]);
            }
            return new Tensor(rows, cols, v);
        }
    }
}
