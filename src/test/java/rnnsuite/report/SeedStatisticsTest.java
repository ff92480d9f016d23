package rnnsuite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeedStatisticsTest {

    @Test
    void meanStdAndStudentInterval() {
        double[] d = SeedStatistics.describe(new double[] {1, 2, 3, 4, 5});
        assertEquals(3, d[0], 1e-12);
        assertEquals(Math.sqrt(2.5), d[1], 1e-12);
        // t(0.975, 4) = 2.776445105
        double half = 2.776445105 * Math.sqrt(2.5) / Math.sqrt(5);
        assertEquals(3 - half, d[2], 1e-8);
        assertEquals(3 + half, d[3], 1e-8);
    }

    @Test
    void oneValueHasNoSpread() {
        double[] d = SeedStatistics.describe(new double[] {0.7});
        assertEquals(0.7, d[0]);
        assertTrue(Double.isNaN(d[1]) && Double.isNaN(d[2]) && Double.isNaN(d[3]));
    }

    @Test
    void pairedTestsOnKnownData() {
        // differences 1, 1, 2, 1: mean 1.25, sd 0.5, t = 1.25 / (0.5 / 2) = 5 with 3 degrees of freedom
        SeedStatistics.Paired p = SeedStatistics.paired(new double[] {1, 2, 3, 4}, new double[] {0, 1, 1, 3});
        assertEquals(4, p.pairs());
        assertEquals(1.25, p.meanDifference(), 1e-12);
        assertEquals(5.0, p.t(), 1e-12);
        assertEquals(0.015392, p.pT(), 1e-5);
        // all four differences positive: exact two-sided Wilcoxon p = 2 / 2^4
        assertEquals(0.125, p.pWilcoxon(), 1e-12);
        double half = 3.182446305 * 0.5 / 2;
        assertEquals(1.25 - half, p.ciLow(), 1e-8);
        assertEquals(1.25 + half, p.ciHigh(), 1e-8);
    }

    @Test
    void identicalArmsAreNotDifferent() {
        SeedStatistics.Paired p = SeedStatistics.paired(new double[] {0.9, 0.8, 0.7}, new double[] {0.9, 0.8, 0.7});
        assertEquals(0, p.meanDifference());
        assertEquals(1.0, p.pT());
        assertEquals(1.0, p.pWilcoxon());
    }
}
