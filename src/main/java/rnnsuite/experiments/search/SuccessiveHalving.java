package rnnsuite.experiments.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Successive halving (Jamieson &amp; Talwalkar 2016), the synchronous form of ASHA (Li et al. 2020):
 * rungs at {@code min_epochs}, min·η, min·η², … and {@code max_epochs} last; the best ⌊n/η⌋ of a
 * rung's n candidates (at least one) go on to the next, continuing from their checkpoints. With 27
 * trials, η = 3 and epochs 1…9 an arm trains 27·1 + 9·2 + 3·6 = 63 epochs instead of random search's
 * 27·9 = 243.
 */
public record SuccessiveHalving(int minEpochs, int maxEpochs, int eta) implements SearchMethod {

    public SuccessiveHalving {
        if (eta < 2 || minEpochs < 1 || minEpochs > maxEpochs) {
            throw new IllegalArgumentException("successive halving needs eta ≥ 2 and 1 ≤ min_epochs ≤ max_epochs");
        }
    }

    @Override
    public List<Integer> rungs() {
        List<Integer> rungs = new ArrayList<>();
        for (long e = minEpochs; e < maxEpochs; e *= eta) {
            rungs.add((int) e);
        }
        rungs.add(maxEpochs);
        return rungs;
    }

    @Override
    public int promoted(int rung, int candidates) {
        return rung >= rungs().size() - 1 ? 0 : Math.max(1, candidates / eta);
    }
}
