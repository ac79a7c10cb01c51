package dev.backprop.io;

import dev.backprop.backend.OptimizerKind;
import dev.backprop.nn.Network;
import dev.backprop.random.Rng;
import dev.backprop.train.DivergenceGuard;
import dev.backprop.train.KeepBest;
import dev.backprop.train.OptimizerState;
import dev.backprop.train.TrainingState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A training checkpoint: the model, the {@link TrainingState} (epochs done, the shuffling generator's exact state,
 * the optimizer's step count and state tensors, the best epoch so far with its parameters, the divergence check's
 * memory) and the run's description, so that a run resumed from it continues bit for bit.
 *
 * <p>It is a safetensors file: the model's tensors as in {@link SafetensorsModel} (so any model reader opens a
 * checkpoint); the optimizer's state tensors under PyTorch's names, {@code optimizer.exp_avg.layers.K.weight}
 * (and {@code .bias}; {@code momentum_buffer}, {@code square_avg}, {@code exp_avg_sq} likewise); the best epoch's
 * parameters as {@code best.layers.K.weight}/{@code .bias}; all in the model's precision. {@code __metadata__}
 * holds, besides the model's description: {@code checkpoint.epochs_done}, {@code checkpoint.shuffle_rng} (the
 * xoshiro256** state as four hex words, the spare-normal flag and the spare normal's bits),
 * {@code optimizer.kind} and {@code optimizer.steps}, {@code best.monitor}, {@code best.epoch},
 * {@code best.value}, {@code best.significant_epoch}, {@code best.significant_value},
 * {@code divergence.recent_costs} and {@code divergence.best_accuracy} (numbers as exact hexadecimal floating
 * point), and the caller's {@code run.*} entries.
 *
 * @param model the network's parameters and description
 * @param state where training stood
 * @param run   the caller's description of the run (e.g. the command line's settings), without the prefix
 */
public record Checkpoint(SavedModel model, TrainingState state, Map<String, String> run) {

    static final String OPTIMIZER_PREFIX = "optimizer.";
    static final String BEST_PREFIX = "best.";
    /** The prefixes of a checkpoint's tensors that are not the model's: a model reader skips them. */
    static final String[] EXTRA_PREFIXES = {OPTIMIZER_PREFIX, BEST_PREFIX};
    /** The tensors of checkpoints written before the optimizer family (Nielsen-form momentum velocities). */
    private static final String LEGACY_VELOCITY = OPTIMIZER_PREFIX + "velocity.";
    private static final String EPOCHS = "checkpoint.epochs_done";
    private static final String RNG = "checkpoint.shuffle_rng";
    private static final String KIND = OPTIMIZER_PREFIX + "kind";
    private static final String STEPS = OPTIMIZER_PREFIX + "steps";
    private static final String BEST_MONITOR = BEST_PREFIX + "monitor";
    private static final String BEST_EPOCH = BEST_PREFIX + "epoch";
    private static final String BEST_VALUE = BEST_PREFIX + "value";
    private static final String SIGNIFICANT_EPOCH = BEST_PREFIX + "significant_epoch";
    private static final String SIGNIFICANT_VALUE = BEST_PREFIX + "significant_value";
    private static final String RECENT_COSTS = "divergence.recent_costs";
    private static final String BEST_ACCURACY = "divergence.best_accuracy";
    private static final String FIRST_COST = "divergence.first_cost";
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
        int[] sizes = model.sizes();
        OptimizerState optimizer = state.optimizer();
        List<String> names = OptimizerState.stateNames(optimizer.kind());
        int perParameter = names.size();
        for (int l = 1; l <= model.layers() && !optimizer.tensors().isEmpty(); l++) {
            for (int s = 0; s < perParameter; s++) {
                String prefix = OPTIMIZER_PREFIX + names.get(s) + ".";
                tensors.put(prefix + SafetensorsModel.weightName(l), new Safetensors.Tensor(dtype,
                        new int[]{sizes[l], sizes[l - 1]}, optimizer.tensors().get(2 * (l - 1) * perParameter + s)));
                tensors.put(prefix + SafetensorsModel.biasName(l), new Safetensors.Tensor(dtype,
                        new int[]{sizes[l]}, optimizer.tensors().get((2 * (l - 1) + 1) * perParameter + s)));
            }
        }
        KeepBest.Snapshot best = state.best();
        for (int l = 1; l <= model.layers() && !best.parameters().isEmpty(); l++) {
            tensors.put(BEST_PREFIX + SafetensorsModel.weightName(l), new Safetensors.Tensor(dtype,
                    new int[]{sizes[l], sizes[l - 1]}, best.parameters().get(2 * (l - 1))));
            tensors.put(BEST_PREFIX + SafetensorsModel.biasName(l), new Safetensors.Tensor(dtype, new int[]{sizes[l]},
                    best.parameters().get(2 * (l - 1) + 1)));
        }
        Map<String, String> meta = new LinkedHashMap<>(SafetensorsModel.metadata(model));
        meta.put(EPOCHS, Integer.toString(state.epochsDone()));
        Rng.State r = state.shuffle();
        meta.put(RNG, String.join(",", Long.toHexString(r.s0()), Long.toHexString(r.s1()), Long.toHexString(r.s2()),
                Long.toHexString(r.s3()), Boolean.toString(r.haveSpareGaussian()),
                Long.toHexString(Double.doubleToRawLongBits(r.spareGaussian()))));
        meta.put(KIND, optimizer.kind().name().toLowerCase(Locale.ROOT));
        meta.put(STEPS, Long.toString(optimizer.steps()));
        meta.put(BEST_MONITOR, best.monitor());
        meta.put(BEST_EPOCH, Integer.toString(best.bestEpoch()));
        meta.put(BEST_VALUE, Double.toHexString(best.bestValue()));
        meta.put(SIGNIFICANT_EPOCH, Integer.toString(best.significantEpoch()));
        meta.put(SIGNIFICANT_VALUE, Double.toHexString(best.significantValue()));
        DivergenceGuard.Snapshot divergence = state.divergence();
        StringBuilder costs = new StringBuilder();
        for (double c : divergence.recentCosts()) {
            costs.append(costs.length() == 0 ? "" : ",").append(Double.toHexString(c));
        }
        meta.put(RECENT_COSTS, costs.toString());
        meta.put(BEST_ACCURACY, Double.toHexString(divergence.bestAccuracy()));
        meta.put(FIRST_COST, Double.toHexString(divergence.firstCost()));
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
     * @throws ModelFormatException naming {@code source} and the field when the model, the optimizer's state or
     *                              the saved run state are missing or malformed
     */
    public static Checkpoint read(byte[] bytes, String source) throws ModelFormatException {
        return from(Safetensors.read(bytes, source), source);
    }

    private static Checkpoint from(Safetensors.Contents contents, String src) throws ModelFormatException {
        for (String name : contents.tensors().keySet()) {
            if (name.startsWith(LEGACY_VELOCITY)) {
                throw new ModelFormatException(src, "header." + name, "a momentum velocity of an earlier backprop, "
                        + "which kept V = μ·V − η·∇C; this version keeps PyTorch's momentum buffer B = μ·B + ∇C, so the"
                        + " run cannot be resumed exactly: start it again (the model in this file still loads with "
                        + "--from)");
            }
        }
        SavedModel model = SafetensorsModel.fromContents(contents, src, EXTRA_PREFIXES);
        Map<String, String> meta = contents.metadata();
        String meta0 = "header." + Safetensors.METADATA + ".";
        String epochsText = meta.get(EPOCHS);
        int epochs = nonNegativeInt(epochsText);
        if (epochs < 0) {
            throw new ModelFormatException(src, meta0 + EPOCHS, (epochsText == null ? "missing"
                    : "'" + SafetensorsModel.abbreviate(epochsText) + "' is not a count of epochs")
                    + ": is this a model rather than a checkpoint?");
        }
        Rng.State rng = rngState(src, meta0 + RNG, meta.get(RNG));
        OptimizerState optimizer = optimizerState(src, contents, model, meta0);
        KeepBest.Snapshot best = best(src, contents, model, meta0, epochs);
        DivergenceGuard.Snapshot divergence = divergence(src, meta, meta0);
        Map<String, String> run = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith(RUN)) {
                run.put(k.substring(RUN.length()), v);
            }
        });
        return new Checkpoint(model, new TrainingState(epochs, rng, optimizer, best, divergence), run);
    }

    /** The optimizer's kind, steps and state tensors; a checkpoint without them is plain SGD's. */
    private static OptimizerState optimizerState(String src, Safetensors.Contents contents, SavedModel model,
                                                 String meta0) throws ModelFormatException {
        Map<String, String> meta = contents.metadata();
        String kindText = meta.get(KIND);
        OptimizerKind kind = OptimizerKind.SGD;
        if (kindText != null) {
            try {
                kind = OptimizerKind.valueOf(kindText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(src, meta0 + KIND, "'" + SafetensorsModel.abbreviate(kindText)
                        + "' is not an optimizer; expected one of sgd, momentum, nesterov, rmsprop, adam, adamw");
            }
        }
        String stepsText = meta.get(STEPS);
        long steps = 0;
        if (stepsText != null) {
            try {
                steps = Long.parseLong(stepsText);
            } catch (NumberFormatException e) {
                steps = -1;
            }
            if (steps < 0) {
                throw new ModelFormatException(src, meta0 + STEPS, "'" + SafetensorsModel.abbreviate(stepsText)
                        + "' is not a count of steps");
            }
        }
        List<String> names = OptimizerState.stateNames(kind);
        List<String> expected = new ArrayList<>();
        List<double[]> tensors = new ArrayList<>();
        boolean any = contents.tensors().keySet().stream().anyMatch(k -> k.startsWith(OPTIMIZER_PREFIX));
        Safetensors.Dtype dtype = SafetensorsModel.dtype(model.precision());
        int[] sizes = model.sizes();
        for (int l = 1; l <= model.layers(); l++) {
            for (boolean weight : new boolean[]{true, false}) {
                for (String stateName : names) {
                    String name = OPTIMIZER_PREFIX + stateName + "." + (weight ? SafetensorsModel.weightName(l)
                            : SafetensorsModel.biasName(l));
                    expected.add(name);
                    if (any) {
                        tensors.add(tensor(src, contents, name, weight ? sizes[l] * sizes[l - 1] : sizes[l], dtype,
                                kind + " keeps " + names + " for every weight and bias tensor"));
                    }
                }
            }
        }
        for (String name : contents.tensors().keySet()) {
            if (name.startsWith(OPTIMIZER_PREFIX) && !expected.contains(name)) {
                throw new ModelFormatException(src, "header." + name, "unknown optimizer tensor: a "
                        + kind.name().toLowerCase(Locale.ROOT) + " checkpoint holds " + (names.isEmpty() ? "none"
                        : OPTIMIZER_PREFIX + "{" + String.join(",", names) + "}.layers.K.weight and .bias for K = 0.."
                        + (model.layers() - 1)));
            }
        }
        if (steps == 0 && !tensors.isEmpty()) {
            throw new ModelFormatException(src, meta0 + STEPS, "is 0 but the checkpoint holds optimizer state tensors");
        }
        if (steps > 0 && tensors.isEmpty() && !names.isEmpty()) {
            throw new ModelFormatException(src, "header." + expected.get(0), "missing: after " + steps + " steps a "
                    + kind.name().toLowerCase(Locale.ROOT) + " checkpoint holds its state tensors " + names);
        }
        return new OptimizerState(kind, steps, tensors);
    }

    /** The best epoch, its value and parameters; a checkpoint without them has none recorded. */
    private static KeepBest.Snapshot best(String src, Safetensors.Contents contents, SavedModel model, String meta0,
                                          int epochsDone) throws ModelFormatException {
        Map<String, String> meta = contents.metadata();
        String monitor = meta.getOrDefault(BEST_MONITOR, "");
        int epoch = meta.containsKey(BEST_EPOCH) ? nonNegativeInt(meta.get(BEST_EPOCH)) : 0;
        int significant = meta.containsKey(SIGNIFICANT_EPOCH) ? nonNegativeInt(meta.get(SIGNIFICANT_EPOCH)) : 0;
        if (epoch < 0 || epoch > epochsDone) {
            throw new ModelFormatException(src, meta0 + BEST_EPOCH, "'" + SafetensorsModel.abbreviate(
                    meta.get(BEST_EPOCH)) + "' is not an epoch from 0 to the " + epochsDone + " done");
        }
        if (significant < 0 || significant > epoch) {
            throw new ModelFormatException(src, meta0 + SIGNIFICANT_EPOCH, "'" + SafetensorsModel.abbreviate(
                    meta.get(SIGNIFICANT_EPOCH)) + "' is not an epoch from 0 to the best epoch " + epoch);
        }
        double value = number(src, meta0 + BEST_VALUE, meta.get(BEST_VALUE));
        double significantValue = number(src, meta0 + SIGNIFICANT_VALUE, meta.get(SIGNIFICANT_VALUE));
        List<double[]> parameters = new ArrayList<>();
        Safetensors.Dtype dtype = SafetensorsModel.dtype(model.precision());
        int[] sizes = model.sizes();
        for (int l = 1; l <= model.layers() && epoch > 0; l++) {
            parameters.add(tensor(src, contents, BEST_PREFIX + SafetensorsModel.weightName(l), sizes[l] * sizes[l - 1],
                    dtype, "a checkpoint with a best epoch holds its parameters"));
            parameters.add(tensor(src, contents, BEST_PREFIX + SafetensorsModel.biasName(l), sizes[l], dtype,
                    "a checkpoint with a best epoch holds its parameters"));
        }
        for (String name : contents.tensors().keySet()) {
            if (name.startsWith(BEST_PREFIX) && (epoch == 0 || !(SafetensorsModel.layerIndex(name.substring(
                    BEST_PREFIX.length())) >= 0 && SafetensorsModel.layerIndex(name.substring(BEST_PREFIX.length()))
                    < model.layers()))) {
                throw new ModelFormatException(src, "header." + name, "unknown tensor: a checkpoint holds "
                        + BEST_PREFIX + "layers.K.weight and .bias for K = 0.." + (model.layers() - 1)
                        + " when it records a best epoch");
            }
        }
        return new KeepBest.Snapshot(monitor, epoch, value, significant, significantValue, parameters);
    }

    private static DivergenceGuard.Snapshot divergence(String src, Map<String, String> meta, String meta0)
            throws ModelFormatException {
        String costsText = meta.getOrDefault(RECENT_COSTS, "");
        String[] parts = costsText.isEmpty() ? new String[0] : costsText.split(",", -1);
        if (parts.length > 1000) {
            throw new ModelFormatException(src, meta0 + RECENT_COSTS, "holds " + parts.length + " costs; a checkpoint "
                    + "keeps only the last few epochs'");
        }
        double[] costs = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            costs[i] = number(src, meta0 + RECENT_COSTS, parts[i]);
        }
        return new DivergenceGuard.Snapshot(costs, number(src, meta0 + BEST_ACCURACY, meta.get(BEST_ACCURACY)),
                number(src, meta0 + FIRST_COST, meta.get(FIRST_COST)));
    }

    /** A number written by {@link Double#toHexString} (or NaN when the entry is absent). */
    private static double number(String src, String field, String text) throws ModelFormatException {
        if (text == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ModelFormatException(src, field, "'" + SafetensorsModel.abbreviate(text) + "' is not a number");
        }
    }

    private static int nonNegativeInt(String text) {
        try {
            return text == null ? -1 : Math.max(-1, Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static double[] tensor(String src, Safetensors.Contents contents, String name, int size,
                                   Safetensors.Dtype dtype, String why) throws ModelFormatException {
        Safetensors.Tensor t = contents.tensors().get(name);
        if (t == null) {
            throw new ModelFormatException(src, "header." + name, "missing: " + why);
        }
        if (t.values().length != size || t.dtype() != dtype) {
            throw new ModelFormatException(src, "header." + name, "must have " + size + " values of dtype " + dtype
                    + ", like the parameter it belongs to");
        }
        for (double x : t.values()) {
            if (!Double.isFinite(x)) {
                throw new ModelFormatException(src, name, "holds " + x + ": a checkpoint's tensors must be finite");
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
