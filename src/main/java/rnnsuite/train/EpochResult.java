package rnnsuite.train;

/**
 * One epoch of training.
 *
 * @param trainLoss     mean mini-batch loss over the epoch, as the optimiser saw it (dropout on)
 * @param valLoss       mean cross-entropy on the validation split after the epoch (dropout off)
 * @param valAccuracy   accuracy on the validation split after the epoch
 * @param seconds       wall time of the epoch's training steps, validation excluded
 */
public record EpochResult(int epoch, double trainLoss, double valLoss, double valAccuracy, double seconds) {
}
