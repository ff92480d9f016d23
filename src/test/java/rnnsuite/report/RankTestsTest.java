package rnnsuite.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rank tests against Demšar (2006) worked by hand, his table of Nemenyi quantiles, and SciPy 1.10 run outside
 * the tests (scripts/golden_rank_tests.py, committed as golden/rank-tests.json).
 */
class RankTestsTest {

    @Test
    void ranksShareTheMeanOfTiedPlacesAndFollowTheMetricsDirection() {
        assertArrayEquals(new double[] {4, 2.5, 1, 2.5}, RankTests.ranks(new double[] {0.9, 0.5, 0.1, 0.5}, false));
        assertArrayEquals(new double[] {1, 2.5, 4, 2.5}, RankTests.ranks(new double[] {0.9, 0.5, 0.1, 0.5}, true));
        assertArrayEquals(new double[] {2, 2, 2}, RankTests.ranks(new double[] {1, 1, 1}, true));
        assertThrows(IllegalArgumentException.class, () -> RankTests.ranks(new double[] {1, Double.NaN}, true));
    }

    /** Demšar 2006, section 3.2.2: four C4.5 variants on 14 data sets, mean ranks 3.143, 2.000, 2.893, 1.964. */
    @Test
    void friedmanAndPostHocTestsMatchDemsarsWorkedExample() {
        double[] ranks = {3.143, 2.000, 2.893, 1.964};
        RankTests.Friedman f = RankTests.friedman(ranks, 14);
        assertEquals(9.28, f.chiSquare(), 0.005);
        assertEquals(3.69, f.imanDavenport(), 0.005);
        // F(3, 39) at α = 0.05 is 2.85 (his text): F_F exceeds it, so the null hypothesis is rejected
        assertTrue(f.pImanDavenport() < 0.05);
        assertEquals(1.25, RankTests.criticalDifference(4, 14, 0.05), 0.005);
        assertEquals(0.488, RankTests.standardError(4, 14), 0.0005);

        // Holm with C4.5 (the first) as control: p 0.016 (C4.5+m+cf), 0.019 (C4.5+m), 0.607 (C4.5+cf);
        // α/3 = 0.017 and α/2 = 0.025 reject the first two, α = 0.05 keeps the third
        RankTests.Holm h = RankTests.holm(ranks, 14, 0, 0.05);
        assertEquals(0.016, h.p()[3], 0.001);
        assertEquals(0.019, h.p()[1], 0.001);
        assertEquals(0.61, h.p()[2], 0.005);
        assertTrue(h.rejected()[3] && h.rejected()[1]);
        assertFalse(h.rejected()[2] || h.rejected()[0]);
        assertTrue(Double.isNaN(h.p()[0]));
        assertEquals(3, RankTests.best(ranks));
    }

    /** Demšar's Table 5a, q at α = 0.05 for k = 2…10, printed to three decimals (truncated: 2.3437 as 2.343). */
    @Test
    void nemenyiQuantilesMatchDemsarsTable() {
        double[] table = {1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164};
        for (int k = 2; k <= 10; k++) {
            assertEquals(table[k - 2], RankTests.nemenyiQ(k, 0.05), 0.001, "k = " + k);
        }
        // α = 0.10 (his Table 5a's second row starts 1.645, 2.052, 2.291)
        assertEquals(1.645, RankTests.nemenyiQ(2, 0.10), 0.001);
        assertEquals(2.291, RankTests.nemenyiQ(4, 0.10), 0.001);
    }

    @Test
    void everyStatisticMatchesScipy() throws IOException {
        JsonNode root;
        try (InputStream in = RankTestsTest.class.getResourceAsStream("/golden/rank-tests.json")) {
            root = new ObjectMapper().readTree(in);
        }
        assertTrue(root.get("cases").size() >= 4);
        for (JsonNode c : root.get("cases")) {
            String name = c.get("name").asText();
            double[][] scores = matrix(c.get("scores"));
            boolean[] higher = new boolean[scores.length];
            for (int d = 0; d < higher.length; d++) {
                higher[d] = c.get("higher_is_better").get(d).asBoolean();
                assertArrayEquals(vector(c.get("ranks").get(d)), RankTests.ranks(scores[d], higher[d]), 1e-12, name);
            }
            RankTests.Friedman f = RankTests.friedman(scores, higher);
            double alpha = c.get("alpha").asDouble();
            assertArrayEquals(vector(c.get("mean_ranks")), f.meanRanks(), 1e-12, name);
            assertEquals(c.get("chi_square").asDouble(), f.chiSquare(), 1e-9, name);
            assertEquals(c.get("p_chi_square").asDouble(), f.pChiSquare(), 1e-9, name);
            assertEquals(c.get("iman_davenport").asDouble(), f.imanDavenport(), 1e-9, name);
            assertEquals(c.get("p_iman_davenport").asDouble(), f.pImanDavenport(), 1e-8, name);
            int k = f.methods();
            assertEquals(c.get("nemenyi_q").asDouble(), RankTests.nemenyiQ(k, alpha), 1e-5, name);
            assertEquals(c.get("critical_difference").asDouble(), RankTests.criticalDifference(k, f.datasets(), alpha), 1e-5, name);
            int control = RankTests.best(f.meanRanks());
            assertEquals(c.get("control").asInt(), control, name);
            RankTests.Holm h = RankTests.holm(f.meanRanks(), f.datasets(), control, alpha);
            for (int j = 0; j < k; j++) {
                if (j == control) {
                    assertTrue(Double.isNaN(h.p()[j]) && Double.isNaN(h.adjustedP()[j]) && !h.rejected()[j], name);
                    continue;
                }
                assertEquals(c.get("holm_z").get(j).asDouble(), h.z()[j], 1e-9, name);
                assertEquals(c.get("holm_p").get(j).asDouble(), h.p()[j], 1e-9, name);
                assertEquals(c.get("holm_adjusted_p").get(j).asDouble(), h.adjustedP()[j], 1e-9, name);
                assertEquals(c.get("holm_rejected").get(j).asBoolean(), h.rejected()[j], name + " method " + j);
            }
        }
    }

    @Test
    void unanimousAndTiedTablesGiveTheLimits() {
        // every dataset ranks the three methods alike: χ² is its maximum N(k − 1), F infinite, p 0
        double[][] same = {{1, 2, 3}, {1, 2, 3}, {1, 2, 3}, {1, 2, 3}};
        RankTests.Friedman f = RankTests.friedman(same, new boolean[] {false, false, false, false});
        assertEquals(8, f.chiSquare(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, f.imanDavenport());
        assertEquals(0, f.pImanDavenport());
        // every dataset ties every method: nothing differs
        double[][] tied = {{5, 5, 5}, {2, 2, 2}};
        RankTests.Friedman t = RankTests.friedman(tied, new boolean[] {true, false});
        assertEquals(0, t.chiSquare(), 1e-12);
        assertEquals(1, t.pChiSquare(), 1e-12);
        assertEquals(1, t.pImanDavenport(), 1e-12);
    }

    @Test
    void tablesThatCannotBeTestedAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RankTests.friedman(new double[][] {{1, 2}}, new boolean[] {true}));
        assertThrows(IllegalArgumentException.class, () -> RankTests.friedman(new double[][] {{1}, {2}}, new boolean[] {true, true}));
        assertThrows(IllegalArgumentException.class, () -> RankTests.friedman(new double[][] {{1, 2}, {1}}, new boolean[] {true, true}));
        assertThrows(IllegalArgumentException.class, () -> RankTests.friedman(new double[][] {{1, 2}, {2, 1}}, new boolean[] {true}));
        assertThrows(IllegalArgumentException.class, () -> RankTests.nemenyiQ(1, 0.05));
        assertThrows(IllegalArgumentException.class, () -> RankTests.nemenyiQ(3, 1.5));
        assertThrows(IllegalArgumentException.class, () -> RankTests.holm(new double[] {1, 2}, 5, 2, 0.05));
    }

    private static double[][] matrix(JsonNode rows) {
        List<double[]> out = new ArrayList<>();
        rows.forEach(r -> out.add(vector(r)));
        return out.toArray(double[][]::new);
    }

    private static double[] vector(JsonNode values) {
        double[] v = new double[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i).asDouble();
        }
        return v;
    }
}
