package rnnsuite.data;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of an {@link EncodedSplit} for DL4J: features {@code [batch, time]} holding token ids
 * (what EmbeddingSequenceLayer takes), a feature mask {@code [batch, time]} with 1 on real tokens, and
 * one-hot labels {@code [batch, classes]}. Sequences are padded at the end to the batch's longest one;
 * the mask makes the recurrent layers and LastTimeStep ignore the padding, so variable lengths are
 * handled, not just padded.
 *
 * <p>Each {@link #reset()} (DL4J calls it at the start of every epoch) draws a new order from the
 * shared {@link Random}, so the epoch sequence of orders is fixed by the seed.
 */
public final class SequenceBatchIterator implements DataSetIterator {

    private final EncodedSplit split;
    private final int batchSize;
    private final Random random;
    private final int[] order;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    SequenceBatchIterator(EncodedSplit split, int batchSize, Random random) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.split = split;
        this.batchSize = batchSize;
        this.random = random;
        this.order = new int[split.size()];
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
        return cursor < order.length;
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
        int n = Math.min(num, order.length - cursor);
        int time = 1;
        for (int i = 0; i < n; i++) {
            time = Math.max(time, split.tokens()[order[cursor + i]].length);
        }
        float[][] features = new float[n][time];
        float[][] mask = new float[n][time];
        float[][] labels = new float[n][split.numClasses()];
        for (int i = 0; i < n; i++) {
            int example = order[cursor + i];
            int[] tokens = split.tokens()[example];
            for (int t = 0; t < tokens.length; t++) {
                features[i][t] = tokens[t];
                mask[i][t] = 1f;
            }
            labels[i][split.labels()[example]] = 1f;
        }
        cursor += n;
        INDArray f = Nd4j.create(features);
        DataSet ds = new DataSet(f, Nd4j.create(labels), Nd4j.create(mask), null);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public int inputColumns() {
        return 1;
    }

    @Override
    public int totalOutcomes() {
        return split.numClasses();
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
