package rnnsuite.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import rnnsuite.data.Metric;

/**
 * Metrics of a trained model on a held-out split. Classification: for a binary task precision, recall
 * and F1 are those of the positive class (class index 1, the second label in sorted order); with more
 * classes they are macro-averaged over classes; AUC is the exact ROC AUC (binary) or its one-vs-all macro
 * average. Regression: {@code loss} is the mean squared error and the classification metrics are NaN.
 *
 * Per-step tasks: {@code loss} is the cross-entropy per real step (nats), or JSB's negative log-likelihood per
 * frame; accuracy is per step where a class is picked; the dataset's own metrics (bits per character, ...) are in
 * {@code extra}, by name.
 *
 * @param confusion counts, rows = actual class, columns = predicted class, in {@code classes} order (empty for regression)
 * @param extra     the dataset's metrics beyond loss and accuracy ({@code rnnsuite.data.Dataset#metrics}), by name
 */
public record TestMetrics(
        double loss,
        double accuracy,
        double precision,
        double recall,
        double f1,
        double auc,
        List<String> classes,
        long[][] confusion,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> extra) {

    public TestMetrics {
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extra));
    }

    /** A metric's value here (NaN where the task does not define it, as accuracy for a regression). */
    public double value(Metric metric) {
        return switch (metric.reading()) {
            case LOSS -> loss;
            case ACCURACY -> accuracy;
            case PRECISION -> precision;
            case RECALL -> recall;
            case F1 -> f1;
            case AUC -> auc;
            case FROM_LOSS -> extra.getOrDefault(metric.name(), Double.NaN);
        };
    }

    /** Metrics without any beyond the classic ones. */
    public TestMetrics(double loss, double accuracy, double precision, double recall, double f1, double auc, List<String> classes,
                       long[][] confusion) {
        this(loss, accuracy, precision, recall, f1, auc, classes, confusion, Map.of());
    }
}
