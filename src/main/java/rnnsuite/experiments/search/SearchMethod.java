package rnnsuite.experiments.search;

import java.util.List;

/**
 * A search method: the brackets its candidates climb ({@link Bracket}: a ladder of rungs, successive halving within
 * it). Random search and successive halving are one bracket; Hyperband several, each trading how many
 * configurations it tries against how long it trains them. Promotion waits until a rung is complete and ranks by
 * the best validation score so far ({@link Ranking}), so the outcome does not depend on which run finishes first:
 * local and Spark engines promote the same candidates.
 */
public interface SearchMethod {

    /** The brackets, in the order they run; their candidates are numbered one after another. */
    List<Bracket> brackets();

    /** Configurations drawn in all. */
    default int candidates() {
        return brackets().stream().mapToInt(Bracket::candidates).sum();
    }

    /** Epochs one arm's search trains when no candidate stops early (the deciding re-runs aside). */
    default long budgetEpochs() {
        return brackets().stream().mapToLong(Bracket::budgetEpochs).sum();
    }

    /** For plan headers and reports: "successive halving, eta 3, rungs at [5, 15, 40] epochs ([9, 3, 2] candidates)". */
    String describe();
}
