package rnnsuite.experiments.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Successive halving (Jamieson &amp; Talwalkar 2016), the synchronous form of ASHA (Li et al. 2020): one bracket of
 * {@code trials} candidates with rungs at {@code min_epochs}, min·η, min·η², … and {@code max_epochs} last. With 27
 * trials, η = 3 and epochs 1…9 an arm trains 27·1 + 9·2 + 3·6 = 63 epochs instead of random search's 27·9 = 243.
 */
public record SuccessiveHalving(int trials, int minEpochs, int maxEpochs, int eta) implements SearchMethod {

    public SuccessiveHalving {
        if (eta < 2 || minEpochs < 1 || minEpochs > maxEpochs || trials < 1) {
            throw new IllegalArgumentException("successive halving needs trials ≥ 1, eta ≥ 2 and 1 ≤ min_epochs ≤ max_epochs");
        }
    }

    /** min, min·η, … below max, then max. */
    static List<Integer> ladder(long from, int maxEpochs, int eta) {
        List<Integer> rungs = new ArrayList<>();
        for (long e = from; e < maxEpochs; e *= eta) {
            rungs.add((int) e);
        }
        rungs.add(maxEpochs);
        return rungs;
    }

    @Override
    public List<Bracket> brackets() {
        return List.of(new Bracket(0, trials, ladder(minEpochs, maxEpochs, eta), eta));
    }

    @Override
    public String describe() {
        Bracket b = brackets().get(0);
        return "successive halving, eta " + eta + ", " + trials + " candidates, rungs at " + b.rungs() + " epochs ("
                + b.candidatesPerRung() + " candidates)";
    }
}
