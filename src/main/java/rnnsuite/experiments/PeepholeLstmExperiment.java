package rnnsuite.experiments;

import rnnsuite.model.Variant;

/**
 * <b>Peephole LSTM on the default data.</b>
 *
 * <p>Question: do peephole connections (the gates also read the cell state, the W_ci·c_{t-1} terms)
 * change accuracy or cost compared with the plain LSTM?
 *
 * <p>Procedure: as {@link SimpleRnnExperiment}, with DL4J's {@code GravesLSTM} as the cell (3·H
 * more parameters per layer than {@code LSTM}); results in {@code results/peephole_lstm/}.
 *
 * <p>Expected: accuracy within seed noise of the LSTM; slightly slower per epoch.
 *
 * <p>Run: {@code mvn -q exec:java -Dexec.mainClass=rnnsuite.experiments.PeepholeLstmExperiment}, or
 * this class's main from an IDE with the project root as working directory.
 */
public final class PeepholeLstmExperiment {

    private PeepholeLstmExperiment() {
    }

    public static void main(String[] args) {
        ExperimentMain.run(Variant.PEEPHOLE_LSTM, args);
    }
}
