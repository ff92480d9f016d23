package rnnsuite.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The critical-difference diagram's groups and drawing; the table and tests end to end are TaskStudyTest's. */
class CrossTaskReportTest {

    /** A chart's id becomes a script variable: one with a hyphen would stop the page's script, and no chart would draw. */
    @Test
    void aChartsIdIsAScriptNameWhateverItsCallerGives() {
        String html = Html.figure("cost-0-time", new tech.tablesaw.plotly.components.Figure(
                tech.tablesaw.plotly.components.Layout.builder().build(),
                tech.tablesaw.plotly.traces.ScatterTrace.builder(new double[] {1, 2}, new double[] {3, 4}).build()));
        assertTrue(html.contains("id='cost_0_time'") && html.contains("Plotly.newPlot(target_cost_0_time,"), html);
        assertTrue(!java.util.regex.Pattern.compile("target_\\w*-").matcher(html).find(), html);
    }

    /**
     * Demšar's example: at α = 0.05 (CD 1.25) Nemenyi's test tells none of the four apart, one bar over all; at α = 0.10
     * (CD 1.12) C4.5 (3.143) differs from C4.5+m+cf (1.964) and C4.5+m (2.000): bars over the best three and the last two.
     */
    @Test
    void groupsAreTheMaximalRunsWithinTheCriticalDifference() {
        double[] ranks = {3.143, 2.000, 2.893, 1.964};
        Integer[] order = {3, 1, 2, 0};
        List<int[]> all = CrossTaskReport.groups(order, ranks, RankTests.criticalDifference(4, 14, 0.05));
        assertEquals(1, all.size());
        assertArrayEquals(new int[] {0, 3}, all.get(0));
        List<int[]> groups = CrossTaskReport.groups(order, ranks, RankTests.criticalDifference(4, 14, 0.10));
        assertEquals(2, groups.size());
        assertArrayEquals(new int[] {0, 2}, groups.get(0));
        assertArrayEquals(new int[] {2, 3}, groups.get(1));
        // a critical difference below every gap joins nothing
        assertEquals(0, CrossTaskReport.groups(order, ranks, 0.01).size());
    }

    @Test
    void theDiagramPlacesEveryCellWithItsRank() {
        String svg = CrossTaskReport.diagram(List.of("C4.5", "C4.5+m", "C4.5+cf", "C4.5+m+cf"),
                new double[] {3.143, 2.000, 2.893, 1.964}, 1.12);
        assertTrue(svg.contains("CD = 1.12"), svg);
        for (String label : List.of("C4.5 (3.14)", "C4.5+m (2.00)", "C4.5+cf (2.89)", "C4.5+m+cf (1.96)")) {
            assertTrue(svg.contains(label), label);
        }
        assertEquals(2, svg.split("stroke-width=\"4\"", -1).length - 1, "one bar per group");
    }
}
