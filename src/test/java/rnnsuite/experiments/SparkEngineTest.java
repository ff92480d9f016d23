package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.cli.Main;
import rnnsuite.report.ResultTables;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** The Spark engine on local[2]: the local engine's runs, ids and metrics; results and resume as on the local engine. */
@Tag("slow")
class SparkEngineTest {

    private static final String PLAN = """
            variants: [simple_rnn, lstm]
            seeds: [1, 2]
            data: {max_len: 6, max_vocab: 300}
            model: {layers: 1, units: 8, embedding_size: 4}
            train: {epochs: 2, batch_size: 64}
            """;

    @TempDir
    Path dir;

    private Plan plan() throws IOException {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, PLAN);
        return PlanReader.load(file);
    }

    private static String run(Path results, Plan plan, TrialEngine engine) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new PlanRunner(results, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(plan, "test", engine);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static Table runs(Path planDir) {
        return Table.read().usingOptions(CsvReadOptions.builder(planDir.resolve("runs.csv").toFile()));
    }

    @Test
    void sparkOnLocal2GivesTheLocalEnginesRunIdsAndMetrics() throws IOException {
        Plan plan = plan();
        run(dir.resolve("local"), plan, Engines.named("local", null));
        String log = run(dir.resolve("spark"), plan, Engines.named("spark", "local[2]"));
        assertTrue(log.contains("spark: master local[2], 2 task slot(s), 8 run(s) submitted"), log);

        Table local = runs(dir.resolve("local/tiny"));
        Table spark = runs(dir.resolve("spark/tiny"));
        assertEquals(8, spark.rowCount()); // simple_rnn, lstm and the two baselines × 2 seeds
        assertEquals(local.columnNames(), spark.columnNames());
        assertEquals(local.stringColumn("run_id").asList(), spark.stringColumn("run_id").asList()); // plan order
        for (String metric : ResultTables.TEST_METRICS) {
            for (int r = 0; r < local.rowCount(); r++) {
                assertEquals(local.numberColumn(metric).getDouble(r), spark.numberColumn(metric).getDouble(r), 1e-6,
                        metric + " of " + local.stringColumn("run_id").get(r));
            }
        }
        for (String runId : spark.stringColumn("run_id")) {
            Path runDir = dir.resolve("spark/tiny/runs").resolve(runId);
            for (String file : List.of("result.json", "config.json", "environment.json")) {
                assertTrue(Files.isRegularFile(runDir.resolve(file)), runId + " has no " + file);
            }
            if (!runId.startsWith("majority")) {
                assertTrue(Files.isRegularFile(runDir.resolve("checkpoints/best.zip")), runId + " has no best.zip");
            }
        }
        for (String file : List.of("epochs.csv", "summary.csv", "comparison.csv", "report.html", "study.json")) {
            assertTrue(Files.isRegularFile(dir.resolve("spark/tiny").resolve(file)), file);
        }
    }

    @Test
    void aRerunOnEitherEngineKeepsWhatTheOtherFinished() throws IOException {
        Plan plan = plan();
        Path results = dir.resolve("r");
        run(results, plan, Engines.named("spark", "local[2]"));
        Path planDir = results.resolve("tiny");
        List<String> ids = runs(planDir).stringColumn("run_id").asList();
        List<Double> losses = runs(planDir).numberColumn("test_loss").asList().stream().map(Number::doubleValue).toList();

        String interrupted = plan.trials().get(1).runId();
        Files.delete(planDir.resolve("runs").resolve(interrupted).resolve("result.json")); // as if killed mid-run
        String log = run(results, plan, Engines.named("spark", "local[2]"));
        assertEquals(7, log.lines().filter(l -> l.contains("finished earlier: kept")).count(), log);
        assertTrue(log.contains("1 run(s) submitted"), log);
        assertEquals(ids, runs(planDir).stringColumn("run_id").asList());

        String local = run(results, plan, Engines.named("local", null));
        assertEquals(8, local.lines().filter(l -> l.contains("finished earlier: kept")).count(), local);
        assertEquals(losses, runs(planDir).numberColumn("test_loss").asList().stream().map(Number::doubleValue).toList());
    }

    /** A search on Spark: the same candidates, rungs, objectives and winners as on the local engine. */
    @Test
    void aSearchOnSparkDrawsPromotesAndChoosesAsTheLocalEngine() throws IOException {
        Path file = dir.resolve("search.yaml");
        Files.writeString(file, TuningTest.PLAN);
        Plan plan = PlanReader.load(file);
        run(dir.resolve("local"), plan, Engines.named("local", null));
        String log = run(dir.resolve("spark"), plan, Engines.named("spark", "local[2]"));
        // rungs of 8, 4 and 4 runs (two candidates per arm reach the last), then the finalists' 4 on the second seed
        assertEquals(List.of(8, 4, 4, 4, 8), java.util.regex.Pattern.compile("(\\d+) run\\(s\\) submitted").matcher(log).results()
                .map(m -> Integer.parseInt(m.group(1))).toList(), "one Spark batch per rung, the deciding runs, the final runs: " + log);
        Table local = TuningTest.csv(dir.resolve("local/search/trials.csv"));
        Table spark = TuningTest.csv(dir.resolve("spark/search/trials.csv"));
        assertEquals(local.stringColumn("run_id").asList(), spark.stringColumn("run_id").asList());
        for (int r = 0; r < local.rowCount(); r++) {
            assertEquals(local.doubleColumn("objective").getDouble(r), spark.doubleColumn("objective").getDouble(r), 1e-6,
                    local.stringColumn("run_id").get(r));
        }
        assertEquals(TuningTest.csv(dir.resolve("local/search/best.csv")).stringColumn("run_id").asList(),
                TuningTest.csv(dir.resolve("spark/search/best.csv")).stringColumn("run_id").asList());
        assertEquals(runs(dir.resolve("local/search")).stringColumn("run_id").asList(),
                runs(dir.resolve("spark/search")).stringColumn("run_id").asList());
    }

    /** A study of tasks on Spark (one task searched, one not): the local engine's cross-task table and rank tests. */
    @Test
    void aStudyOfTasksOnSparkGivesTheLocalEnginesTable() throws IOException {
        Path file = dir.resolve("two.yaml");
        Files.writeString(file, """
                variants: [simple_rnn, gru]
                seeds: [1, 2]
                model: {units: 6, layers: 1}
                train: {epochs: 2, batch_size: 32}
                tasks:
                  - name: recall
                    data: {dataset: recall, max_len: 6, examples: 160}
                  - name: copy
                    data: {dataset: copy, max_len: 4, examples: 120}
                    search:
                      trials: 2
                      min_epochs: 1
                      max_epochs: 2
                      eta: 2
                      final_seeds: 2
                      compare_recipe: false
                      space:
                        model:
                          learning_rate: {choice: [0.001, 0.01]}
                """);
        TaskStudy study = PlanReader.loadTasks(file, List.of());
        for (String engine : List.of("local", "spark")) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            new TaskStudyRunner(dir.resolve(engine), new PrintStream(buffer, true, StandardCharsets.UTF_8))
                    .run(study, study, "test", Engines.named(engine, engine.equals("spark") ? "local[2]" : null));
        }
        for (String csv : List.of("cross-task.csv", "rank-tests.csv")) {
            Table local = Table.read().usingOptions(CsvReadOptions.builder(dir.resolve("local/two").resolve(csv).toFile()));
            Table spark = Table.read().usingOptions(CsvReadOptions.builder(dir.resolve("spark/two").resolve(csv).toFile()));
            assertEquals(local.columnNames(), spark.columnNames());
            for (String column : local.columnNames()) {
                if (!column.equals("train_seconds")) {
                    assertEquals(local.column(column).asList(), spark.column(column).asList(), csv + " " + column);
                }
            }
        }
        Table table = Table.read().usingOptions(CsvReadOptions.builder(dir.resolve("spark/two/cross-task.csv").toFile()));
        assertEquals(List.of("simple_rnn", "gru", "simple_rnn_tuned", "gru_tuned"), table.stringColumn("arm").asList());
    }

    /** A per-step task searched on Spark (copy memory, objective val_nats_per_step): the local engine's runs and metrics. */
    @Test
    void aSequenceTaskSearchOnSparkMatchesTheLocalEngine() throws IOException {
        Path file = dir.resolve("copy.yaml");
        Files.writeString(file, """
                variants: [gru]
                data: {dataset: copy, max_len: 6, examples: 120}
                model: {layers: 1, units: 8}
                train: {epochs: 2, batch_size: 32}
                search:
                  method: asha
                  trials: 2
                  min_epochs: 1
                  max_epochs: 2
                  eta: 2
                  final_seeds: 1
                  space:
                    model:
                      learning_rate: {choice: [0.001, 0.01]}
                """);
        Plan plan = PlanReader.load(file);
        assertEquals("val_nats_per_step", plan.search().objective().id(), "the task's own objective by default");
        run(dir.resolve("local"), plan, Engines.named("local", null));
        run(dir.resolve("spark"), plan, Engines.named("spark", "local[2]"));
        Table local = runs(dir.resolve("local/copy"));
        Table spark = runs(dir.resolve("spark/copy"));
        assertEquals(local.stringColumn("run_id").asList(), spark.stringColumn("run_id").asList());
        assertTrue(local.columnNames().contains("test_nats_per_step"), local.columnNames().toString());
        for (String metric : List.of("test_loss", "test_accuracy", "test_nats_per_step")) {
            for (int r = 0; r < local.rowCount(); r++) {
                assertEquals(local.numberColumn(metric).getDouble(r), spark.numberColumn(metric).getDouble(r), 1e-9,
                        metric + " of " + local.stringColumn("run_id").get(r));
            }
        }
    }

    @Test
    void engineOptionsAreChecked() throws IOException {
        Plan plan = plan();
        IllegalArgumentException noMaster = assertThrows(IllegalArgumentException.class,
                () -> run(dir.resolve("m"), plan, Engines.named("spark", null)));
        assertTrue(noMaster.getMessage().contains("--master"), noMaster.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Engines.named("local", "local[2]"));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = Main.execute("run", dir.resolve("tiny.yaml").toString(), "--results", dir.resolve("x").toString(),
                    "--engine", "flink");
        } finally {
            System.setErr(old);
        }
        assertEquals(Main.EXIT_BAD_INPUT, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown engine 'flink': use local or spark"), err.toString());
        assertTrue(Files.notExists(dir.resolve("x")), "nothing written for a bad engine");
    }
}
