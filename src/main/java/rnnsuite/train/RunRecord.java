package rnnsuite.train;

/**
 * A finished run: the trial, the recurrent implementation that ran, and its outcome.
 *
 * @param impl     which implementation of the recurrent layers trained (e.g. {@code stock} DL4J layers)
 * @param natives  the ND4J build and thread count, as {@link rnnsuite.runtime.Natives#describe()} gives them
 */
public record RunRecord(Trial trial, String impl, String natives, TrainingOutcome outcome) {

    public String runId() {
        return trial.runId();
    }

    /** Training wall time per epoch trained (validation and test excluded; an early-stopped run trained fewer). */
    public double secondsPerEpoch() {
        return outcome.trainSeconds() / (outcome.epochs().isEmpty() ? trial.train().epochs() : outcome.epochs().size());
    }
}
