package rnnsuite.experiments;

import rnnsuite.model.Variant;

/**
 * <b>minGRU on the default data.</b>
 *
 * <p>Question: Feng et al. (2024) drop the GRU's recurrent weights (gate and candidate from x_t alone, so
 * the recurrence is a linear scan with no matrix product per step). How much accuracy does that cost on
 * SpamAssassin mail, and how much time does it save per epoch on a CPU?
 *
 * <p>Procedure: as {@link SimpleRnnExperiment}, with minGRU as the cell (2·H·D weights per layer, no
 * H×H matrix); results in {@code results/min_gru/}.
 *
 * <p>Expected: several times faster per epoch than the LSTM; accuracy close to it on this short-context task.
 *
 * <p>Run: {@code mvn -q compile exec:java -Dexec.mainClass=rnnsuite.experiments.MinGruExperiment}, or this
 * class's main from an IDE with the project root as working directory.
 */
public final class MinGruExperiment {

    private MinGruExperiment() {
    }

    public static void main(String[] args) {
        ExperimentMain.run(Variant.MIN_GRU, args);
    }
}
