package dev.backprop.nn;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One golden file: a fixed network, batch and targets, with the output, mean cost and gradients an
 * independent implementation (generate_golden.py) computed for them.
 */
record GoldenCase(String name, int[] sizes, String[] activations, String cost, Map<String, Tensor> tensors,
                  double expectedCost) {

    record Tensor(int rows, int cols, double[] values) {
    }

    static GoldenCase load(String name) throws IOException {
        String resource = "/golden/golden-" + name + ".txt";
        try (InputStream in = Objects.requireNonNull(GoldenCase.class.getResourceAsStream(resource), resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int[] sizes = null;
            String[] activations = null;
            String cost = null;
            double expectedCost = Double.NaN;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.trim().split("\\s+");
                switch (f[0]) {
                    case "sizes":
                        sizes = new int[f.length - 1];
                        for (int i = 1; i < f.length; i++) {
                            sizes[i - 1] = Integer.parseInt(f[i]);
                        }
                        break;
                    case "activations":
                        activations = java.util.Arrays.copyOfRange(f, 1, f.length);
                        break;
                    case "cost":
                        cost = f[1];
                        break;
                    case "scalar":
                        expectedCost = Double.parseDouble(f[2]);
                        break;
                    case "tensor":
                        int rows = Integer.parseInt(f[2]), cols = Integer.parseInt(f[3]);
                        double[] v = new double[rows * cols];
                        if (f.length != 4 + v.length) {
                            throw new IOException(resource + ": tensor " + f[1] + " has " + (f.length - 4)
                                    + " values, expected " + v.length);
                        }
                        for (int i = 0; i < v.length; i++) {
                            v[i] = Double.parseDouble(f[4 + i]);
                        }
                        tensors.put(f[1], new Tensor(rows, cols, v));
                        break;
                    default:
                        throw new IOException(resource + ": unknown line kind '" + f[0] + "'");
                }
            }
            return new GoldenCase(name, sizes, activations, cost, tensors, expectedCost);
        }
    }

    Tensor tensor(String label) {
        return Objects.requireNonNull(tensors.get(label), () -> name + " has no tensor " + label);
    }
}
