package rnnsuite.train;

import rnnsuite.data.DataSpec;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Variant;

/**
 * One run of a plan: an arm (a labelled variant with its settings), a sequence length when the plan
 * sweeps lengths, and a seed.
 *
 * @param arm   the label results are grouped by: the variant's name, or the plan's name for an extra arm
 * @param swept whether the plan sweeps lengths (then the length is part of the run id)
 */
public record Trial(String plan, String arm, Variant variant, long seed, DataSpec data, ModelSpec model, TrainSpec train,
                    boolean swept) {

    /** Unique within a plan, readable in CSVs and file names: arm[-T&lt;length&gt;]-s&lt;seed&gt;. */
    public String runId() {
        return arm + (swept ? "-T" + data.maxLen() : "") + "-s" + seed;
    }
}
