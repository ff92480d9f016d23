package rnnsuite.train;

/** Callbacks from {@link Trainer}, so the caller decides how progress is shown. */
public interface TrainingProgress {

    default void epochStarted(int epoch, int epochs, int batches) {
    }

    default void batchDone(int epoch, int batch, int batches, double loss) {
    }

    default void epochDone(EpochResult result, int epochs) {
    }

    TrainingProgress SILENT = new TrainingProgress() {
    };
}
