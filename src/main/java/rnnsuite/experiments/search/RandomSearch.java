package rnnsuite.experiments.search;

import java.util.List;

/** Random search: every candidate trains the full {@code max_epochs}; budget trials × max_epochs per arm. */
public record RandomSearch(int epochs) implements SearchMethod {

    @Override
    public List<Integer> rungs() {
        return List.of(epochs);
    }

    @Override
    public int promoted(int rung, int candidates) {
        return 0;
    }
}
