package dev.backprop.io;

import dev.backprop.backend.Precision;
import dev.backprop.data.Scaling;
import dev.backprop.data.Task;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A model's context (task, names, normalisation, data) survives a safetensors round trip and is checked. */
class ModelContextTest {

    @Test
    void theContextRoundTripsExactly(@TempDir Path dir) throws IOException {
        Network net = Models.sigmoid(3);
        double third = 1.0 / 3;
        ModelContext context = new ModelContext(Task.CLASSIFICATION, List.of("se,tosa", "vir\"ginica"),
                List.of("a", "b", "c", "d"), List.of(),
                new Scaling(Scaling.Kind.STANDARDIZE, new double[]{third, -1e-300, 5, 0.1},
                        new double[]{Math.PI, 2, Double.MIN_VALUE, 7}),
                Map.of("source", "csv:/x/iris.csv", "target", "species"));
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(net, context, file);
        SavedModel back = ModelFiles.read(file);
        assertThat(back.context()).isEqualTo(context);
        assertThat(back.context().scaling().shift()[0]).isEqualTo(third);
        assertThat(back.context().scaling().scale()[2]).isEqualTo(Double.MIN_VALUE);
        assertThat(ModelFiles.read(dir.resolve("m.safetensors")).weights().get(0))
                .containsExactly(net.weights(1).toArray());
    }

    @Test
    void aModelWithoutContextReadsAsNone(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(Models.sigmoid(3), file);
        assertThat(ModelFiles.read(file).context()).isEqualTo(ModelContext.NONE);
        assertThat(ModelFiles.read(file).context().isEmpty()).isTrue();
    }

    @Test
    void aContextThatDoesNotFitTheNetworkIsRefused(@TempDir Path dir) throws IOException {
        Network net = Models.sigmoid(3);
        assertThatThrownBy(() -> SavedModel.of(net, new ModelContext(Task.CLASSIFICATION, List.of("a", "b", "c"),
                List.of(), List.of(), null, Map.of()))).hasMessage("3 class names for 2 outputs");
        Map<String, String> meta = new LinkedHashMap<>(SafetensorsModel.metadata(SavedModel.of(net)));
        meta.put("features", "[\"only-one\"]");
        Path file = dir.resolve("bad.safetensors");
        Safetensors.write(file, SafetensorsModel.tensors(SavedModel.of(net)), meta);
        assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFormatException.class)
                .hasMessage(file + ": header.__metadata__: the recorded context does not fit sizes 4,3,2: 1 feature "
                        + "names for 4 inputs");
        meta.put("features", "{\"a\": 1}");
        Safetensors.write(file, SafetensorsModel.tensors(SavedModel.of(net)), meta);
        assertThatThrownBy(() -> ModelFiles.read(file)).hasMessageStartingWith(file
                + ": header.__metadata__.features: must be a JSON array");
        meta.remove("features");
        meta.put("normalization", "standardize");
        Safetensors.write(file, SafetensorsModel.tensors(SavedModel.of(net)), meta);
        assertThatThrownBy(() -> ModelFiles.read(file)).hasMessageStartingWith(file
                + ": header.__metadata__.normalization.shift: missing");
    }

    @Test
    void aPyTorchStateDictLoadsWhenTheShapesDetermineTheLayers(@TempDir Path dir) throws IOException {
        Network net = Models.network(Precision.FLOAT32, new int[]{4, 5, 6, 3}, Activation.relu(), Activation.softmax(),
                Cost.logLikelihood(), 9);
        SavedModel m = SavedModel.of(net);
        for (String prefix : List.of("", "layers.", "model.net.")) {
            Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
            for (int l = 1; l <= 3; l++) {                 // nn.Sequential(Linear, ReLU, Linear, ReLU, Linear)
                int k = 2 * (l - 1);
                tensors.put(prefix + k + ".weight", new Safetensors.Tensor(Safetensors.Dtype.F32,
                        new int[]{m.sizes()[l], m.sizes()[l - 1]}, m.weights().get(l - 1)));
                tensors.put(prefix + k + ".bias", new Safetensors.Tensor(Safetensors.Dtype.F32,
                        new int[]{m.sizes()[l]}, m.biases().get(l - 1)));
            }
            Path file = dir.resolve("torch.safetensors");
            Safetensors.write(file, tensors, prefix.isEmpty() ? Map.of() : Map.of("format", "pt"));
            assertThatThrownBy(() -> ModelFiles.read(file)).isInstanceOf(ModelFormatException.class)
                    .hasMessageContaining("its shapes give layers 4-5-6-3, so give the activations: --activation NAME");
            SavedModel back = ModelFiles.read(file, new StateDict.Architecture("relu", "softmax", "log-likelihood"));
            assertThat(back.sizes()).containsExactly(4, 5, 6, 3);
            assertThat(back.describe()).isEqualTo("4-5-6-3 relu,relu,softmax log-likelihood f32");
            for (int l = 0; l < 3; l++) {
                assertThat(back.weights().get(l)).containsExactly(m.weights().get(l));
                assertThat(back.biases().get(l)).containsExactly(m.biases().get(l));
            }
        }
    }

    @Test
    void stateDictsThatDoNotChainOrHoldOtherTensorsAreNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.safetensors");
        StateDict.Architecture arch = new StateDict.Architecture("relu", "identity", null);
        Safetensors.write(file, Map.of("0.weight", tensor(5, 4), "2.weight", tensor(3, 6)), Map.of());
        assertThatThrownBy(() -> ModelFiles.read(file, arch))
                .hasMessage(file + ": header.2.weight.shape: [3, 6] takes 6 inputs but the layer before it has 5 outputs");
        Safetensors.write(file, Map.of("0.weight", tensor(5, 4), "1.running_mean", tensor(5)), Map.of());
        assertThatThrownBy(() -> ModelFiles.read(file, arch))
                .hasMessageStartingWith(file + ": header.1.running_mean: is not a Linear layer's weight or bias");
        Safetensors.write(file, Map.of("0.weight", tensor(5, 4), "2.bias", tensor(3)), Map.of());
        assertThatThrownBy(() -> ModelFiles.read(file, arch))
                .hasMessageStartingWith(file + ": header.2.weight: missing");
        Safetensors.write(file, Map.of("a.0.weight", tensor(5, 4), "b.2.weight", tensor(3, 5)), Map.of());
        assertThatThrownBy(() -> ModelFiles.read(file, arch)).hasMessageContaining("differs from");
        Safetensors.write(file, Map.of("0.weight", tensor(5, 4)), Map.of());
        SavedModel noBias = ModelFiles.read(file, arch);
        assertThat(noBias.biases().get(0)).containsOnly(0.0);
        assertThat(noBias.cost()).isEqualTo("quadratic");
    }

    private static Safetensors.Tensor tensor(int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return new Safetensors.Tensor(Safetensors.Dtype.F64, shape, new double[n]);
    }
}
