package rnnsuite.experiments.search;

import java.util.List;

/** Random search: every one of {@code trials} candidates trains the full {@code epochs}; budget trials × epochs per arm. */
public record RandomSearch(int trials, int epochs) implements SearchMethod {

    @Override
    public List<Bracket> brackets() {
        return List.of(new Bracket(0, trials, List.of(epochs), 2));
    }

    @Override
    public String describe() {
        return "random search, " + trials + " candidates at " + epochs + " epochs";
    }
}
