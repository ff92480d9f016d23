package rnnsuite.experiments;

import rnnsuite.model.Variant;

/**
 * <b>LSTM on the default data.</b>
 *
 * <p>Question: does the gated cell (input, forget and output gates around a memory cell, no peepholes)
 * classify SpamAssassin mail better than the SimpleRnn, and at what cost per epoch?
 *
 * <p>Procedure: as {@link SimpleRnnExperiment}, with DL4J's {@code LSTM} as the cell (forget-gate bias
 * 1, sigmoid gates, tanh activation), the same split, vocabulary, seeds and hyper-parameters; results in
 * {@code results/lstm/}.
 *
 * <p>Expected: accuracy at least that of the SimpleRnn, steadier training; about 4× the parameters and
 * several times the time per epoch.
 *
 * <p>Run: {@code mvn -q exec:java -Dexec.mainClass=rnnsuite.experiments.LstmExperiment}, or this
 * class's main from an IDE with the project root as working directory.
 */
public final class LstmExperiment {

    private LstmExperiment() {
    }

    public static void main(String[] args) {
        ExperimentMain.run(Variant.LSTM, args);
    }
}
