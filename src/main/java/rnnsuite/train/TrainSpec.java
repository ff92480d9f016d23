package rnnsuite.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How long and in what batches to train; defaults are the classic model's (10 epochs, batch 32).
 *
 * @param keepCheckpoints per-epoch checkpoints kept per run (the best model by validation loss is always saved)
 */
public record TrainSpec(Integer epochs, @JsonProperty("batch_size") Integer batchSize,
                        @JsonProperty("keep_checkpoints") Integer keepCheckpoints) {

    public TrainSpec {
        epochs = epochs == null ? 10 : epochs;
        batchSize = batchSize == null ? 32 : batchSize;
        keepCheckpoints = keepCheckpoints == null ? 2 : keepCheckpoints;
        if (keepCheckpoints < 0) {
            throw new IllegalArgumentException("train.keep_checkpoints must be 0 or more, got " + keepCheckpoints);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("train.epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("train.batch_size must be at least 1, got " + batchSize);
        }
    }

    public static TrainSpec defaults() {
        return new TrainSpec(null, null, null);
    }
}
