package dev.backprop.data;

/**
 * A training set and a test set drawn from the same examples ({@link Dataset#split(double, long)}) or read
 * from separate files.
 *
 * @param train the examples to train on (and to fit any normalisation on)
 * @param test  the held-out examples
 */
public record TrainTestSplit(Dataset train, Dataset test) {
}
