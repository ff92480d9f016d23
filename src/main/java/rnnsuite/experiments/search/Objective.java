package rnnsuite.experiments.search;

import java.util.List;
import rnnsuite.data.Dataset;
import rnnsuite.train.EpochResult;
import rnnsuite.train.RunRecord;

/**
 * What a search maximises or minimises: a validation metric after a candidate's last epoch, {@code val_loss},
 * {@code val_accuracy} or a dataset's own ({@code val_bpc}, {@code val_nll_per_frame}, ...).
 *
 * @param metric   the metric's name in the run records: {@code loss}, {@code accuracy} or a dataset metric
 * @param maximise whether a higher value is better (accuracy)
 */
public record Objective(String metric, boolean maximise) {

    public static final Objective VAL_LOSS = new Objective("loss", false);
    public static final Objective VAL_ACCURACY = new Objective("accuracy", true);

    /** The name plans and trials.csv use: {@code val_} and the metric. */
    public String id() {
        return "val_" + metric;
    }

    /** A candidate's value: its last epoch's metric (NaN when it has none, e.g. accuracy of a regression). */
    public double of(RunRecord candidate) {
        List<EpochResult> epochs = candidate.outcome().epochs();
        return epochs.get(epochs.size() - 1).validation(metric);
    }

    /** An objective a plan names on a dataset; one the dataset lacks fails with those it has. */
    public static Objective parse(String name, Dataset dataset) {
        if (!dataset.objectives().contains(name)) {
            throw new IllegalArgumentException("objective '" + name + "' does not exist for dataset " + dataset.id() + ": use "
                    + String.join(" or ", dataset.objectives()) + " (measured on the validation split)");
        }
        String metric = name.substring("val_".length());
        return new Objective(metric, dataset.higherIsBetter(metric));
    }
}
