package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.report.ResultTables;
import rnnsuite.train.RunRecord;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** A tiny study on the real embedded corpus: tiny network, short sequences, two epochs. */
@Tag("slow")
class EndToEndTest {

    @TempDir
    static Path results;
    static List<RunRecord> records;
    static String console;

    @BeforeAll
    static void runTinyPlan() throws IOException {
        Path planFile = results.resolve("tiny.yaml");
        Files.writeString(planFile, """
                description: tiny end-to-end check
                variants: [simple_rnn, lstm]
                seeds: [1, 2]
                data: {max_len: 8, max_vocab: 500}
                model: {layers: 2, units: 8, embedding_size: 8}
                train: {epochs: 2, batch_size: 64}
                """);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        records = new PlanRunner(results, new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .run(PlanReader.load(planFile), "test");
        console = buffer.toString(StandardCharsets.UTF_8);
    }

    private static Table read(String file) throws IOException {
        return Table.read().usingOptions(CsvReadOptions.builder(results.resolve("tiny").resolve(file).toFile()));
    }

    @Test
    void writesEveryOutputFile() {
        for (String file : List.of("runs.csv", "epochs.csv", "summary.csv", "comparison.csv", "confusion.csv", "gradients.csv",
                "report.html")) {
            assertTrue(Files.isRegularFile(results.resolve("tiny").resolve(file)), file);
        }
        assertTrue(Files.isRegularFile(results.resolve("plotly.js")), "one plotly.js in the results root");
        assertTrue(console.contains("[8/8] tfidf_logreg-s2-"), console);
    }

    @Test
    void runsCsvHasTheDocumentedColumnsAndReadsBackUnchanged() throws IOException {
        Table runs = read("runs.csv");
        assertTrue(runs.columnNames().containsAll(List.of("run_id", "plan", "variant", "dataset", "seed", "epochs",
                "batch_size", "max_len", "params", "train_seconds", "samples_per_sec", "test_loss", "test_accuracy",
                "test_precision", "test_recall", "test_f1", "test_auc", "impl")), runs.columnNames().toString());
        Table expected = ResultTables.runs(records);
        assertEquals(expected.rowCount(), runs.rowCount());
        assertEquals(List.of("simple_rnn-s1", "simple_rnn-s2", "lstm-s1", "lstm-s2", "majority-s1", "majority-s2",
                "tfidf_logreg-s1", "tfidf_logreg-s2"), runs.stringColumn("run_id").asList().stream()
                .map(id -> id.replaceFirst("-[0-9a-f]{6}$", "")).toList());
        assertEquals(Set.of("simple_rnn", "lstm", "majority", "tfidf_logreg"),
                Set.copyOf(runs.stringColumn("variant").asList()));
        for (String column : ResultTables.TEST_METRICS) {
            for (int r = 0; r < runs.rowCount(); r++) {
                assertEquals(expected.doubleColumn(column).get(r), runs.numberColumn(column).getDouble(r), column);
            }
        }
        for (int r = 0; r < runs.rowCount(); r++) {
            double accuracy = runs.numberColumn("test_accuracy").getDouble(r);
            assertTrue(accuracy > 0 && accuracy <= 1, "accuracy " + accuracy);
            double throughput = runs.numberColumn("samples_per_sec").getDouble(r);
            // The majority baseline trains nothing, so it has no throughput to report.
            boolean majority = runs.stringColumn("variant").get(r).equals("majority");
            assertTrue(majority ? Double.isNaN(throughput) : throughput > 0, runs.stringColumn("run_id").get(r) + " " + throughput);
        }
    }

    @Test
    void epochsCsvHasOneRowPerRunAndEpoch() throws IOException {
        Table epochs = read("epochs.csv");
        assertEquals(List.of("run_id", "arm", "variant", "max_len", "seed", "epoch", "train_loss", "val_loss", "val_accuracy",
                "epoch_seconds", "grad_norm_mean", "grad_norm_max"), epochs.columnNames());
        assertEquals(4 * 2 + 2 * 2, epochs.rowCount(), "recurrent and TF-IDF runs have epochs, majority has none");
        Table expected = ResultTables.epochs(records);
        for (int r = 0; r < epochs.rowCount(); r++) {
            assertEquals(expected.doubleColumn("val_loss").get(r), epochs.numberColumn("val_loss").getDouble(r));
            assertTrue(epochs.numberColumn("grad_norm_max").getDouble(r) >= epochs.numberColumn("grad_norm_mean").getDouble(r));
            assertTrue(epochs.numberColumn("grad_norm_mean").getDouble(r) > 0);
        }
    }

    @Test
    void summaryAggregatesOverSeedsPerVariant() throws IOException {
        Table summary = read("summary.csv");
        Table runs = read("runs.csv");
        assertEquals(List.of("simple_rnn", "lstm", "majority", "tfidf_logreg"), summary.stringColumn("variant").asList());
        for (int v = 0; v < 4; v++) {
            String variant = summary.stringColumn("variant").get(v);
            Table rows = runs.where(runs.stringColumn("variant").isEqualTo(variant));
            double a = rows.numberColumn("test_accuracy").getDouble(0);
            double b = rows.numberColumn("test_accuracy").getDouble(1);
            assertEquals(2, summary.numberColumn("runs").getDouble(v));
            assertEquals((a + b) / 2, summary.numberColumn("test_accuracy_mean").getDouble(v), 1e-12);
            assertEquals(Math.abs(a - b) / Math.sqrt(2), summary.numberColumn("test_accuracy_std").getDouble(v), 1e-12);
        }
    }

    @Test
    void comparisonPairsTheVariantsOverTheSeeds() throws IOException {
        Table comparison = read("comparison.csv");
        Table accuracy = comparison.where(comparison.stringColumn("metric").isEqualTo("test_accuracy"));
        assertEquals(6, accuracy.rowCount(), "every pair of the four arms");
        assertEquals("simple_rnn", accuracy.stringColumn("arm_a").get(0));
        assertEquals("lstm", accuracy.stringColumn("arm_b").get(0));
        assertEquals(2, accuracy.numberColumn("pairs").getDouble(0));
        Table summary = read("summary.csv");
        assertEquals(summary.numberColumn("test_accuracy_mean").getDouble(0) - summary.numberColumn("test_accuracy_mean").getDouble(1),
                accuracy.numberColumn("mean_diff").getDouble(0), 1e-12);
        double p = accuracy.numberColumn("p_paired_t").getDouble(0);
        assertTrue(Double.isNaN(p) || p >= 0 && p <= 1, "p = " + p);
        assertEquals(0, read("gradients.csv").rowCount(), "no gradient probe for token input");
    }

    @Test
    void confusionCountsAddUpToTheTestSplit() throws IOException {
        Table confusion = read("confusion.csv");
        for (RunRecord r : records) {
            Table rows = confusion.where(confusion.stringColumn("run_id").isEqualTo(r.runId()));
            assertEquals(4, rows.rowCount(), "2 × 2 cells");
            assertEquals(887, (long) rows.numberColumn("count").sum(), "every test example once");
        }
    }

    @Test
    void reportHasItsSectionsAndNoRemoteScript() throws IOException {
        String html = Files.readString(results.resolve("tiny").resolve("report.html"));
        for (String part : List.of("Test metrics", "Comparisons", "Learning curves", "Cost", "Dataset", "Runs",
                "Confusion matrices", "Plotly.newPlot", "lstm-s2", "95% confidence interval")) {
            assertTrue(html.contains(part), part);
        }
        assertTrue(html.contains("<script src=\"../plotly.js\"></script>"));
        assertTrue(!html.contains("cdn.plot.ly") && !html.contains("https://"), "nothing loads from the network");
    }
}
