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
 * @param counts         examples per split (train, validation, test) and class, in class order
 * @param lengthPercentiles token-length percentiles p10, p50, p90, p99 and the maximum, over all kept examples
 * @param truncatedShare share of examples longer than the maximum length
 * @param testOovShare   share of test tokens (within the maximum length) that map to the out-of-vocabulary id
 * @param emptyDropped   examples dropped because tokenisation left no token
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
        int emptyDropped) {

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

    /** The length, truncation and vocabulary facts, one sentence each. */
    public List<String> facts() {
        List<String> facts = new ArrayList<>();
        facts.add(String.format(Locale.ROOT, "tokens per example: p10 %d, p50 %d, p90 %d, p99 %d, max %d",
                lengthPercentiles[0], lengthPercentiles[1], lengthPercentiles[2], lengthPercentiles[3], lengthPercentiles[4]));
        facts.add(String.format(Locale.ROOT, "%.1f%% of examples truncated at max_len %d", 100 * truncatedShare, maxLen));
        facts.add(String.format(Locale.ROOT, "vocabulary %d ids (training split only); %.1f%% of test tokens out of vocabulary",
                vocabularySize, 100 * testOovShare));
        if (emptyDropped > 0) {
            facts.add(emptyDropped + " example(s) dropped: no token left after tokenisation");
        }
        return facts;
    }
}
