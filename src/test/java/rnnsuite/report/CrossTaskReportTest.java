package rnnsuite.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The critical-difference diagram's groups and drawing, and the studies at a paper's size beside its figure; the table
 * and tests end to end are TaskStudyTest's.
 */
class CrossTaskReportTest {

    private static final Path REFERENCE = Path.of("results/reference");

    @TempDir
    Path root;

    /** A committed study's record and summary, copied to the same place below the temporary results root. */
    private void copy(String study) throws Exception {
        Files.createDirectories(root.resolve(study));
        for (String file : List.of("study.json", "summary.csv")) {
            Files.copy(REFERENCE.resolve(study).resolve(file), root.resolve(study).resolve(file));
        }
    }

    private static double mean(String study, String arm) throws Exception {
        Table t = Table.read().usingOptions(CsvReadOptions.builder(REFERENCE.resolve(study).resolve("summary.csv").toFile()));
        return t.where(t.stringColumn("arm").isEqualTo(arm)).numberColumn("test_nll_per_frame_mean").getDouble(0);
    }

    /**
     * The committed JSB studies beside the cross-task study's JSB task: Bai et al.'s figures (≈ 300 K parameters) get the
     * TCN-size study's arms of that cell and not the 20 K study's, Chung et al.'s (≈ 20 K) the other way round; the
     * cross-task study's own task is never its own "other study".
     */
    @Test
    void eachPublishedFigureGetsTheOtherStudiesAtItsSize() throws Exception {
        copy("seq-jsb-tcn");
        copy("music-budget/jsb");
        copy("all-tasks/jsb");
        Files.copy(REFERENCE.resolve("all-tasks/tasks.json"), root.resolve("all-tasks/tasks.json"));
        Map<Published, List<CrossTaskReport.Elsewhere>> found = CrossTaskReport.elsewhere(root.resolve("all-tasks"));
        Published chung = Published.nearest("jsb", "gru", 20_000).orElseThrow();
        Published bai = Published.nearest("jsb", "gru", 300_000).orElseThrow();
        assertEquals(8.54, chung.value());
        assertEquals(8.43, bai.value());
        assertEquals(List.of("gru", "gru_pytorch_init", "gru_1layer"), found.get(bai).stream().map(CrossTaskReport.Elsewhere::arm).toList());
        assertTrue(found.get(bai).stream().allMatch(e -> e.link().equals("../seq-jsb-tcn/report.html")), found.get(bai).toString());
        assertEquals(mean("seq-jsb-tcn", "gru_1layer"), found.get(bai).get(2).mean());
        assertEquals(List.of("../music-budget/jsb/report.html"), found.get(chung).stream().map(CrossTaskReport.Elsewhere::link).toList());
        assertEquals(mean("music-budget/jsb", "gru"), found.get(chung).get(0).mean());
        assertEquals(2, found.get(chung).get(0).runs());
        // the page's published table shows them, linked
        CrossTaskReport.rebuild(root.resolve("all-tasks"));
        String html = Files.readString(root.resolve("all-tasks/report.html"));
        assertTrue(html.contains("<a href=\"../seq-jsb-tcn/report.html\">seq-jsb-tcn</a> gru_1layer "
                + String.format(java.util.Locale.ROOT, "%.3f", mean("seq-jsb-tcn", "gru_1layer"))), html);
        assertTrue(html.contains("<a href=\"../music-budget/jsb/report.html\">music-budget/jsb</a> gru "), html);
    }

    /**
     * Two studies of one cell at one size that trained differently: beside Chung et al.'s figure the arm trained with
     * their RMSProp and weight noise says so, read from its runs' settings; the one trained by the default says nothing.
     */
    @Test
    void anArmTrainedOtherwiseThanByDefaultSaysHow() throws Exception {
        for (String study : List.of("music-budget/jsb", "music-chung/jsb")) {
            copy(study);
            Files.copy(REFERENCE.resolve(study).resolve("runs.csv"), root.resolve(study).resolve("runs.csv"));
            try (var runs = Files.list(REFERENCE.resolve(study).resolve("runs"))) {
                for (Path run : runs.toList()) {
                    Path to = Files.createDirectories(root.resolve(study).resolve("runs").resolve(run.getFileName().toString()));
                    Files.copy(run.resolve("config.json"), to.resolve("config.json"));
                }
            }
        }
        copy("all-tasks/jsb");
        Files.copy(REFERENCE.resolve("all-tasks/tasks.json"), root.resolve("all-tasks/tasks.json"));
        Published chung = Published.nearest("jsb", "gru", 20_000).orElseThrow();
        Map<String, String> recipes = new java.util.TreeMap<>();
        for (CrossTaskReport.Elsewhere e : CrossTaskReport.elsewhere(root.resolve("all-tasks")).get(chung)) {
            recipes.put(e.study() + " " + e.arm(), e.recipe());
        }
        assertEquals(Map.of("music-budget/jsb gru", "", "music-chung/jsb gru", "RMSProp, weight noise 0.075"), recipes);
        CrossTaskReport.rebuild(root.resolve("all-tasks"));
        String html = Files.readString(root.resolve("all-tasks/report.html"));
        assertTrue(html.contains("(5 runs, 19,809 parameters; RMSProp, weight noise 0.075)"), html);
        assertTrue(html.contains("(2 runs, 19,809 parameters)"), html);
    }

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
