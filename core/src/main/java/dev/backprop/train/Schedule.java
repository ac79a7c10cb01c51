package dev.backprop.train;

import java.util.Locale;
import java.util.Objects;

/**
 * A learning-rate schedule: η as a function of the time t since the run began, counted in epochs or in
 * optimizer steps (mini-batches), with an optional linear warm-up before it. With T the run's length in those
 * units, W the warm-up and η the optimizer's base learning rate, {@code u = t − W} after the warm-up:
 * <pre>
 *   warm-up      η_t = η·(t + 1)/(W + 1)                       for t &lt; W (rising to η; before any shape)
 *   constant     η_t = η
 *   step         η_t = η·γ^⌊u/k⌋                              (PyTorch's StepLR)
 *   exponential  η_t = η·γ^u                                  (ExponentialLR; network2-style decay per epoch)
 *   cosine       η_t = η_min + (η − η_min)·(1 + cos(π·u/(T − W)))/2     (CosineAnnealingLR, closed form)
 * </pre>
 * Per-epoch schedules change η between epochs; per-step ones before every step, so η moves within an epoch.
 *
 * @param shape    the curve after the warm-up
 * @param gamma    γ of step and exponential decay, in (0, 1]
 * @param stepSize k, units between step decays (step only), positive
 * @param etaMin   η_min, where cosine annealing ends, zero or positive
 * @param warmup   W, units of linear warm-up before the shape, zero or more
 * @param unit     whether t counts epochs or steps
 */
public record Schedule(Shape shape, double gamma, int stepSize, double etaMin, int warmup, Unit unit) {

    /** The curve after the warm-up. */
    public enum Shape { CONSTANT, STEP, EXPONENTIAL, COSINE }

    /** What t counts. */
    public enum Unit { EPOCH, STEP }

    public Schedule {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(unit, "unit");
        if (!(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("the decay γ must be in (0, 1], got " + gamma + " (1 keeps η constant)");
        }
        if (stepSize < 1) {
            throw new IllegalArgumentException("the step schedule's step size must be at least 1, got " + stepSize);
        }
        if (!(etaMin >= 0) || !Double.isFinite(etaMin)) {
            throw new IllegalArgumentException("η_min must be zero or positive, got " + etaMin);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("the warm-up must be zero or more " + unitName(unit) + "s, got " + warmup);
        }
    }

    /** η throughout (per epoch, no warm-up). */
    public static Schedule constant() {
        return new Schedule(Shape.CONSTANT, 1, 1, 0, 0, Unit.EPOCH);
    }

    /** η·γ^⌊t/k⌋: η multiplied by γ every k units. */
    public static Schedule step(int k, double gamma) {
        return new Schedule(Shape.STEP, gamma, k, 0, 0, Unit.EPOCH);
    }

    /** η·γ^t: η multiplied by γ every unit (per epoch: {@code η·γ^(epoch−1)}). */
    public static Schedule exponential(double gamma) {
        return new Schedule(Shape.EXPONENTIAL, gamma, 1, 0, 0, Unit.EPOCH);
    }

    /** Cosine annealing from η down to η_min = 0 at the end of the run. */
    public static Schedule cosine() {
        return new Schedule(Shape.COSINE, 1, 1, 0, 0, Unit.EPOCH);
    }

    /** The same shape ending (cosine) at {@code newEtaMin}. */
    public Schedule withEtaMin(double newEtaMin) {
        return new Schedule(shape, gamma, stepSize, newEtaMin, warmup, unit);
    }

    /** The same shape after {@code units} units of linear warm-up. */
    public Schedule withWarmup(int units) {
        return new Schedule(shape, gamma, stepSize, etaMin, units, unit);
    }

    /** The same schedule counted in optimizer steps (η changes before every step). */
    public Schedule perStep() {
        return new Schedule(shape, gamma, stepSize, etaMin, warmup, Unit.STEP);
    }

    /** The same schedule counted in epochs (η changes between epochs). */
    public Schedule perEpoch() {
        return new Schedule(shape, gamma, stepSize, etaMin, warmup, Unit.EPOCH);
    }

    /** Whether η is the base learning rate throughout. */
    public boolean isConstant() {
        return shape == Shape.CONSTANT && warmup == 0;
    }

    /**
     * η at time t.
     *
     * @param base  the optimizer's learning rate η
     * @param t     units since the run began, from 0
     * @param total T, the run's length in units (cosine anneals over {@code T − W})
     */
    public double eta(double base, long t, long total) {
        if (t < warmup) {
            return base * (t + 1) / (warmup + 1);
        }
        long u = t - warmup;
        return switch (shape) {
            case CONSTANT -> base;
            case STEP -> base * Math.pow(gamma, (double) (u / stepSize));
            case EXPONENTIAL -> gamma == 1 ? base : base * Math.pow(gamma, (double) u);
            case COSINE -> {
                long span = Math.max(1, total - warmup);
                double progress = Math.min(u, span) / (double) span;
                yield etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * progress)) / 2;
            }
        };
    }

    /** e.g. {@code cosine to η_min = 0 per step, after 500 steps of warm-up}, or {@code constant}. */
    public String describe() {
        String curve = switch (shape) {
            case CONSTANT -> "constant";
            case STEP -> "× " + gamma + " every " + stepSize + " " + unitName(unit) + "s";
            case EXPONENTIAL -> "× " + gamma + " per " + unitName(unit);
            case COSINE -> "cosine to η_min = " + etaMin + " per " + unitName(unit);
        };
        return warmup == 0 ? curve : curve + ", after " + warmup + " " + unitName(unit) + (warmup == 1 ? "" : "s")
                + " of linear warm-up";
    }

    private static String unitName(Unit unit) {
        return unit.name().toLowerCase(Locale.ROOT);
    }
}
