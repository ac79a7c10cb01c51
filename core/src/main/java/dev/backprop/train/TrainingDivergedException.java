package dev.backprop.train;

/** Thrown when a mini-batch's cost is NaN or infinite: the run has diverged and further steps are noise. */
public class TrainingDivergedException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final int batch;

    public TrainingDivergedException(int epoch, int batch, double cost, double eta) {
        super("training diverged: the cost of epoch " + epoch + ", batch " + batch + " is " + cost
                + "; try a smaller learning rate than η = " + eta + " (or check the inputs for NaN)");
        this.epoch = epoch;
        this.batch = batch;
    }

    public int epoch() {
        return epoch;
    }

    public int batch() {
        return batch;
    }
}
