package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

    private static final List<Double> FRACTIONS = List.of(0.7, 0.15, 0.15);

    private static List<String> labels(int a, int b) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < a; i++) {
            labels.add("a");
        }
        for (int i = 0; i < b; i++) {
            labels.add("b");
        }
        return labels;
    }

    @Test
    void sizesFollowTheFractionsWithinEachClass() {
        List<String> labels = labels(200, 100);
        int[][] parts = StratifiedSplit.indices(labels, FRACTIONS, 7);
        // per class: a = 140/30/30, b = 70/15/15
        assertEquals(210, parts[0].length);
        assertEquals(45, parts[1].length);
        assertEquals(45, parts[2].length);
        for (int[] part : parts) {
            long a = Arrays.stream(part).filter(i -> labels.get(i).equals("a")).count();
            assertEquals(2.0, a / (double) (part.length - a), 1e-9, "class ratio 2:1 kept in every split");
        }
    }

    @Test
    void everyExampleLandsInExactlyOneSplit() {
        List<String> labels = labels(97, 41);
        int[][] parts = StratifiedSplit.indices(labels, FRACTIONS, 3);
        Set<Integer> seen = new HashSet<>();
        for (int[] part : parts) {
            for (int i : part) {
                assertTrue(seen.add(i), "example " + i + " is in two splits");
            }
        }
        assertEquals(labels.size(), seen.size());
    }

    @Test
    void theSeedFixesTheSplit() {
        List<String> labels = labels(60, 40);
        int[][] first = StratifiedSplit.indices(labels, FRACTIONS, 11);
        int[][] again = StratifiedSplit.indices(labels, FRACTIONS, 11);
        int[][] other = StratifiedSplit.indices(labels, FRACTIONS, 12);
        for (int s = 0; s < 3; s++) {
            assertArrayEquals(first[s], again[s]);
        }
        assertFalse(Arrays.equals(first[2], other[2]), "another seed gives another test split");
    }

    @Test
    void aClassTooSmallForThreeSplitsIsRefusedByName() {
        List<String> labels = labels(50, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StratifiedSplit.indices(labels, FRACTIONS, 1));
        assertTrue(e.getMessage().contains("class 'b' has 2 example(s)"), e.getMessage());
    }

    @Test
    void fractionsMustBeThreeAndSumToOne() {
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.validate(List.of(0.5, 0.5)));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.validate(List.of(0.7, 0.2, 0.2)));
        assertThrows(IllegalArgumentException.class, () -> StratifiedSplit.validate(List.of(1.0, 0.0, 0.0)));
    }
}
