package dev.backprop.cli;

import dev.backprop.train.Schedule;
import picocli.CommandLine.Option;

import java.util.Locale;

/** {@code train}'s learning-rate schedule: its shape, the shape's parameters, a warm-up, and what t counts. */
final class ScheduleOptions {

    /** What t counts. */
    enum Unit { EPOCH, STEP }

    @Option(names = "--schedule", paramLabel = "NAME",
            description = "constant, step (η·γ^⌊t/k⌋), exponential (η·γ^t) or cosine (to --eta-min at the end). "
                    + "Default: exponential when --eta-decay is given, else constant.")
    String schedule;

    @Option(names = "--step-size", paramLabel = "k", defaultValue = "10",
            description = "The step schedule's period: η is multiplied by γ every k epochs or steps "
                    + "(default: ${DEFAULT-VALUE}; γ is --eta-decay, 0.1 unless given).")
    int stepSize;

    @Option(names = "--eta-min", paramLabel = "η_min", defaultValue = "0",
            description = "Where cosine annealing ends (default: ${DEFAULT-VALUE}).")
    double etaMin;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "0",
            description = "Linear warm-up over the first N epochs or steps, η·(t+1)/(N+1), before the schedule "
                    + "(default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--schedule-unit", paramLabel = "epoch|step", defaultValue = "epoch",
            description = "Whether t counts epochs (η changes between epochs) or optimizer steps (η changes every "
                    + "mini-batch). Default: ${DEFAULT-VALUE}.")
    Unit unit;

    /**
     * The schedule.
     *
     * @param etaDecay      {@code --eta-decay} γ
     * @param etaDecayGiven whether γ was given (the step schedule's default γ is PyTorch's 0.1)
     */
    Schedule schedule(double etaDecay, boolean etaDecayGiven) {
        String name = schedule == null ? (etaDecay != 1.0 ? "exponential" : "constant")
                : schedule.trim().toLowerCase(Locale.ROOT);
        Schedule s = switch (name) {
            case "constant" -> Schedule.constant();
            case "step" -> Schedule.step(stepSize, etaDecayGiven ? etaDecay : 0.1);
            case "exponential" -> Schedule.exponential(etaDecay);
            case "cosine" -> Schedule.cosine().withEtaMin(etaMin);
            default -> throw new IllegalArgumentException("unknown schedule '" + schedule + "'; the schedules are "
                    + "constant, step, exponential, cosine");
        };
        s = s.withWarmup(warmup);
        return unit == Unit.STEP ? s.perStep() : s;
    }
}
