package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.data.DatasetLoader;
import rnnsuite.data.PreparedData;
import rnnsuite.io.Json;
import rnnsuite.train.EpochResult;
import rnnsuite.train.RunRecord;
import rnnsuite.train.Trainer;
import rnnsuite.train.TrainingProgress;
import rnnsuite.train.Trial;

/**
 * A run stopped part way (a killed process, the end of a sitting) goes on from its last epoch's checkpoint and ends
 * with the numbers it would have had without the stop: every epoch, the best epoch's and the last epoch's test
 * metrics, the gradient probes. Dropout, weight noise and a learning-rate schedule make the generator's and the schedule's state
 * matter; stops where the best epoch so far is the last one taken and where it is an earlier one.
 */
@Tag("slow")
class InterruptedRunTest {

    private static final String PLAN = """
            variants: [lstm]
            seeds: [3]
            data: {dataset: recall, examples: 300, max_len: 8}
            model: {layers: 2, units: 8, dropout: 0.3, learning_rate: 0.05, weight_noise: 0.05}
            train:
              epochs: 6
              batch_size: 32
              keep_checkpoints: 1
              early_stopping: {patience: 10}
              lr_schedule: {rule: plateau, factor: 0.5, patience: 1}
              select: best
            baselines: false
            """;

    @TempDir
    Path dir;

    /** Thrown by the progress callback once an epoch is done and saved: the run stops there as a killed one would. */
    private static final class Stop extends RuntimeException {
    }

    @Test
    void aRunStoppedPartWayEndsAsItWouldHaveWithoutTheStop() throws IOException {
        Path file = dir.resolve("stop.yaml");
        Files.writeString(file, PLAN);
        Trial trial = PlanReader.load(file).trials().get(0);
        PreparedData data = DatasetLoader.load(trial.data());
        RunRecord clean = VariantExperiment.runTrial(trial, data, TrainingProgress.SILENT, new RunStore(dir.resolve("clean")));
        List<EpochResult> epochs = clean.outcome().epochs();
        assertEquals(6, epochs.size());

        // one stop where the best epoch so far is the last taken, one where it is an earlier one (best.zip then)
        var by = Trainer.selectionMetric(trial.data().kind());
        List<Integer> stops = new ArrayList<>();
        for (boolean lastIsBest : new boolean[] {true, false}) {
            for (int k = 2; k < epochs.size(); k++) {
                if ((Trainer.bestEpoch(epochs.subList(0, k), by) == k) == lastIsBest) {
                    stops.add(k);
                    break;
                }
            }
        }
        assertEquals(2, stops.size(), "this seed's validation gives both kinds of stop: " + epochs);

        for (int stop : stops) {
            RunStore store = new RunStore(dir.resolve("stopped-" + stop));
            TrainingProgress stopping = new TrainingProgress() {
                @Override
                public void epochDone(EpochResult result, int total) {
                    if (result.epoch() == stop) {
                        throw new Stop();
                    }
                }
            };
            assertThrows(Stop.class, () -> VariantExperiment.runTrial(trial, data, stopping, store));
            Path run = store.dir(trial);
            assertFalse(Files.exists(run.resolve(RunStore.RESULT)));
            assertTrue(store.interrupted(trial).isPresent(), "the stopped run can go on");

            List<String> notes = new ArrayList<>();
            List<Integer> trained = new ArrayList<>();
            RunRecord resumed = VariantExperiment.runTrial(trial, data, new TrainingProgress() {
                @Override
                public void epochDone(EpochResult result, int total) {
                    trained.add(result.epoch());
                }

                @Override
                public void note(String message) {
                    notes.add(message);
                }
            }, store);
            assertEquals(List.of(stop + 1, stop + 2, stop + 3, stop + 4, stop + 5, stop + 6).subList(0, 6 - stop), trained,
                    "only the epochs after the stop are trained");
            assertTrue(notes.contains("goes on after epoch " + stop + ", where an earlier attempt stopped"), notes.toString());
            assertSameNumbers(clean, resumed, "stopped after epoch " + stop);
            JsonNode env = Json.MAPPER.readTree(run.resolve("environment.json").toFile());
            assertEquals(stop, env.path("resumed").path(0).path("after_epoch").asInt(), env.toString());
            try (Stream<Path> files = Files.list(run.resolve("checkpoints"))) {
                assertEquals(List.of("best.zip", "epoch-6.json", "epoch-6.zip"),
                        files.map(f -> f.getFileName().toString()).sorted().toList(), "keep_checkpoints 1 across both attempts");
            }
        }

        // a checkpoint without its progress (written before runs saved it) is not gone on from: the run starts afresh
        RunStore old = new RunStore(dir.resolve("old"));
        assertThrows(Stop.class, () -> VariantExperiment.runTrial(trial, data, new TrainingProgress() {
            @Override
            public void epochDone(EpochResult result, int total) {
                if (result.epoch() == 3) {
                    throw new Stop();
                }
            }
        }, old));
        Files.delete(old.dir(trial).resolve("checkpoints/epoch-3.json"));
        assertTrue(old.interrupted(trial).isEmpty());
        assertSameNumbers(clean, VariantExperiment.runTrial(trial, data, TrainingProgress.SILENT, old), "started afresh");
    }

    private static void assertSameNumbers(RunRecord expected, RunRecord actual, String what) throws IOException {
        List<EpochResult> a = expected.outcome().epochs();
        List<EpochResult> b = actual.outcome().epochs();
        assertEquals(a.size(), b.size(), what);
        for (int e = 0; e < a.size(); e++) {
            assertEquals(a.get(e).trainLoss(), b.get(e).trainLoss(), what + ": training loss of epoch " + (e + 1));
            assertEquals(a.get(e).valLoss(), b.get(e).valLoss(), what + ": validation loss after epoch " + (e + 1));
            assertEquals(a.get(e).gradNormMean(), b.get(e).gradNormMean(), what + ": gradient norm of epoch " + (e + 1));
        }
        assertEquals(expected.outcome().bestEpoch(), actual.outcome().bestEpoch(), what);
        assertEquals(json(expected.outcome().test()), json(actual.outcome().test()), what + ": test metrics");
        assertEquals(json(expected.outcome().bestTest()), json(actual.outcome().bestTest()), what + ": best epoch's test metrics");
        assertEquals(json(expected.outcome().lastTest()), json(actual.outcome().lastTest()), what + ": last epoch's test metrics");
        assertArrayEquals(expected.outcome().gradientsUntrained(), actual.outcome().gradientsUntrained(), what);
        assertArrayEquals(expected.outcome().gradientsTrained(), actual.outcome().gradientsTrained(), what);
        assertEquals(expected.outcome().trainSeconds() > 0, actual.outcome().trainSeconds() > 0);
    }

    private static String json(Object value) throws IOException {
        return Json.MAPPER.writeValueAsString(value);
    }
}
