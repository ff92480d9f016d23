package rnnsuite.data;

import java.util.List;
import java.util.Random;

/**
 * One split as token ids, unpadded: padding and masks are made per batch, so a batch is only as
 * long as its longest sequence.
 *
 * @param name       train, validation or test
 * @param ids        the examples' corpus ids, for tracing
 * @param tokens     token ids per example, already truncated to the maximum length (never empty)
 * @param labels     class id per example
 * @param numClasses number of classes of the task
 */
public record EncodedSplit(String name, List<String> ids, int[][] tokens, int[] labels, int numClasses) {

    public int size() {
        return labels.length;
    }

    /** Batches in a fresh random order drawn from {@code random}, or in stored order when it is null. */
    public SequenceBatchIterator batches(int batchSize, Random random) {
        return new SequenceBatchIterator(this, batchSize, random);
    }

    public int numBatches(int batchSize) {
        return (size() + batchSize - 1) / batchSize;
    }
}
