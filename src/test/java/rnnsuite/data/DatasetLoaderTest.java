package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class DatasetLoaderTest {

    private static final TextCorpus CORPUS = TestCorpora.twoClasses(120, 60, 5);
    private static final DataSpec SPEC = new DataSpec("csv", 12, 1, 1000, null, 9L, null, null, null, null, null, null, null);

    @Test
    void vocabularyComesFromTheTrainingSplitOnly() {
        // A word that occurs in one validation or test document and nowhere else must map to OOV.
        TextCorpus base = TestCorpora.twoClasses(40, 40, 1);
        PreparedData plain = DatasetLoader.prepare(base, SPEC);
        String heldOutId = tokens(plain.test()).ids().get(0);
        List<LabeledText> docs = base.examples().stream()
                .map(d -> d.id().equals(heldOutId) ? new LabeledText(d.id(), "zebra " + d.text(), d.label()) : d)
                .toList();
        PreparedData data = DatasetLoader.prepare(new TextCorpus("x", "x", docs), SPEC);
        assertEquals(heldOutId, tokens(data.test()).ids().get(0), "the split does not depend on the text");
        assertEquals(Vocabulary.OOV, tokens(data.test()).tokens()[0][0], "'zebra' is only in a test document");

        TextTokenizer tokenizer = new TextTokenizer();
        Set<String> trainTokens = new HashSet<>();
        Map<String, LabeledText> byId = new HashMap<>();
        docs.forEach(d -> byId.put(d.id(), d));
        tokens(data.train()).ids().forEach(id -> trainTokens.addAll(tokenizer.tokenize(byId.get(id).text())));
        for (String word : data.vocabulary().words().subList(2, data.vocabulary().size())) {
            assertTrue(trainTokens.contains(word), word + " is in the vocabulary but in no training document");
        }
    }

    @Test
    void sequencesAreTruncatedAndMasksMatchLengths() {
        PreparedData data = DatasetLoader.prepare(CORPUS, SPEC);
        for (SequenceSplit s : List.of(data.train(), data.validation(), data.test())) {
            TokenSplit split = tokens(s);
            for (int[] tokens : split.tokens()) {
                assertTrue(tokens.length >= 1 && tokens.length <= 12, "length " + tokens.length);
            }
        }
        TokenSplit train = tokens(data.train());
        ShuffledBatches batches = train.batches(16, null);
        int row = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            INDArray features = batch.getFeatures();
            INDArray mask = batch.getFeaturesMaskArray();
            assertArrayEquals(features.shape(), mask.shape());
            int longest = 0;
            for (int i = 0; i < features.rows(); i++, row++) {
                int[] tokens = train.tokens()[row];
                longest = Math.max(longest, tokens.length);
                assertEquals(tokens.length, mask.getRow(i).sumNumber().intValue(), "mask counts the tokens");
                for (int t = 0; t < features.columns(); t++) {
                    double expected = t < tokens.length ? tokens[t] : Vocabulary.PAD;
                    assertEquals(expected, features.getDouble(i, t), "padding after the last token");
                    assertEquals(t < tokens.length ? 1.0 : 0.0, mask.getDouble(i, t));
                }
                assertEquals(1.0, batch.getLabels().getDouble(i, train.labels()[row]), "one-hot label");
            }
            assertEquals(longest, features.columns(), "a batch is as long as its longest sequence");
        }
        assertEquals(train.size(), row);
    }

    @Test
    void shuffledBatchesCoverEveryExampleOnceAndFollowTheSeed() {
        PreparedData data = DatasetLoader.prepare(CORPUS, SPEC);
        double[] first = labelsInOrder(data.train().batches(7, new Random(3)));
        double[] again = labelsInOrder(data.train().batches(7, new Random(3)));
        assertArrayEquals(first, again);
        assertEquals(data.train().size(), first.length);
        long positives = java.util.Arrays.stream(tokens(data.train()).labels()).filter(y -> y == 1).count();
        assertEquals(positives, java.util.Arrays.stream(first).filter(y -> y == 1).count());
    }

    private static TokenSplit tokens(SequenceSplit split) {
        return (TokenSplit) split;
    }

    private static double[] labelsInOrder(ShuffledBatches batches) {
        java.util.List<Double> out = new java.util.ArrayList<>();
        while (batches.hasNext()) {
            INDArray labels = batches.next().getLabels();
            for (int i = 0; i < labels.rows(); i++) {
                out.add(labels.getDouble(i, 1));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void summaryCountsSplitsAndClasses() {
        PreparedData data = DatasetLoader.prepare(CORPUS, SPEC);
        DatasetSummary s = data.summary();
        assertEquals(List.of("a", "b"), s.classes());
        assertEquals(180, s.total());
        assertArrayEquals(new int[] {84, 42}, s.counts()[0]);
        assertArrayEquals(new int[] {18, 9}, s.counts()[1]);
        assertArrayEquals(new int[] {18, 9}, s.counts()[2]);
        assertEquals(30, s.lengthPercentiles()[4], "the longest generated document has 30 tokens");
        assertTrue(s.truncatedShare() > 0.4 && s.truncatedShare() < 0.8, "about 60% exceed 12 tokens");
    }

    @Test
    void emptyDocumentsAreCountedNotEncoded() {
        List<LabeledText> docs = new java.util.ArrayList<>(CORPUS.examples());
        docs.add(new LabeledText("blank", "!!! ... 123", "a"));
        PreparedData data = DatasetLoader.prepare(new TextCorpus("x", "x", docs), SPEC);
        assertEquals(1, data.summary().emptyDropped());
        assertEquals(180, data.summary().total());
    }

    @Test
    void aSingleClassIsRefused() {
        TextCorpus one = new TextCorpus("one", "x", List.of(new LabeledText("1", "hello", "a"), new LabeledText("2", "there", "a")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetLoader.prepare(one, SPEC));
        assertTrue(e.getMessage().contains("single class"), e.getMessage());
    }
}
