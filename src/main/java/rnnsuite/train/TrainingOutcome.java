package rnnsuite.train;

import java.util.List;

/**
 * What training and testing one network produced.
 *
 * @param params           number of trainable parameters
 * @param trainSeconds     wall time of all training steps (validation and test excluded)
 * @param samplesPerSecond training examples processed per second of {@code trainSeconds}
 */
public record TrainingOutcome(long params, List<EpochResult> epochs, TestMetrics test, double trainSeconds,
                              double samplesPerSecond) {
}
