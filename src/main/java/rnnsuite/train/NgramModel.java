package rnnsuite.train;

import java.util.HashMap;
import java.util.Map;

/**
 * A character n-gram model (order {@value #ORDER}: up to four characters of context) with Witten-Bell interpolation:
 * P(c | h) = (C(h, c) + T(h)·P(c | h')) / (C(h) + T(h)), where C counts the training text, T(h) is the number of
 * different characters seen after h, h' is h without its oldest character, and the empty context falls back to a
 * uniform guess over the vocabulary (padding left out). Contexts never reach back past the start of a window, so the
 * model sees what a recurrent network sees.
 */
final class NgramModel {

    static final int ORDER = 5;

    private final int vocabulary;
    /** Per context (and order): count of each next id. */
    private final Map<Long, Map<Integer, Integer>> next = new HashMap<>();
    private final Map<Long, Integer> totals = new HashMap<>();

    /**
     * @param vocabulary ids 0 (padding, never predicted) .. vocabulary − 1
     * @param windows    the training windows: inputs x and targets y (x shifted by one)
     */
    NgramModel(int vocabulary, int[][] x, int[][] y) {
        if (Math.pow(vocabulary, ORDER - 1) * ORDER >= Long.MAX_VALUE / 2) {
            throw new IllegalArgumentException("the n-gram baseline takes at most a few thousand different characters, got " + vocabulary);
        }
        this.vocabulary = vocabulary;
        for (int w = 0; w < x.length; w++) {
            for (int t = 0; t < x[w].length; t++) {
                for (int k = 0; k < ORDER && k <= t + 1; k++) {
                    long key = key(x[w], t, k);
                    next.computeIfAbsent(key, c -> new HashMap<>()).merge(y[w][t], 1, Integer::sum);
                    totals.merge(key, 1, Integer::sum);
                }
            }
        }
    }

    /** The context of the last {@code k} inputs up to step t (k = 0: the empty context), with its order. */
    private long key(int[] window, int t, int k) {
        long key = k;
        for (int i = t - k + 1; i <= t; i++) {
            key = key * vocabulary + window[i];
        }
        return key;
    }

    /** The distribution of the character after step t of a window, over ids 0 .. vocabulary − 1. */
    double[] distribution(int[] window, int t) {
        double[] p = new double[vocabulary];
        for (int c = 1; c < vocabulary; c++) {
            p[c] = 1.0 / (vocabulary - 1);
        }
        int longest = Math.min(ORDER - 1, t + 1);
        for (int k = 0; k <= longest; k++) {
            long key = key(window, t, k);
            Integer total = totals.get(key);
            if (total == null) {
                continue; // an unseen context keeps the shorter one's estimate
            }
            Map<Integer, Integer> counts = next.get(key);
            double types = counts.size();
            double[] q = new double[vocabulary];
            for (int c = 1; c < vocabulary; c++) {
                q[c] = types * p[c] / (total + types);
            }
            counts.forEach((c, n) -> q[c] += n / (total + types));
            p = q;
        }
        return p;
    }
}
