package rnnsuite.experiments.search;

import java.util.Comparator;
import java.util.List;
import rnnsuite.train.RunRecord;

/**
 * How a search orders candidates, the one rule for promotion and for the finalists: by the best validation score a
 * candidate reached so far ({@link Objective#best}; NaN last), ties by the lower validation loss (several candidates
 * may all reach accuracy 1), then by the lower candidate number. It reads run records alone, so every engine promotes
 * and chooses the same candidates. Searches recorded before ranked by the last epoch's score ({@code bestSoFar} false).
 */
public final class Ranking {

    private Ranking() {
    }

    /** The candidates best first, by their best score so far or (earlier searches) their last epoch's. */
    public static List<RunRecord> rank(List<RunRecord> candidates, Objective objective, boolean bestSoFar) {
        Comparator<RunRecord> byObjective = Comparator.comparingDouble(r -> {
            double v = bestSoFar ? objective.best(r) : objective.of(r);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : objective.maximise() ? -v : v;
        });
        Comparator<RunRecord> byLoss = Comparator.comparingDouble(r -> {
            double v = bestSoFar ? Objective.VAL_LOSS.best(r) : Objective.VAL_LOSS.of(r);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        });
        return candidates.stream()
                .sorted(byObjective.thenComparing(byLoss).thenComparingInt(r -> r.trial().candidate().number()))
                .toList();
    }

    /** Whether a run stopped before its epochs: its early stopping's patience ran out. */
    public static boolean stoppedEarly(RunRecord r) {
        return r.outcome().epochs().size() < r.trial().train().epochs();
    }

    /**
     * The candidates a search's final choice is made among, best first: each candidate's latest run on the search's
     * seed where it finished (reached {@code maxEpochs} or stopped early), ranked by the best score so far.
     */
    public static List<RunRecord> finished(List<RunRecord> candidates, Objective objective, long seed, int maxEpochs) {
        java.util.Map<Integer, RunRecord> latest = new java.util.TreeMap<>();
        for (RunRecord r : candidates) {
            if (r.trial().seed() == seed) {
                latest.merge(r.trial().candidate().number(), r,
                        (a, b) -> a.trial().train().epochs() >= b.trial().train().epochs() ? a : b);
            }
        }
        return rank(latest.values().stream().filter(r -> r.trial().train().epochs() == maxEpochs || stoppedEarly(r)).toList(),
                objective, true);
    }

    /**
     * One arm's winner at one length in a search recorded before finalists were re-run on a second seed: the best, by
     * the last epoch's score, of the candidates that reached the highest rung.
     */
    public static RunRecord lastEpochWinner(List<RunRecord> candidates, Objective objective) {
        int top = candidates.stream().mapToInt(r -> r.trial().train().epochs()).max()
                .orElseThrow(() -> new IllegalStateException("no finished candidate to choose from"));
        return rank(candidates.stream().filter(r -> r.trial().train().epochs() == top).toList(), objective, false).get(0);
    }
}
