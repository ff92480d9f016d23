package rnnsuite.experiments;

import rnnsuite.model.Variant;

/**
 * <b>SimpleRnn on the default data.</b>
 *
 * <p>Question: how well does the plain Elman cell (h_t = tanh(W x_t + R h_{t-1} + b)) classify
 * SpamAssassin mail when it reads the first {@code max_len} tokens of each message?
 *
 * <p>Procedure: (1) the shared loader tokenises the corpus, splits it 70/15/15 stratified with the
 * plan's split seed and builds the vocabulary on the training split; (2) the shared factory builds
 * embedding → 3 × SimpleRnn(128) with dropout 0.5 after each → softmax; (3) Adam trains it for the
 * plan's epochs with validation after each; (4) the test split gives accuracy, precision/recall/F1 of
 * spam, AUC and the confusion matrix; results land in {@code results/simple_rnn/}.
 *
 * <p>Expected: high accuracy (spam is lexically distinct early in a message) at the lowest cost per
 * epoch of the classic cells; compare with {@link LstmExperiment}.
 *
 * <p>Run: {@code mvn -q exec:java -Dexec.mainClass=rnnsuite.experiments.SimpleRnnExperiment}
 * (optionally {@code -Dexec.args=experiments/<plan>.yaml}), or this class's main from an IDE with the
 * project root as working directory.
 */
public final class SimpleRnnExperiment {

    private SimpleRnnExperiment() {
    }

    public static void main(String[] args) {
        ExperimentMain.run(Variant.SIMPLE_RNN, args);
    }
}
