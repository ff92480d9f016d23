package rnnsuite.experiments.search;

import java.util.Comparator;
import java.util.List;
import rnnsuite.train.RunRecord;

/**
 * How a search orders candidates, the one rule for promotion and for the winner: by the objective (NaN last),
 * ties by the lower validation loss (several candidates may all reach accuracy 1), then by the lower candidate
 * number. It reads run records alone, so every engine promotes and chooses the same candidates.
 */
public final class Ranking {

    private Ranking() {
    }

    /** The candidates best first. */
    public static List<RunRecord> rank(List<RunRecord> candidates, Objective objective) {
        Comparator<RunRecord> byObjective = Comparator.comparingDouble(r -> {
            double v = objective.of(r);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : objective.maximise() ? -v : v;
        });
        Comparator<RunRecord> byLoss = Comparator.comparingDouble(r -> {
            double v = Objective.VAL_LOSS.of(r);
            return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
        });
        return candidates.stream()
                .sorted(byObjective.thenComparing(byLoss).thenComparingInt(r -> r.trial().candidate().number()))
                .toList();
    }

    /** One arm's winner at one length: the best of the candidates that reached the highest rung (the most epochs). */
    public static RunRecord winner(List<RunRecord> candidates, Objective objective) {
        int top = candidates.stream().mapToInt(r -> r.trial().train().epochs()).max()
                .orElseThrow(() -> new IllegalStateException("no finished candidate to choose from"));
        return rank(candidates.stream().filter(r -> r.trial().train().epochs() == top).toList(), objective).get(0);
    }
}
