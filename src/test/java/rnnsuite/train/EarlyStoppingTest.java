package rnnsuite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.data.DataSpec;
import rnnsuite.data.Dataset;
import rnnsuite.data.DatasetLoader;
import rnnsuite.data.Metric;
import rnnsuite.data.PreparedData;
import rnnsuite.data.SequenceSplit;
import rnnsuite.data.ShuffledBatches;
import rnnsuite.data.VectorSplit;
import rnnsuite.model.Impl;
import rnnsuite.model.Input;
import rnnsuite.model.ModelFactory;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Output;
import rnnsuite.model.Variant;

/**
 * Early stopping, the best model and the learning-rate schedule, in the run: on the adding problem with its
 * validation targets negated, learning the training split makes validation worse epoch by epoch, so the best epoch
 * is known and the run must stop {@code patience} epochs after it; the test split is read only after the last epoch;
 * the reported best model is the one saved as best.zip; the schedules cut the rate when their rules say.
 */
class EarlyStoppingTest {

    @TempDir
    Path dir;

    /** The adding problem with every validation target negated: the better the fit, the worse validation. */
    private static PreparedData risingValidation(List<String> reads) {
        PreparedData data = DatasetLoader.load(new DataSpec("adding", 10, null, null, null, 3L, 200, null, null, null, null,
                null, null));
        VectorSplit v = (VectorSplit) data.validation();
        float[][] negated = new float[v.y().length][];
        for (int i = 0; i < negated.length; i++) {
            negated[i] = new float[] {-v.y()[i][0] - 1f};
        }
        SequenceSplit validation = new VectorSplit(v.name(), v.steps(), v.features(), v.x(), negated);
        SequenceSplit test = new Logged(data.test(), reads);
        return new PreparedData(data.spec(), data.classes(), data.vocabulary(), data.features(), data.train(), validation, test,
                data.summary(), data.trainingTokens());
    }

    /** A split that notes each time it is read. */
    private record Logged(SequenceSplit split, List<String> reads) implements SequenceSplit {
        @Override
        public String name() {
            return split.name();
        }

        @Override
        public int size() {
            return split.size();
        }

        @Override
        public ShuffledBatches batches(int batchSize, Random random) {
            reads.add("test");
            return split.batches(batchSize, random);
        }
    }

    private static MultiLayerNetwork network(PreparedData data) {
        ModelSpec model = ModelSpec.of(1, 16, 0.0, 0.02, 8, Impl.FAST);
        return ModelFactory.network(ModelFactory.build(Variant.GRU, model, Input.vectors(data.features()), Output.regression(1),
                1, 10), model, 1, 1);
    }

    @Test
    void stopsPatienceEpochsAfterTheBestAndReadsTestOnlyAtTheEnd() throws Exception {
        List<String> events = new ArrayList<>();
        PreparedData data = risingValidation(events);
        TrainSpec spec = new TrainSpec(20, 32, 0, new TrainSpec.EarlyStopping(2, null), null, "best", null);
        TrainingProgress progress = new TrainingProgress() {
            @Override
            public void epochDone(EpochResult result, int epochs) {
                events.add("epoch " + result.epoch());
            }
        };
        Checkpoints checkpoints = new Checkpoints(dir, 0);
        MultiLayerNetwork net = network(data);
        TrainingOutcome outcome = new Trainer(spec, progress, checkpoints).run(net, data, 1);

        Metric loss = Dataset.ADDING.metric("loss");
        int best = Trainer.bestEpoch(outcome.epochs(), loss);
        assertEquals(best, outcome.bestEpoch());
        assertEquals(best + 2, outcome.epochs().size(), "stopped two epochs after the best: " + outcome.epochs());
        assertTrue(outcome.epochs().size() < 20, "it stopped early");
        for (EpochResult e : outcome.epochs().subList(best, outcome.epochs().size())) {
            assertTrue(e.valLoss() >= outcome.epochs().get(best - 1).valLoss(), "no later epoch beat the best");
        }
        int firstTest = events.indexOf("test");
        assertTrue(firstTest > events.lastIndexOf("epoch " + outcome.epochs().size()), "test read after training: " + events);

        // the reported (best) model's test metrics are the saved best model's
        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(dir.resolve(Checkpoints.BEST).toFile(), false);
        TestMetrics again = Evaluator.evaluate(saved, data.test(), data, spec.batchSize());
        assertEquals(again.loss(), outcome.test().loss(), 1e-12);
        assertEquals(outcome.bestTest(), outcome.test());
        if (best != outcome.epochs().size()) {
            assertFalse(outcome.lastTest().loss() == outcome.bestTest().loss(), "the last model is another one");
        }
    }

    @Test
    void theLastModelIsReportedByDefaultAndBothAreKept() {
        PreparedData data = risingValidation(new ArrayList<>());
        TrainSpec spec = new TrainSpec(4, 32, 0);
        TrainingOutcome outcome = new Trainer(spec, new TrainingProgress() { }, null).run(network(data), data, 1);
        assertEquals(4, outcome.epochs().size());
        assertEquals(outcome.lastTest(), outcome.test());
        assertEquals(Trainer.bestEpoch(outcome.epochs(), Dataset.ADDING.metric("loss")), outcome.bestEpoch());
    }

    private static List<EpochResult> losses(double... values) {
        List<EpochResult> epochs = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            epochs.add(new EpochResult(i + 1, 0, values[i], Double.NaN, 0, 0, 0));
        }
        return epochs;
    }

    @Test
    void theSchedulesCutTheRateWhenTheirRulesSay() {
        Metric loss = Dataset.ADDING.metric("loss");
        // plateau, patience 2: epochs 3 and 4 do not beat epoch 2 → cut after 4; 5 improves; 6, 7 do not → cut after 7
        Trainer.Selection plateau = new Trainer.Selection(loss, new TrainSpec(10, 1, 0, null,
                new TrainSpec.LrSchedule("plateau", 0.5, 2), null, null));
        double[] scales = new double[7];
        List<EpochResult> epochs = losses(1.0, 0.8, 0.9, 0.85, 0.7, 0.75, 0.72);
        for (int i = 0; i < epochs.size(); i++) {
            plateau.replay(epochs.get(i));
            scales[i] = plateau.scale();
        }
        assertEquals(List.of(1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25), java.util.Arrays.stream(scales).boxed().toList());

        // the TCN rule: from epoch 11, worse than the worst of the 3 before → ÷ 10
        Trainer.Selection tcn = new Trainer.Selection(loss, new TrainSpec(20, 1, 0, null,
                new TrainSpec.LrSchedule("tcn", 0.1, null), null, null));
        List<EpochResult> rising = losses(9, 8, 7, 6, 5, 4, 3, 2, 3, 4, 5, 4, 6);
        List<Double> seen = new ArrayList<>();
        for (EpochResult e : rising) {
            tcn.replay(e);
            seen.add(tcn.scale());
        }
        // epoch 10 (4 > max(2, 3, ...)?) is before the rule starts; 11: 5 > max(2, 3, 4) → cut; 12: 4 < max(3, 4, 5) → none;
        // 13: 6 > max(4, 5, 4) → cut
        assertEquals(1.0, seen.get(9), 1e-12);
        assertEquals(0.1, seen.get(10), 1e-12);
        assertEquals(0.1, seen.get(11), 1e-12);
        assertEquals(0.01, seen.get(12), 1e-12);

        // DL4J's patience rule: best at 2, patience 3 → stops at epoch 5
        Trainer.Selection stop = new Trainer.Selection(loss, new TrainSpec(10, 1, 0, new TrainSpec.EarlyStopping(3, null),
                null, null, null));
        List<EpochResult> flat = losses(1.0, 0.5, 0.6, 0.55, 0.7, 0.4);
        int stoppedAt = 0;
        for (EpochResult e : flat) {
            stop.replay(e);
            if (stop.stopped()) {
                stoppedAt = e.epoch();
                break;
            }
        }
        assertEquals(5, stoppedAt);
        assertEquals(2, stop.bestEpoch());

        // a run continued from epoch 3's checkpoint: that network trains at the rate of epoch 3 (cut once, after
        // epoch 2); the next epoch's rate is the base cut twice, not the checkpoint's cut twice more
        Trainer.Selection continued = new Trainer.Selection(loss, new TrainSpec(10, 1, 0, null,
                new TrainSpec.LrSchedule("plateau", 0.5, 1), null, null));
        losses(1.0, 1.1, 1.2).forEach(continued::replay);
        continued.attach(1e-3 * 0.5);
        assertEquals(1e-3 * 0.25, continued.rate(), 1e-15);
    }

    @Test
    void theScheduleReachesTheNetwork() {
        PreparedData data = risingValidation(new ArrayList<>());
        TrainSpec spec = new TrainSpec(3, 32, 0, null, new TrainSpec.LrSchedule("plateau", 0.5, 1), null, null);
        MultiLayerNetwork net = network(data);
        TrainingOutcome outcome = new Trainer(spec, new TrainingProgress() { }, null).run(net, data, 1);
        int cuts = 0;
        double best = Double.NaN;
        for (EpochResult e : outcome.epochs()) {
            if (Double.isNaN(best) || e.valLoss() < best) {
                best = e.valLoss();
            } else {
                cuts++;
            }
        }
        assertTrue(cuts >= 1, "validation rises here: " + outcome.epochs());
        assertEquals(0.02 * Math.pow(0.5, cuts), net.getLearningRate(0), 1e-12);
    }
}
