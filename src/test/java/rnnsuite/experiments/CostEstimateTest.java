package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.data.DatasetLoader;
import rnnsuite.data.PreparedData;
import rnnsuite.train.Trial;

/** The cost said before it is spent: each arm timed on a few batches; a dry run trains and writes nothing. */
class CostEstimateTest {

    static final String PLAN = """
            variants: [simple_rnn, min_gru]
            seeds: [1, 2]
            lengths: [8, 16]
            data: {dataset: recall, examples: 300}
            model: {layers: 1, units: 8}
            train: {epochs: 2, batch_size: 32}
            """;

    @TempDir
    Path dir;

    @Test
    void aDryRunPrintsTheRunsAndTheEstimateAndTrainsNothing() throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, PLAN);
        Path results = dir.resolve("results");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        new PlanRunner(results, new PrintStream(buffer, true, StandardCharsets.UTF_8)).dryRun(true)
                .run(PlanReader.load(file), "test", new LocalEngine());
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("= 8 run(s)"), out); // 2 variants × 2 lengths × 2 seeds (no baselines on vector data)
        assertTrue(out.contains("estimate on this machine"), out);
        for (String arm : new String[] {"simple_rnn", "min_gru"}) {
            for (int length : new int[] {8, 16}) {
                assertTrue(out.matches("(?s).*\\n  " + arm + " +T=" + length + " +2 run\\(s\\) × .*"), arm + " T=" + length + ":\n" + out);
            }
        }
        assertTrue(out.contains("dry run: nothing trained, nothing written"), out);
        assertFalse(Files.exists(results), "a dry run writes nothing");
    }

    @Test
    void sideBySideEachArmIsTimedWithItsCompanionsTraining() throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, PLAN);
        List<Trial> trials = PlanReader.load(file).trials();
        CostEstimate.Result r = CostEstimate.of(trials, 2, 1);
        assertEquals(8, r.byRun().size());
        assertEquals(4, r.arms().size());
        double sum = r.byRun().values().stream().mapToDouble(CostEstimate.RunCost::seconds).sum();
        double longest = r.byRun().values().stream().mapToDouble(CostEstimate.RunCost::seconds).max().orElseThrow();
        // two slots: at least half the total and the longest run, at most the total
        assertTrue(r.wallSeconds() >= Math.max(sum / 2, longest) - 1e-9 && r.wallSeconds() <= sum + 1e-9, r.toString());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CostEstimate.print(r, 2, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("2 training at once") && out.contains("with 2 at a time, longest first"), out);
    }

    @Test
    void aRunCostsItsEpochsOfBatchesPlusEvaluation() throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, PLAN);
        Trial trial = PlanReader.load(file).trials().stream().filter(t -> t.baseline() == null).findFirst().orElseThrow();
        PreparedData data = DatasetLoader.load(trial.data());
        double step = CostEstimate.secondsPerStep(trial, data, 0, 1);
        assertTrue(step > 0 && step < 5, "seconds per step " + step);
        // 300 examples, 70/15/15: 210 training (7 batches), 45 validation (2), 45 test (2); 2 epochs
        assertEquals(2.0 * (2 * 7 + (2 * 2 + 2) / 3.0), CostEstimate.runSeconds(trial, data, 2.0), 1e-9);
    }

    /** Timed on the first batch, a step is scaled to the epoch's average batch: the same on fixed lengths, not on music. */
    @Test
    void aStepIsScaledFromTheTimedBatchToTheEpochsAverageLength() throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, PLAN);
        Trial recall = PlanReader.load(file).trials().stream().filter(t -> t.baseline() == null).findFirst().orElseThrow();
        assertEquals(1.0, CostEstimate.lengthScale(recall, DatasetLoader.load(recall.data())), 0.0, "every sequence one length");

        Files.writeString(file, "variants: [gru]\nseeds: [1]\ndata: {dataset: jsb}\nmodel: {layers: 1, units: 8}\n"
                + "train: {epochs: 1, batch_size: 8}\n");
        Trial jsb = PlanReader.load(file).trials().stream().filter(t -> t.baseline() == null).findFirst().orElseThrow();
        PreparedData music = DatasetLoader.load(jsb.data());
        long first = music.train().batches(8, null).next().getFeatures().size(2);
        List<Long> lengths = new java.util.ArrayList<>();
        for (var epoch = music.train().batches(8, new java.util.Random(1)); epoch.hasNext(); ) {
            lengths.add(epoch.next().getFeatures().size(2));
        }
        double scale = CostEstimate.lengthScale(jsb, music);
        assertEquals(lengths.stream().mapToLong(Long::longValue).average().orElseThrow() / first, scale, 1e-12);
        assertTrue(scale != 1.0 && lengths.stream().distinct().count() > 1, "chorales of many lengths: " + lengths);

        Files.writeString(file, Files.readString(file).replace("batch_size: 8", "batch_size: 8, batching: length"));
        Trial sorted = PlanReader.load(file).trials().stream().filter(t -> t.baseline() == null).findFirst().orElseThrow();
        assertTrue(CostEstimate.lengthScale(sorted, music) < 0.8 * scale, "batches by length are shorter: "
                + CostEstimate.lengthScale(sorted, music) + " against " + scale);
    }

    @Test
    void theWallTimeIsTheEnginesScheduleTailIncluded() {
        // plan order on 2 slots: the long run starts last and trains alone
        assertEquals(5.0, CostEstimate.makespan(List.of(1.0, 1.0, 1.0, 4.0), 2), 1e-12);
        assertEquals(4.0, CostEstimate.makespan(List.of(4.0, 1.0, 1.0, 1.0), 2), 1e-12);
        assertEquals(7.0, CostEstimate.makespan(List.of(1.0, 1.0, 1.0, 4.0), 1), 1e-12);
        assertEquals(0.0, CostEstimate.makespan(List.of(), 2), 1e-12);
    }

    @Test
    void runsSideBySideGoLongestFirstAndOneAtATimeInPlanOrder() throws Exception {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, PLAN.replace("simple_rnn, min_gru", "simple_rnn, lstm"));
        List<Trial> trials = PlanReader.load(file).trials();
        assertEquals(trials, CostEstimate.inRunOrder(trials, 1));
        List<Trial> order = CostEstimate.inRunOrder(trials, 2);
        assertEquals(List.of("lstm@16", "lstm@16", "lstm@8", "lstm@8", "simple_rnn@16", "simple_rnn@16", "simple_rnn@8", "simple_rnn@8"),
                order.stream().map(t -> t.arm() + "@" + t.data().maxLen()).toList());
        assertEquals(1L, order.get(0).seed(), "ties keep plan order");
        assertEquals(new HashSet<>(trials), new HashSet<>(order));
    }

    /**
     * A search's bound counts the runs the search makes (every candidate of every rung, the two finalists again, each
     * arm's winner and recipe on the final seeds) and costs them at the recipe's cost per epoch; the search, run, makes
     * exactly that many runs. (Its time is not compared: on runs this small, writing the report after each run is most
     * of the wall time, which the bound does not count.)
     */
    @org.junit.jupiter.api.Tag("slow")
    @Test
    void aSearchsBoundCountsItsRunsAndHoldsTheirTime() throws Exception {
        Path file = dir.resolve("search.yaml");
        Files.writeString(file, """
                variants: [simple_rnn, min_gru]
                data: {dataset: recall, examples: 300, max_len: 8}
                model: {layers: 1, units: 8}
                train: {epochs: 4, batch_size: 32}
                search:
                  method: asha
                  trials: 4
                  min_epochs: 1
                  max_epochs: 4
                  eta: 2
                  final_seeds: 2
                  space: {model: {learning_rate: {log_uniform: [1.0e-3, 1.0e-2]}}}
                """);
        Plan plan = PlanReader.load(file);
        CostEstimate.Result bound = CostEstimate.ofSearch(plan.search(), plan.trials(), 1, 1);
        // per arm: rungs of 4, 2 and 2 candidates, 2 deciding runs, recipe and winner on 2 seeds
        assertEquals(2 * (4 + 2 + 2 + 2 + 2 + 2), bound.runs());
        long start = System.nanoTime();
        Path results = dir.resolve("results");
        new PlanRunner(results, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(plan, "test", new LocalEngine(1));
        double seconds = (System.nanoTime() - start) / 1e9;
        try (var runs = Files.list(results.resolve("search").resolve("runs"))) {
            assertEquals(bound.runs(), runs.count(), "the search made the runs the bound counts");
        }
        assertTrue(bound.wallSeconds() > 0 && bound.wallSeconds() < seconds, bound.wallSeconds() + " s for " + seconds + " s");
    }
}
