package rnnsuite.data;

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
 */
public final class ShuffledBatches implements DataSetIterator {

    private final int size;
    private final int batchSize;
    private final int outcomes;
    private final Random random;
    private final Function<int[], DataSet> builder;
    private final int[] order;
    private int cursor;
    private long lastUnits;
    private DataSetPreProcessor preProcessor;

    ShuffledBatches(int size, int batchSize, int outcomes, Random random, Function<int[], DataSet> builder) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.size = size;
        this.batchSize = batchSize;
        this.outcomes = outcomes;
        this.random = random;
        this.builder = builder;
        this.order = new int[size];
        reset();
    }

    @Override
    public void reset() {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (random != null) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
        }
        cursor = 0;
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
