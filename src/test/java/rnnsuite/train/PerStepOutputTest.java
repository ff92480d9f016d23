package rnnsuite.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import rnnsuite.data.DataSpec;
import rnnsuite.data.DatasetLoader;
import rnnsuite.data.FrameSplit;
import rnnsuite.data.PreparedData;
import rnnsuite.data.SequenceTasks;
import rnnsuite.data.ShuffledBatches;
import rnnsuite.data.StepSplit;
import rnnsuite.model.Baseline;
import rnnsuite.model.Impl;
import rnnsuite.model.Input;
import rnnsuite.model.ModelFactory;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Output;
import rnnsuite.model.Variant;

/**
 * Per-step outputs: the loss DL4J trains on and the one the suite reports are the hand-computed cross-entropy over
 * the real steps of a tiny masked batch, padding changes nothing; the per-step baselines score what their
 * definitions give on known inputs.
 */
class PerStepOutputTest {

    @TempDir
    Path dir;

    private static float[][] frames(Random random, int length, int width) {
        float[][] f = new float[length][width];
        for (float[] frame : f) {
            for (int d = 0; d < width; d++) {
                frame[d] = random.nextBoolean() ? 1f : 0f;
            }
        }
        return f;
    }

    /** Binary cross-entropy summed over the labels, averaged over the real (unmasked) steps, in double. */
    private static double handNll(INDArray p, INDArray y, INDArray mask) {
        double sum = 0;
        long steps = 0;
        for (int b = 0; b < p.size(0); b++) {
            for (int t = 0; t < p.size(2); t++) {
                if (mask.getDouble(b, t) == 0) {
                    continue;
                }
                steps++;
                for (int d = 0; d < p.size(1); d++) {
                    double q = p.getDouble(b, d, t);
                    sum -= y.getDouble(b, d, t) > 0 ? Math.log(q) : Math.log(1 - q);
                }
            }
        }
        return sum / steps;
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void multiLabelLossIsTheHandComputedOneOverRealSteps(Impl impl) {
        Random random = new Random(3);
        int width = 5;
        // lengths 4, 7 and 2: the batch pads to 6 predicted steps
        FrameSplit split = new FrameSplit("test", width, List.of(frames(random, 4, width), frames(random, 7, width),
                frames(random, 2, width)));
        ModelSpec spec = ModelSpec.of(2, 6, 0.0, 1e-2, 8, impl);
        MultiLayerNetwork net = ModelFactory.network(ModelFactory.build(Variant.LSTM, spec, Input.vectors(width),
                new Output.StepLabels(width), 5), spec, 5);
        ShuffledBatches batches = split.batches(3, null);
        DataSet batch = batches.next();
        assertEquals(3 + 6 + 1, batches.lastUnits());
        INDArray mask = batch.getLabelsMaskArray();
        INDArray p = net.output(batch.getFeatures(), false, batch.getFeaturesMaskArray(), mask).castTo(DataType.DOUBLE);
        double hand = handNll(p, batch.getLabels(), mask);

        PreparedData data = jsbShaped(split);
        TestMetrics reported = Evaluator.evaluate(net, split, data, 3);
        assertEquals(hand, reported.loss(), 1e-9, "the reported NLL per frame");
        assertEquals(hand, reported.extra().get("nll_per_frame"), 1e-9);

        // DL4J's score is the same sum divided by the batch size: the trainer divides by the real steps instead
        double score = net.score(batch, false);
        assertEquals(hand, score * 3 / 10, 1e-4 * hand, "the loss DL4J trains on");

        // padding is ignored: garbage in the padded steps changes nothing
        INDArray features = batch.getFeatures().dup();
        INDArray labels = batch.getLabels().dup();
        for (int t = 3; t < 6; t++) {
            for (int d = 0; d < width; d++) {
                features.putScalar(0, d, t, 7.0);
                labels.putScalar(0, d, t, 1 - labels.getDouble(0, d, t));
                features.putScalar(2, d, t, -3.0);
            }
        }
        INDArray q = net.output(features, false, batch.getFeaturesMaskArray(), mask).castTo(DataType.DOUBLE);
        assertEquals(hand, handNll(q, labels, mask), 1e-12);
    }

    private static PreparedData jsbShaped(FrameSplit split) {
        PreparedData jsb = DatasetLoader.load(new DataSpec("jsb", null, null, null, null, null, null, null, null, null,
                null, null, null));
        return new PreparedData(jsb.spec(), List.of(), null, split.width(), split, split, split, jsb.summary(), List.of());
    }

    @Test
    void softmaxLossAndAccuracyAreTheHandComputedOnes() {
        PreparedData data = DatasetLoader.load(new DataSpec("copy", 6, null, null, null, 3L, 40, null, null, null, null, null, null));
        StepSplit test = (StepSplit) data.test();
        ModelSpec spec = ModelSpec.of(1, 8, 0.0, 1e-2, 8, Impl.FAST);
        MultiLayerNetwork net = ModelFactory.network(ModelFactory.build(Variant.GRU, spec, Input.vectors(10),
                new Output.StepClasses(10), 2), spec, 2);
        DataSet all = test.batches(test.size(), null).next();
        INDArray p = net.output(all.getFeatures(), false).castTo(DataType.DOUBLE);
        double loss = 0;
        long correct = 0;
        long steps = 0;
        for (int b = 0; b < test.size(); b++) {
            for (int t = 0; t < test.steps(); t++) {
                int target = test.y()[b][t];
                loss -= Math.log(p.getDouble(b, target, t));
                int best = 0;
                for (int c = 1; c < 10; c++) {
                    best = p.getDouble(b, c, t) > p.getDouble(b, best, t) ? c : best;
                }
                correct += best == target ? 1 : 0;
                steps++;
            }
        }
        TestMetrics m = Evaluator.evaluate(net, test, data, 4);
        assertEquals(loss / steps, m.loss(), 1e-6);
        assertEquals(correct / (double) steps, m.accuracy(), 1e-12);
        assertEquals(loss / steps, m.extra().get("nats_per_step"), 1e-6);
        assertEquals(loss / steps, net.score(all, false) / test.steps(), 1e-4, "DL4J: the sum over steps per sequence");
    }

    @Test
    void theMemorylessBaselineScoresItsFormula() {
        for (int blanks : new int[] {5, 40}) {
            PreparedData data = DatasetLoader.load(new DataSpec("copy", blanks, null, null, null, 1L, 60, null, null, null, null, null, null));
            TestMetrics m = Baselines.stepBaseline(Baseline.MEMORYLESS, data, 8);
            assertEquals(SequenceTasks.memorylessNatsPerStep(blanks), m.loss(), 1e-6);
            assertEquals(SequenceTasks.memorylessNatsPerStep(blanks), data.summary().trivialBaseline(), 1e-12);
        }
    }

    @Test
    void theNoteFrequencyBaselineIsIndependentBernoullis() {
        Random random = new Random(9);
        int width = 88;
        FrameSplit train = new FrameSplit("train", width, List.of(frames(random, 5, width), frames(random, 3, width)));
        double[] p = rnnsuite.data.PianoRoll.noteFrequencies(train);
        for (int d = 0; d < width; d++) {
            int on = 0;
            for (float[][] chorale : train.sequences()) {
                for (int t = 1; t < chorale.length; t++) {
                    on += (int) chorale[t][d];
                }
            }
            assertEquals((on + 0.5) / (6 + 1.0), p[d], 1e-12, "frames after the first, half a frame each side");
        }
        PreparedData jsb = DatasetLoader.load(new DataSpec("jsb", null, null, null, null, null, null, null, null, null, null, null, null));
        TestMetrics m = Baselines.stepBaseline(Baseline.NOTE_FREQUENCY, jsb, 8);
        assertEquals(jsb.summary().trivialBaseline(), m.loss(), 1e-5, "scored as networks are (float probabilities)");
    }

    /** A character dataset of a text (split 90/5/5, windows of {@code window}). */
    private PreparedData text(String text, int window) throws IOException {
        Path file = Files.writeString(dir.resolve("text.txt"), text);
        return DatasetLoader.load(new DataSpec("text", window, null, null, null, null, null, null, file.toString(), null,
                null, null, null));
    }

    @Test
    void theNgramModelIsWittenBellOnAKnownText() {
        // vocabulary: 0 padding, 1 unseen, 2 and 3; the training text 2 3 2 3 2
        NgramModel model = new NgramModel(4, new int[][] {{2, 3, 2, 3}}, new int[][] {{3, 2, 3, 2}});
        int[] window = {2, 3, 2, 3};
        // empty context: 2 and 3 twice each in 4, 2 types, over a uniform 1/3: {1/9, 4/9, 4/9}; after "2": always 3
        assertArrayEquals(new double[] {0, 1 / 27.0, 4 / 27.0, 22 / 27.0}, model.distribution(window, 0), 1e-12);
        // after "3 2" and "2 3 2": always 3, once each
        assertArrayEquals(new double[] {0, 1 / 108.0, 4 / 108.0, 103 / 108.0}, model.distribution(window, 2), 1e-12);
        // after "3": always 2; "3 3" was never seen and keeps the shorter context's estimate
        assertArrayEquals(new double[] {0, 1 / 27.0, 22 / 27.0, 4 / 27.0}, model.distribution(new int[] {3, 3}, 1), 1e-12);
        // the context never reaches back past the window's start: the same at t = 0 whatever came before
        assertArrayEquals(model.distribution(new int[] {2}, 0), model.distribution(window, 0), 0);
    }

    @Test
    void theNgramBaselineNearlyKnowsARepeatedSentence() throws IOException {
        PreparedData data = text("the cat sat on the mat. ".repeat(60), 12);
        TestMetrics m = Baselines.stepBaseline(Baseline.NGRAM, data, 8);
        double uniform = Math.log(data.vocabulary().size() - 1);
        assertTrue(m.loss() < 0.2 * uniform, "a repeated sentence is nearly certain after four characters: " + m.loss());
        assertEquals(m.loss() / Math.log(2), m.extra().get("bpc"), 1e-12);
        assertEquals(Math.exp(m.loss()), m.extra().get("perplexity"), 1e-9);
        assertTrue(m.accuracy() > 0.9, "next-character accuracy " + m.accuracy());
    }

    @Test
    void samplingIsReproducibleForASeed() throws IOException {
        PreparedData data = text("to be or not to be, that is the question. ".repeat(40), 16);
        ModelSpec spec = ModelSpec.of(1, 16, 0.0, 1e-2, 8, Impl.FAST);
        MultiLayerNetwork net = ModelFactory.network(ModelFactory.build(Variant.MIN_GRU, spec,
                Input.tokens(data.vocabulary().size()), new Output.StepClasses(data.vocabulary().size()), 4), spec, 4);
        String a = TextSampler.sample(net, data.vocabulary(), 16, "to be", 0.8, 60, 11);
        String b = TextSampler.sample(net, data.vocabulary(), 16, "to be", 0.8, 60, 11);
        String c = TextSampler.sample(net, data.vocabulary(), 16, "to be", 0.8, 60, 12);
        assertEquals(60, a.codePointCount(0, a.length()));
        assertEquals(a, b, "the same seed, the same text");
        assertNotEquals(a, c, "another seed, other text");
        assertTrue(a.chars().noneMatch(ch -> ch == '<'), "padding and unseen are never drawn: " + a);
        assertThrows(IllegalArgumentException.class, () -> TextSampler.sample(net, data.vocabulary(), 16, "", 0.8, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> TextSampler.sample(net, data.vocabulary(), 16, "to", 0, 5, 1));
        // temperature: near 0 picks the most probable character every time
        float[] p = {0f, 0f, 0.2f, 0.5f, 0.3f};
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(3, TextSampler.draw(p, 0.01, new Random(seed)));
        }
    }
}
