package rnnsuite.data;

import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One split of a per-step classification task (copy memory, characters): every sequence has the same number of
 * steps, an input symbol and a target class at each. Inputs are one-hot vectors over {@code symbols} ({@code
 * [batch, symbols, steps]}), or token ids for an embedding ({@code [batch, steps]}) when {@code symbols} is 0;
 * targets are one-hot {@code [batch, classes, steps]}. Every step is real: no feature mask. Every step is scored,
 * or only the last {@code scored} (a label mask), where only they hold an answer.
 *
 * @param x      input symbol (or token id) per example and step
 * @param y      target class per example and step
 * @param scored how many of the last steps are scored; 0: every step
 */
public record StepSplit(String name, int symbols, int classes, int[][] x, int[][] y, int scored) implements SequenceSplit {

    public StepSplit {
        if (x.length != y.length) {
            throw new IllegalArgumentException(name + ": " + x.length + " inputs, " + y.length + " targets");
        }
    }

    /** Every step scored. */
    public StepSplit(String name, int symbols, int classes, int[][] x, int[][] y) {
        this(name, symbols, classes, x, y, 0);
    }

    @Override
    public int size() {
        return x.length;
    }

    public int steps() {
        return x.length == 0 ? 0 : x[0].length;
    }

    @Override
    public ShuffledBatches batches(int batchSize, Random random) {
        return new ShuffledBatches(size(), batchSize, classes, random, this::batch);
    }

    private DataSet batch(int[] examples) {
        int n = examples.length;
        int steps = steps();
        float[] labels = new float[n * classes * steps];
        float[] features = new float[n * Math.max(1, symbols) * steps];
        for (int i = 0; i < n; i++) {
            int[] in = x[examples[i]];
            int[] out = y[examples[i]];
            for (int t = 0; t < steps; t++) {
                if (symbols > 0) {
                    features[(i * symbols + in[t]) * steps + t] = 1f;
                } else {
                    features[i * steps + t] = in[t];
                }
                labels[(i * classes + out[t]) * steps + t] = 1f;
            }
        }
        long[] shape = symbols > 0 ? new long[] {n, symbols, steps} : new long[] {n, steps};
        DataSet batch = new DataSet(Nd4j.create(features, shape, 'c'), Nd4j.create(labels, new long[] {n, classes, steps}, 'c'));
        if (scored > 0) {
            float[] mask = new float[n * steps];
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(mask, i * steps + steps - scored, (i + 1) * steps, 1f);
            }
            batch.setLabelsMaskArray(Nd4j.create(mask, new long[] {n, steps}, 'c'));
        }
        return batch;
    }
}
