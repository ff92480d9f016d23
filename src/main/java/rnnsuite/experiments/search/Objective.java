package rnnsuite.experiments.search;

import java.util.List;
import rnnsuite.data.Dataset;
import rnnsuite.data.Metric;
import rnnsuite.train.EpochResult;
import rnnsuite.train.RunRecord;
import rnnsuite.train.Trainer;

/**
 * What a search maximises or minimises: a validation metric after a candidate's last epoch, {@code val_loss},
 * {@code val_accuracy} or a dataset's own ({@code val_bpc}, {@code val_nll_per_frame}, ...); its direction is the
 * metric's.
 */
public record Objective(Metric metric) {

    public static final Objective VAL_LOSS = new Objective(Metric.LOSS);
    public static final Objective VAL_ACCURACY = new Objective(Metric.ACCURACY);

    public Objective {
        if (!metric.reading().perEpoch()) {
            throw new IllegalArgumentException("a search ranks by a metric measured after every epoch, not " + metric.name());
        }
    }

    /** The name plans and trials.csv use: {@code val_} and the metric. */
    public String id() {
        return metric.validationColumn();
    }

    /** Whether a higher value is better. */
    public boolean maximise() {
        return metric.higherIsBetter();
    }

    /** A candidate's value: its last epoch's metric (NaN when it has none, e.g. accuracy of a regression). */
    public double of(RunRecord candidate) {
        List<EpochResult> epochs = candidate.outcome().epochs();
        return epochs.get(epochs.size() - 1).validation(metric);
    }

    /** A candidate's best value over its epochs so far, in the metric's direction (NaN when no epoch has one). */
    public double best(RunRecord candidate) {
        return Trainer.bestScore(candidate.outcome().epochs(), metric);
    }

    /** An objective a plan names on a dataset; one the dataset lacks fails with those it has. */
    public static Objective parse(String name, Dataset dataset) {
        if (!dataset.objectives().contains(name)) {
            throw new IllegalArgumentException("objective '" + name + "' does not exist for dataset " + dataset.id() + ": use "
                    + String.join(" or ", dataset.objectives()) + " (measured on the validation split)");
        }
        return new Objective(dataset.metric(name.substring("val_".length())));
    }
}
