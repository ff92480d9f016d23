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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** A tiny length sweep of the adding problem, with a clipped arm: the memory study's path end to end. */
class MemoryStudyTest {

    @TempDir
    static Path results;

    @BeforeAll
    static void runTinySweep() throws IOException {
        Path plan = results.resolve("sweep.yaml");
        Files.writeString(plan, """
                variants: [simple_rnn, lstm]
                seeds: [1, 2]
                lengths: [4, 8]
                data: {dataset: adding, examples: 120}
                model: {layers: 1, units: 8, dropout: 0.0}
                train: {epochs: 2, batch_size: 16}
                arms:
                  - name: simple_rnn_clipped
                    variant: simple_rnn
                    model: {gradient_clipping: {method: value, threshold: 0.5}}
                """);
        new PlanRunner(results, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(PlanReader.load(plan), "test");
    }

    private static Table read(String file) throws IOException {
        return Table.read().usingOptions(CsvReadOptions.builder(results.resolve("sweep").resolve(file).toFile()));
    }

    @Test
    void everyArmLengthAndSeedRuns() throws IOException {
        Table runs = read("runs.csv");
        assertEquals(3 * 2 * 2, runs.rowCount());
        assertEquals(List.of(4, 8), runs.intColumn("max_len").unique().asList().stream().sorted().toList());
        assertEquals("value 0.5", runs.where(runs.stringColumn("arm").isEqualTo("simple_rnn_clipped")).stringColumn("clipping").get(0));
        for (int r = 0; r < runs.rowCount(); r++) {
            assertTrue(runs.numberColumn("test_loss").getDouble(r) > 0, "an MSE");
            assertTrue(Double.isNaN(runs.numberColumn("test_accuracy").getDouble(r)) || runs.column("test_accuracy").isMissing(r));
        }
    }

    @Test
    void summaryAndComparisonAreByArmAndLength() throws IOException {
        Table summary = read("summary.csv");
        assertEquals(3 * 2, summary.rowCount());
        assertEquals(2, summary.numberColumn("runs").getDouble(0));
        Table comparison = read("comparison.csv");
        assertEquals(3 * 2, comparison.rowCount(), "three pairs of arms at two lengths, MSE only");
        assertEquals(List.of("test_loss"), comparison.stringColumn("metric").unique().asList());
    }

    @Test
    void theGradientProbeCoversEveryStepBeforeAndAfterTraining() throws IOException {
        Table gradients = read("gradients.csv");
        assertEquals(2 * 2 * 3 * (4 + 8), gradients.rowCount(), "2 seeds × 2 stages × 3 arms × (4 + 8) steps");
        for (int r = 0; r < gradients.rowCount(); r++) {
            assertTrue(gradients.numberColumn("grad_norm").getDouble(r) >= 0);
        }
    }

    @Test
    void theReportShowsTheSweepAndTheProbe() throws IOException {
        String html = Files.readString(results.resolve("sweep").resolve("report.html"));
        for (String part : List.of("Memory vs sequence length", "longest length solved", "Gradient flow", "predict the mean",
                "simple_rnn_clipped", "gradient norm")) {
            assertTrue(html.contains(part), part);
        }
    }
}
