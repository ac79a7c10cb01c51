package dev.backprop.cli;

import dev.backprop.backend.OptimizerKind;
import dev.backprop.train.OptimizerConfig;
import picocli.CommandLine.Option;

import java.util.Locale;

/**
 * {@code train}'s optimizer choice and the hyper-parameters only some optimizers have, with PyTorch's
 * {@code torch.optim} defaults; η, λ and μ stay {@code train}'s own options ({@code --eta}, {@code --lambda},
 * {@code --momentum}), which every optimizer reads.
 */
final class OptimizerOptions {

    /** η of the SGD family when {@code --eta} is not given (PyTorch has no default for SGD; this is the book's ch. 1). */
    static final double SGD_ETA = 3.0;

    @Option(names = "--optimizer", paramLabel = "NAME",
            description = "sgd (network2's), momentum, nesterov, rmsprop, adam or adamw (PyTorch's torch.optim "
                    + "rules and defaults). Default: sgd, or momentum when --momentum is given.")
    String optimizer;

    @Option(names = "--beta1", paramLabel = "β₁", defaultValue = "0.9",
            description = "Adam's and AdamW's first-moment decay (default: ${DEFAULT-VALUE}).")
    double beta1;

    @Option(names = "--beta2", paramLabel = "β₂", defaultValue = "0.999",
            description = "Adam's and AdamW's second-moment decay (default: ${DEFAULT-VALUE}).")
    double beta2;

    @Option(names = "--epsilon", paramLabel = "ε", defaultValue = "1e-8",
            description = "RMSProp's and Adam's denominator term (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--alpha", paramLabel = "α", defaultValue = "0.99",
            description = "RMSProp's square-average decay (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--weight-decay", paramLabel = "wd",
            description = "AdamW's decoupled weight decay, W ← (1 − η·wd)·W every step (default: 0.01). The other "
                    + "optimizers take network2's coupled L2 instead (--lambda).")
    Double weightDecay;

    /** The optimizer the options name: {@code --optimizer}, else momentum when μ &gt; 0, else SGD. */
    OptimizerKind kind(double momentum) {
        if (optimizer == null) {
            return momentum > 0 ? OptimizerKind.MOMENTUM : OptimizerKind.SGD;
        }
        String name = optimizer.trim().toLowerCase(Locale.ROOT);
        for (OptimizerKind k : OptimizerKind.values()) {
            if (k.name().toLowerCase(Locale.ROOT).equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + optimizer + "'; the optimizers are sgd, momentum, "
                + "nesterov, rmsprop, adam, adamw");
    }

    /** η when {@code --eta} is not given: PyTorch's default, or {@value #SGD_ETA} for the SGD family. */
    static double defaultEta(OptimizerKind kind) {
        double eta = OptimizerConfig.defaultEta(kind);
        return Double.isNaN(eta) ? SGD_ETA : eta;
    }

    /**
     * The optimizer's configuration.
     *
     * @param eta         {@code --eta}, or null for the optimizer's default
     * @param lambda      {@code --lambda}, network2's coupled L2
     * @param momentum    {@code --momentum} (0 when not given: momentum and Nesterov then take 0.9)
     */
    OptimizerConfig config(Double eta, double lambda, double momentum) {
        OptimizerKind kind = kind(momentum);
        if (kind == OptimizerKind.SGD && momentum > 0) {
            throw new IllegalArgumentException("--optimizer sgd is network2's plain SGD; for --momentum " + momentum
                    + " use --optimizer momentum (or nesterov)");
        }
        double mu = momentum == 0 && (kind == OptimizerKind.MOMENTUM || kind == OptimizerKind.NESTEROV) ? 0.9 : momentum;
        OptimizerConfig c = OptimizerConfig.defaults(kind, eta != null ? eta : defaultEta(kind));
        c = switch (kind) {
            case SGD -> c;
            case MOMENTUM, NESTEROV -> c.withMomentum(mu);
            case RMSPROP -> c.withAlpha(alpha).withEpsilon(epsilon).withMomentum(mu);
            case ADAM, ADAMW -> c.withBetas(beta1, beta2).withEpsilon(epsilon);
        };
        if (kind == OptimizerKind.ADAMW) {
            if (lambda != 0) {
                throw new IllegalArgumentException("--lambda " + lambda + " is coupled L2, which AdamW replaces with its "
                        + "decoupled --weight-decay; drop --lambda (or use --optimizer adam for Adam with L2)");
            }
            return weightDecay != null ? c.withWeightDecay(weightDecay) : c;
        }
        if (weightDecay != null) {
            throw new IllegalArgumentException("--weight-decay is AdamW's decoupled decay; " + c.name()
                    + " takes network2's coupled L2 (--lambda λ, divided by the training-set size)");
        }
        return c.withL2(lambda);
    }
}
