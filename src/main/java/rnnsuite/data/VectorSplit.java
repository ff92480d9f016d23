package rnnsuite.data;

import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One split of a dataset whose sequences are vectors: every example has {@code steps} steps of
 * {@code features} numbers (the seed article's {@code input_shape = (max_length, num_features)}) and a
 * target row: one-hot for classification, the values for regression. Batches are
 * {@code [batch, features, steps]} with no mask (all sequences have the same length).
 *
 * @param x one row per example, step-major: element (t, d) at {@code t·features + d}
 * @param y one target row per example
 */
public record VectorSplit(String name, int steps, int features, float[][] x, float[][] y) implements SequenceSplit {

    @Override
    public int size() {
        return x.length;
    }

    @Override
    public ShuffledBatches batches(int batchSize, Random random) {
        return new ShuffledBatches(size(), batchSize, y.length == 0 ? 0 : y[0].length, random, this::batch);
    }

    private DataSet batch(int[] examples) {
        int n = examples.length;
        float[] features = new float[n * this.features * steps];
        float[][] targets = new float[n][];
        for (int i = 0; i < n; i++) {
            float[] row = x[examples[i]];
            for (int t = 0; t < steps; t++) {
                for (int d = 0; d < this.features; d++) {
                    features[(i * this.features + d) * steps + t] = row[t * this.features + d];
                }
            }
            targets[i] = y[examples[i]];
        }
        return new DataSet(Nd4j.create(features, new long[] {n, this.features, steps}, 'c'), Nd4j.create(targets));
    }
}
