package rnnsuite.experiments;

import rnnsuite.model.Variant;

/**
 * <b>minLSTM on the default data.</b>
 *
 * <p>Question: Feng et al.'s (2024) minLSTM keeps a forget and an input gate, normalised to sum to one,
 * computed from x_t alone. Does it keep the LSTM's accuracy on SpamAssassin mail at a fraction of its cost?
 *
 * <p>Procedure: as {@link SimpleRnnExperiment}, with minLSTM as the cell (3·H·D weights per layer, no
 * H×H matrix, forget-gate bias 1 as the suite's LSTMs); results in {@code results/min_lstm/}.
 *
 * <p>Expected: several times faster per epoch than the LSTM; accuracy close to it on this short-context task.
 *
 * <p>Run: {@code mvn -q compile exec:java -Dexec.mainClass=rnnsuite.experiments.MinLstmExperiment}, or this
 * class's main from an IDE with the project root as working directory.
 */
public final class MinLstmExperiment {

    private MinLstmExperiment() {
    }

    public static void main(String[] args) {
        ExperimentMain.run(Variant.MIN_LSTM, args);
    }
}
