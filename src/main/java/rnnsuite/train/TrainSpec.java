package rnnsuite.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How long and in what batches to train; defaults are the classic model's (10 epochs, batch 32).
 *
 * @param keepCheckpoints per-epoch checkpoints kept per run (the best model by validation loss is always saved)
 * @param tbptt   truncated back-propagation through time: named so that a plan asking for it is told why it cannot
 *                have it; never set (and so never written: runs keep their ids)
 */
public record TrainSpec(Integer epochs, @JsonProperty("batch_size") Integer batchSize,
                        @JsonProperty("keep_checkpoints") Integer keepCheckpoints,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer tbptt) {

    public TrainSpec {
        if (tbptt != null) {
            // DL4J's tBPTTLength carries each layer's state from window to window; the fast layers keep none
            throw new IllegalArgumentException("train.tbptt: truncated back-propagation through time is not offered: the "
                    + "fast layers start every call from a zero state (minGRU, minLSTM and IndRNN have no other), so each "
                    + "window would silently train another model; remove train.tbptt (whole pieces are back-propagated)");
        }
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

    public TrainSpec(Integer epochs, Integer batchSize, Integer keepCheckpoints) {
        this(epochs, batchSize, keepCheckpoints, null);
    }

    public static TrainSpec defaults() {
        return new TrainSpec(null, null, null);
    }
}
