package rnnsuite.experiments.search;

import java.util.ArrayList;
import java.util.List;
import rnnsuite.train.RunRecord;

/**
 * A search method: the rungs candidates train through and how many of a rung go on to the next. Every
 * candidate starts at the first rung; a promoted one continues from its checkpoint, so reaching rung r
 * costs {@code rungs[r] − rungs[r−1]} more epochs. Promotion waits until a rung is complete and ranks by
 * the objective (ties: lower validation loss, then lower candidate number), so the outcome does not depend
 * on which run finishes first: local and Spark engines promote the same candidates.
 */
public interface SearchMethod {

    /** Epochs at the end of each rung, strictly increasing. */
    List<Integer> rungs();

    /** How many of a rung's {@code candidates} go on to the next rung (0 at the last). */
    int promoted(int rung, int candidates);

    /** Candidates at each rung when {@code trials} start. */
    default List<Integer> candidatesPerRung(int trials) {
        List<Integer> counts = new ArrayList<>();
        int n = trials;
        for (int r = 0; r < rungs().size() && n > 0; r++) {
            counts.add(n);
            n = promoted(r, n);
        }
        return counts;
    }

    /** Epochs one arm's search trains, all rungs together: Σ candidates(r) × (rungs[r] − rungs[r−1]). */
    default long budgetEpochs(int trials) {
        List<Integer> counts = candidatesPerRung(trials);
        long epochs = 0;
        for (int r = 0; r < counts.size(); r++) {
            epochs += (long) counts.get(r) * (rungs().get(r) - (r == 0 ? 0 : rungs().get(r - 1)));
        }
        return epochs;
    }

    /**
     * The candidate numbers that go on, best first: the top {@link #promoted} of the rung's finished candidates
     * ({@link Ranking}: by objective, ties by validation loss, then number).
     */
    default List<Integer> promote(int rung, List<RunRecord> candidates, Objective objective) {
        List<Integer> ranked = Ranking.rank(candidates, objective).stream().map(r -> r.trial().candidate().number()).toList();
        return ranked.subList(0, Math.min(ranked.size(), promoted(rung, candidates.size())));
    }

}
