package rnnsuite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportFormatTest {

    @Test
    void smallPValuesStayReadableInsteadOfRoundingToZero() {
        assertEquals("3.5E-5", Html.formatP(3.4702e-5));
        assertEquals("0.1836", Html.formatP(0.18360533));
        assertEquals("0.0010", Html.formatP(0.001));
        assertEquals("0.0000", Html.formatP(0.0));
        assertEquals("–", Html.formatP(Double.NaN));
    }

    /** With three seeds a t-interval reaches past [0, 1]; the report's tables clip it, summary.csv keeps it. */
    @Test
    void intervalsInTheTablesStayInsideTheMetricsRange(@TempDir Path dir) throws Exception {
        Path source = Path.of("results/reference/cells");
        for (String file : new String[] {"runs.csv", "epochs.csv", "summary.csv", "comparison.csv", "confusion.csv",
                "gradients.csv", "study.json"}) {
            Files.copy(source.resolve(file), dir.resolve(file));
        }
        assertTrue(Files.readString(dir.resolve("summary.csv")).contains("-0.4009"), "the raw interval reaches below 0");
        ResultWriter.rebuild(dir);
        String html = Files.readString(dir.resolve("report.html"));
        String metrics = html.substring(html.indexOf("clipped to the metric"), html.indexOf("Comparisons"));
        assertFalse(metrics.contains("[-"), "an interval below 0 in the metrics table");
        assertFalse(metrics.matches("(?s).*, 1\\.[0-9]*[1-9][0-9]*\\].*"), "an interval above 1 in the metrics table");
        assertTrue(metrics.contains("0.3443 ± 0.3000 [0.0000, 1.0000]"), "simple_rnn precision, clipped");
        assertTrue(Files.readString(dir.resolve("summary.csv")).contains("-0.4009"), "summary.csv keeps the raw interval");
    }
}
