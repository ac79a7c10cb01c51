package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Precision;
import dev.backprop.io.Checkpoint;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The {@code train} settings a checkpoint records, and their restoration on {@code --resume}: everything that
 * decides the remaining epochs' arithmetic (data, split, batch, the optimizer and its hyper-parameters, the
 * schedule, dropout, the monitored metric and early stopping, shuffling, seed, backend, precision) comes back from
 * the checkpoint. An option given on the resuming command line must agree with it, except {@code --epochs},
 * which may extend the run. A checkpoint written before a setting existed is read with that setting's default.
 */
final class RunSettings {

    private RunSettings() {
    }

    /**
     * One option's value as a string, read from and written to the command.
     *
     * @param absent the value a checkpoint that does not record the option stands for, or null when every
     *               checkpoint records it
     */
    private record Setting(String option, Function<TrainCommand, String> get, Consumer2 set, String absent) {
        Setting(String option, Function<TrainCommand, String> get, Consumer2 set) {
            this(option, get, set, null);
        }
    }

    @FunctionalInterface
    private interface Consumer2 {
        void accept(TrainCommand command, String value);
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("--data", c -> c.data, (c, v) -> c.data = v),
            new Setting("--validation", c -> Integer.toString(c.validation), (c, v) -> c.validation = Integer.parseInt(v)),
            new Setting("--train-size", c -> Integer.toString(c.trainSize), (c, v) -> c.trainSize = Integer.parseInt(v)),
            new Setting("--epochs", c -> Integer.toString(c.epochs), (c, v) -> c.epochs = Integer.parseInt(v)),
            new Setting("--batch", c -> Integer.toString(c.batch), (c, v) -> c.batch = Integer.parseInt(v)),
            new Setting("--eta", c -> Double.toString(c.effectiveEta()), (c, v) -> c.eta = Double.parseDouble(v)),
            new Setting("--lambda", c -> Double.toString(c.lambda), (c, v) -> c.lambda = Double.parseDouble(v)),
            new Setting("--momentum", c -> Double.toString(c.momentum), (c, v) -> c.momentum = Double.parseDouble(v)),
            new Setting("--eta-decay", c -> Double.toString(c.etaDecay), (c, v) -> c.etaDecay = Double.parseDouble(v)),
            new Setting("--no-shuffle", c -> Boolean.toString(c.noShuffle), (c, v) -> c.noShuffle = Boolean.parseBoolean(v)),
            new Setting("--seed", c -> Long.toString(c.network.seed), (c, v) -> c.network.seed = Long.parseLong(v)),
            new Setting("--init", c -> c.network.init, (c, v) -> c.network.init = v),
            new Setting("--on-non-finite", c -> c.onNonFinite.name(),
                    (c, v) -> c.onNonFinite = TrainCommand.NonFinite.valueOf(v)),
            new Setting("--precision", c -> c.backendOptions.precision.shortName(),
                    (c, v) -> c.backendOptions.precision = Precision.parse(v)),
            new Setting("--optimizer", c -> orEmpty(c.optimizerOptions.optimizer),
                    (c, v) -> c.optimizerOptions.optimizer = v.isEmpty() ? null : v, ""),
            new Setting("--beta1", c -> Double.toString(c.optimizerOptions.beta1),
                    (c, v) -> c.optimizerOptions.beta1 = Double.parseDouble(v), "0.9"),
            new Setting("--beta2", c -> Double.toString(c.optimizerOptions.beta2),
                    (c, v) -> c.optimizerOptions.beta2 = Double.parseDouble(v), "0.999"),
            new Setting("--epsilon", c -> Double.toString(c.optimizerOptions.epsilon),
                    (c, v) -> c.optimizerOptions.epsilon = Double.parseDouble(v), "1.0E-8"),
            new Setting("--alpha", c -> Double.toString(c.optimizerOptions.alpha),
                    (c, v) -> c.optimizerOptions.alpha = Double.parseDouble(v), "0.99"),
            new Setting("--weight-decay", c -> orEmpty(c.optimizerOptions.weightDecay),
                    (c, v) -> c.optimizerOptions.weightDecay = v.isEmpty() ? null : Double.valueOf(v), ""),
            new Setting("--schedule", c -> orEmpty(c.scheduleOptions.schedule),
                    (c, v) -> c.scheduleOptions.schedule = v.isEmpty() ? null : v, ""),
            new Setting("--step-size", c -> Integer.toString(c.scheduleOptions.stepSize),
                    (c, v) -> c.scheduleOptions.stepSize = Integer.parseInt(v), "10"),
            new Setting("--eta-min", c -> Double.toString(c.scheduleOptions.etaMin),
                    (c, v) -> c.scheduleOptions.etaMin = Double.parseDouble(v), "0.0"),
            new Setting("--warmup", c -> Integer.toString(c.scheduleOptions.warmup),
                    (c, v) -> c.scheduleOptions.warmup = Integer.parseInt(v), "0"),
            new Setting("--schedule-unit", c -> c.scheduleOptions.unit.name(),
                    (c, v) -> c.scheduleOptions.unit = ScheduleOptions.Unit.valueOf(v), "EPOCH"),
            new Setting("--dropout", c -> Double.toString(c.control.dropout),
                    (c, v) -> c.control.dropout = Double.parseDouble(v), "0.0"),
            new Setting("--monitor", c -> orEmpty(c.control.monitor), (c, v) -> c.control.monitor = v.isEmpty() ? null : v,
                    ""),
            new Setting("--patience", c -> Integer.toString(c.control.patience),
                    (c, v) -> c.control.patience = Integer.parseInt(v), "0"),
            new Setting("--min-delta", c -> Double.toString(c.control.minDelta),
                    (c, v) -> c.control.minDelta = Double.parseDouble(v), "0.0"),
            new Setting("--divergence-epochs", c -> Integer.toString(c.control.divergenceEpochs),
                    (c, v) -> c.control.divergenceEpochs = Integer.parseInt(v), "3"));

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }

    /** The settings of {@code command} (after presets) and the backend it runs on, for a checkpoint. */
    static Map<String, String> describe(TrainCommand command, Backend backend) {
        Map<String, String> run = new LinkedHashMap<>();
        for (Setting s : SETTINGS) {
            run.put(s.option().substring(2), s.get().apply(command));
        }
        run.put("backend", backend.name());
        return run;
    }

    /**
     * Reads {@code --checkpoint DIR}'s checkpoint and sets {@code command}'s options to the saved run's.
     *
     * @throws IllegalArgumentException when there is no checkpoint, or an explicit option contradicts it
     */
    static Checkpoint restore(TrainCommand command) throws IOException {
        if (command.checkpoint == null) {
            throw new IllegalArgumentException("--resume needs --checkpoint DIR, the directory the run checkpointed to");
        }
        Path file = command.checkpoint.resolve(TrainCommand.CHECKPOINT_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--resume: no checkpoint at " + file + "; start the run with --checkpoint "
                    + command.checkpoint + " (without --resume) first");
        }
        if (command.from != null) {
            throw new IllegalArgumentException("--resume continues from the checkpoint's weights; drop --from " + command.from);
        }
        Checkpoint cp = Checkpoint.read(file);
        ParseResult parsed = command.spec.commandLine().getParseResult();
        for (Setting s : SETTINGS) {
            String saved = cp.run().getOrDefault(s.option().substring(2), s.absent());
            if (saved == null) {
                throw new IllegalArgumentException(file + " does not record " + s.option() + "; it was not written by "
                        + "`backprop train --checkpoint`, so the run cannot be resumed exactly");
            }
            if (parsed.hasMatchedOption(s.option()) && !s.option().equals("--epochs")
                    && !Objects.equals(s.get().apply(command), saved)) {
                throw new IllegalArgumentException(s.option() + " " + s.get().apply(command) + " contradicts the "
                        + "checkpoint's " + saved + "; drop it to resume the run as it was");
            }
            if (!parsed.hasMatchedOption(s.option()) || !s.option().equals("--epochs")) {
                try {
                    s.set().accept(command, saved);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": run." + s.option().substring(2) + " '" + saved
                            + "' is not a valid " + s.option() + " value (" + e.getMessage() + ")", e);
                }
            }
        }
        if (!parsed.hasMatchedOption("--precision") && cp.model().precision() != command.backendOptions.precision) {
            command.backendOptions.precision = cp.model().precision();
        }
        if (command.backendOptions.backend == null) {
            command.backendOptions.backend = cp.run().get("backend");
        }
        for (String option : new String[]{"--layers", "--activation", "--output", "--cost"}) {
            if (parsed.hasMatchedOption(option)) {
                throw new IllegalArgumentException(option + " cannot change a resumed network (the checkpoint holds "
                        + cp.model().describe() + "); drop it");
            }
        }
        return cp;
    }
}
