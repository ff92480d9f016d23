package rnnsuite.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How long and in what batches to train, when to stop and which model to report; defaults are the classic model's
 * (10 epochs, batch 32, every epoch trained, the last model reported). The settings a plan leaves unset are not
 * written, so runs of plans without them keep their ids.
 *
 * @param keepCheckpoints per-epoch checkpoints kept per run (the best model by validation is always saved)
 * @param earlyStopping   stop when validation has not improved for {@code patience} epochs; null: train every epoch
 * @param lrSchedule      multiply the learning rate when validation stalls; null: a constant rate
 * @param select          which model's test metrics are the run's {@code test_*}: {@code last} (null, as Keras'
 *                        {@code fit} leaves it) or {@code best} (the epoch best on validation); runs.csv has both
 * @param tbptt           truncated back-propagation through time: named so that a plan asking for it is told why it
 *                        cannot have it; never set
 * @param batching        {@code shuffle} (null: any examples in a batch) or {@code length} (examples of similar length
 *                        together, as {@link rnnsuite.data.ShuffledBatches} describes: fewer padded steps)
 */
public record TrainSpec(Integer epochs, @JsonProperty("batch_size") Integer batchSize,
                        @JsonProperty("keep_checkpoints") Integer keepCheckpoints,
                        @JsonProperty("early_stopping") @JsonInclude(JsonInclude.Include.NON_NULL) EarlyStopping earlyStopping,
                        @JsonProperty("lr_schedule") @JsonInclude(JsonInclude.Include.NON_NULL) LrSchedule lrSchedule,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String select,
                        @JsonInclude(JsonInclude.Include.NON_NULL) Integer tbptt,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String batching) {

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
        if (select != null && !select.equals("best") && !select.equals("last")) {
            throw new IllegalArgumentException("train.select must be last (the model after the last epoch) or best (the "
                    + "epoch best on validation), got '" + select + "'");
        }
        select = "last".equals(select) ? null : select; // the default, left unwritten
        if (batching != null && !batching.equals("shuffle") && !batching.equals("length")) {
            throw new IllegalArgumentException("train.batching must be shuffle (any examples together) or length (examples "
                    + "of similar length together, for pieces of very unequal length), got '" + batching + "'");
        }
        batching = "shuffle".equals(batching) ? null : batching; // the default, left unwritten
    }

    public TrainSpec(Integer epochs, Integer batchSize, Integer keepCheckpoints, EarlyStopping earlyStopping,
                     LrSchedule lrSchedule, String select, Integer tbptt) {
        this(epochs, batchSize, keepCheckpoints, earlyStopping, lrSchedule, select, tbptt, null);
    }

    public TrainSpec(Integer epochs, Integer batchSize, Integer keepCheckpoints) {
        this(epochs, batchSize, keepCheckpoints, null, null, null, null, null);
    }

    public static TrainSpec defaults() {
        return new TrainSpec(null, null, null);
    }

    /** The same with another number of epochs (a search's rung). */
    public TrainSpec withEpochs(int value) {
        return new TrainSpec(value, batchSize, keepCheckpoints, earlyStopping, lrSchedule, select, tbptt, batching);
    }

    /** The same keeping another number of epoch checkpoints. */
    public TrainSpec withKeepCheckpoints(int value) {
        return new TrainSpec(epochs, batchSize, value, earlyStopping, lrSchedule, select, tbptt, batching);
    }

    /** Whether training batches group examples of similar length. */
    public boolean batchesByLength() {
        return "length".equals(batching);
    }

    /** Whether the run reports the epoch best on validation rather than the last. */
    public boolean selectsBest() {
        return "best".equals(select);
    }

    /**
     * Stop when the validation objective has not improved by more than {@code min_delta} for {@code patience} epochs.
     *
     * @param minDelta the least change that counts as an improvement (default 0)
     */
    public record EarlyStopping(Integer patience, @JsonProperty("min_delta") Double minDelta) {
        public EarlyStopping {
            if (patience == null || patience < 1) {
                throw new IllegalArgumentException("train.early_stopping.patience must be at least 1 (epochs without "
                        + "improvement before stopping), got " + patience);
            }
            minDelta = minDelta == null ? 0.0 : minDelta;
            if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
                throw new IllegalArgumentException("train.early_stopping.min_delta must be a finite number of at least 0, got "
                        + minDelta);
            }
        }
    }

    /**
     * Multiply the learning rate by {@code factor} when validation stalls: {@code plateau} (Keras' ReduceLROnPlateau)
     * when it has not improved for {@code patience} epochs (counted afresh after each cut), or {@code tcn}, the rule
     * of the TCN code's music trainer: from epoch 11, whenever validation is worse than the worst of the 3 epochs before.
     */
    public record LrSchedule(String rule, Double factor, Integer patience) {
        public LrSchedule {
            rule = rule == null ? "plateau" : rule;
            if (!rule.equals("plateau") && !rule.equals("tcn")) {
                throw new IllegalArgumentException("train.lr_schedule.rule must be plateau or tcn, got '" + rule + "'");
            }
            if (factor == null || !(factor > 0 && factor < 1)) {
                throw new IllegalArgumentException("train.lr_schedule.factor must lie strictly between 0 and 1 (0.1: the "
                        + "TCN's ÷ 10), got " + factor);
            }
            if (rule.equals("plateau") && (patience == null || patience < 1)) {
                throw new IllegalArgumentException("train.lr_schedule.patience must be at least 1 for the plateau rule, got "
                        + patience);
            }
            if (rule.equals("tcn") && patience != null) {
                throw new IllegalArgumentException("train.lr_schedule.patience does not apply to the tcn rule (it compares "
                        + "with the last 3 epochs from epoch 11): remove it");
            }
        }
    }
}
