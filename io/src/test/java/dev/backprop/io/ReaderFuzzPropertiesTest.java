package dev.backprop.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backprop.data.SyntheticData;
import dev.backprop.nn.Network;
import dev.backprop.train.Trainer;
import dev.backprop.train.TrainingConfig;
import dev.backprop.train.TrainingListener;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model readers on damaged files: each either reads a consistent model or throws
 * {@link ModelFormatException} whose message names the source and a field; nothing else escapes (no runtime
 * exception, no OutOfMemoryError from a lying length). 8,000 mutants here, 4,000 more for IDX in core.
 */
class ReaderFuzzPropertiesTest {

    private static final String SOURCE = "fuzzed";
    private static final byte[] MODEL = SafetensorsTestFiles.model();
    private static final byte[] CHECKPOINT = SafetensorsTestFiles.checkpoint();
    private static final byte[] NETWORK2 = Network2Json.toBytes(SavedModel.of(Models.sigmoid(5)));

    @Property(tries = 3000)
    void safetensorsModelMutants(@ForAll("model") byte[] file) {
        expectModelOrFormatError(() -> {
            SavedModel m = SafetensorsModel.fromContents(Safetensors.read(file, SOURCE), SOURCE,
                    Checkpoint.OPTIMIZER_PREFIX);
            checkConsistent(m);
        });
    }

    @Property(tries = 1000)
    void checkpointMutants(@ForAll("checkpoint") byte[] file) {
        expectModelOrFormatError(() -> {
            Checkpoint c = Checkpoint.read(file, SOURCE);
            checkConsistent(c.model());
            assertThat(c.state().epochsDone()).isNotNegative();
        });
    }

    @Property(tries = 2000)
    void network2JsonByteMutants(@ForAll("network2Bytes") byte[] file) {
        expectModelOrFormatError(() -> checkConsistent(Network2Json.read(file, SOURCE)));
    }

    @Property(tries = 2000)
    void network2JsonStructureMutants(@ForAll("network2Trees") byte[] file) {
        expectModelOrFormatError(() -> checkConsistent(Network2Json.read(file, SOURCE)));
    }

    @FunctionalInterface
    interface Read {
        void run() throws IOException;
    }

    private static void expectModelOrFormatError(Read read) {
        try {
            read.run();
        } catch (ModelFormatException e) {
            assertThat(e.getMessage()).startsWith(SOURCE + ": " + e.field() + ": ");
            assertThat(e.field()).isNotBlank();
        } catch (IOException e) {
            throw new AssertionError("an in-memory read may only fail with ModelFormatException, got " + e, e);
        }
    }

    /** Whatever was accepted must be a usable model: shapes agree with the sizes, values are finite. */
    private static void checkConsistent(SavedModel m) {
        for (int l = 1; l <= m.layers(); l++) {
            assertThat(m.weights().get(l - 1)).hasSize(m.sizes()[l] * m.sizes()[l - 1]);
            assertThat(m.biases().get(l - 1)).hasSize(m.sizes()[l]);
            assertThat(java.util.stream.DoubleStream.of(m.weights().get(l - 1)).allMatch(Double::isFinite)).isTrue();
            assertThat(java.util.stream.DoubleStream.of(m.biases().get(l - 1)).allMatch(Double::isFinite)).isTrue();
        }
    }

    @Provide
    Arbitrary<byte[]> model() {
        return Mutations.of(MODEL);
    }

    @Provide
    Arbitrary<byte[]> checkpoint() {
        return Mutations.of(CHECKPOINT);
    }

    @Provide
    Arbitrary<byte[]> network2Bytes() {
        return Mutations.of(NETWORK2);
    }

    /** Valid JSON with one to three values replaced: wrong types, absurd sizes, missing or extra entries. */
    @Provide
    Arbitrary<byte[]> network2Trees() {
        Arbitrary<JsonNode> replacement = Arbitraries.oneOf(List.of(
                Arbitraries.integers().map(JsonNodeFactory.instance::numberNode),
                Arbitraries.of(0, -1, 1, 2, 3, 4, 1 << 30, Integer.MAX_VALUE).map(JsonNodeFactory.instance::numberNode),
                Arbitraries.doubles().map(JsonNodeFactory.instance::numberNode),
                Arbitraries.strings().ofMaxLength(5).map(JsonNodeFactory.instance::textNode),
                Arbitraries.just(JsonNodeFactory.instance.nullNode()),
                Arbitraries.just(JsonNodeFactory.instance.arrayNode()),
                Arbitraries.just(JsonNodeFactory.instance.objectNode()),
                Arbitraries.of("QuadraticCost", "CrossEntropyCost").map(JsonNodeFactory.instance::textNode)));
        Arbitrary<Integer> where = Arbitraries.integers().between(0, Integer.MAX_VALUE - 1);
        Arbitrary<Boolean> remove = Arbitraries.of(false, false, false, true);
        return Combinators.combine(where, replacement, remove).as(Edit::new).list().ofMinSize(1).ofMaxSize(3)
                .map(edits -> {
                    try {
                        JsonNode root = Json.MAPPER.readTree(NETWORK2);
                        for (Edit e : edits) {
                            e.applyTo(root);
                        }
                        return Json.MAPPER.writeValueAsBytes(root);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    /** Replaces (or removes) the node at a position of a depth-first walk of the tree. */
    private record Edit(int where, JsonNode replacement, boolean remove) {
        void applyTo(JsonNode root) {
            List<Object[]> slots = new ArrayList<>();            // {container, key or index}
            collect(root, slots);
            Object[] slot = slots.get(where % slots.size());
            if (slot[0] instanceof ObjectNode o) {
                if (remove) {
                    o.remove((String) slot[1]);
                } else {
                    o.set((String) slot[1], replacement);
                }
            } else {
                ArrayNode a = (ArrayNode) slot[0];
                if (remove) {
                    a.remove((int) slot[1]);
                } else {
                    a.set((int) slot[1], replacement);
                }
            }
        }

        private static void collect(JsonNode node, List<Object[]> slots) {
            if (node instanceof ObjectNode o) {
                for (var it = o.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    slots.add(new Object[]{o, k});
                    collect(o.get(k), slots);
                }
            } else if (node instanceof ArrayNode a) {
                for (int i = 0; i < a.size(); i++) {
                    slots.add(new Object[]{a, i});
                    collect(a.get(i), slots);
                }
            }
        }
    }

    /** The valid files the mutants start from. */
    static final class SafetensorsTestFiles {
        static byte[] model() {
            SavedModel m = SavedModel.of(Models.sigmoid(4));
            return Safetensors.toBytes(SafetensorsModel.tensors(m), SafetensorsModel.metadata(m));
        }

        static byte[] checkpoint() {
            try {
                Network net = Models.network(dev.backprop.backend.Precision.FLOAT32, new int[]{3, 2, 2},
                        dev.backprop.nn.Activation.tanh(), dev.backprop.nn.Activation.softmax(),
                        dev.backprop.nn.Cost.logLikelihood(), 3);
                Trainer t = new Trainer(net, TrainingConfig.of(1, 4, 0.1).withMomentum(0.9));
                t.fit(SyntheticData.blobs(8, 2, 3, 0.5, 1), new TrainingListener() { });
                Path tmp = Files.createTempFile("checkpoint", ".safetensors");
                try {
                    Checkpoint.write(tmp, net, t.state(), Map.of("data", "blobs"));
                    return Files.readAllBytes(tmp);
                } finally {
                    Files.delete(tmp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
