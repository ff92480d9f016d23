package rnnsuite.data;

import java.util.List;

/**
 * A dataset ready for every variant: the same split, encoding (and vocabulary) made once per plan.
 *
 * @param classes    class labels in class-id order; empty for a regression task
 * @param vocabulary the token vocabulary when the sequences are token ids, else null
 * @param features   numbers per step when the sequences are vectors, else 0
 * @param trainingTokens the training split's documents as tokens (whole, untruncated) for text data,
 *                   else empty: what word vectors are trained on, so they never see validation or test text
 */
public record PreparedData(
        DataSpec spec,
        List<String> classes,
        Vocabulary vocabulary,
        int features,
        SequenceSplit train,
        SequenceSplit validation,
        SequenceSplit test,
        DatasetSummary summary,
        List<List<String>> trainingTokens) {

    public int numClasses() {
        return classes.size();
    }

    /** A regression task (one target value per sequence) rather than classification. */
    public boolean regression() {
        return classes.isEmpty();
    }

    /** Sequences of token ids (through an embedding) rather than of feature vectors. */
    public boolean tokens() {
        return vocabulary != null;
    }

    /** Target values per example: the number of classes, or 1 for regression. */
    public int outputs() {
        return regression() ? 1 : classes.size();
    }
}
