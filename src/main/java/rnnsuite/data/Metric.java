package rnnsuite.data;

import java.util.function.DoubleUnaryOperator;

/**
 * One metric a run is scored by: its name in the run records and CSV columns ({@code test_<name>} in runs.csv,
 * {@code val_<name>} in epochs.csv and as a search objective), what reports call it, its unit, which way is better, and
 * where a run's record holds it. A dataset lists the metrics it has ({@link Dataset#metrics()}); everything that shows,
 * ranks or reads a metric asks this entry, and a name no entry has is an error ({@link Dataset#metric(String)}).
 *
 * @param unit     what the number counts ("nats", "bits", ...), empty where it is a plain ratio or the task's own scale
 * @param fromLoss for a {@link Reading#FROM_LOSS} metric, how it follows from the loss per step in nats; else null
 */
public record Metric(String name, String label, String unit, boolean higherIsBetter, Reading reading, DoubleUnaryOperator fromLoss) {

    /** Where a run's record keeps a metric's value. */
    public enum Reading {
        /** The loss: the test loss, and each epoch's validation loss. */
        LOSS,
        /** The share of picks that were right: on test, and after each epoch on validation. */
        ACCURACY,
        /** A classifier's test precision, recall, F1 and ROC AUC (positive class, or macro-averaged): test only. */
        PRECISION, RECALL, F1, AUC,
        /** The dataset's own, computed from the loss per step (bits per character, ...): on test and after each epoch. */
        FROM_LOSS;

        /** Whether every epoch's validation records it, so that a search may rank by it. */
        public boolean perEpoch() {
            return this == LOSS || this == ACCURACY || this == FROM_LOSS;
        }
    }

    /** The loss of any task, where the task's own name for it does not matter (ranking by it). */
    public static final Metric LOSS = loss("loss", "");
    public static final Metric ACCURACY = new Metric("accuracy", "accuracy", "", true, Reading.ACCURACY, null);
    public static final Metric PRECISION = new Metric("precision", "precision", "", true, Reading.PRECISION, null);
    public static final Metric RECALL = new Metric("recall", "recall", "", true, Reading.RECALL, null);
    public static final Metric F1 = new Metric("f1", "F1", "", true, Reading.F1, null);
    public static final Metric AUC = new Metric("auc", "AUC", "", true, Reading.AUC, null);

    /** The metrics every run's record has, in runs.csv's and summary.csv's order (NaN where a task lacks one). */
    public static final java.util.List<Metric> CLASSIC = java.util.List.of(LOSS, ACCURACY, PRECISION, RECALL, F1, AUC);

    public Metric {
        if ((reading == Reading.FROM_LOSS) != (fromLoss != null)) {
            throw new IllegalArgumentException("metric " + name + ": a conversion from the loss goes with FROM_LOSS and only with it");
        }
    }

    /** A task's loss, lower better, as the task calls it. */
    static Metric loss(String label, String unit) {
        return new Metric("loss", label, unit, false, Reading.LOSS, null);
    }

    /** A dataset's own metric, lower better, computed from the loss per step in nats. */
    static Metric fromLoss(String name, String label, String unit, DoubleUnaryOperator fromLoss) {
        return new Metric(name, label, unit, false, Reading.FROM_LOSS, fromLoss);
    }

    /** The largest value it can take: 1 for a share (accuracy, precision, recall, F1, AUC), else none (losses, bits, perplexity). */
    public double ceiling() {
        return switch (reading) {
            case ACCURACY, PRECISION, RECALL, F1, AUC -> 1;
            case LOSS, FROM_LOSS -> Double.POSITIVE_INFINITY;
        };
    }

    /** Its column in runs.csv and summary.csv (before the statistic's suffix): {@code test_<name>}. */
    public String testColumn() {
        return "test_" + name;
    }

    /** Its column in epochs.csv, and its name as a search objective: {@code val_<name>}. */
    public String validationColumn() {
        return "val_" + name;
    }
}
