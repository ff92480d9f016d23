package rnnsuite.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import rnnsuite.data.Metric;

/**
 * One epoch of training.
 *
 * @param trainLoss    mean mini-batch loss over the epoch, as the optimiser saw it (dropout and any weight noise on)
 * @param valLoss      mean loss on the validation split after the epoch (dropout off)
 * @param valAccuracy  accuracy on the validation split after the epoch (NaN for regression)
 * @param seconds      wall time of the epoch's training steps, validation excluded
 * @param gradNormMean mean over the epoch's steps of the L2 norm of the whole parameter gradient, before any clipping
 * @param gradNormMax  the largest of those norms in the epoch
 * @param metrics      the dataset's own validation metrics (bits per character, ...), by name; empty for most tasks
 */
public record EpochResult(int epoch, double trainLoss, double valLoss, double valAccuracy, double seconds,
                          double gradNormMean, double gradNormMax, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> metrics) {

    public EpochResult {
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }

    /**
     * A metric on the validation split after this epoch: the loss, accuracy (NaN where none is defined) or a dataset's
     * own (NaN in a record made before the dataset had it). Only those are measured every epoch: asking for another
     * (a classifier's F1, say) is an error.
     */
    public double validation(Metric metric) {
        return switch (metric.reading()) {
            case LOSS -> valLoss;
            case ACCURACY -> valAccuracy;
            case FROM_LOSS -> metrics.getOrDefault(metric.name(), Double.NaN);
            case PRECISION, RECALL, F1, AUC -> throw new IllegalArgumentException("validation after each epoch measures loss, "
                    + "accuracy and the dataset's own metrics, not " + metric.name());
        };
    }

    public EpochResult(int epoch, double trainLoss, double valLoss, double valAccuracy, double seconds, double gradNormMean,
                       double gradNormMax) {
        this(epoch, trainLoss, valLoss, valAccuracy, seconds, gradNormMean, gradNormMax, Map.of());
    }
}
