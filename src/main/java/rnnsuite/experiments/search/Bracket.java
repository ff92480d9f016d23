package rnnsuite.experiments.search;

import java.util.ArrayList;
import java.util.List;
import rnnsuite.train.RunRecord;

/**
 * One ladder of successive halving: {@code candidates} configurations, numbered from {@code first}, start at the first
 * rung; the best 1/η of a rung (at least one) go on to the next and continue from their checkpoints, so reaching rung
 * r costs {@code rungs[r] − rungs[r−1]} more epochs. Into the last rung go at least two where there are two, so the
 * final choice is between two configurations, not one. A candidate that stopped early (its patience ran out) is
 * finished: it goes on to no rung, and the epochs it did not train are saved.
 *
 * @param rungs epochs at the end of each rung, strictly increasing; the last is the search's max_epochs
 */
public record Bracket(int first, int candidates, List<Integer> rungs, int eta) {

    public Bracket {
        rungs = List.copyOf(rungs);
        if (candidates < 1 || rungs.isEmpty() || eta < 2) {
            throw new IllegalArgumentException("a bracket needs candidates, rungs and eta ≥ 2");
        }
        for (int r = 1; r < rungs.size(); r++) {
            if (rungs.get(r) <= rungs.get(r - 1)) {
                throw new IllegalArgumentException("a bracket's rungs must increase: " + rungs);
            }
        }
    }

    /** How many of a rung's {@code n} candidates go on to the next (0 at the last). */
    public int promoted(int rung, int n) {
        if (rung >= rungs.size() - 1) {
            return 0;
        }
        return rung == rungs.size() - 2 ? Math.min(n, Math.max(2, n / eta)) : Math.max(1, n / eta);
    }

    /** Candidates at each rung. */
    public List<Integer> candidatesPerRung() {
        List<Integer> counts = new ArrayList<>();
        int n = candidates;
        for (int r = 0; r < rungs.size() && n > 0; r++) {
            counts.add(n);
            n = promoted(r, n);
        }
        return counts;
    }

    /** Epochs this bracket trains when no candidate stops early: Σ candidates(r) × (rungs[r] − rungs[r−1]). */
    public long budgetEpochs() {
        List<Integer> counts = candidatesPerRung();
        long epochs = 0;
        for (int r = 0; r < counts.size(); r++) {
            epochs += (long) counts.get(r) * (rungs.get(r) - (r == 0 ? 0 : rungs.get(r - 1)));
        }
        return epochs;
    }

    /**
     * The candidate numbers that go on, best first: the top {@link #promoted} of the rung's {@code finished} candidates by
     * their best validation score so far ({@link Ranking}), leaving out those that stopped early.
     */
    public List<Integer> promote(int rung, List<RunRecord> finished, Objective objective) {
        List<Integer> ranked = Ranking.rank(finished.stream().filter(r -> !Ranking.stoppedEarly(r)).toList(), objective, true)
                .stream().map(r -> r.trial().candidate().number()).toList();
        return ranked.subList(0, Math.min(ranked.size(), promoted(rung, finished.size())));
    }
}
