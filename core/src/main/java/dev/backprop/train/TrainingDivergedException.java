package dev.backprop.train;

/**
 * Thrown when a run has diverged: a mini-batch's cost is NaN or infinite (and the config halts on that), or an
 * epoch's figures show divergence ({@link DivergenceGuard}). Further steps would be noise; the message names the
 * epoch and what to try.
 */
public class TrainingDivergedException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    /** A batch's non-finite cost. */
    public TrainingDivergedException(int epoch, int batch, double cost, double eta) {
        super("training diverged: the cost of epoch " + epoch + ", batch " + batch + " is " + cost
                + "; try a smaller learning rate than η = " + eta + " (or check the inputs for NaN)");
        this.epoch = epoch;
        this.batch = batch;
    }

    /** An epoch's divergence, with {@link DivergenceGuard#check}'s sentence. */
    public TrainingDivergedException(int epoch, String message) {
        super(message);
        this.epoch = epoch;
        this.batch = 0;
    }

    public int epoch() {
        return epoch;
    }

    /** The batch whose cost was not finite, or 0 when the epoch as a whole diverged. */
    public int batch() {
        return batch;
    }
}
