package rnnsuite.train;

import java.util.List;

/**
 * Metrics of a trained model on a held-out split. Classification: for a binary task precision, recall
 * and F1 are those of the positive class (class index 1, the second label in sorted order); with more
 * classes they are macro-averaged over classes; AUC is the exact ROC AUC (binary) or its one-vs-all macro
 * average. Regression: {@code loss} is the mean squared error and the classification metrics are NaN.
 *
 * @param confusion counts, rows = actual class, columns = predicted class, in {@code classes} order (empty for regression)
 */
public record TestMetrics(
        double loss,
        double accuracy,
        double precision,
        double recall,
        double f1,
        double auc,
        List<String> classes,
        long[][] confusion) {
}
