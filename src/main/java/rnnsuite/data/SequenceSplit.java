package rnnsuite.data;

import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;

/** One split of a prepared dataset, served as shuffled mini-batches of sequences for DL4J. */
public interface SequenceSplit {

    /** train, validation or test. */
    String name();

    int size();

    /** Mini-batches in a fresh random order drawn from {@code random} each epoch, or in stored order when it is null. */
    ShuffledBatches batches(int batchSize, Random random);

    /**
     * Training batches of examples of similar length when {@code byLength} (see {@link ShuffledBatches}); a split
     * whose examples share one length, or are cut to one, batches as {@link #batches(int, Random)} does.
     */
    default ShuffledBatches batches(int batchSize, Random random, boolean byLength) {
        return batches(batchSize, random);
    }

    default int numBatches(int batchSize) {
        return (int) ((size() + (long) batchSize - 1) / batchSize); // in long: a batch_size near 2^31 would wrap
    }

    /** A split of labelled examples: its size and shuffled batches follow from the labels and one batch builder. */
    interface Labelled extends SequenceSplit {

        /** Class id per example. */
        int[] labels();

        int numClasses();

        /** The mini-batch of the given examples, in that order. */
        DataSet batch(int[] examples);

        @Override
        default int size() {
            return labels().length;
        }

        @Override
        default ShuffledBatches batches(int batchSize, Random random) {
            return new ShuffledBatches(size(), batchSize, numClasses(), random, this::batch);
        }
    }
}
