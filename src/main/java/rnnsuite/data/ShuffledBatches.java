package rnnsuite.data;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.Function;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Mini-batches of a split for DL4J's fit and evaluation loops. Each {@link #reset()} (DL4J calls it
 * at the start of every epoch) draws a new order from the shared {@link Random}, so the sequence of
 * orders is fixed by the seed; with no Random the stored order is kept. How a batch is built from a
 * set of example indices is the split's business.
 *
 * <p>Given the examples' lengths, training batches hold examples of similar length (torchtext's BucketIterator): the
 * shuffled order is cut into pools of {@value #POOL} batches, each pool sorted by length (ties keep the shuffled
 * order) and cut into batches, and the full batches are shuffled (a short last batch stays last). A batch costs as
 * many steps as its longest example, so on pieces of very unequal length (MuseData: 35 to 3,457 frames) this trains
 * the same examples per epoch in a third of the steps; the batches are less random.
 */
public final class ShuffledBatches implements DataSetIterator {

    private final int size;
    private final int batchSize;
    private final int outcomes;
    private final Random random;
    private final Function<int[], DataSet> builder;
    private final int[] order;
    private final int[] lengths;
    private int cursor;
    private long lastUnits;
    private DataSetPreProcessor preProcessor;

    /** Batches in pools of this many sorted by length, when lengths are given. */
    static final int POOL = 100;

    ShuffledBatches(int size, int batchSize, int outcomes, Random random, Function<int[], DataSet> builder) {
        this(size, batchSize, outcomes, random, builder, null);
    }

    /** @param lengths per example its length, to batch examples of similar length; null: any examples together */
    ShuffledBatches(int size, int batchSize, int outcomes, Random random, Function<int[], DataSet> builder, int[] lengths) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.size = size;
        this.batchSize = batchSize;
        this.outcomes = outcomes;
        this.random = random;
        this.builder = builder;
        this.order = new int[size];
        this.lengths = lengths;
        reset();
    }

    @Override
    public void reset() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (random != null) {
            shuffle(order);
            if (lengths != null) {
                byLength();
            }
        }
        cursor = 0;
    }

    /** Fisher-Yates from the shared generator. */
    private void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }

    private void byLength() {
        Integer[] boxed = new Integer[order.length];
        for (int i = 0; i < order.length; i++) {
            boxed[i] = order[i];
        }
        int pool = POOL * batchSize;
        for (int from = 0; from < boxed.length; from += pool) {
            Arrays.sort(boxed, from, Math.min(boxed.length, from + pool),
                    Comparator.comparingInt(e -> lengths[e])); // a stable sort: ties keep the shuffle
        }
        int full = boxed.length / batchSize;
        int[] batches = new int[full];
        for (int b = 0; b < full; b++) {
            batches[b] = b;
        }
        shuffle(batches);
        int k = 0;
        for (int b : batches) {
            for (int i = 0; i < batchSize; i++) {
                order[k++] = boxed[b * batchSize + i];
            }
        }
        for (int i = full * batchSize; i < boxed.length; i++) {
            order[k++] = boxed[i];
        }
    }

    @Override
    public boolean hasNext() {
        return cursor < size;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int n = Math.min(num, size - cursor);
        int[] examples = new int[n];
        System.arraycopy(order, cursor, examples, 0, n);
        cursor += n;
        DataSet ds = builder.apply(examples);
        lastUnits = scoredUnits(ds);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    /**
     * What the loss of the last batch handed out is a sum over: its real steps when it answers at every step (a
     * label mask's ones, or batch × steps), else its examples. DL4J's score of a per-step batch is that sum divided
     * by the batch size.
     */
    public long lastUnits() {
        return lastUnits;
    }

    private static long scoredUnits(DataSet ds) {
        var labels = ds.getLabels();
        if (labels.rank() != 3) {
            return labels.size(0);
        }
        var mask = ds.getLabelsMaskArray();
        return mask == null ? labels.size(0) * labels.size(2) : Math.round(mask.sumNumber().doubleValue());
    }

    @Override
    public int inputColumns() {
        return 1;
    }

    @Override
    public int totalOutcomes() {
        return outcomes;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** Batches are cheap to build; a prefetch thread would only compete for the two cores. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
