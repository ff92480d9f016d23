package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.cli.Main;
import rnnsuite.data.DatasetLoader;
import rnnsuite.data.PreparedData;
import rnnsuite.data.SequenceSplit;
import rnnsuite.data.ShuffledBatches;
import rnnsuite.io.Json;
import rnnsuite.train.EpochResult;
import rnnsuite.train.RunRecord;
import rnnsuite.train.TrainingProgress;
import rnnsuite.train.Trial;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/** A plan's search end to end: rungs, continuation from checkpoints, validation-only selection, resume, bad specs. */
@Tag("slow")
class TuningTest {

    /** The recall task at T = 8, 4 candidates, rungs at 1, 2 and 4 epochs (eta 2), 2 final seeds. */
    static final String PLAN = """
            variants: [simple_rnn, lstm]
            data: {dataset: recall, examples: 300, max_len: 8}
            model: {layers: 1, units: 8}
            train: {epochs: 3, batch_size: 32}
            search:
              method: asha
              trials: 4
              min_epochs: 1
              max_epochs: 4
              eta: 2
              final_seeds: 2
              space:
                model:
                  learning_rate: {log_uniform: [1.0e-3, 3.0e-2]}
                  dropout: {choice: [0, 0.25]}
                  forget_bias: {choice: [1, chrono]}
            """;

    @TempDir
    Path dir;

    private Plan plan(String text) throws IOException {
        Path file = dir.resolve("search.yaml");
        Files.writeString(file, text);
        return PlanReader.load(file);
    }

    /** A search run for one cell ({@code --variant}) keeps the other cell's finished search, its winner included. */
    @Test
    void aSearchOfOneArmKeepsTheOtherArmsSearchAndWinner() throws IOException {
        Path file = dir.resolve("search.yaml");
        Files.writeString(file, PLAN.replace("trials: 4", "trials: 2").replace("max_epochs: 4", "max_epochs: 2"));
        Path results = dir.resolve("variants");
        assertEquals(0, Main.execute("run", file.toString(), "--results", results.toString(), "--parallel", "1"));
        Path planDir = results.resolve("search");
        Table before = csv(planDir.resolve("runs.csv"));
        List<String> rnnRuns = before.where(before.stringColumn("arm").startsWith("simple_rnn")).stringColumn("run_id").asList();
        assertFalse(rnnRuns.isEmpty());

        assertEquals(0, Main.execute("run", file.toString(), "--results", results.toString(), "--parallel", "1",
                "--variant", "lstm", "--fresh"));
        Table after = csv(planDir.resolve("runs.csv"));
        assertEquals(rnnRuns.stream().sorted().toList(),
                after.where(after.stringColumn("arm").startsWith("simple_rnn")).stringColumn("run_id").asList().stream().sorted().toList(),
                "the simple RNN's candidates and finals stay in runs.csv");
        assertTrue(rnnRuns.stream().anyMatch(id -> id.startsWith("simple_rnn_tuned-")), "its finals among them: " + rnnRuns);
        assertFalse(after.where(after.stringColumn("arm").isEqualTo("lstm")).isEmpty());
        var chosen = Json.MAPPER.readTree(planDir.resolve("study.json").toFile()).path("tuning").path("winners");
        List<String> now = new java.util.ArrayList<>();
        chosen.forEach(n -> now.add(n.asText()));
        assertTrue(now.stream().anyMatch(w -> w.startsWith("simple_rnn-")), "the simple RNN's winner is still a winner: " + now);
        assertTrue(now.stream().anyMatch(w -> w.startsWith("lstm-")), now.toString());
        assertTrue(Files.readString(planDir.resolve("best.csv")).contains("simple_rnn"));
    }

    static String run(Path results, Plan plan, TrialEngine engine) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new PlanRunner(results, new PrintStream(buffer, true, StandardCharsets.UTF_8)).run(plan, "test", engine);
        return buffer.toString(StandardCharsets.UTF_8);
    }

    static Table csv(Path file) {
        return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()));
    }

    @Test
    void aSearchRunsItsRungsThenComparesEachArmsBestWithItsRecipe() throws IOException {
        // batching by length changes nothing on one length; the finals must still carry it
        Plan plan = plan(PLAN.replace("batch_size: 32}", "batch_size: 32, batching: length}"));
        String log = run(dir.resolve("r"), plan, new LocalEngine());
        Path out = dir.resolve("r/search");

        Table trials = csv(out.resolve("trials.csv"));
        // 2 arms × (4 at 1 epoch + 2 at 2 + 2 at 4, and those 2 again on seed 2)
        assertEquals(20, trials.rowCount(), trials.print());
        for (String arm : List.of("simple_rnn", "lstm")) {
            Table all = trials.where(trials.stringColumn("arm").isEqualTo(arm));
            Table a = all.where(all.numberColumn("seed").isEqualTo(1));
            assertEquals(List.of(4, 2, 2), Stream.of(1, 2, 4).map(e -> a.where(a.intColumn("epochs").isEqualTo(e)).rowCount()).toList());
            assertEquals(18, (int) all.intColumn("epochs_spent").max(), "4·1 + 2·1 + 2·2, and the finalists' 2·4 on seed 2");
            Table second = all.where(all.numberColumn("seed").isEqualTo(2));
            assertEquals(a.where(a.intColumn("epochs").isEqualTo(4)).intColumn("candidate").asList(), second.intColumn("candidate").asList(),
                    "the last rung's two again, from scratch, on the second seed");
            // Exactly the top half of rung 0 (by validation accuracy, ties to the lower loss) made rung 1.
            Table rung0 = a.where(a.intColumn("rung").isEqualTo(0));
            List<Integer> expected = java.util.stream.IntStream.range(0, rung0.rowCount()).boxed()
                    .sorted(java.util.Comparator.comparingDouble((Integer r) -> -rung0.doubleColumn("objective").getDouble(r))
                            .thenComparingDouble(r -> rung0.doubleColumn("val_loss").getDouble(r))
                            .thenComparingInt(r -> rung0.intColumn("candidate").get(r)))
                    .map(r -> rung0.intColumn("candidate").get(r)).toList().subList(0, 2);
            assertEquals(expected.stream().sorted().toList(), a.where(a.intColumn("rung").isEqualTo(1)).intColumn("candidate").asList());
        }
        // The same candidate values for both arms, except the forget-gate bias a SimpleRnn does not have.
        Table rung0 = trials.where(trials.intColumn("rung").isEqualTo(0));
        assertEquals(rung0.where(rung0.stringColumn("arm").isEqualTo("lstm")).column("model.learning_rate").asList(),
                rung0.where(rung0.stringColumn("arm").isEqualTo("simple_rnn")).column("model.learning_rate").asList());
        assertEquals(4, rung0.where(rung0.stringColumn("arm").isEqualTo("simple_rnn")).column("model.forget_bias").countMissing());
        assertEquals(0, rung0.where(rung0.stringColumn("arm").isEqualTo("lstm")).column("model.forget_bias").countMissing());

        Table best = csv(out.resolve("best.csv"));
        assertEquals(List.of("simple_rnn", "lstm"), best.stringColumn("arm").asList());
        assertEquals(List.of(4, 4), best.intColumn("epochs").asList());

        Table runs = csv(out.resolve("runs.csv"));
        assertEquals(List.of("simple_rnn", "simple_rnn", "simple_rnn_tuned", "simple_rnn_tuned", "lstm", "lstm", "lstm_tuned",
                "lstm_tuned"), runs.stringColumn("arm").asList());
        assertEquals(List.of(1, 2, 1, 2, 1, 2, 1, 2), runs.intColumn("seed").asList().stream().map(Number::intValue).toList());
        // The tuned arm is the winner's configuration, re-trained from scratch at the winner's epochs.
        for (String arm : List.of("simple_rnn", "lstm")) {
            String winner = best.where(best.stringColumn("arm").isEqualTo(arm)).stringColumn("run_id").get(0);
            Trial w = Json.read(out.resolve("runs").resolve(winner).resolve("result.json"), RunRecord.class).trial();
            String tunedId = runs.where(runs.stringColumn("arm").isEqualTo(arm + "_tuned")).stringColumn("run_id").get(0);
            Trial tuned = Json.read(out.resolve("runs").resolve(tunedId).resolve("result.json"), RunRecord.class).trial();
            assertEquals(w.model(), tuned.model());
            assertEquals(w.train().withKeepCheckpoints(tuned.train().keepCheckpoints()), tuned.train(), "the winner's training");
            assertTrue(tuned.train().batchesByLength());
            assertEquals(4, tuned.train().epochs());
            assertEquals(1, tuned.seed());
            assertEquals(null, tuned.candidate());
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("Tuned vs recipe"));
        // The report command rebuilds a search's tables and page from its CSVs.
        String bestCsv = Files.readString(out.resolve("best.csv"));
        Files.delete(out.resolve("best.csv"));
        Files.delete(out.resolve("report.html"));
        rnnsuite.report.ResultWriter.rebuild(out);
        assertEquals(bestCsv, Files.readString(out.resolve("best.csv")));
        assertTrue(Files.readString(out.resolve("report.html")).contains("What mattered"));
        assertTrue(csv(out.resolve("comparison.csv")).stringColumn("arm_b").asList().contains("lstm_tuned"));
        assertTrue(log.contains("search rung 3 of 3: 4 candidate run(s) at 4 epochs"), log);
        assertTrue(log.contains("deciding: the two best candidates of each arm on seed 2, 4 run(s)"), log);
        assertTrue(log.contains("search spent (epochs trained per arm, deciding runs included): simple_rnn 18, lstm 18"), log);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Finalists") && html.contains("Budget spent") && html.contains("search_spread"), "the report's search sections");
    }

    /**
     * Hyperband with early stopping that always stops after the second epoch (no later epoch improves by 10): its three
     * brackets run; a candidate set four epochs trains two and is finished, never promoted; the search spends the
     * epochs trained, less than its budget; the finalists still run on a second seed.
     */
    @Test
    void hyperbandWithEarlyStoppingSpendsOnlyTheEpochsItTrains() throws IOException {
        Plan plan = plan("""
                variants: [gru]
                data: {dataset: recall, examples: 200, max_len: 6}
                model: {layers: 1, units: 6}
                train: {epochs: 4, batch_size: 32, early_stopping: {patience: 1, min_delta: 10}}
                search:
                  method: hyperband
                  min_epochs: 1
                  max_epochs: 4
                  eta: 2
                  final_seeds: 1
                  space:
                    model:
                      learning_rate: {log_uniform: [1.0e-3, 3.0e-2]}
                """);
        assertEquals(10, plan.search().trials(), "brackets of 4, 3 and 3 candidates");
        String log = run(dir.resolve("h"), plan, new LocalEngine());
        assertTrue(log.contains("search bracket 1 of 3, rung 1 of 3: 4 candidate run(s) at 1 epochs"), log);
        assertTrue(log.contains("search bracket 3 of 3, rung 1 of 1: 3 candidate run(s) at 4 epochs"), log);
        Table trials = csv(dir.resolve("h/search/trials.csv"));
        Table four = trials.where(trials.intColumn("epochs").isEqualTo(4).and(trials.numberColumn("seed").isEqualTo(1)));
        assertTrue(four.rowCount() >= 3, four.print());
        for (int r = 0; r < four.rowCount(); r++) {
            assertEquals(2, four.intColumn("epochs_trained").get(r), "stopped after its second epoch: " + four.print());
        }
        // bracket 1: 4 × 1, 2 × (2 − 1), 2 at 4 stopped at 2 (0 more); bracket 2: 3 × 2, then 2 at 4 stopped at 2 (0 more);
        // bracket 3: 3 × 2; then the two finalists on seed 2, 2 each
        long spent = (long) trials.intColumn("epochs_spent").max();
        assertEquals(4 + 2 + 6 + 6 + 4, spent, trials.print());
        assertTrue(spent < new rnnsuite.experiments.search.Hyperband(1, 4, 2).budgetEpochs(), "less than the budget");
        assertEquals(2, trials.where(trials.numberColumn("seed").isEqualTo(2)).rowCount(), "two finalists on the second seed");
        assertTrue(log.contains("search spent (epochs trained per arm, deciding runs included): gru " + spent), log);
    }

    @Test
    void aPromotedCandidateContinuesFromItsCheckpointInsteadOfStartingOver() throws IOException {
        // Without dropout a continued run is the uninterrupted run: same batches, weights and Adam state.
        Plan plan = plan(PLAN.replace("dropout: {choice: [0, 0.25]}", "dropout: {choice: [0]}")
                .replace("forget_bias: {choice: [1, chrono]}", "forget_bias: {choice: [chrono]}"));
        run(dir.resolve("r"), plan, new LocalEngine());
        Path runs = dir.resolve("r/search/runs");
        Table trials = csv(dir.resolve("r/search/trials.csv"));
        Table top = trials.where(trials.intColumn("epochs").isEqualTo(4).and(trials.stringColumn("arm").isEqualTo("lstm")));
        RunRecord continued = Json.read(runs.resolve(top.stringColumn("run_id").get(0)).resolve("result.json"), RunRecord.class);
        Trial.Candidate c = continued.trial().candidate();
        assertEquals(2, c.resumeEpochs());
        RunRecord shorter = Json.read(runs.resolve(c.resumeFrom()).resolve("result.json"), RunRecord.class);
        assertEquals(shorter.outcome().epochs(), continued.outcome().epochs().subList(0, 2)); // not trained again
        assertEquals(4, continued.outcome().epochs().size());

        // The same candidate trained straight through for 4 epochs, as an ordinary run.
        Trial straight = new Trial("straight", "lstm", continued.trial().variant(), null, continued.trial().seed(),
                continued.trial().data(), continued.trial().model(), continued.trial().train(), false);
        PreparedData data = DatasetLoader.load(straight.data());
        RunRecord whole = VariantExperiment.runTrial(straight, data, TrainingProgress.SILENT, new RunStore(dir.resolve("straight")));
        for (int e = 0; e < 4; e++) {
            EpochResult a = whole.outcome().epochs().get(e);
            EpochResult b = continued.outcome().epochs().get(e);
            assertEquals(a.valLoss(), b.valLoss(), 1e-6, "validation loss after epoch " + (e + 1));
            assertEquals(a.trainLoss(), b.trainLoss(), 1e-6, "training loss of epoch " + (e + 1));
        }
    }

    @Test
    void theSearchNeverReadsTheTestSplit() throws IOException {
        Plan plan = plan(PLAN);
        TrialEngine poisoned = new TrialEngine() {
            @Override
            public void run(List<Trial> trials, RunStore store, PrintStream out, Finished finished) {
                for (Trial trial : trials) {
                    PreparedData data = DatasetLoader.load(trial.data());
                    PreparedData shown = trial.candidate() != null ? withoutTestSplit(data) : data;
                    finished.accept(VariantExperiment.runTrial(trial, shown, TrainingProgress.SILENT, store), data.summary());
                }
            }

            @Override
            public String describe() {
                return "candidates without a test split";
            }
        };
        run(dir.resolve("p"), plan, poisoned);
        run(dir.resolve("l"), plan, new LocalEngine());
        // Selection is the same as with the real test split there: it never depended on it.
        assertEquals(csv(dir.resolve("l/search/best.csv")).stringColumn("run_id").asList(),
                csv(dir.resolve("p/search/best.csv")).stringColumn("run_id").asList());
        assertEquals(csv(dir.resolve("l/search/runs.csv")).doubleColumn("test_loss").asList(),
                csv(dir.resolve("p/search/runs.csv")).doubleColumn("test_loss").asList());

        // The poison works: an ordinary run on that data fails at the test split.
        Trial ordinary = plan.trials().get(0);
        PreparedData data = withoutTestSplit(DatasetLoader.load(ordinary.data()));
        AssertionError read = assertThrows(AssertionError.class, () ->
                VariantExperiment.runTrial(ordinary, data, TrainingProgress.SILENT, new RunStore(dir.resolve("o"))));
        assertTrue(read.getMessage().contains("test split read"));
    }

    private static PreparedData withoutTestSplit(PreparedData d) {
        SequenceSplit poison = new SequenceSplit() {
            @Override
            public String name() {
                throw new AssertionError("test split read");
            }

            @Override
            public int size() {
                throw new AssertionError("test split read");
            }

            @Override
            public ShuffledBatches batches(int batchSize, Random random) {
                throw new AssertionError("test split read");
            }
        };
        return new PreparedData(d.spec(), d.classes(), d.vocabulary(), d.features(), d.train(), d.validation(), poison,
                d.summary(), d.trainingTokens());
    }

    @Test
    void aKilledSearchGoesOnWithoutRedoingFinishedRuns() throws IOException {
        Plan plan = plan(PLAN);
        Path results = dir.resolve("k");
        run(results, plan, new LocalEngine());
        Path out = results.resolve("search");
        Table trials = csv(out.resolve("trials.csv"));
        Table runs = csv(out.resolve("runs.csv"));
        // As if killed during rung 2 (a candidate at 2 epochs unfinished) after... nothing later was stored.
        Table rung1 = trials.where(trials.intColumn("rung").isEqualTo(1));
        String interrupted = rung1.stringColumn("run_id").get(0);
        Files.delete(out.resolve("runs").resolve(interrupted).resolve("result.json"));
        for (String id : trials.where(trials.intColumn("rung").isEqualTo(2)).stringColumn("run_id")) {
            deleteRun(out.resolve("runs").resolve(id));
        }
        for (String id : runs.stringColumn("run_id")) {
            deleteRun(out.resolve("runs").resolve(id));
        }

        String log = run(results, plan, new LocalEngine());
        assertEquals(8 + 3, log.lines().filter(l -> l.contains("finished earlier: kept")).count(), log); // rung 0, rung 1 less one
        assertTrue(log.contains(interrupted + " done"), log);
        assertEquals(trials.doubleColumn("objective").asList(), csv(out.resolve("trials.csv")).doubleColumn("objective").asList());
        assertEquals(runs.stringColumn("run_id").asList(), csv(out.resolve("runs.csv")).stringColumn("run_id").asList());

        String again = run(results, plan, new LocalEngine());
        assertEquals(20 + 8, again.lines().filter(l -> l.contains("finished earlier: kept")).count(), again);
    }

    private static void deleteRun(Path runDir) throws IOException {
        rnnsuite.io.FileTrees.deleteRecursively(runDir);
    }

    @Test
    void withoutTheRecipeTheFinalComparisonRunsOnlyTheWinners() throws IOException {
        Plan plan = plan(PLAN.replace("variants: [simple_rnn, lstm]", "variants: [gru]").replace("trials: 4", "trials: 2")
                .replace("final_seeds: 2", "final_seeds: 2\n  compare_recipe: false"));
        assertFalse(plan.search().compareRecipe());
        String log = run(dir.resolve("w"), plan, new LocalEngine());
        assertTrue(log.contains("then each arm's best on seeds [1, 2]"), log);
        Table runs = csv(dir.resolve("w/search/runs.csv"));
        List<String> arms = runs.stringColumn("arm").asList();
        assertTrue(arms.stream().filter(a -> a.equals("gru_tuned")).count() == 2, "the winner on both final seeds: " + arms);
        assertFalse(arms.contains("gru"), "no recipe run: " + arms);
        assertTrue(plan(PLAN).search().compareRecipe(), "the recipe is compared unless the plan says otherwise");

        // resumed, the estimate counts what is left: nothing, then the one final run taken away (not the search again)
        String done = dryRun(dir.resolve("w"), plan);
        assertTrue(done.contains("every run finished before"), done);
        String last = runs.stringColumn("run_id").get(runs.rowCount() - 1);
        deleteRun(dir.resolve("w/search/runs").resolve(last));
        String left = dryRun(dir.resolve("w"), plan);
        assertTrue(left.contains("): 1 run(s),") && !left.contains("search epochs per arm"), left);
        String fresh = dryRun(dir.resolve("elsewhere"), plan);
        assertTrue(fresh.contains("search epochs per arm"), "a search not begun is bounded as a whole: " + fresh);
    }

    private static String dryRun(Path results, Plan plan) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new PlanRunner(results, new PrintStream(buffer, true, StandardCharsets.UTF_8)).dryRun(true).run(plan, "test", new LocalEngine());
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badSearchSpecsAreRefusedWithTheirLineAndNothingIsWritten() throws IOException {
        String[][] cases = {
                {"forget_bias: {choice: [1, chrono]}", "forget_bias: {normal: [0, 1]}", "line 16", "unknown distribution 'normal'"},
                {"forget_bias: {choice: [1, chrono]}", "depth: {choice: [1, 2]}", "line 16", "unknown parameter 'model.depth'"},
                {"learning_rate: {log_uniform: [1.0e-3, 3.0e-2]}", "learning_rate: {log_uniform: [0, 3.0e-2]}", "line 14", "cannot touch 0"},
                {"learning_rate: {log_uniform: [1.0e-3, 3.0e-2]}", "learning_rate: {uniform: [0.1, 0.01]}", "line 14", "low < high"},
                {"dropout: {choice: [0, 0.25]}", "dropout: {choice: [0, 1.5]}", "line 15", "drop rate"},
                {"trials: 4", "trials: 0", "line 7", "at least 1"},
                {"eta: 2", "eta: 1", "line 10", "eta must be at least 2"},
                {"min_epochs: 1", "min_epochs: 6", "line 8", "must not exceed"},
                {"method: asha", "method: bayes", "line 6", "use random or asha"},
                {"trials: 4", "trials: 4\n  seed: 0", "line 8", "at least 1"},
                {"min_epochs: 1", "min_epochs: 1\n  objective: val_f1", "line 9", "'val_f1' does not exist for dataset recall"},
                {"variants: [simple_rnn, lstm]", "variants: [simple_rnn, lstm]\nseeds: [1, 2]", "line 2", "final_seeds"},
                {"final_seeds: 2", "final_seeds: 2\n  compare_recipe: maybe", "line 12", "true or false"},
        };
        for (String[] c : cases) {
            Path file = dir.resolve("bad.yaml");
            Files.writeString(file, PLAN.replace(c[0], c[1]));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream old = System.err;
            int status;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                status = Main.execute("run", file.toString(), "--results", dir.resolve("x").toString());
            } finally {
                System.setErr(old);
            }
            String message = err.toString(StandardCharsets.UTF_8).strip();
            assertEquals(Main.EXIT_BAD_INPUT, status, c[1]);
            assertTrue(message.startsWith("error: plan " + file + ", " + c[2] + ": "), c[1] + " → " + message);
            assertTrue(message.contains(c[3]), c[1] + " → " + message);
            assertEquals(1, message.lines().count(), message);
            assertFalse(Files.exists(dir.resolve("x")), "nothing written for " + c[1]);
        }
        // An objective the task does not have: accuracy on the adding problem (regression).
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, PLAN.replace("dataset: recall", "dataset: adding").replace("min_epochs: 1",
                "min_epochs: 1\n  objective: val_accuracy"));
        PlanException e = assertThrows(PlanException.class, () -> PlanReader.load(file));
        assertTrue(e.getMessage().contains("line 9") && e.getMessage().contains("'val_accuracy' does not exist for dataset adding: use val_loss"),
                e.getMessage());
        // --set reaches the search section, checked the same way.
        Path good = writePlan();
        PlanException set = assertThrows(PlanException.class, () -> PlanReader.load(good, List.of("search.space.model.units={uniform: [64, 256]}")));
        assertTrue(set.getMessage().contains("units"), set.getMessage());
        Plan overridden = PlanReader.load(good, List.of("search.trials=6", "search.method=random"));
        assertEquals(6, overridden.search().trials());
        assertEquals("random", overridden.search().method());
    }

    private Path writePlan() throws IOException {
        Path file = dir.resolve("search.yaml");
        Files.writeString(file, PLAN);
        return file;
    }

    /**
     * The committed tuned studies: the search's rule, applied to their run records, picks the winners they recorded,
     * and trials.csv's objective column is the value it ranked by (bits per character on seq-chars, not the loss).
     */
    @Test
    void theCommittedSearchesWinnersFollowFromTheirRunRecords() throws IOException {
        for (String study : List.of("tuned-default", "tuned-recall", "seq-jsb", "seq-copy", "seq-chars")) {
            Path dir = Path.of("results", "reference", study);
            rnnsuite.report.Study s = rnnsuite.report.Study.read(dir).orElseThrow();
            List<RunRecord> candidates = new java.util.ArrayList<>();
            try (var runs = Files.list(dir.resolve("runs"))) {
                for (Path run : runs.sorted().toList()) {
                    RunRecord r = rnnsuite.io.Json.read(run.resolve("result.json"), RunRecord.class);
                    if (r.trial().candidate() != null) {
                        candidates.add(r);
                    }
                }
            }
            var groups = candidates.stream().collect(java.util.stream.Collectors.groupingBy(
                    r -> r.trial().arm() + "@" + r.trial().data().maxLen(), java.util.LinkedHashMap::new, java.util.stream.Collectors.toList()));
            rnnsuite.experiments.search.Objective rule = rnnsuite.experiments.search.Objective.parse(s.tuning().objective(),
                    rnnsuite.data.Dataset.of(s.data().dataset()));
            int maxEpochs = candidates.stream().mapToInt(r -> r.trial().train().epochs()).max().orElseThrow();
            long searchSeed = candidates.stream().mapToLong(r -> r.trial().seed()).min().orElseThrow();
            // searches recorded before ranked by the last epoch; today's by the best so far, between two finalists
            List<String> chosen = groups.values().stream()
                    .map(g -> (s.tuning().bestSoFar()
                            ? Tuner.decide(rnnsuite.experiments.search.Ranking.finished(g, rule, searchSeed, maxEpochs).subList(0, 2), g, rule)
                            : rnnsuite.experiments.search.Ranking.lastEpochWinner(g, rule)).runId()).sorted().toList();
            assertEquals(s.tuning().winners().stream().sorted().toList(), chosen, study);
            assertEquals(s.tuning().winners(), csv(dir.resolve("best.csv")).stringColumn("run_id").asList(), study + ": best.csv renders them");
            rnnsuite.experiments.search.Objective objective = rnnsuite.experiments.search.Objective.parse(s.tuning().objective(),
                    rnnsuite.data.Dataset.of(s.data().dataset()));
            Table trials = csv(dir.resolve("trials.csv"));
            java.util.Map<String, RunRecord> byId = candidates.stream().collect(java.util.stream.Collectors.toMap(RunRecord::runId, r -> r));
            assertEquals(candidates.size(), trials.rowCount(), study);
            for (int row = 0; row < trials.rowCount(); row++) {
                String id = trials.stringColumn("run_id").get(row);
                assertEquals(objective.of(byId.get(id)), trials.doubleColumn("objective").getDouble(row), 1e-12, study + " " + id);
            }
        }
    }

    @Test
    void eachCellTakesTheGateBiasesItHas() {
        var values = new java.util.LinkedHashMap<String, com.fasterxml.jackson.databind.JsonNode>();
        values.put("model.learning_rate", Json.MAPPER.getNodeFactory().numberNode(0.01));
        values.put("model.forget_bias", Json.MAPPER.getNodeFactory().textNode("chrono"));
        values.put("model.update_bias", Json.MAPPER.getNodeFactory().numberNode(2));
        assertEquals(List.of("model.learning_rate", "model.forget_bias"),
                List.copyOf(Tuner.applicable(rnnsuite.model.Variant.LSTM, values).keySet()));
        assertEquals(List.of("model.learning_rate", "model.update_bias"),
                List.copyOf(Tuner.applicable(rnnsuite.model.Variant.GRU, values).keySet()));
        assertEquals(List.of("model.learning_rate", "model.update_bias"),
                List.copyOf(Tuner.applicable(rnnsuite.model.Variant.MIN_GRU, values).keySet()));
        assertEquals(List.of("model.learning_rate"), List.copyOf(Tuner.applicable(rnnsuite.model.Variant.IND_RNN, values).keySet()));
    }
}
