package dev.backprop.io;

import dev.backprop.backend.BackendConfig;
import dev.backprop.backend.scalar.ScalarBackend;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Network2JsonTest {

    @TempDir
    Path dir;

    /** What network2.py's Network.save writes (json.dump of lists; biases are column vectors). */
    static final String NETWORK2 = "{\"sizes\": [2, 2, 1], \"weights\": [[[0.1, -0.2], [0.3, 0.4]], [[1.5, -1e-3]]], "
            + "\"biases\": [[[0.5], [-0.5]], [[2.0]]], \"cost\": \"CrossEntropyCost\"}";

    @Test
    void readsWhatNetwork2Writes() throws IOException {
        SavedModel m = Network2Json.read(NETWORK2.getBytes(StandardCharsets.UTF_8), "net.json");
        assertThat(m.describe()).isEqualTo("2-2-1 sigmoid,sigmoid cross-entropy f64");
        assertArrayEquals(new double[]{0.1, -0.2, 0.3, 0.4}, m.weights().get(0));
        assertArrayEquals(new double[]{1.5, -1e-3}, m.weights().get(1));
        assertArrayEquals(new double[]{0.5, -0.5}, m.biases().get(0));
        Network net = m.build(new ScalarBackend(BackendConfig.defaults()));
        var be = net.backend();
        double out = net.forward(be.fromArray(2, 1, new double[]{1, 2})).toArray()[0];
        double h0 = sigmoid(0.1 - 0.4 + 0.5), h1 = sigmoid(0.3 + 0.8 - 0.5);
        assertEquals(sigmoid(1.5 * h0 - 1e-3 * h1 + 2.0), out, 1e-15);          // network2's feedforward
    }

    @Test
    void roundTripsExactly() throws IOException {
        Network net = Models.sigmoid(11);
        Path file = dir.resolve("n.json");
        ModelFiles.save(net, file);
        SavedModel back = ModelFiles.read(file);
        assertThat(back.describe()).isEqualTo("4-3-2 sigmoid,sigmoid cross-entropy f64");
        for (int l = 1; l <= 2; l++) {
            assertArrayEquals(net.weights(l).toArray(), back.weights().get(l - 1));
            assertArrayEquals(net.biases(l).toArray(), back.biases().get(l - 1));
        }
        String json = Files.readString(file);
        assertThat(json).startsWith("{\"sizes\":[4,3,2],\"weights\":[[[").contains("\"cost\":\"CrossEntropyCost\"");
    }

    @Test
    void networksNetwork2CannotRepresentAreRefusedWithTheFix() {
        Network relu = Models.network(dev.backprop.backend.Precision.FLOAT64, new int[]{2, 2, 2}, Activation.relu(),
                Activation.softmax(), Cost.logLikelihood(), 1);
        var e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.save(relu, dir.resolve("r.json")));
        assertThat(e.getMessage()).contains("sigmoid networks only").contains(".safetensors");
        assertThat(dir.resolve("r.json")).doesNotExist();
    }

    @Test
    void malformedFilesNameTheField() {
        assertField("{\"sizes\": [2, 1], \"weights\": [[[1, 2, 3]]], \"biases\": [[[0]]], \"cost\": \"QuadraticCost\"}",
                "weights[0][0]", "must be a row of 2 numbers, got 3 entries");
        assertField("{\"sizes\": [2, 1], \"weights\": [[[1, \"x\"]]], \"biases\": [[[0]]], \"cost\": \"QuadraticCost\"}",
                "weights[0][0][1]", "is not a number");
        assertField("{\"sizes\": [2, 0], \"weights\": [], \"biases\": [], \"cost\": \"QuadraticCost\"}",
                "sizes[1]", "not a layer size");
        assertField("{\"sizes\": [2, 1], \"weights\": [[[1, 2]]], \"biases\": [[[0]]], \"cost\": \"HingeCost\"}",
                "cost", "use \"QuadraticCost\" or \"CrossEntropyCost\"");
        assertField("{\"sizes\": [2, 1], \"weights\": [[[1, 2]]], \"cost\": \"QuadraticCost\"}", "biases", "missing");
        assertField("{\"sizes\": [2, 1], \"weights\": [[[1, 2]]], \"biases\": [[[0]]], \"cost\": \"QuadraticCost\", "
                + "\"extra\": 1}", "extra", "unknown key");
        assertField("{\"\": 1}", "\"\"", "unknown key");                 // found by the fuzz properties
        assertField("{\"sizes\": [2, 1], \"weights\": [[[1, NaN]]], \"biases\": [[[0]]], \"cost\": \"QuadraticCost\"}",
                "json", "not valid JSON");
        assertField("{\"sizes\": [1, 2000000000], \"weights\": [[[1]]], \"biases\": [[[0]]], \"cost\": \"QuadraticCost\"}",
                "weights[0]", "must be 2000000000 rows");
    }

    /**
     * A 784-2000-10 network is about 30 MB of network2 JSON; as a tree it needs several times that, but the
     * streaming reader holds little more than the 1.6 million parameters (12.7 MB): a 64 MB heap reads it.
     */
    @Test
    void aLargeFileIsReadInAHeapAFewTimesItsParameters() throws Exception {
        int[] sizes = {784, 2000, 10};
        java.util.Random random = new java.util.Random(1);
        java.util.List<double[]> w = new java.util.ArrayList<>(), b = new java.util.ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            w.add(random.doubles((long) sizes[l] * sizes[l - 1]).toArray());
            b.add(random.doubles(sizes[l]).toArray());
        }
        Path file = dir.resolve("big.json");
        Network2Json.write(file, new SavedModel(sizes, java.util.List.of("sigmoid", "sigmoid"), "cross-entropy",
                dev.backprop.backend.Precision.FLOAT64, w, b));
        assertThat(Files.size(file)).isGreaterThan(25_000_000L);
        ChildJvm.Result r = ChildJvm.run(java.util.List.of("-Xmx64m"), "read-network2", file.toString());
        assertEquals(0, r.exitCode(), r.output());
        assertThat(r.output().strip()).isEqualTo("784-2000-10 sigmoid,sigmoid cross-entropy f64");
    }

    /** The key order is free in JSON: sizes after the tensors reads the same. */
    @Test
    void keysMayComeInAnyOrder() throws IOException {
        String reordered = "{\"cost\": \"CrossEntropyCost\", \"biases\": [[[0.5], [-0.5]], [[2.0]]], "
                + "\"weights\": [[[0.1, -0.2], [0.3, 0.4]], [[1.5, -1e-3]]], \"sizes\": [2, 2, 1]}";
        SavedModel a = Network2Json.read(NETWORK2.getBytes(StandardCharsets.UTF_8), "a.json");
        SavedModel b = Network2Json.read(reordered.getBytes(StandardCharsets.UTF_8), "b.json");
        assertThat(b.describe()).isEqualTo(a.describe());
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.weights().get(l), b.weights().get(l));
            assertArrayEquals(a.biases().get(l), b.biases().get(l));
        }
    }

    private static void assertField(String json, String field, String problem) {
        var e = assertThrows(ModelFormatException.class,
                () -> Network2Json.read(json.getBytes(StandardCharsets.UTF_8), "net.json"));
        assertEquals(field, e.field(), e.getMessage());
        assertThat(e.getMessage()).startsWith("net.json: " + field + ": ").contains(problem);
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
