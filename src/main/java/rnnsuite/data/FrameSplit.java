package rnnsuite.data;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One split of a next-frame task (polyphonic music): sequences of frames of {@code width} yes-or-no values
 * (notes), of their own lengths; the input is each frame but the last, the target the frame after it. A batch is
 * padded to its longest sequence, with feature and label masks [batch, steps] marking the real steps, so padding
 * adds nothing to the loss or the metrics.
 *
 * @param sequences per sequence its frames [length][width], 1 where a note sounds
 */
public record FrameSplit(String name, int width, List<float[][]> sequences) implements SequenceSplit {

    @Override
    public int size() {
        return sequences.size();
    }

    @Override
    public ShuffledBatches batches(int batchSize, Random random) {
        return batches(batchSize, random, false);
    }

    @Override
    public ShuffledBatches batches(int batchSize, Random random, boolean byLength) {
        int[] lengths = byLength ? sequences.stream().mapToInt(s -> s.length).toArray() : null;
        return new ShuffledBatches(size(), batchSize, width, random, this::batch, lengths);
    }

    /** Predicted frames in all: every frame after a sequence's first. */
    public long frames() {
        return sequences.stream().mapToLong(s -> s.length - 1).sum();
    }

    private DataSet batch(int[] examples) {
        int n = examples.length;
        int steps = 1;
        for (int e : examples) {
            steps = Math.max(steps, sequences.get(e).length - 1);
        }
        float[] features = new float[n * width * steps];
        float[] labels = new float[n * width * steps];
        float[] mask = new float[n * steps];
        for (int i = 0; i < n; i++) {
            float[][] frames = sequences.get(examples[i]);
            for (int t = 0; t + 1 < frames.length; t++) {
                mask[i * steps + t] = 1f;
                for (int d = 0; d < width; d++) {
                    features[(i * width + d) * steps + t] = frames[t][d];
                    labels[(i * width + d) * steps + t] = frames[t + 1][d];
                }
            }
        }
        var m = Nd4j.create(mask, new long[] {n, steps}, 'c');
        return new DataSet(Nd4j.create(features, new long[] {n, width, steps}, 'c'),
                Nd4j.create(labels, new long[] {n, width, steps}, 'c'), m, m.dup());
    }
}
