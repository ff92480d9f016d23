package rnnsuite.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Long-range tasks generated from a seed, with the dependency length T ({@code data.max_len}) as the
 * parameter, to see how far back each cell remembers. Both give every sequence exactly T steps.
 *
 * <ul>
 * <li><b>recall</b> (classification): step 0 holds one of {@code k} signal symbols, steps 1..T−1 random
 *     distractor symbols; the class is the signal. One-hot input over k + {@value #DISTRACTORS} symbols.
 *     Chance accuracy is 1/k.</li>
 * <li><b>adding</b> (regression, Hochreiter &amp; Schmidhuber 1997): two channels per step, a value
 *     uniform in [0, 1) and a marker that is 1 at exactly two steps, one in each half of the sequence;
 *     the target is the sum of the two marked values. Predicting the mean (1) gives MSE 1/6 ≈ 0.167, the
 *     baseline a model must beat.</li>
 * </ul>
 */
public final class SyntheticTasks {

    /** Distractor symbols of the recall task. */
    public static final int DISTRACTORS = 8;
    /** MSE of always predicting 1 on the adding problem: the variance of a sum of two U(0,1) values. */
    public static final double ADDING_BASELINE_MSE = 1.0 / 6.0;

    private SyntheticTasks() {
    }

    /** The recall task's sizes: a one-hot symbol per step, held on the heap for every example. */
    static Dataset.Size recallSize(DataSpec spec) {
        double symbols = spec.classes() + DISTRACTORS;
        return new Dataset.Size(0, symbols, spec.classes(), spec.maxLen(), spec.examples(), (double) spec.maxLen() * symbols);
    }

    /** The adding problem's sizes: two numbers per step. */
    static Dataset.Size addingSize(DataSpec spec) {
        return new Dataset.Size(0, 2, 1, spec.maxLen(), spec.examples(), spec.maxLen() * 2.0);
    }

    /** The recall task's sequences; the label of example i is {@code labels[i]}. */
    static PreparedData recall(DataSpec spec) {
        int steps = spec.maxLen();
        int k = spec.classes();
        int symbols = k + DISTRACTORS;
        int n = spec.examples();
        Random random = new Random(spec.splitSeed());
        float[][] x = new float[n][steps * symbols];
        int[] labels = new int[n];
        for (int e = 0; e < n; e++) {
            labels[e] = random.nextInt(k);
            x[e][labels[e]] = 1f;
            for (int t = 1; t < steps; t++) {
                x[e][t * symbols + k + random.nextInt(DISTRACTORS)] = 1f;
            }
        }
        List<String> classes = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            classes.add("signal" + c);
        }
        float[][] y = new float[n][k];
        for (int e = 0; e < n; e++) {
            y[e][labels[e]] = 1f;
        }
        String source = "generated: signal at step 0 of " + steps + ", " + k + " classes, " + DISTRACTORS
                + " distractor symbols, one-hot input (seed " + spec.splitSeed() + ")";
        return split(spec, classes, labels, x, y, symbols, source);
    }

    /** The adding problem's sequences. */
    static PreparedData adding(DataSpec spec) {
        int steps = spec.maxLen();
        if (steps < 2) {
            throw new IllegalArgumentException("data.max_len must be at least 2 for the adding problem (one marker in each half)");
        }
        int n = spec.examples();
        Random random = new Random(spec.splitSeed());
        float[][] x = new float[n][steps * 2];
        float[][] y = new float[n][1];
        int half = steps / 2;
        for (int e = 0; e < n; e++) {
            for (int t = 0; t < steps; t++) {
                x[e][2 * t] = random.nextFloat();
            }
            int first = random.nextInt(half);
            int second = half + random.nextInt(steps - half);
            x[e][2 * first + 1] = 1f;
            x[e][2 * second + 1] = 1f;
            y[e][0] = x[e][2 * first] + x[e][2 * second];
        }
        String source = "generated: adding problem, " + steps + " steps, markers one in each half (seed " + spec.splitSeed() + ")";
        return split(spec, List.of(), new int[n], x, y, 2, source);
    }

    private static PreparedData split(DataSpec spec, List<String> classes, int[] labels, float[][] x, float[][] y,
                                      int features, String source) {
        List<String> strata = Arrays.stream(labels).mapToObj(String::valueOf).toList();
        int[][] parts = StratifiedSplit.indices(strata, spec.split(), spec.splitSeed());
        VectorSplit[] splits = new VectorSplit[3];
        int[][] counts = new int[3][Math.max(1, classes.size())];
        for (int s = 0; s < 3; s++) {
            float[][] xs = new float[parts[s].length][];
            float[][] ys = new float[parts[s].length][];
            for (int i = 0; i < parts[s].length; i++) {
                xs[i] = x[parts[s][i]];
                ys[i] = y[parts[s][i]];
                counts[s][classes.isEmpty() ? 0 : labels[parts[s][i]]]++;
            }
            splits[s] = new VectorSplit(StratifiedSplit.NAMES[s], spec.maxLen(), features, xs, ys);
        }
        int t = spec.maxLen();
        double baseline;
        if (classes.isEmpty()) {
            double mean = 0;
            for (float[] target : splits[0].y()) {
                mean += target[0];
            }
            mean /= splits[0].size();
            double mse = 0;
            for (float[] target : splits[2].y()) {
                mse += (target[0] - mean) * (target[0] - mean);
            }
            baseline = mse / splits[2].size();
        } else {
            baseline = DatasetSummary.majorityShare(counts[2]);
        }
        DatasetSummary summary = new DatasetSummary(spec.dataset(), source, classes, counts, t,
                new int[] {t, t, t, t, t}, 0, features, -1, 0, baseline, 0, null);
        return new PreparedData(spec, classes, null, features, splits[0], splits[1], splits[2], summary, List.of());
    }
}
