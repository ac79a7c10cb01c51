package dev.backprop.train;

import dev.backprop.random.Rng;

import java.util.Objects;

/**
 * Everything besides the network's parameters that a run needs to continue bit for bit after an epoch: the
 * epochs done, the shuffling generator's state, the optimizer's state (step count and moments), and what the
 * run's control has seen (the best epoch and its parameters, the recent costs the divergence check weighs).
 * Dropout needs nothing: its masks are a function of the seed and the step.
 *
 * @param epochsDone epochs completed, zero or more
 * @param shuffle    the state of the generator that shuffles each epoch
 * @param optimizer  the optimizer's kind, step count and state tensors
 * @param best       the best epoch so far and its parameters ({@link KeepBest})
 * @param divergence the recent costs and best accuracy ({@link DivergenceGuard})
 */
public record TrainingState(int epochsDone, Rng.State shuffle, OptimizerState optimizer, KeepBest.Snapshot best,
                            DivergenceGuard.Snapshot divergence) {

    public TrainingState {
        if (epochsDone < 0) {
            throw new IllegalArgumentException("epochs done must be zero or more, got " + epochsDone);
        }
        Objects.requireNonNull(shuffle, "shuffle");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(best, "best");
        Objects.requireNonNull(divergence, "divergence");
        if (best.bestEpoch() > epochsDone) {
            throw new IllegalArgumentException("the best epoch " + best.bestEpoch() + " is after the " + epochsDone
                    + " epochs done");
        }
    }
}
