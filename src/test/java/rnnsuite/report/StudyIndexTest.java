package rnnsuite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results/index.html: every study under the root, with its headline numbers and a link to its report. */
class StudyIndexTest {

    private static void copyStudy(String name, Path root) throws Exception {
        Path source = Path.of("results/reference", name);
        Path target = Files.createDirectories(root.resolve(name));
        for (String file : new String[] {"runs.csv", "epochs.csv", "summary.csv", "comparison.csv", "confusion.csv",
                "gradients.csv", "study.json"}) {
            Files.copy(source.resolve(file), target.resolve(file));
        }
    }

    @Test
    void listsEveryStudyAfterTheirReportsAreWritten(@TempDir Path root) throws Exception {
        copyStudy("cells", root);
        ResultWriter.rebuild(root.resolve("cells")); // as `report` and every plan do: the index follows
        String one = Files.readString(root.resolve(StudyIndex.FILE));
        assertTrue(one.contains("1 study under"), one);

        copyStudy("clipping", root);
        ResultWriter.rebuild(root.resolve("clipping"));
        String html = Files.readString(root.resolve(StudyIndex.FILE));
        assertTrue(html.contains("2 studies under"), html);
        assertTrue(html.contains("href=\"cells/report.html\"") && html.contains("href=\"clipping/report.html\""), html);
        assertTrue(html.contains("Every cell on SpamAssassin mail"), "the description");
        assertTrue(html.contains("<td>gru</td><td>0.967 ± 0.005</td>"), "the GRU's headline accuracy");
        assertTrue(html.contains("21 runs"), "the cells study's run count");
        assertFalse(html.contains("<script"), "plain HTML: opens offline");
        assertEquals(2, StudyIndex.studies(root).size());
    }

    /** Two plans into one results root: after the second, the index lists both. */
    @Test
    void twoPlansTwoEntries(@TempDir Path root) throws Exception {
        for (String name : new String[] {"first", "second"}) {
            Path plan = root.resolve(name + ".yaml");
            Files.writeString(plan, "description: plan " + name + "\nvariants: [min_gru]\nseeds: [1]\n"
                    + "data: {dataset: recall, examples: 120, max_len: 6}\nmodel: {layers: 1, units: 8}\ntrain: {epochs: 1}\n");
            new rnnsuite.experiments.PlanRunner(root.resolve("results"), new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                    .run(rnnsuite.experiments.PlanReader.load(plan), "test");
        }
        String html = Files.readString(root.resolve("results").resolve(StudyIndex.FILE));
        assertTrue(html.contains("2 studies under") && html.contains("plan first") && html.contains("plan second"), html);
        assertTrue(html.contains("href=\"first/report.html\"") && html.contains("href=\"second/report.html\""), html);
    }

    @Test
    void aSweepShowsOneColumnPerLengthAndRegressionShowsMse(@TempDir Path root) throws Exception {
        copyStudy("memory-adding", root);
        StudyIndex.write(root);
        String html = Files.readString(root.resolve(StudyIndex.FILE));
        assertTrue(html.contains("<th>MSE, T = 10</th>") && html.contains("<th>MSE, T = 200</th>"), html);
    }
}
