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

    /**
     * A search's finalist: a candidate its search ran on more than one seed at the same epochs, with its best validation
     * scores' mean and 95 % interval over those seeds.
     */
    record Finalist(String arm, int length, int candidate, int seeds, double mean, double low, double high, boolean chosen) {
    }

    /**
     * Each arm's finalists (searches that re-run their best two on a second seed; none in one recorded before), best
     * mean first, the winner marked.
     */
    static List<Finalist> finalists(Table trials, List<String> winners, boolean maximise) {
        if (!trials.columnNames().contains("seed") || !trials.columnNames().contains("best_objective")) {
            return List.of();
        }
        java.util.Map<String, java.util.List<Integer>> byCandidate = new java.util.LinkedHashMap<>();
        for (int r = 0; r < trials.rowCount(); r++) {
            byCandidate.computeIfAbsent(trials.stringColumn("arm").get(r) + "\u0000" + trials.intColumn("max_len").get(r) + "\u0000"
                    + trials.intColumn("candidate").get(r) + "\u0000" + trials.intColumn("epochs").get(r), k -> new ArrayList<>()).add(r);
        }
        List<Finalist> out = new ArrayList<>();
        for (List<Integer> rows : byCandidate.values()) {
            if (rows.size() < 2) {
                continue;
            }
            double[] values = rows.stream().mapToDouble(r -> trials.doubleColumn("best_objective").getDouble(r)).toArray();
            double[] d = SeedStatistics.describe(values);
            int first = rows.get(0);
            boolean chosen = rows.stream().anyMatch(r -> winners.contains(trials.stringColumn("run_id").get(r)));
            out.add(new Finalist(trials.stringColumn("arm").get(first), trials.intColumn("max_len").get(first),
                    trials.intColumn("candidate").get(first), rows.size(), d[0], d[2], d[3], chosen));
        }
        out.sort(java.util.Comparator.comparing(Finalist::arm).thenComparingInt(Finalist::length)
                .thenComparingDouble(f -> maximise ? -f.mean() : f.mean()));
        return out;
    }

    /** Whether an arm's two finalists' 95 % intervals overlap: the choice between them is within seed-to-seed spread. */
    static boolean withinSpread(Finalist a, Finalist b) {
        return !(a.high() < b.low() || b.high() < a.low());
    }
}
