package rnnsuite.report;

import java.util.ArrayList;
import java.util.List;
import rnnsuite.data.Dataset;
import tech.tablesaw.api.Table;

/**
 * What a study's tables say, decided apart from how a page shows it: which lengths an arm solves, and how a tuned arm
 * compares with its recipe. The report renders these answers; it decides none of them.
 */
public final class StudyAnalysis {

    /** "Solved" in a length sweep: mean test accuracy at least this (classification)... */
    public static final double SOLVED_ACCURACY = 0.95;
    /** ...or mean test MSE at most this (regression). A per-step task has no threshold. */
    public static final double SOLVED_MSE = 0.01;

    private StudyAnalysis() {
    }

    /** The rule, in the words the report uses. */
    static String solvedRule(Dataset dataset) {
        return dataset.task().perStep() ? "(no threshold for a per-step task)"
                : dataset.regression() ? "mean test MSE ≤ " + SOLVED_MSE : "mean test accuracy ≥ " + SOLVED_ACCURACY;
    }

    /** Whether a mean of the dataset's headline test metric solves its length. */
    static boolean solves(Dataset dataset, double mean) {
        return !dataset.task().perStep() && (dataset.regression() ? mean <= SOLVED_MSE : mean >= SOLVED_ACCURACY);
    }

    /** The lengths {@code arm} solves, shortest first, from summary.csv's mean of {@code metric} (a test column). */
    static List<Integer> solvedLengths(Table summary, Dataset dataset, String metric, String arm) {
        Table rows = summary.where(summary.stringColumn("arm").isEqualTo(arm)).sortOn("max_len");
        List<Integer> solved = new ArrayList<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            if (solves(dataset, rows.doubleColumn(metric + "_mean").getDouble(r))) {
                solved.add(rows.intColumn("max_len").get(r));
            }
        }
        return solved;
    }

    /** Tuned minus recipe on the same seeds: the mean difference, its 95% interval and the two tests' p-values. */
    record Difference(double mean, double low, double high, double pPairedT, double pWilcoxon) {
    }

    /**
     * A tuned arm ({@code <arm>_tuned}) beside its recipe ({@code <arm>}) at one length: their rows in summary.csv, and
     * tuned − recipe on {@code metric} (null where comparison.csv has no such pair).
     */
    record TunedPair(String arm, int length, int recipeRow, int tunedRow, Difference difference) {
    }

    /** Every recipe arm that has a tuned arm at the same length, in summary.csv's order. */
    static List<TunedPair> tunedPairs(Table summary, Table comparison, String metric) {
        Table rows = comparison.where(comparison.stringColumn("metric").isEqualTo(metric));
        List<TunedPair> pairs = new ArrayList<>();
        for (int r = 0; r < summary.rowCount(); r++) {
            String arm = summary.stringColumn("arm").get(r);
            int length = summary.intColumn("max_len").get(r);
            int tuned = -1;
            for (int q = 0; q < summary.rowCount(); q++) {
                if (summary.stringColumn("arm").get(q).equals(arm + "_tuned") && summary.intColumn("max_len").get(q) == length) {
                    tuned = q;
                }
            }
            if (tuned < 0) {
                continue;
            }
            Difference difference = null;
            for (int c = 0; c < rows.rowCount(); c++) {
                if (rows.stringColumn("arm_a").get(c).equals(arm) && rows.stringColumn("arm_b").get(c).equals(arm + "_tuned")
                        && rows.intColumn("max_len").get(c) == length) {
                    // comparison.csv has recipe − tuned (a − b): the sign turns, and the interval's ends swap
                    difference = new Difference(0.0 - rows.doubleColumn("mean_diff").getDouble(c),
                            0.0 - rows.doubleColumn("diff_ci95_high").getDouble(c), 0.0 - rows.doubleColumn("diff_ci95_low").getDouble(c),
                            rows.doubleColumn("p_paired_t").getDouble(c), rows.doubleColumn("p_wilcoxon").getDouble(c));
                }
            }
            pairs.add(new TunedPair(arm, length, r, tuned, difference));
        }
        return pairs;
    }
}
