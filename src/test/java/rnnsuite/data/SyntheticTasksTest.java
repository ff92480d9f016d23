package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class SyntheticTasksTest {

    private static DataSpec spec(String dataset, int length, int examples, long seed) {
        return new DataSpec(dataset, length, null, null, null, seed, examples, 3, null, null, null, null, null);
    }

    private static VectorSplit vectors(SequenceSplit split) {
        return (VectorSplit) split;
    }

    @Test
    void theSeedFixesTheData() {
        PreparedData a = DatasetLoader.load(spec("recall", 20, 200, 5));
        PreparedData b = DatasetLoader.load(spec("recall", 20, 200, 5));
        PreparedData c = DatasetLoader.load(spec("recall", 20, 200, 6));
        assertArrayEquals(vectors(a.test()).x(), vectors(b.test()).x());
        assertTrue(!java.util.Arrays.deepEquals(vectors(a.test()).x(), vectors(c.test()).x()), "another seed, other data");
        PreparedData d = DatasetLoader.load(spec("adding", 20, 200, 5));
        assertArrayEquals(vectors(d.train()).y(), vectors(DatasetLoader.load(spec("adding", 20, 200, 5)).train()).y());
    }

    @Test
    void aBatchAsLargeAsAnIntTakesTheWholeSplitOnce() {
        PreparedData data = DatasetLoader.load(spec("recall", 5, 100, 1));
        assertEquals(1, data.train().numBatches(Integer.MAX_VALUE), "no wrap past 2^31");
        assertEquals(data.train().size(), data.train().batches(Integer.MAX_VALUE, null).next().numExamples());
    }

    @Test
    void recallLabelIsTheFirstSymbolAndTheRestAreDistractors() {
        PreparedData data = DatasetLoader.load(spec("recall", 15, 300, 1));
        int k = 3;
        int symbols = k + SyntheticTasks.DISTRACTORS;
        assertEquals(List.of("signal0", "signal1", "signal2"), data.classes());
        assertEquals(symbols, data.features());
        assertNull(data.vocabulary());
        for (SequenceSplit s : List.of(data.train(), data.validation(), data.test())) {
            VectorSplit split = vectors(s);
            assertEquals(15, split.steps());
            for (int e = 0; e < split.size(); e++) {
                float[] x = split.x()[e];
                int label = argmax(split.y()[e]);
                for (int t = 0; t < 15; t++) {
                    int symbol = argmax(java.util.Arrays.copyOfRange(x, t * symbols, (t + 1) * symbols));
                    float sum = 0;
                    for (int d = 0; d < symbols; d++) {
                        sum += x[t * symbols + d];
                    }
                    assertEquals(1f, sum, "one-hot at every step");
                    if (t == 0) {
                        assertEquals(label, symbol, "the class is the signal at step 0");
                    } else {
                        assertTrue(symbol >= k, "steps after the first hold distractors only");
                    }
                }
            }
        }
        assertEquals(1.0 / 3, data.summary().trivialBaseline(), 0.1, "chance is about 1/k");
    }

    @Test
    void addingTargetIsTheSumOfTheTwoMarkedValues() {
        PreparedData data = DatasetLoader.load(spec("adding", 12, 400, 2));
        assertTrue(data.regression());
        assertEquals(2, data.features());
        VectorSplit train = vectors(data.train());
        for (int e = 0; e < train.size(); e++) {
            float[] x = train.x()[e];
            double sum = 0;
            int markersFirstHalf = 0;
            int markersSecondHalf = 0;
            for (int t = 0; t < 12; t++) {
                assertTrue(x[2 * t] >= 0 && x[2 * t] < 1, "values uniform in [0, 1)");
                if (x[2 * t + 1] == 1f) {
                    sum += x[2 * t];
                    if (t < 6) {
                        markersFirstHalf++;
                    } else {
                        markersSecondHalf++;
                    }
                } else {
                    assertEquals(0f, x[2 * t + 1]);
                }
            }
            assertEquals(1, markersFirstHalf);
            assertEquals(1, markersSecondHalf);
            assertEquals(sum, train.y()[e][0], 1e-6);
        }
        assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(spec("adding", 1, 100, 1)));
    }

    @Test
    void predictingTheMeanScoresAboutOneSixthOnTheAddingProblem() {
        PreparedData data = DatasetLoader.load(spec("adding", 10, 6000, 3));
        assertEquals(SyntheticTasks.ADDING_BASELINE_MSE, data.summary().trivialBaseline(), 0.015);
    }

    @Test
    void batchesAreBatchFeaturesTimeWithoutMask() {
        PreparedData data = DatasetLoader.load(spec("adding", 7, 100, 4));
        VectorSplit test = vectors(data.test());
        DataSet batch = test.batches(4, null).next();
        assertArrayEquals(new long[] {4, 2, 7}, batch.getFeatures().shape());
        assertArrayEquals(new long[] {4, 1}, batch.getLabels().shape());
        assertNull(batch.getFeaturesMaskArray(), "every sequence has all T steps");
        for (int t = 0; t < 7; t++) {
            assertEquals(test.x()[0][2 * t], batch.getFeatures().getFloat(0, 0, t));
            assertEquals(test.x()[0][2 * t + 1], batch.getFeatures().getFloat(0, 1, t));
        }
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
