package dev.backprop.io;

import dev.backprop.backend.Backend;
import dev.backprop.nn.Network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads and writes model files, choosing the format by extension: {@code .safetensors} ({@link SafetensorsModel})
 * or {@code .json} (Nielsen's network2, {@link Network2Json}). Writes go to a temp file moved into place.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    /** The formats, by extension. */
    public enum Format {
        SAFETENSORS, NETWORK2_JSON;

        /**
         * The format {@code file}'s extension names.
         *
         * @throws IllegalArgumentException for any other extension, naming the ones known
         */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".safetensors")) {
                return SAFETENSORS;
            }
            if (name.endsWith(".json")) {
                return NETWORK2_JSON;
            }
            throw new IllegalArgumentException(file + ": unknown model format; name the file *.safetensors (any "
                    + "network) or *.json (Nielsen's network2: sigmoid layers, quadratic or cross-entropy cost)");
        }
    }

    /**
     * Reads a model (a checkpoint's {@code .safetensors} works too: its optimiser state is ignored).
     *
     * @throws ModelFormatException naming the file and the field when it is malformed
     * @throws IOException          when it cannot be read
     */
    public static SavedModel read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads a model; a safetensors file without backprop's {@code __metadata__} (a PyTorch state dict) is read
     * as {@link StateDict} describes, its activations and cost taken from {@code architecture}.
     *
     * @param architecture for state dicts only; null when the file must describe itself
     * @throws ModelFormatException naming the file and the field when it is malformed, or, for a state dict
     *                              without an architecture, saying which layers it holds and what to give
     */
    public static SavedModel read(Path file, StateDict.Architecture architecture) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file + ": no such model file");
        }
        if (Format.of(file) == Format.NETWORK2_JSON) {
            return Network2Json.read(file);
        }
        Safetensors.Contents contents = Safetensors.read(file);
        if (!contents.metadata().containsKey("sizes")) {
            return StateDict.model(contents, file.toString(), architecture);
        }
        return SafetensorsModel.fromContents(contents, file.toString(), Checkpoint.EXTRA_PREFIXES);
    }

    /** Reads a model and builds it on {@code backend}. */
    public static Network load(Path file, Backend backend) throws IOException {
        return read(file).build(backend);
    }

    /**
     * Checks, before any training, that {@link #save} will be able to write {@code network} to {@code file}: a
     * known extension, built-in activations and cost, and for network2 JSON a network it can describe.
     *
     * @throws IllegalArgumentException saying what does not fit and what to do instead
     */
    public static void checkSavable(Network network, Path file) {
        Format format = Format.of(file);
        SavedModel model = SavedModel.of(network);
        if (format == Format.NETWORK2_JSON) {
            Network2Json.checkRepresentable(model);
        }
    }

    /** Writes {@code network}'s parameters and description to {@code file}, in the format its extension names. */
    public static void save(Network network, Path file) throws IOException {
        write(SavedModel.of(network), file);
    }

    /**
     * Writes {@code network} with its {@code context} (task, class and feature names, normalisation, data).
     * Only safetensors records the context; Nielsen's network2 JSON has no place for it.
     */
    public static void save(Network network, ModelContext context, Path file) throws IOException {
        write(SavedModel.of(network, context), file);
    }

    /** Writes {@code model} to {@code file}, in the format its extension names. */
    public static void write(SavedModel model, Path file) throws IOException {
        if (Format.of(file) == Format.NETWORK2_JSON) {
            Network2Json.write(file, model);
        } else {
            Safetensors.write(file, SafetensorsModel.tensors(model), SafetensorsModel.metadata(model));
        }
    }
}
