package rnnsuite.data;

import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One split of a text dataset as token ids, unpadded. A batch holds features {@code [batch, time]} of
 * token ids (what EmbeddingSequenceLayer takes), a feature mask {@code [batch, time]} with 1 on real
 * tokens, and one-hot labels {@code [batch, classes]}. Sequences are padded at the end to the batch's
 * longest one only; the mask makes the recurrent layers and LastTimeStep ignore the padding, so variable
 * lengths are handled, not just padded.
 *
 * @param ids        the examples' corpus ids, for tracing
 * @param tokens     token ids per example, already truncated to the maximum length (never empty)
 * @param labels     class id per example
 * @param numClasses number of classes of the task
 */
public record TokenSplit(String name, List<String> ids, int[][] tokens, int[] labels, int numClasses) implements SequenceSplit.Labelled {

    @Override
    public DataSet batch(int[] examples) {
        int n = examples.length;
        int time = longest(examples);
        float[][] features = new float[n][time];
        float[][] mask = new float[n][time];
        float[][] y = new float[n][numClasses];
        for (int i = 0; i < n; i++) {
            int[] doc = tokens[examples[i]];
            for (int t = 0; t < doc.length; t++) {
                features[i][t] = doc[t];
                mask[i][t] = 1f;
            }
            y[i][labels[examples[i]]] = 1f;
        }
        return new DataSet(Nd4j.create(features), Nd4j.create(y), Nd4j.create(mask), null);
    }

    /** The longest of these examples (at least 1): a batch is padded to it, not to the maximum length. */
    int longest(int[] examples) {
        int time = 1;
        for (int e : examples) {
            time = Math.max(time, tokens[e].length);
        }
        return time;
    }
}
