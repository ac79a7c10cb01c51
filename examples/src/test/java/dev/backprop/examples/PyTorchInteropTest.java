package dev.backprop.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.backprop.backend.Backend;
import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.Precision;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.io.ModelFiles;
import dev.backprop.io.SavedModel;
import dev.backprop.io.StateDict;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The README's Python snippet (examples/python/backprop_safetensors.py) against real PyTorch, both ways: torch
 * runs a model backprop saved, and backprop runs a state dict torch saved; the outputs must agree. Runs only
 * where {@code /usr/bin/python3} imports torch (Debian's python3-torch), and says so when it is skipped.
 */
class PyTorchInteropTest {

    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void modelsRoundTripThroughTheReadmeSnippet(@TempDir Path work) throws Exception {
        Assumptions.assumeTrue(torchAvailable(), PYTHON + " with torch is not available (apt-get install "
                + "python3-torch), so the PyTorch round trip is skipped");
        ObjectMapper json = new ObjectMapper();
        double[][] x = new double[7][4];                    // rows are examples, as torch has them
        for (int i = 0; i < x.length; i++) {
            for (int f = 0; f < 4; f++) {
                x[i][f] = Math.sin(3 * i + f);
            }
        }
        json.writeValue(work.resolve("x.json").toFile(), x);
        Backend backend = new ScalarBackend(BackendConfig.of(Precision.FLOAT32, 1));
        Network net = Network.builder(backend).layers(new int[]{4, 5, 3}, Activation.tanh(), Activation.softmax())
                .cost(Cost.logLikelihood()).seed(11).build();
        ModelFiles.save(net, work.resolve("java.safetensors"));

        Process p = new ProcessBuilder(PYTHON, Path.of(resource("torch_roundtrip.py")).toString(),
                Path.of("python").toAbsolutePath().toString(), work.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();

        double[][] fromJava = json.readValue(work.resolve("from_java.json").toFile(), double[][].class);
        double[][] ours = forward(net, x);
        double[][] fromTorch = json.readValue(work.resolve("from_torch.json").toFile(), double[][].class);
        SavedModel torchModel = ModelFiles.read(work.resolve("torch.safetensors"),
                new StateDict.Architecture("relu", "softmax", "log-likelihood"));
        assertThat(torchModel.describe()).isEqualTo("4-6-3 relu,softmax log-likelihood f32");
        double[][] theirs = forward(torchModel.build(backend), x);
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < 3; k++) {
                assertThat(fromJava[i][k]).as("torch on backprop's model, example %d output %d", i, k)
                        .isCloseTo(ours[i][k], within(1e-6));
                assertThat(theirs[i][k]).as("backprop on torch's model, example %d output %d", i, k)
                        .isCloseTo(fromTorch[i][k], within(1e-6));
            }
        }
    }

    /** The network's outputs on rows x (backprop's columns are examples: transpose in and out). */
    private static double[][] forward(Network net, double[][] x) {
        int m = x.length, n = x[0].length;
        double[] cols = new double[n * m];                  // n_0 × m
        for (int i = 0; i < m; i++) {
            for (int f = 0; f < n; f++) {
                cols[f * m + i] = x[i][f];
            }
        }
        double[] a = net.forward(net.backend().fromArray(n, m, cols)).toArray();   // n_L × m
        int k = net.outputSize();
        double[][] out = new double[m][k];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < k; c++) {
                out[i][c] = a[c * m + i];
            }
        }
        return out;
    }

    private static boolean torchAvailable() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch, numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static java.net.URI resource(String name) throws URISyntaxException {
        return PyTorchInteropTest.class.getResource("/" + name).toURI();
    }
}
