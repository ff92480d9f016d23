package rnnsuite.experiments;

import rnnsuite.model.Variant;

/**
 * <b>GRU on the default data.</b>
 *
 * <p>Question: does the GRU, the gated cell DL4J lacks, match the LSTM's accuracy on SpamAssassin mail
 * with three quarters of its weights, and at what cost per epoch?
 *
 * <p>Procedure: as {@link SimpleRnnExperiment}, with the suite's GRU ({@code RecurrentCell}, PyTorch's
 * {@code nn.GRU} convention: reset gate after the recurrent product) as the cell; results in
 * {@code results/gru/}.
 *
 * <p>Expected: accuracy within seed noise of the LSTM; about 3/4 of its time per epoch.
 *
 * <p>Run: {@code mvn -q compile exec:java -Dexec.mainClass=rnnsuite.experiments.GruExperiment}, or this
 * class's main from an IDE with the project root as working directory.
 */
public final class GruExperiment {

    private GruExperiment() {
    }

    public static void main(String[] args) {
        ExperimentMain.run(Variant.GRU, args);
    }
}
