package rnnsuite.data;

import java.util.Random;

/** One split of a prepared dataset, served as shuffled mini-batches of sequences for DL4J. */
public interface SequenceSplit {

    /** train, validation or test. */
    String name();

    int size();

    /** Mini-batches in a fresh random order drawn from {@code random} each epoch, or in stored order when it is null. */
    ShuffledBatches batches(int batchSize, Random random);

    default int numBatches(int batchSize) {
        return (size() + batchSize - 1) / batchSize;
    }
}
