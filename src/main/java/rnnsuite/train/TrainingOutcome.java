package rnnsuite.train;

import java.util.List;

/**
 * What training and testing one network produced.
 *
 * @param params             number of trainable parameters
 * @param trainSeconds       wall time of all training steps (validation and test excluded)
 * @param samplesPerSecond   training examples processed per second of {@code trainSeconds}
 * @param gradientsUntrained the gradient probe (‖∂L/∂x_t‖ per step) before training, or null (token input)
 * @param gradientsTrained   the same after training, or null
 */
public record TrainingOutcome(long params, List<EpochResult> epochs, TestMetrics test, double trainSeconds,
                              double samplesPerSecond, double[] gradientsUntrained, double[] gradientsTrained) {
}
