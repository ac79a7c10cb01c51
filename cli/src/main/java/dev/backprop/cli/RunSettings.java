package dev.backprop.cli;

import dev.backprop.backend.Backend;
import dev.backprop.backend.Precision;
import dev.backprop.io.Checkpoint;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code train} settings a checkpoint records, and their restoration on {@code --resume}: everything that
 * decides the remaining epochs' arithmetic (data, split, normalisation, batch, the optimizer and its
 * hyper-parameters, the schedule, dropout, the monitored metric and early stopping, shuffling, seed, backend,
 * precision, threads) comes back from the checkpoint. An option given on the resuming command line may repeat it
 * but not contradict it, except {@code --epochs}, which may extend the run, and {@code --threads}, which changes
 * the rounding only (with a note). A checkpoint written before a setting existed is read with that setting's
 * default. Restored values are checked by the same rules as typed ones, and a bad one is reported as the
 * checkpoint's, not as if it had been typed.
 */
final class RunSettings {

    private RunSettings() {
    }

    /**
     * One option's value as a string, read from and written to the command.
     *
     * @param optional whether a run may not give it at all (its value is then null and the checkpoint omits it)
     * @param absent   the value a checkpoint written before the option existed stands for, or null when every
     *                 checkpoint records it
     */
    private record Setting(String option, Function<TrainCommand, String> get, Consumer2 set, boolean optional,
                           String absent) {
        Setting(String option, Function<TrainCommand, String> get, Consumer2 set) {
            this(option, get, set, false, null);
        }

        Setting(String option, Function<TrainCommand, String> get, Consumer2 set, boolean optional) {
            this(option, get, set, optional, null);
        }

        Setting(String option, Function<TrainCommand, String> get, Consumer2 set, String absent) {
            this(option, get, set, false, absent);
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
            new Setting("--normalize", c -> c.normalize.name(), (c, v) -> c.normalize = Normalization.valueOf(v), true),
            new Setting("--target", c -> c.tabular.target == null ? null : String.join(",", c.tabular.target),
                    (c, v) -> c.tabular.target = List.of(v.split(",")), true),
            new Setting("--task", c -> c.tabular.task, (c, v) -> c.tabular.task = v, true),
            new Setting("--test-data", c -> c.tabular.testData == null ? null : c.tabular.testData.toString(),
                    (c, v) -> c.tabular.testData = Path.of(v), true),
            new Setting("--test-fraction", c -> c.tabular.testFraction == null ? null : c.tabular.testFraction.toString(),
                    (c, v) -> c.tabular.testFraction = Double.parseDouble(v), true),
            new Setting("--arrays", c -> c.tabular.arrays == null ? null : String.join(",", c.tabular.arrays),
                    (c, v) -> c.tabular.arrays = List.of(v.split(",")), true),
            new Setting("--threads", c -> Integer.toString(c.backendOptions.threads),
                    (c, v) -> c.backendOptions.threads = Integer.parseInt(v), true),
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
            String value = s.get().apply(command);
            if (value != null) {
                run.put(s.option().substring(2), value);
            }
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
        Set<String> restored = new HashSet<>();
        for (Setting s : SETTINGS) {
            String saved = cp.run().getOrDefault(s.option().substring(2), s.absent());
            if (saved == null && s.optional()) {
                if (parsed.hasMatchedOption(s.option())) {
                    throw new IllegalArgumentException(s.option() + " " + s.get().apply(command) + " contradicts the "
                            + "checkpoint, whose run did not give it; drop it to resume the run as it was");
                }
                continue;
            }
            if (saved == null) {
                throw new IllegalArgumentException(file + " does not record " + s.option() + "; it was not written by "
                        + "`backprop train --checkpoint`, so the run cannot be resumed exactly");
            }
            boolean typed = parsed.hasMatchedOption(s.option());
            if (typed && !Objects.equals(s.get().apply(command), saved)) {
                if (s.option().equals("--threads")) {
                    command.spec.commandLine().getErr().println("note: the run used --threads " + saved + "; with "
                            + s.get().apply(command) + " it continues equal to rounding, not bit for bit");
                } else if (!s.option().equals("--epochs")) {
                    throw new IllegalArgumentException(s.option() + " " + s.get().apply(command) + " contradicts the "
                            + "checkpoint's " + saved + "; drop it to resume the run as it was");
                }
            }
            if (!typed) {
                try {
                    s.set().accept(command, saved);
                } catch (IllegalArgumentException e) {
                    throw damaged(file, s.option(), saved, "not a valid " + s.option() + " value (" + e.getMessage()
                            + ")", e);
                }
                restored.add(s.option());
            }
        }
        if (!parsed.hasMatchedOption("--precision") && cp.model().precision() != command.backendOptions.precision) {
            command.backendOptions.precision = cp.model().precision();
        }
        if (command.backendOptions.backend == null) {
            command.backendOptions.backend = cp.run().get("backend");
        }
        for (TrainOptionRules.Problem p : TrainOptionRules.check(command)) {
            if (restored.contains(p.option())) {
                throw damaged(file, p.option(), p.value(), p.rule(), null);
            }
        }
        ModelAgreement.check(parsed, command.network, cp.model(), "the checkpoint " + file);
        command.restoredSettings = Set.copyOf(restored);
        return cp;
    }

    /** A restored value that breaks its option's rule: the file is damaged; the user typed nothing wrong. */
    private static IllegalArgumentException damaged(Path file, String option, String value, String rule,
                                                    Throwable cause) {
        return new IllegalArgumentException(file + ": run." + option.substring(2) + " '" + value + "': " + rule
                + "; the checkpoint is damaged, or was not written by `backprop train --checkpoint`", cause);
    }
}
