package rnnsuite.experiments.search;

import java.util.Arrays;
import java.util.List;
import rnnsuite.train.EpochResult;
import rnnsuite.train.RunRecord;

/** What a search maximises or minimises: a validation metric after a candidate's last epoch. */
public enum Objective {
    VAL_ACCURACY("val_accuracy", true),
    VAL_LOSS("val_loss", false);

    private final String id;
    private final boolean maximise;

    Objective(String id, boolean maximise) {
        this.id = id;
        this.maximise = maximise;
    }

    /** The name plans and trials.csv use. */
    public String id() {
        return id;
    }

    /** Whether a higher value is better. */
    public boolean maximise() {
        return maximise;
    }

    /** A candidate's value: its last epoch's metric (NaN when it has none, e.g. accuracy of a regression). */
    public double of(RunRecord candidate) {
        List<EpochResult> epochs = candidate.outcome().epochs();
        EpochResult last = epochs.get(epochs.size() - 1);
        return switch (this) {
            case VAL_ACCURACY -> last.valAccuracy();
            case VAL_LOSS -> last.valLoss();
        };
    }

    public static Objective parse(String name) {
        return Arrays.stream(values()).filter(o -> o.id.equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown objective '" + name + "': use " + String.join(" or ",
                        Arrays.stream(values()).map(Objective::id).toList()) + " (measured on the validation split)"));
    }
}
