package rnnsuite.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a reader needs to judge a dataset: examples per split and class, the length distribution in
 * tokens (before truncation), how many sequences the maximum length cuts, the vocabulary size and how
 * many test tokens it misses.
 *
 * @param classes        class labels; empty for a regression task
 * @param counts         examples per split (train, validation, test) and class, in class order (one
 *                       column for a regression task)
 * @param lengthPercentiles token-length percentiles p10, p50, p90, p99 and the maximum, over all kept examples
 * @param truncatedShare share of examples longer than the maximum length
 * @param testOovShare   share of test tokens (within the maximum length) that map to the out-of-vocabulary id
 * @param emptyDropped   examples dropped because tokenisation left no token
 * @param trivialBaseline what a model that ignores the input scores on the test split: the majority
 *                       class's accuracy (classification) or the MSE of predicting the training mean (regression)
 * @param skippedRows    source rows with an empty text or label, counted and left out
 * @param trivialNote    for a task whose trivial baseline is not a majority class or a mean: the sentence that
 *                       says it (null otherwise)
 */
public record DatasetSummary(
        String dataset,
        String source,
        List<String> classes,
        int[][] counts,
        int maxLen,
        int[] lengthPercentiles,
        double truncatedShare,
        int vocabularySize,
        double testOovShare,
        int emptyDropped,
        double trivialBaseline,
        int skippedRows,
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String trivialNote) {

    public static final String[] PERCENTILE_NAMES = {"p10", "p50", "p90", "p99", "max"};

    public int total() {
        return Arrays.stream(counts).flatMapToInt(Arrays::stream).sum();
    }

    /** A few lines for the console. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "dataset %s: %d examples, classes %s%n", dataset, total(), classes));
        for (int s = 0; s < counts.length; s++) {
            sb.append(String.format(Locale.ROOT, "  %-10s %5d  %s%n", StratifiedSplit.NAMES[s],
                    Arrays.stream(counts[s]).sum(), Arrays.toString(counts[s])));
        }
        sb.append("  ").append(String.join("\n  ", facts()));
        return sb.toString();
    }

    /** Majority-class accuracy on a split's class counts. */
    static double majorityShare(int[] counts) {
        int total = Arrays.stream(counts).sum();
        return total == 0 ? Double.NaN : Arrays.stream(counts).max().orElse(0) / (double) total;
    }

    /** Nearest-rank p10, p50, p90 and p99 of sorted lengths, then the maximum. */
    static int[] lengthPercentiles(int[] sorted) {
        double[] qs = {0.10, 0.50, 0.90, 0.99};
        int[] out = new int[qs.length + 1];
        for (int i = 0; i < qs.length; i++) {
            int rank = (int) Math.ceil(qs[i] * sorted.length);
            out[i] = sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
        out[qs.length] = sorted[sorted.length - 1];
        return out;
    }

    /** The length, truncation and vocabulary facts, one sentence each. */
    public List<String> facts() {
        List<String> facts = new ArrayList<>();
        facts.add(String.format(Locale.ROOT, "tokens per example: p10 %d, p50 %d, p90 %d, p99 %d, max %d",
                lengthPercentiles[0], lengthPercentiles[1], lengthPercentiles[2], lengthPercentiles[3], lengthPercentiles[4]));
        facts.add(String.format(Locale.ROOT, "%.1f%% of examples truncated at max_len %d", 100 * truncatedShare, maxLen));
        if (testOovShare >= 0) {
            facts.add(String.format(Locale.ROOT, "vocabulary %d ids (training split only); %.1f%% of test tokens out of vocabulary",
                    vocabularySize, 100 * testOovShare));
        } else {
            facts.add(vocabularySize + " input features per step");
        }
        if (skippedRows > 0) {
            facts.add(skippedRows + " source row(s) skipped: empty text or label");
        }
        if (emptyDropped > 0) {
            facts.add(emptyDropped + " example(s) dropped: no token left after tokenisation");
        }
        facts.add(trivialNote != null ? trivialNote : classes.isEmpty()
                ? String.format(Locale.ROOT, "predicting the training mean scores test MSE %.4f", trivialBaseline)
                : String.format(Locale.ROOT, "predicting the majority class scores test accuracy %.4f", trivialBaseline));
        return facts;
    }
}
