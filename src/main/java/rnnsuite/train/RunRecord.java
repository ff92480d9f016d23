package rnnsuite.train;

/**
 * A finished run: the trial, the recurrent implementation that ran, and its outcome.
 *
 * @param impl     which implementation of the recurrent layers trained (e.g. {@code stock} DL4J layers)
 * @param natives  the ND4J build and thread count, as {@link rnnsuite.runtime.Natives#describe()} gives them
 * @param units    the units per layer, where a parameter budget ({@code model.params}) chose them; else null, and the
 *                 trial's model says
 */
public record RunRecord(Trial trial, String impl, String natives, TrainingOutcome outcome,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                        Integer units) {

    public RunRecord(Trial trial, String impl, String natives, TrainingOutcome outcome) {
        this(trial, impl, natives, outcome, null);
    }

    /** Epochs the run trained itself: a promoted candidate's earlier epochs were its shorter run's; an early stop trains fewer. */
    public int epochsTrained() {
        return outcome.epochs().size() - trial.epochsContinued();
    }

    /** The units per layer the run's network had; null for a baseline. */
    public Integer layerUnits() {
        return units != null ? units : trial.baseline() != null ? null : trial.model().units();
    }

    public String runId() {
        return trial.runId();
    }

    /** Training wall time per epoch trained (validation and test excluded; an early-stopped run trained fewer). */
    public double secondsPerEpoch() {
        return outcome.trainSeconds() / (outcome.epochs().isEmpty() ? trial.train().epochs() : outcome.epochs().size());
    }
}
