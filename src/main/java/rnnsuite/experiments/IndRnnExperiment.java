package rnnsuite.experiments;

import rnnsuite.model.Variant;

/**
 * <b>IndRNN on the default data.</b>
 *
 * <p>Question: Li et al. (2018) give each unit one recurrent weight (h_t = relu(W x_t + u ⊙ h_{t-1} + b)), bounded
 * so that no gradient grows more than twofold over the sequence, and stack such layers deep. On SpamAssassin mail,
 * how close does that come to the gated cells, and at what cost per epoch?
 *
 * <p>Procedure: as {@link SimpleRnnExperiment}, with IndRNN as the cell (H·D weights, H recurrent weights per layer,
 * |u| ≤ 2^(1/T) for sequences of T = max_len steps); results in {@code results/ind_rnn/}.
 *
 * <p>Expected: about a SimpleRnn's speed (no matrix product per step); accuracy between the SimpleRnn's and the
 * gated cells' on this short-context task.
 *
 * <p>Run: {@code mvn -q compile exec:java -Dexec.mainClass=rnnsuite.experiments.IndRnnExperiment}, or this
 * class's main from an IDE with the project root as working directory.
 */
public final class IndRnnExperiment {

    private IndRnnExperiment() {
    }

    public static void main(String[] args) {
        ExperimentMain.run(Variant.IND_RNN, args);
    }
}
