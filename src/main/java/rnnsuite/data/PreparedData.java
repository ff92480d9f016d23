package rnnsuite.data;

import java.util.List;

/**
 * A dataset ready for every variant: the same split, vocabulary and encoding, made once per plan.
 */
public record PreparedData(
        DataSpec spec,
        List<String> classes,
        Vocabulary vocabulary,
        EncodedSplit train,
        EncodedSplit validation,
        EncodedSplit test,
        DatasetSummary summary) {

    public int numClasses() {
        return classes.size();
    }
}
