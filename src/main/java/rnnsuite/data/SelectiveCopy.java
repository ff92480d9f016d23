package rnnsuite.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Selective copying (Gu &amp; Dao 2023; the task on which Feng et al. 2024 show minGRU and minLSTM), written from its
 * description: a sequence of L blanks ({@code data.max_len}) in which K data tokens ({@code data.tokens}, drawn from 1
 * to {@code data.vocab_size}) stand at sorted random positions, then K markers; at the markers the target is the K
 * tokens in order. Unlike copy memory the tokens' places vary, so a model must pick them out by content. Only the K
 * answer steps are scored (a label mask): accuracy per token and cross-entropy per token. The best constant guess,
 * the most frequent training token every time, is the line to beat.
 */
public final class SelectiveCopy {

    /** The blank; tokens are 1..vocab_size, the marker vocab_size + 1. */
    static final int BLANK = 0;

    private SelectiveCopy() {
    }

    /** Its sizes: a symbol id in and out per step, L blanks and K markers. */
    static Dataset.Size size(DataSpec spec) {
        SelectiveCopyOptions o = checked(spec);
        double steps = spec.maxLen() + (double) o.tokens();
        return new Dataset.Size(0, o.vocabSize() + 2.0, o.vocabSize() + 2.0, steps, spec.examples(), steps * 2);
    }

    /** The options, with K ≤ L checked: the tokens must fit in the blanks. */
    private static SelectiveCopyOptions checked(DataSpec spec) {
        SelectiveCopyOptions o = spec.options(SelectiveCopyOptions.class);
        if (o.tokens() > spec.maxLen()) {
            throw new IllegalArgumentException("data.tokens (" + o.tokens() + ") must be at most data.max_len (" + spec.maxLen()
                    + "), the blanks they stand among: lower data.tokens or raise data.max_len");
        }
        return o;
    }

    static PreparedData generate(DataSpec spec) {
        SelectiveCopyOptions o = checked(spec);
        int length = spec.maxLen();
        int k = o.tokens();
        int marker = o.vocabSize() + 1;
        int symbols = o.vocabSize() + 2;
        int steps = length + k;
        int n = spec.examples();
        Random random = new Random(spec.splitSeed());
        int[][] x = new int[n][steps];
        int[][] y = new int[n][steps];
        int[] positions = IntStream.range(0, length).toArray();
        for (int e = 0; e < n; e++) {
            // the first K of a partial Fisher-Yates shuffle: K distinct places, then in order
            for (int i = 0; i < k; i++) {
                int j = i + random.nextInt(length - i);
                int swap = positions[i];
                positions[i] = positions[j];
                positions[j] = swap;
            }
            int[] chosen = Arrays.copyOf(positions, k);
            Arrays.sort(chosen);
            for (int i = 0; i < k; i++) {
                int token = 1 + random.nextInt(o.vocabSize());
                x[e][chosen[i]] = token;
                x[e][length + i] = marker;
                y[e][length + i] = token;
            }
        }
        int[][] parts = StratifiedSplit.indices(Collections.nCopies(n, "all"), spec.split(), spec.splitSeed());
        StepSplit[] splits = new StepSplit[3];
        int[][] counts = new int[3][1];
        for (int s = 0; s < 3; s++) {
            int[][] xs = Arrays.stream(parts[s]).mapToObj(i -> x[i]).toArray(int[][]::new);
            int[][] ys = Arrays.stream(parts[s]).mapToObj(i -> y[i]).toArray(int[][]::new);
            splits[s] = new StepSplit(StratifiedSplit.NAMES[s], symbols, symbols, xs, ys, k);
            counts[s][0] = xs.length;
        }
        double[] guess = constantGuess(splits[0], splits[2], k, symbols);
        String source = String.format(Locale.ROOT, "generated: selective copying (after Gu & Dao 2023), %d tokens from "
                + "1..%d at sorted random places among %d blanks, then %d markers (%d steps in all); the %d answer steps are "
                + "scored (seed %d)", k, o.vocabSize(), length, k, steps, k, spec.splitSeed());
        List<String> classes = IntStream.range(0, symbols).mapToObj(String::valueOf).toList();
        DatasetSummary summary = new DatasetSummary(spec.dataset(), source, List.of(), counts, steps,
                new int[] {steps, steps, steps, steps, steps}, 0, symbols, -1, 0, guess[0], 0,
                String.format(Locale.ROOT, "the best constant guess (the most frequent training token at every answer) "
                        + "scores accuracy %.4f; the training tokens' frequencies as a constant distribution, %.4f nats per "
                        + "token: the lines to beat", guess[0], guess[1]));
        return new PreparedData(spec, classes, null, symbols, splits[0], splits[1], splits[2], summary, List.of());
    }

    /**
     * The model that ignores its input: on {@code test}'s answers, the accuracy of always the most frequent training
     * token, and the cross-entropy per token of the training tokens' frequencies (half a count added to each).
     */
    static double[] constantGuess(StepSplit train, StepSplit test, int k, int symbols) {
        double[] count = new double[symbols];
        long total = 0;
        for (int[] target : train.y()) {
            for (int t = target.length - k; t < target.length; t++) {
                count[target[t]]++;
                total++;
            }
        }
        int best = 1;
        for (int c = 1; c < symbols - 1; c++) {
            best = count[c] > count[best] ? c : best;
        }
        double tokens = symbols - 2;
        long right = 0;
        long answers = 0;
        double nats = 0;
        for (int[] target : test.y()) {
            for (int t = target.length - k; t < target.length; t++) {
                answers++;
                right += target[t] == best ? 1 : 0;
                nats -= Math.log((count[target[t]] + 0.5) / (total + 0.5 * tokens));
            }
        }
        return new double[] {right / (double) answers, nats / answers};
    }
}
