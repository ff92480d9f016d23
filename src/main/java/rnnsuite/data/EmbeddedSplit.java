package rnnsuite.data;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A text split served as sequences of word vectors: each token id becomes its row of a fixed matrix
 * (padding and out-of-vocabulary ids map to zeros). Batches are {@code [batch, dimensions, time]} with
 * the same feature mask and one-hot labels as the token batches.
 *
 * @param vectors one row per token id
 */
public record EmbeddedSplit(TokenSplit tokens, float[][] vectors) implements SequenceSplit.Labelled {

    @Override
    public String name() {
        return tokens.name();
    }

    @Override
    public int[] labels() {
        return tokens.labels();
    }

    @Override
    public int numClasses() {
        return tokens.numClasses();
    }

    @Override
    public DataSet batch(int[] examples) {
        int n = examples.length;
        int dims = vectors[0].length;
        int time = tokens.longest(examples);
        float[] features = new float[n * dims * time];
        float[][] mask = new float[n][time];
        float[][] y = new float[n][tokens.numClasses()];
        for (int i = 0; i < n; i++) {
            int[] doc = tokens.tokens()[examples[i]];
            for (int t = 0; t < doc.length; t++) {
                float[] v = vectors[doc[t]];
                for (int d = 0; d < dims; d++) {
                    features[(i * dims + d) * time + t] = v[d];
                }
                mask[i][t] = 1f;
            }
            y[i][tokens.labels()[examples[i]]] = 1f;
        }
        return new DataSet(Nd4j.create(features, new long[] {n, dims, time}, 'c'), Nd4j.create(y), Nd4j.create(mask), null);
    }
}
