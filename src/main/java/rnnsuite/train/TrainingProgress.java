package rnnsuite.train;

/** Callbacks from {@link Trainer}, so the caller decides how progress is shown. */
public interface TrainingProgress {

    default void epochStarted(int epoch, int epochs, int batches) {
    }

    default void batchDone(int epoch, int batch, int batches, double loss) {
    }

    default void epochDone(EpochResult result, int epochs) {
    }

    /** A line on what validation decided: training stopped early, or the learning rate was cut. */
    default void note(String message) {
    }

    TrainingProgress SILENT = new TrainingProgress() {
    };
}
