package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Runs side by side on the local engine give exactly what one after the other gives, at any thread count. */
@Tag("slow")
class ParallelLocalEngineTest {

    static final String PLAN = """
            variants: [lstm, min_lstm, gru]
            seeds: [1, 2]
            data: {dataset: recall, examples: 300, max_len: 12}
            model: {layers: 2, units: 20, dropout: 0.25}
            train: {epochs: 2, batch_size: 32}
            """;

    @TempDir
    Path dir;

    private Table runs(Path results, int parallel) {
        return runs(results, parallel, Math.max(1, rnnsuite.runtime.Natives.threads() / parallel));
    }

    private Table runs(Path results, int parallel, int threads) {
        Path file = dir.resolve("side.yaml");
        try {
            Files.writeString(file, PLAN);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new PlanRunner(results, new PrintStream(buffer, true, StandardCharsets.UTF_8))
                .run(PlanReader.load(file), "test", new LocalEngine(parallel, threads));
        if (parallel > 1) {
            assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("2 at a time"), buffer.toString(StandardCharsets.UTF_8));
        }
        return Table.read().usingOptions(CsvReadOptions.builder(results.resolve("side/runs.csv").toFile()));
    }

    @Test
    void twoRunsAtATimeEqualOneAfterTheOther() throws Exception {
        Table one = runs(dir.resolve("one"), 1);
        Table two = runs(dir.resolve("two"), 2);
        assertEquals(6, one.rowCount());
        for (String column : List.of("run_id", "test_loss", "test_accuracy", "params")) {
            assertEquals(one.column(column).asList(), two.column(column).asList(), column);
        }
        String epochsOne = Files.readString(dir.resolve("one/side/epochs.csv"));
        String epochsTwo = Files.readString(dir.resolve("two/side/epochs.csv"));
        assertEquals(column(epochsOne, "val_loss"), column(epochsTwo, "val_loss"), "validation loss after every epoch");
    }

    /** The same plan one run at a time with 1 and 3 threads per run: the same runs.csv metrics. */
    @Test
    void theThreadCountChangesNoNumber() {
        Table one = runs(dir.resolve("t1"), 1, 1);
        Table three = runs(dir.resolve("t3"), 1, 3);
        for (String column : List.of("run_id", "test_loss", "test_accuracy")) {
            assertEquals(one.column(column).asList(), three.column(column).asList(), column);
        }
    }

    private static List<String> column(String csv, String name) {
        List<String> lines = csv.lines().toList();
        int index = List.of(lines.get(0).split(",")).indexOf(name);
        return lines.stream().skip(1).map(l -> l.split(",")[index]).toList();
    }
}
