package rnnsuite.experiments.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Hyperband (Li et al. 2018, <em>Hyperband: a novel bandit-based approach to hyperparameter optimization</em>): with R =
 * max_epochs / min_epochs and s_max = ⌊log_η R⌋, brackets s = s_max … 0, bracket s drawing ⌈(s_max+1)/(s+1)·η^s⌉
 * configurations that start at max_epochs/η^s epochs and halve by η up to max_epochs. The first bracket tries many
 * configurations briefly, the last a few at full length, so a cell whose early epochs mislead is not judged by them
 * alone. The number of candidates follows from min_epochs, max_epochs and η; each bracket costs about the same.
 */
public record Hyperband(int minEpochs, int maxEpochs, int eta) implements SearchMethod {

    public Hyperband {
        if (eta < 2 || minEpochs < 1 || minEpochs > maxEpochs) {
            throw new IllegalArgumentException("hyperband needs eta ≥ 2 and 1 ≤ min_epochs ≤ max_epochs");
        }
    }

    @Override
    public List<Bracket> brackets() {
        int sMax = 0;
        while (Math.pow(eta, sMax + 1) <= (double) maxEpochs / minEpochs + 1e-9) {
            sMax++;
        }
        List<Bracket> brackets = new ArrayList<>();
        int first = 0;
        for (int s = sMax; s >= 0; s--) {
            int n = (int) Math.ceil((sMax + 1.0) / (s + 1) * Math.pow(eta, s));
            long start = Math.max(minEpochs, Math.round(maxEpochs / Math.pow(eta, s)));
            List<Integer> rungs = new ArrayList<>();
            for (int i = 0; i <= s; i++) {
                int e = (int) Math.max(start, Math.round(maxEpochs / Math.pow(eta, s - i)));
                if (rungs.isEmpty() || e > rungs.get(rungs.size() - 1)) {
                    rungs.add(e);
                }
            }
            brackets.add(new Bracket(first, n, rungs, eta));
            first += n;
        }
        return brackets;
    }

    @Override
    public String describe() {
        List<String> parts = new ArrayList<>();
        for (Bracket b : brackets()) {
            parts.add(b.candidates() + " at " + b.rungs());
        }
        return "hyperband, eta " + eta + ", " + brackets().size() + " brackets (candidates at rungs of epochs: "
                + String.join("; ", parts) + ")";
    }
}
