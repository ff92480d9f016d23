package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.models.embeddings.wordvectors.WordVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

class WordVectorInputTest {

    private static final DataSpec SPEC = new DataSpec("csv", 12, 1, 1000, null, 9L, null, null, null, null, null, null, null);

    @TempDir
    Path dir;

    @Test
    void vectorsTrainedOnTheTrainingSplitNeverSeeOtherText() {
        TextCorpus base = TestCorpora.twoClasses(40, 40, 1);
        PreparedData plain = DatasetLoader.prepare(base, SPEC);
        String heldOut = ((TokenSplit) plain.test()).ids().get(0);
        List<LabeledText> docs = base.examples().stream()
                .map(d -> d.id().equals(heldOut) ? new LabeledText(d.id(), "zebra zebra " + d.text(), d.label()) : d).toList();
        PreparedData data = DatasetLoader.prepare(new TextCorpus("x", "x", docs), SPEC);
        WordVectors vectors = WordVectorInput.train(data, 8);
        assertFalse(vectors.hasWord("zebra"), "a word of a test document only");
        assertTrue(vectors.hasWord("filler"), "training words get vectors (the preprocessor strips digits)");
        assertEquals(8, vectors.getWordVector("filler").length);
    }

    @Test
    void vectorsLoadFromAWord2VecTextFileAndFeedTheSequences() throws IOException {
        PreparedData data = DatasetLoader.prepare(TestCorpora.twoClasses(30, 30, 2), SPEC);
        Path file = dir.resolve("vectors.txt");
        Files.writeString(file, "3 2\na 0.5 -0.5\nb 1.0 2.0\nfiller 0.25 0.75\n");
        PreparedData view = WordVectorInput.apply(data, file.toString(), 100);
        assertEquals(2, view.features());
        assertFalse(view.tokens(), "the stack now reads vectors");
        TokenSplit tokens = (TokenSplit) data.train();
        DataSet batch = view.train().batches(5, null).next();
        DataSet ids = tokens.batches(5, null).next();
        assertArrayEquals(new long[] {5, 2, ids.getFeatures().columns()}, batch.getFeatures().shape());
        assertEquals(ids.getFeaturesMaskArray(), batch.getFeaturesMaskArray(), "same mask as the token batches");
        int nonZero = 0;
        for (int i = 0; i < 5; i++) {
            for (int t = 0; t < tokens.tokens()[i].length; t++) {
                nonZero += batch.getFeatures().getFloat(i, 1, t) != 0 ? 1 : 0;
                String word = data.vocabulary().word(tokens.tokens()[i][t]);
                float[] expected = switch (word) {
                    case "a" -> new float[] {0.5f, -0.5f};
                    case "b" -> new float[] {1f, 2f};
                    case "filler" -> new float[] {0.25f, 0.75f};
                    default -> new float[] {0f, 0f};
                };
                assertEquals(expected[0], batch.getFeatures().getFloat(i, 0, t), 1e-6, word);
                assertEquals(expected[1], batch.getFeatures().getFloat(i, 1, t), 1e-6, word);
            }
        }
        assertTrue(nonZero > 10, "the file's words are in the batches");
        assertThrows(IllegalArgumentException.class, () -> WordVectorInput.apply(data, dir.resolve("nope.txt").toString(), 8));
    }
}
