package dev.backprop.io;

import dev.backprop.backend.Precision;
import dev.backprop.nn.Activation;
import dev.backprop.nn.Cost;
import dev.backprop.nn.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void aModelRoundTripsBitForBitInBothPrecisions() throws IOException {
        for (Precision p : Precision.values()) {
            Network net = Models.network(p, new int[]{5, 4, 3, 2}, Activation.relu(), Activation.softmax(),
                    Cost.logLikelihood(), 7);
            Path file = dir.resolve("m-" + p.shortName() + ".safetensors");
            ModelFiles.save(net, file);
            SavedModel back = ModelFiles.read(file);
            assertThat(back.describe()).isEqualTo("5-4-3-2 relu,relu,softmax log-likelihood " + p.shortName());
            for (int l = 1; l <= 3; l++) {
                assertArrayEquals(net.weights(l).toArray(), back.weights().get(l - 1), "W[" + l + "] " + p);
                assertArrayEquals(net.biases(l).toArray(), back.biases().get(l - 1), "b[" + l + "] " + p);
            }
        }
    }

    /** The layout byte by byte, as the safetensors specification describes it and Python's package reads it. */
    @Test
    void theLayoutIsTheSafetensorsSpecification() {
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>();
        tensors.put("a", new Safetensors.Tensor(Safetensors.Dtype.F32, new int[]{2}, new double[]{1.5, -2}));
        tensors.put("b", new Safetensors.Tensor(Safetensors.Dtype.F64, new int[]{1, 1}, new double[]{0.25}));
        byte[] bytes = Safetensors.toBytes(tensors, Map.of("k", "v"));
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        assertEquals(0, n % 8, "header padded to a multiple of 8");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header.strip()).isEqualTo("{\"__metadata__\":{\"k\":\"v\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1,1],\"data_offsets\":[8,16]}}");
        assertEquals(8 + n + 16, bytes.length);
        buf.position((int) (8 + n));
        assertEquals(1.5f, buf.getFloat());
        assertEquals(-2f, buf.getFloat());
        assertEquals(0.25, buf.getDouble());
    }

    @Test
    void aHeaderLengthBeyondTheFileIsRefusedBeforeAllocating() {
        byte[] bytes = new byte[16];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE);
        var e = assertThrows(ModelFormatException.class, () -> Safetensors.read(bytes, "x.safetensors"));
        assertThat(e.getMessage()).startsWith("x.safetensors: header.length: ").contains("the file has 8 bytes after");
        assertEquals("header.length", e.field());
    }

    @Test
    void offsetsAndShapesThatDisagreeAreNamed() {
        String bad = "{\"w\":{\"dtype\":\"F64\",\"shape\":[1000,1000],\"data_offsets\":[0,8]}}";
        var e = assertThrows(ModelFormatException.class, () -> Safetensors.read(file(bad, 8), "m"));
        assertThat(e.getMessage()).contains("header.w.data_offsets").contains("needs 8000000");
        String huge = "{\"w\":{\"dtype\":\"F64\",\"shape\":[1000000,1000000],\"data_offsets\":[0,8]}}";
        assertThat(assertThrows(ModelFormatException.class, () -> Safetensors.read(file(huge, 8), "m")).getMessage())
                .contains("header.w.shape").contains("more elements than a Java array holds");
        String past = "{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}";
        assertThat(assertThrows(ModelFormatException.class, () -> Safetensors.read(file(past, 8), "m")).getMessage())
                .contains("header.w.data_offsets").contains("not a range inside the 8 data bytes");
        String gap = "{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}";
        assertThat(assertThrows(ModelFormatException.class, () -> Safetensors.read(file(gap, 16), "m")).getMessage())
                .contains("begins at byte 8 but the previous tensor ends at 0");
        String bf16 = "{\"w\":{\"dtype\":\"BF16\",\"shape\":[1],\"data_offsets\":[0,2]}}";
        assertThat(assertThrows(ModelFormatException.class, () -> Safetensors.read(file(bf16, 2), "m")).getMessage())
                .contains("header.w.dtype").contains("'BF16' is not supported");
        String dup = "{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"w\":{}}";
        assertThat(assertThrows(ModelFormatException.class, () -> Safetensors.read(file(dup, 8), "m")).getMessage())
                .contains("header: not valid JSON").contains("Duplicate field 'w'");
    }

    @Test
    void modelsWithoutTheirDescriptionOrWithWrongShapesAreExplained() throws IOException {
        Network net = Models.sigmoid(3);
        SavedModel model = SavedModel.of(net);
        Map<String, String> meta = new LinkedHashMap<>(SafetensorsModel.metadata(model));
        meta.remove("activations");
        Path noActivations = dir.resolve("a.safetensors");
        Safetensors.write(noActivations, SafetensorsModel.tensors(model), meta);
        assertThat(assertThrows(ModelFormatException.class, () -> ModelFiles.read(noActivations)).getMessage())
                .contains("header.__metadata__.activations: missing");
        Map<String, String> wrongSizes = new LinkedHashMap<>(SafetensorsModel.metadata(model));
        wrongSizes.put("sizes", "4,5,2");
        Path shapes = dir.resolve("s.safetensors");
        Safetensors.write(shapes, SafetensorsModel.tensors(model), wrongSizes);
        assertThat(assertThrows(ModelFormatException.class, () -> ModelFiles.read(shapes)).getMessage())
                .contains("header.layers.0.weight.shape: [3, 4] does not match sizes 4,5,2, which need [5, 4]");
    }

    @Test
    void extraTensorsAreNamedEvenWithAbsurdLayerNumbers() throws IOException {
        SavedModel model = SavedModel.of(Models.sigmoid(3));
        for (String extra : new String[]{"layers.99999999999.weight", "layers.2.bias", "embedding"}) {
            Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>(SafetensorsModel.tensors(model));
            tensors.put(extra, new Safetensors.Tensor(Safetensors.Dtype.F64, new int[]{1}, new double[]{0}));
            Path file = dir.resolve("extra.safetensors");
            Safetensors.write(file, tensors, SafetensorsModel.metadata(model));
            var e = assertThrows(ModelFormatException.class, () -> ModelFiles.read(file));
            assertEquals("header." + extra, e.field(), e.getMessage());
        }
    }

    @Test
    void writesLeaveNoTemporaryFilesAndReplaceTheOldOne() throws IOException {
        Path file = dir.resolve("m.safetensors");
        ModelFiles.save(Models.sigmoid(1), file);
        ModelFiles.save(Models.sigmoid(2), file);
        try (var listing = Files.list(dir)) {
            assertThat(listing).containsExactly(file);
        }
        assertArrayEquals(Models.sigmoid(2).weights(1).toArray(), ModelFiles.read(file).weights().get(0));
    }

    @Test
    void unknownExtensionsAreExplained() {
        var e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.save(Models.sigmoid(1), dir.resolve("m.bin")));
        assertThat(e.getMessage()).contains("*.safetensors").contains("*.json");
    }

    /** The reference implementation requires the header to start with '{'; Jackson alone would skip a BOM. */
    @Test
    void aByteOrderMarkBeforeTheHeaderIsRefused() {
        byte[] bom = file("\uFEFF{\"__metadata__\":{\"k\":\"v\"}}   ", 0);
        var e = assertThrows(ModelFormatException.class, () -> Safetensors.read(bom, "m.safetensors"));
        assertEquals("header", e.field());
        assertThat(e.getMessage()).contains("must start with '{'").contains("byte order mark");
        byte[] space = file(" {}     ", 0);
        assertThat(assertThrows(ModelFormatException.class, () -> Safetensors.read(space, "m.safetensors"))
                .getMessage()).contains("starts with byte 0x20");
    }

    /** Past Jackson's 20,000,000-character limit: our message, naming the metadata key, not Jackson's. */
    @Test
    void anOverlongMetadataStringFailsWithOurMessage() {
        String huge = "x".repeat(Json.MAX_STRING + 1);
        byte[] bytes = file("{\"__metadata__\":{\"note\":\"" + huge + "\"}}", 0);
        var e = assertThrows(ModelFormatException.class, () -> Safetensors.read(bytes, "m.safetensors"));
        assertEquals("header.__metadata__.note", e.field());
        assertThat(e.getMessage()).contains("a string longer than 20,000,000 characters")
                .doesNotContain("StreamReadConstraints").doesNotContain("getMaxStringLength");
        var w = assertThrows(IllegalArgumentException.class, () -> Safetensors.toBytes(Map.of(), Map.of("note", huge)));
        assertThat(w.getMessage()).contains("could not be read back");
    }

    /** A file of {@code header} and {@code dataBytes} zero bytes. */
    static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(h.length).put(h);
        return buf.array();
    }
}
