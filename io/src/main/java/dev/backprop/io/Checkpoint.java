package dev.backprop.io;

import dev.backprop.nn.Network;
import dev.backprop.random.Rng;
import dev.backprop.train.TrainingState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training checkpoint: the model, the {@link TrainingState} (epochs done, the shuffling generator's exact
 * state, momentum velocities) and the run's description, so that a run resumed from it continues bit for bit.
 *
 * <p>It is a safetensors file: the model's tensors as in {@link SafetensorsModel} (so any model reader opens a
 * checkpoint), the velocities as {@code optimizer.velocity.layers.K.weight}/{@code .bias} in the model's
 * precision, and in {@code __metadata__} besides the model's description: {@code checkpoint.epochs_done},
 * {@code checkpoint.shuffle_rng} (the xoshiro256** state as four hex words, the spare-normal flag and the
 * spare normal's bits) and the caller's {@code run.*} entries.
 *
 * @param model the network's parameters and description
 * @param state where training stood
 * @param run   the caller's description of the run (e.g. the command line's settings), without the prefix
 */
public record Checkpoint(SavedModel model, TrainingState state, Map<String, String> run) {

    static final String OPTIMIZER_PREFIX = "optimizer.";
    private static final String VELOCITY = OPTIMIZER_PREFIX + "velocity.";
    private static final String EPOCHS = "checkpoint.epochs_done";
    private static final String RNG = "checkpoint.shuffle_rng";
    private static final String RUN = "run.";

    public Checkpoint {
        run = Map.copyOf(run);
    }

    /** Writes a checkpoint of {@code network} and {@code state} to {@code file}, via a temp file moved into place. */
    public static void write(Path file, Network network, TrainingState state, Map<String, String> run)
            throws IOException {
        SavedModel model = SavedModel.of(network);
        Safetensors.Dtype dtype = SafetensorsModel.dtype(model.precision());
        Map<String, Safetensors.Tensor> tensors = new LinkedHashMap<>(SafetensorsModel.tensors(model));
        List<double[]> v = state.velocities();
        for (int l = 1; l <= model.layers() && !v.isEmpty(); l++) {
            int[] sizes = model.sizes();
            tensors.put(VELOCITY + SafetensorsModel.weightName(l),
                    new Safetensors.Tensor(dtype, new int[]{sizes[l], sizes[l - 1]}, v.get(2 * (l - 1))));
            tensors.put(VELOCITY + SafetensorsModel.biasName(l),
                    new Safetensors.Tensor(dtype, new int[]{sizes[l]}, v.get(2 * (l - 1) + 1)));
        }
        Map<String, String> meta = new LinkedHashMap<>(SafetensorsModel.metadata(model));
        meta.put(EPOCHS, Integer.toString(state.epochsDone()));
        Rng.State r = state.shuffle();
        meta.put(RNG, String.join(",", Long.toHexString(r.s0()), Long.toHexString(r.s1()), Long.toHexString(r.s2()),
                Long.toHexString(r.s3()), Boolean.toString(r.haveSpareGaussian()),
                Long.toHexString(Double.doubleToRawLongBits(r.spareGaussian()))));
        run.forEach((k, value) -> meta.put(RUN + k, value));
        Safetensors.write(file, tensors, meta);
    }

    /** Reads a checkpoint; see {@link #read(byte[], String)}. */
    public static Checkpoint read(Path file) throws IOException {
        return from(Safetensors.read(file), file.toString());
    }

    /**
     * Reads a checkpoint held in memory.
     *
     * @throws ModelFormatException naming {@code source} and the field when the model, the velocities or the
     *                              saved state are missing or malformed
     */
    public static Checkpoint read(byte[] bytes, String source) throws ModelFormatException {
        return from(Safetensors.read(bytes, source), source);
    }

    private static Checkpoint from(Safetensors.Contents contents, String src) throws ModelFormatException {
        SavedModel model = SafetensorsModel.fromContents(contents, src, OPTIMIZER_PREFIX);
        Map<String, String> meta = contents.metadata();
        String meta0 = "header." + Safetensors.METADATA + ".";
        String epochsText = meta.get(EPOCHS);
        int epochs;
        try {
            epochs = Integer.parseInt(epochsText);
        } catch (NumberFormatException e) {
            epochs = -1;
        }
        if (epochs < 0) {
            throw new ModelFormatException(src, meta0 + EPOCHS, (epochsText == null ? "missing"
                    : "'" + SafetensorsModel.abbreviate(epochsText) + "' is not a count of epochs")
                    + ": is this a model rather than a checkpoint?");
        }
        Rng.State rng = rngState(src, meta0 + RNG, meta.get(RNG));
        List<double[]> velocities = new ArrayList<>();
        boolean any = contents.tensors().keySet().stream().anyMatch(k -> k.startsWith(OPTIMIZER_PREFIX));
        for (int l = 1; l <= model.layers() && any; l++) {
            int[] sizes = model.sizes();
            Safetensors.Dtype dtype = SafetensorsModel.dtype(model.precision());
            velocities.add(velocity(src, contents, VELOCITY + SafetensorsModel.weightName(l), sizes[l] * sizes[l - 1], dtype));
            velocities.add(velocity(src, contents, VELOCITY + SafetensorsModel.biasName(l), sizes[l], dtype));
        }
        for (String name : contents.tensors().keySet()) {
            if (name.startsWith(OPTIMIZER_PREFIX) && !(name.startsWith(VELOCITY)
                    && SafetensorsModel.layerIndex(name.substring(VELOCITY.length())) >= 0
                    && SafetensorsModel.layerIndex(name.substring(VELOCITY.length())) < model.layers())) {
                throw new ModelFormatException(src, "header." + name, "unknown optimiser tensor: a checkpoint holds "
                        + VELOCITY + "layers.K.weight and .bias for K = 0.." + (model.layers() - 1));
            }
        }
        Map<String, String> run = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith(RUN)) {
                run.put(k.substring(RUN.length()), v);
            }
        });
        return new Checkpoint(model, new TrainingState(epochs, rng, velocities), run);
    }

    private static double[] velocity(String src, Safetensors.Contents contents, String name, int size,
                                     Safetensors.Dtype dtype) throws ModelFormatException {
        Safetensors.Tensor t = contents.tensors().get(name);
        if (t == null) {
            throw new ModelFormatException(src, "header." + name, "missing: a checkpoint with momentum holds a "
                    + "velocity for every weight and bias tensor");
        }
        if (t.values().length != size || t.dtype() != dtype) {
            throw new ModelFormatException(src, "header." + name, "must have the shape and dtype of "
                    + name.substring(VELOCITY.length()));
        }
        for (double x : t.values()) {
            if (!Double.isFinite(x)) {
                throw new ModelFormatException(src, name, "holds " + x + ": velocities must be finite");
            }
        }
        return t.values();
    }

    private static Rng.State rngState(String src, String field, String text) throws ModelFormatException {
        String[] p = text == null ? new String[0] : text.split(",", -1);
        try {
            if (p.length == 6 && (p[4].equals("true") || p[4].equals("false"))) {
                long s0 = Long.parseUnsignedLong(p[0], 16), s1 = Long.parseUnsignedLong(p[1], 16);
                long s2 = Long.parseUnsignedLong(p[2], 16), s3 = Long.parseUnsignedLong(p[3], 16);
                if ((s0 | s1 | s2 | s3) != 0) {
                    return new Rng.State(s0, s1, s2, s3, Boolean.parseBoolean(p[4]),
                            Double.longBitsToDouble(Long.parseUnsignedLong(p[5], 16)));
                }
            }
        } catch (NumberFormatException e) {
            // reported below, with the expected form
        }
        throw new ModelFormatException(src, field, (text == null ? "missing" : "'" + SafetensorsModel.abbreviate(text)
                + "' is not a generator state") + ": expected four non-zero-in-total hex words, the spare-normal flag "
                + "and its bits, e.g. 1f,2e,3d,4c,false,0");
    }
}
