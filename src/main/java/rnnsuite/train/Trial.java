package rnnsuite.train;

import rnnsuite.data.DataSpec;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Variant;

/** One run of a plan: a variant, a seed and the settings it trains under. */
public record Trial(String plan, Variant variant, long seed, DataSpec data, ModelSpec model, TrainSpec train) {

    /** Unique within a plan, readable in CSVs and file names. */
    public String runId() {
        return variant.id() + "-s" + seed;
    }
}
