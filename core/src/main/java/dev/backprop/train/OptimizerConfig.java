package dev.backprop.train;

import dev.backprop.backend.OptimizerKind;

import java.util.Locale;

/**
 * Which optimizer updates the parameters, with its hyper-parameters; {@link #create(int)} makes the
 * {@link Optimizer} that applies it. The factories start from PyTorch's {@code torch.optim} defaults.
 *
 * <p>Two kinds of weight decay, kept apart because they are different algorithms:
 * <ul>
 *   <li><b>L2</b> ({@link #withL2}, network2's λ; every optimizer but AdamW): the cost gets the term
 *       {@code (λ/2n)·Σ w²}, so the gradient of every weight gets {@code (λ/n)·W} added before the optimizer sees
 *       it ({@code c = λ/n}; n is the training-set size, so λ means the same whatever the batch size). Biases are
 *       not decayed (network2's choice). For plain SGD this is network2's {@code W ← (1 − ηλ/n)·W − η·∂C/∂W}.
 *       Under Adam the term is divided by √V like the rest of the gradient, which weakens it where gradients
 *       are large.</li>
 *   <li><b>decoupled weight decay</b> ({@link #withWeightDecay}, AdamW only, Loshchilov &amp; Hutter): every
 *       parameter, biases included as in PyTorch, is scaled by {@code 1 − η·wd} each step, outside Adam's
 *       normalisation.</li>
 * </ul>
 *
 * @param kind        the update rule (equations in {@link OptimizerKind} and on each factory)
 * @param eta         η, the base learning rate (a {@link Schedule} varies it), positive
 * @param momentum    μ of {@link OptimizerKind#MOMENTUM}, {@link OptimizerKind#NESTEROV} and {@link OptimizerKind#RMSPROP}
 *                    (0: none), in [0, 1)
 * @param alpha       RMSProp's smoothing α of the square average, in [0, 1)
 * @param beta1       Adam's β₁, in [0, 1)
 * @param beta2       Adam's β₂, in [0, 1)
 * @param epsilon     ε of RMSProp's and Adam's denominators, zero or positive
 * @param lambda      network2's L2 parameter λ (coupled), zero or positive; not with AdamW
 * @param weightDecay AdamW's decoupled weight decay wd, zero or positive; AdamW only
 */
public record OptimizerConfig(OptimizerKind kind, double eta, double momentum, double alpha, double beta1, double beta2,
                              double epsilon, double lambda, double weightDecay) {

    /** PyTorch's RMSprop learning rate. */
    public static final double RMSPROP_ETA = 1e-2;
    /** PyTorch's Adam and AdamW learning rate. */
    public static final double ADAM_ETA = 1e-3;

    public OptimizerConfig {
        if (kind == null) {
            throw new NullPointerException("kind");
        }
        if (!(eta > 0) || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("the learning rate η must be a positive number, got " + eta);
        }
        unitInterval("the momentum μ", momentum, "0 is none; 0.9 is usual");
        unitInterval("RMSProp's α", alpha, "PyTorch's default is 0.99");
        unitInterval("Adam's β₁", beta1, "PyTorch's default is 0.9");
        unitInterval("Adam's β₂", beta2, "PyTorch's default is 0.999");
        if (!(epsilon >= 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("ε must be zero or positive, got " + epsilon + " (PyTorch's default is 1e-8)");
        }
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("the L2 parameter λ must be zero or positive, got " + lambda);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("the weight decay must be zero or positive, got " + weightDecay);
        }
        if (kind == OptimizerKind.ADAMW && lambda != 0) {
            throw new IllegalArgumentException("AdamW decays the weights decoupled (weight decay " + weightDecay
                    + "); the coupled L2 parameter λ = " + lambda + " is for the other optimizers; use one or the other"
                    + " (Adam with L2, or AdamW)");
        }
        if (kind != OptimizerKind.ADAMW && weightDecay != 0) {
            throw new IllegalArgumentException("decoupled weight decay (" + weightDecay + ") is AdamW's; "
                    + kind.name().toLowerCase(Locale.ROOT) + " takes coupled L2 instead (λ, network2's form)");
        }
        if ((kind == OptimizerKind.MOMENTUM || kind == OptimizerKind.NESTEROV) && momentum == 0) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " needs a momentum μ in (0, 1),"
                    + " e.g. 0.9; with μ = 0 use plain SGD");
        }
        if (kind != OptimizerKind.MOMENTUM && kind != OptimizerKind.NESTEROV && kind != OptimizerKind.RMSPROP
                && momentum != 0) {
            throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + " has no momentum parameter;"
                    + " for SGD with momentum μ = " + momentum + " use the momentum (or nesterov) optimizer");
        }
    }

    private static void unitInterval(String what, double value, String hint) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(what + " must be in [0, 1), got " + value + " (" + hint + ")");
        }
    }

    /** Network2's plain SGD: {@code W ← (1 − ηλ/n)·W − η·∂C/∂W}, {@code b ← b − η·∂C/∂b} (λ = 0 until {@link #withL2}). */
    public static OptimizerConfig sgd(double eta) {
        return new OptimizerConfig(OptimizerKind.SGD, eta, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * Heavy-ball momentum, PyTorch's form ({@code torch.optim.SGD(momentum=μ)}): one buffer B per parameter,
     * zero at first, {@code B ← μ·B + ĝ}, {@code W ← W − η·B}, with {@code ĝ = ∂C/∂W + (λ/n)·W}.
     */
    public static OptimizerConfig momentum(double eta, double mu) {
        return new OptimizerConfig(OptimizerKind.MOMENTUM, eta, mu, 0, 0, 0, 0, 0, 0);
    }

    /** Nesterov momentum ({@code torch.optim.SGD(momentum=μ, nesterov=True)}): {@code B ← μ·B + ĝ}, {@code W ← W − η·(ĝ + μ·B)}. */
    public static OptimizerConfig nesterov(double eta, double mu) {
        return new OptimizerConfig(OptimizerKind.NESTEROV, eta, mu, 0, 0, 0, 0, 0, 0);
    }

    /**
     * RMSProp ({@code torch.optim.RMSprop}, not centred; α = 0.99, ε = 1e-8, no momentum):
     * {@code V ← α·V + (1 − α)·ĝ²}, {@code W ← W − η·ĝ/(√V + ε)}; with momentum μ,
     * {@code B ← μ·B + ĝ/(√V + ε)}, {@code W ← W − η·B}.
     */
    public static OptimizerConfig rmsprop(double eta) {
        return new OptimizerConfig(OptimizerKind.RMSPROP, eta, 0, 0.99, 0, 0, 1e-8, 0, 0);
    }

    /**
     * Adam ({@code torch.optim.Adam}; β₁ = 0.9, β₂ = 0.999, ε = 1e-8): at step t,
     * {@code M ← β₁·M + (1 − β₁)·ĝ}, {@code V ← β₂·V + (1 − β₂)·ĝ²},
     * {@code W ← W − (η/(1 − β₁ᵗ))·M / (√V/√(1 − β₂ᵗ) + ε)}, with L2 coupled into ĝ.
     */
    public static OptimizerConfig adam(double eta) {
        return new OptimizerConfig(OptimizerKind.ADAM, eta, 0, 0, 0.9, 0.999, 1e-8, 0, 0);
    }

    /**
     * AdamW ({@code torch.optim.AdamW}; β₁ = 0.9, β₂ = 0.999, ε = 1e-8, wd = 0.01): {@code W ← (1 − η·wd)·W},
     * then Adam's step on the plain gradient.
     */
    public static OptimizerConfig adamw(double eta) {
        return new OptimizerConfig(OptimizerKind.ADAMW, eta, 0, 0, 0.9, 0.999, 1e-8, 0, 0.01);
    }

    /** The factory of {@code kind} with PyTorch's defaults (μ = 0.9 for the momentum kinds, which PyTorch leaves to you). */
    public static OptimizerConfig defaults(OptimizerKind kind, double eta) {
        return switch (kind) {
            case SGD -> sgd(eta);
            case MOMENTUM -> momentum(eta, 0.9);
            case NESTEROV -> nesterov(eta, 0.9);
            case RMSPROP -> rmsprop(eta);
            case ADAM -> adam(eta);
            case ADAMW -> adamw(eta);
        };
    }

    /** PyTorch's default learning rate of {@code kind}, or NaN where it has none (the SGD family). */
    public static double defaultEta(OptimizerKind kind) {
        return switch (kind) {
            case SGD, MOMENTUM, NESTEROV -> Double.NaN;
            case RMSPROP -> RMSPROP_ETA;
            case ADAM, ADAMW -> ADAM_ETA;
        };
    }

    public OptimizerConfig withEta(double newEta) {
        return new OptimizerConfig(kind, newEta, momentum, alpha, beta1, beta2, epsilon, lambda, weightDecay);
    }

    public OptimizerConfig withMomentum(double mu) {
        return new OptimizerConfig(kind, eta, mu, alpha, beta1, beta2, epsilon, lambda, weightDecay);
    }

    public OptimizerConfig withAlpha(double newAlpha) {
        return new OptimizerConfig(kind, eta, momentum, newAlpha, beta1, beta2, epsilon, lambda, weightDecay);
    }

    public OptimizerConfig withBetas(double newBeta1, double newBeta2) {
        return new OptimizerConfig(kind, eta, momentum, alpha, newBeta1, newBeta2, epsilon, lambda, weightDecay);
    }

    public OptimizerConfig withEpsilon(double newEpsilon) {
        return new OptimizerConfig(kind, eta, momentum, alpha, beta1, beta2, newEpsilon, lambda, weightDecay);
    }

    /** Coupled L2 with network2's λ (the gradient gets {@code (λ/n)·W}; weights only). */
    public OptimizerConfig withL2(double newLambda) {
        return new OptimizerConfig(kind, eta, momentum, alpha, beta1, beta2, epsilon, newLambda, weightDecay);
    }

    /** AdamW's decoupled weight decay wd ({@code W ← (1 − η·wd)·W} each step). */
    public OptimizerConfig withWeightDecay(double wd) {
        return new OptimizerConfig(kind, eta, momentum, alpha, beta1, beta2, epsilon, lambda, wd);
    }

    /** The optimizer for a training set of {@code trainingSetSize} examples (the n of L2's λ/n). */
    public Optimizer create(int trainingSetSize) {
        return new Optimizer(this, trainingSetSize);
    }

    /** The lower-case name the command line uses, e.g. {@code adamw}. */
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** e.g. {@code adam, β₁ = 0.9, β₂ = 0.999, ε = 1e-08} (η and λ are reported with the schedule). */
    public String describe() {
        return switch (kind) {
            case SGD -> "sgd";
            case MOMENTUM, NESTEROV -> name() + ", μ = " + momentum;
            case RMSPROP -> "rmsprop, α = " + alpha + ", ε = " + epsilon + (momentum != 0 ? ", μ = " + momentum : "");
            case ADAM -> "adam, β₁ = " + beta1 + ", β₂ = " + beta2 + ", ε = " + epsilon;
            case ADAMW -> "adamw, β₁ = " + beta1 + ", β₂ = " + beta2 + ", ε = " + epsilon + ", weight decay " + weightDecay;
        };
    }
}
