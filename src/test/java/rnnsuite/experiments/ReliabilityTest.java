package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.cli.Main;
import rnnsuite.io.Json;
import rnnsuite.report.ResultWriter;
import rnnsuite.train.RunRecord;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** Reproducibility, resume, run records, checkpoints and reload, report rebuild, overrides, bad results folders. */
@Tag("slow")
class ReliabilityTest {

    private static final String PLAN = """
            variants: [simple_rnn, lstm]
            seeds: [1, 2]
            data: {max_len: 6, max_vocab: 300}
            model: {layers: 1, units: 8, embedding_size: 4}
            train: {epochs: 3, batch_size: 64}
            baselines: false
            """;

    @TempDir
    Path dir;

    private Path plan() throws IOException {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, PLAN);
        return file;
    }

    private String run(Path results, Plan plan) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new PlanRunner(results, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(plan, "test");
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static Table runs(Path planDir) {
        return Table.read().usingOptions(CsvReadOptions.builder(planDir.resolve("runs.csv").toFile()));
    }

    private static List<String> metrics(Table runs) {
        return runs.selectColumns("run_id", "test_loss", "test_accuracy", "test_f1", "test_auc").sortOn("run_id").print(100)
                .lines().toList();
    }

    @Test
    void theSamePlanAndSeedsGiveIdenticalMetrics() throws IOException {
        Plan plan = PlanReader.load(plan());
        run(dir.resolve("a"), plan);
        run(dir.resolve("b"), plan);
        assertEquals(metrics(runs(dir.resolve("a/tiny"))), metrics(runs(dir.resolve("b/tiny"))));
    }

    @Test
    void aRerunKeepsFinishedRunsAndRedoesTheInterruptedOne() throws IOException {
        Plan plan = PlanReader.load(plan());
        Path results = dir.resolve("r");
        run(results, plan);
        Path planDir = results.resolve("tiny");
        List<String> first = metrics(runs(planDir));
        String interrupted = plan.trials().get(2).runId();
        Files.delete(planDir.resolve("runs").resolve(interrupted).resolve("result.json")); // as if killed mid-run
        Files.delete(planDir.resolve("runs.csv"));

        String log = run(results, plan);
        assertEquals(3, log.lines().filter(l -> l.contains("finished earlier: kept")).count(), log);
        assertTrue(log.contains("] " + interrupted + " done"), log);
        Table again = runs(planDir);
        assertEquals(4, again.rowCount(), "every run once");
        assertEquals(first, metrics(again), "the redone run gives the same numbers");
    }

    @Test
    void eachRunRecordsItsSettingsEnvironmentCheckpointsAndResult() throws IOException {
        Plan plan = PlanReader.load(plan());
        run(dir.resolve("r"), plan);
        Path runDir = dir.resolve("r/tiny/runs").resolve(plan.trials().get(0).runId());
        JsonNode config = Json.MAPPER.readTree(runDir.resolve("config.json").toFile());
        assertEquals("simple_rnn", config.at("/run/variant").asText());
        assertEquals(3, config.at("/run/train/epochs").asInt());
        assertTrue(config.at("/dl4j_configuration/confs").isArray(), "the DL4J configuration as JSON");
        JsonNode env = Json.MAPPER.readTree(runDir.resolve("environment.json").toFile());
        for (String key : List.of("java", "os", "cpu", "natives", "dl4j", "git_commit", "git_dirty")) {
            assertTrue(env.has(key) && !env.get(key).asText().isEmpty(), key);
        }
        try (Stream<Path> files = Files.list(runDir.resolve("checkpoints"))) {
            assertEquals(List.of("best.zip", "epoch-2.json", "epoch-2.zip", "epoch-3.json", "epoch-3.zip"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the last two epochs (network and progress) and the best model");
        }
        RunRecord record = Json.read(runDir.resolve("result.json"), RunRecord.class);
        assertEquals(plan.trials().get(0), record.trial());
        assertEquals(3, record.outcome().epochs().size());
    }

    @Test
    void aReloadedModelScoresWhatTheRunRecorded() throws IOException {
        Plan plan = PlanReader.load(plan());
        run(dir.resolve("r"), plan);
        Path runDir = dir.resolve("r/tiny/runs").resolve(plan.trials().get(3).runId());
        Reevaluation.Result last = Reevaluation.of(runDir.resolve("checkpoints/epoch-3.zip"));
        assertEquals(last.recorded().loss(), last.now().loss(), 1e-6);
        assertEquals(last.recorded().accuracy(), last.now().accuracy(), 1e-12);
        Reevaluation.Result best = Reevaluation.of(runDir);
        assertTrue(best.now().accuracy() > 0, "best.zip reloads and evaluates");
        assertThrows(IllegalArgumentException.class, () -> Reevaluation.of(dir.resolve("nothing")));
    }

    @Test
    void theReportCanBeRebuiltFromTheCsvs() throws IOException {
        Plan plan = PlanReader.load(plan());
        run(dir.resolve("r"), plan);
        Path planDir = dir.resolve("r/tiny");
        String summary = Files.readString(planDir.resolve("summary.csv"));
        Files.delete(planDir.resolve("summary.csv"));
        Files.delete(planDir.resolve("report.html"));
        assertEquals(0, Main.execute("report", planDir.toString()));
        assertEquals(summary, Files.readString(planDir.resolve("summary.csv")));
        assertTrue(Files.readString(planDir.resolve("report.html")).contains("Plotly.newPlot"));
        assertEquals(Main.EXIT_BAD_INPUT, Main.execute("report", dir.resolve("empty").toString()));
    }

    @Test
    void commandLineOverridesAreCheckedLikeThePlan() throws IOException {
        Plan plan = PlanReader.load(plan(), List.of("train.epochs=1", "seeds=[7]", "model.gradient_clipping={method: value, threshold: 2}"));
        assertEquals(1, plan.train().epochs());
        assertEquals(List.of(7L), plan.seeds());
        assertEquals("value 2.0", plan.model().gradientClipping().describe());
        assertThrows(PlanException.class, () -> PlanReader.load(plan(), List.of("train.epoch=1")));
        assertThrows(PlanException.class, () -> PlanReader.load(plan(), List.of("train.epochs=-2")));
        assertThrows(PlanException.class, () -> PlanReader.load(plan(), List.of("epochs")));
        assertEquals(List.of("lstm"), plan.onlyVariants(List.of(rnnsuite.model.Variant.LSTM)).allArms().stream().map(Plan.Arm::name).toList());
    }

    /** A run of some arms ({@code --variant}) into a folder that holds the others' runs leaves their rows in its tables. */
    @Test
    void aRunOfSomeArmsKeepsTheOtherArmsFinishedRuns() throws IOException {
        Path results = dir.resolve("variants");
        String[] tiny = {"--results", results.toString(), "--set", "seeds=[1]", "--set", "train.epochs=1", "--parallel", "1"};
        assertEquals(0, Main.execute(Stream.concat(Stream.of("run", plan().toString()), Stream.of(tiny)).toArray(String[]::new)));
        Path planDir = results.resolve("tiny");
        Table before = runs(planDir);
        assertEquals(List.of("simple_rnn", "lstm"), before.stringColumn("arm").asList());
        String rnn = before.stringColumn("run_id").get(0);
        String rnnRow = Files.readAllLines(planDir.resolve("runs.csv")).get(1);
        // the LSTM's run as an interrupted one leaves it: no result.json
        Files.delete(planDir.resolve("runs").resolve(before.stringColumn("run_id").get(1)).resolve(RunStore.RESULT));

        assertEquals(0, Main.execute(Stream.concat(Stream.of("run", plan().toString(), "--variant", "lstm"), Stream.of(tiny))
                .toArray(String[]::new)));
        Table after = runs(planDir);
        assertEquals(List.of("simple_rnn", "lstm"), after.stringColumn("arm").asList(), "both arms in runs.csv");
        assertEquals(rnnRow, Files.readAllLines(planDir.resolve("runs.csv")).get(1), "the kept run's row unchanged");
        assertEquals(2, runs(planDir).rowCount());
        assertTrue(Files.readString(planDir.resolve("summary.csv")).contains("simple_rnn"), "and in the summary");
        assertTrue(Files.readString(planDir.resolve("report.html")).contains(rnn), "and in the report");

        // run alone, the restricted plan has nothing of the other arm to keep
        RunStore store = new RunStore(planDir);
        Plan whole = PlanReader.load(plan(), List.of("seeds=[1]", "train.epochs=1"));
        Plan lstm = whole.onlyVariants(List.of(rnnsuite.model.Variant.LSTM));
        assertEquals(List.of(rnn), PlanRunner.keptRuns(lstm, whole, store).stream().map(RunRecord::runId).toList());
        assertEquals(List.of(), PlanRunner.keptRuns(whole, whole, store));
        assertEquals(List.of(), PlanRunner.keptRuns(lstm, PlanReader.load(plan(), List.of("seeds=[2]", "train.epochs=1")), store), "runs of another plan are not kept");
    }

    @Test
    void anUnwritableResultsFolderFailsBeforeAnyTraining() throws IOException {
        Path file = dir.resolve("occupied");
        Files.writeString(file, "a file where the results folder should be");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> run(file, PlanReader.load(plan())));
        assertTrue(e.getMessage().contains("is not writable") && e.getMessage().contains("--results"), e.getMessage());
        assertEquals(Main.EXIT_BAD_INPUT, Main.execute("run", plan().toString(), "--results", file.toString()));
        assertEquals("a file where the results folder should be", Files.readString(file), "left untouched");
    }

    @Test
    void aTooLargeBatchTimesLengthIsWarnedAbout() throws IOException {
        Files.writeString(dir.resolve("huge.yaml"), "data: {dataset: csv, path: " + dir.resolve("no-such.csv") + ", max_len: 100000}\ntrain: {batch_size: 4096}\n");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PlanRunner runner = new PlanRunner(dir.resolve("r"), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        assertThrows(IllegalArgumentException.class, () -> runner.run(PlanReader.load(dir.resolve("huge.yaml")), "test"));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("warning: a batch of 4096 sequences of length 100000 needs about"), out); // before the data is read
        assertTrue(CostEstimate.activationBytes(32, 100, 3, 128) < 2e8, "the default study is far below any limit");
        assertFalse(Files.exists(dir.resolve("r/huge/runs.csv")), "nothing written");
    }

    /** New options leave run ids alone: every committed reference run is still the finished run of its plan. */
    @Test
    void theReferencePlansStillFindTheirCommittedRuns() throws IOException {
        for (String study : List.of("memory-recall", "memory-adding", "clipping", "cells")) {
            Plan plan = PlanReader.load(Path.of("experiments", study + ".yaml"));
            RunStore store = new RunStore(Path.of("results", "reference", study));
            long found = plan.trials().stream().filter(t -> store.completed(t).isPresent()).count();
            try (Stream<Path> runs = Files.list(Path.of("results", "reference", study, "runs"))) {
                assertEquals(runs.count(), found, study + ": every committed run is found by its plan");
            }
        }
    }
}
