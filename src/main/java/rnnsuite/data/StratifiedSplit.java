package rnnsuite.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic stratified split: within each class, examples are shuffled with the seed and cut
 * by the fractions, so every split keeps the corpus' class proportions (up to rounding) and the same
 * seed always gives the same split.
 */
public final class StratifiedSplit {

    public static final String[] NAMES = {"train", "validation", "test"};

    private StratifiedSplit() {
    }

    /**
     * @param labels    one label per example
     * @param fractions train, validation and test fractions (positive, summing to 1)
     * @param seed      the split seed
     * @return three arrays of example indices (train, validation, test), each in ascending order
     */
    public static int[][] indices(List<String> labels, List<Double> fractions, long seed) {
        validate(fractions);
        Map<String, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byClass.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Random random = new Random(seed);
        for (Map.Entry<String, List<Integer>> entry : byClass.entrySet()) {
            List<Integer> members = entry.getValue();
            int n = members.size();
            int nValidation = (int) Math.round(n * fractions.get(1));
            int nTest = (int) Math.round(n * fractions.get(2));
            int nTrain = n - nValidation - nTest;
            if (nTrain < 1 || nValidation < 1 || nTest < 1) {
                throw new IllegalArgumentException("class '" + entry.getKey() + "' has " + n + " example(s): too few for a "
                        + "train/validation/test split of " + fractions + " (each split needs at least one); "
                        + "add examples of that class or drop it from the data");
            }
            Collections.shuffle(members, random);
            parts.get(0).addAll(members.subList(0, nTrain));
            parts.get(1).addAll(members.subList(nTrain, nTrain + nValidation));
            parts.get(2).addAll(members.subList(nTrain + nValidation, n));
        }
        int[][] out = new int[3][];
        for (int s = 0; s < 3; s++) {
            out[s] = parts.get(s).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    static void validate(List<Double> fractions) {
        if (fractions == null || fractions.size() != 3) {
            throw new IllegalArgumentException("split must list three fractions (train, validation, test), got " + fractions);
        }
        double sum = 0;
        for (double f : fractions) {
            if (!(f > 0 && f < 1)) {
                throw new IllegalArgumentException("split fractions must each lie strictly between 0 and 1, got " + fractions);
            }
            sum += f;
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new IllegalArgumentException("split fractions must sum to 1, got " + fractions + " (sum " + sum + ")");
        }
    }
}
