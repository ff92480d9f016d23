package rnnsuite.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What training and testing one network produced.
 *
 * @param params             number of trainable parameters
 * @param trainSeconds       wall time of all training steps (validation and test excluded)
 * @param samplesPerSecond   training examples processed per second of {@code trainSeconds}
 * @param gradientsUntrained the gradient probe (‖∂L/∂x_t‖ per step) before training, or null (token input)
 * @param gradientsTrained   the same after training, or null
 * @param sample             a character model's text, written after training from a fixed prime (else null)
 * @param test               the test metrics of the model the run reports ({@code train.select}: the last, or the best)
 * @param bestEpoch          the epoch best on validation (by the task's own validation metric); null in records
 *                           written before runs kept it
 * @param lastTest           the test metrics of the model after the last epoch trained; null in older records, where
 *                           {@code test} is that model's
 * @param bestTest           the test metrics of the model of {@code bestEpoch}; null in older records (not kept then)
 */
public record TrainingOutcome(long params, List<EpochResult> epochs, TestMetrics test, double trainSeconds,
                              double samplesPerSecond, double[] gradientsUntrained, double[] gradientsTrained,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Sample sample,
                              @JsonInclude(JsonInclude.Include.NON_NULL) Integer bestEpoch,
                              @JsonInclude(JsonInclude.Include.NON_NULL) TestMetrics lastTest,
                              @JsonInclude(JsonInclude.Include.NON_NULL) TestMetrics bestTest) {

    public TrainingOutcome(long params, List<EpochResult> epochs, TestMetrics test, double trainSeconds, double samplesPerSecond,
                           double[] gradientsUntrained, double[] gradientsTrained) {
        this(params, epochs, test, trainSeconds, samplesPerSecond, gradientsUntrained, gradientsTrained, null, null, null, null);
    }

    /** The same outcome with a sample of the trained model's text. */
    public TrainingOutcome withSample(Sample value) {
        return new TrainingOutcome(params, epochs, test, trainSeconds, samplesPerSecond, gradientsUntrained, gradientsTrained, value,
                bestEpoch, lastTest, bestTest);
    }

    /** The last epoch's model's test metrics (in an older record, the reported ones: runs then reported the last). */
    public TestMetrics last() {
        return lastTest != null ? lastTest : test;
    }

    /** Text a character model wrote: from {@code prime}, at {@code temperature}, drawn with {@code seed}. */
    public record Sample(String prime, double temperature, long seed, String text) {
    }
}
