package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.IntNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import rnnsuite.io.Json;

/**
 * Selective copying as Gu &amp; Dao describe it: K tokens at sorted random places among L blanks, K markers, the tokens
 * as the answers in order; only the answers scored; the best constant guess worked out by hand; its own options
 * defaulted, written into the run's settings and read back; bad options refused naming the key.
 */
class SelectiveCopyTest {

    private static DataSpec spec(int length, Map<String, Integer> options) {
        Map<String, com.fasterxml.jackson.databind.JsonNode> nodes = new java.util.LinkedHashMap<>();
        options.forEach((k, v) -> nodes.put(k, IntNode.valueOf(v)));
        return new DataSpec("selective_copy", length, null, null, null, 7L, 200, null, null, null, null, null, null, nodes);
    }

    @Test
    void tokensStandAtSortedPlacesAndTheAnswersRepeatThemInOrder() {
        int length = 12;
        int k = 3;
        PreparedData data = DatasetLoader.load(spec(length, Map.of("tokens", k, "vocab_size", 5)));
        int marker = 6;
        int total = 0;
        int spread = 0;
        for (SequenceSplit split : List.of(data.train(), data.validation(), data.test())) {
            StepSplit s = (StepSplit) split;
            assertEquals(7, s.symbols(), "blank, 5 tokens, marker");
            assertEquals(k, s.scored());
            for (int e = 0; e < s.size(); e++) {
                int[] x = s.x()[e];
                int[] y = s.y()[e];
                assertEquals(length + k, x.length);
                List<Integer> tokens = new ArrayList<>();
                List<Integer> places = new ArrayList<>();
                for (int t = 0; t < length; t++) {
                    assertTrue(x[t] >= 0 && x[t] <= 5, "blanks and tokens before the markers");
                    if (x[t] != 0) {
                        tokens.add(x[t]);
                        places.add(t);
                    }
                }
                assertEquals(k, tokens.size(), "K tokens among the blanks");
                spread += places.get(0);
                for (int i = 0; i < k; i++) {
                    assertEquals(marker, x[length + i], "then K markers");
                    assertEquals(tokens.get(i), y[length + i], "the answers: the tokens in order");
                }
                total++;
            }
        }
        assertEquals(200, total);
        assertTrue(spread > 0 && spread < 200 * (length - k), "the first token's place varies");
        DataSet batch = data.train().batches(4, null).next();
        assertEquals(4L * k, batch.getLabelsMaskArray().sumNumber().longValue(), "only the answers are scored");
        for (int t = 0; t < length + k; t++) {
            assertEquals(t >= length ? 1.0 : 0.0, batch.getLabelsMaskArray().getDouble(0, t));
        }
        assertEquals(null, batch.getFeaturesMaskArray(), "every input step is real");
        assertEquals(List.of("loss", "accuracy", "nats_per_token"), Dataset.SELECTIVE_COPY.metrics().stream().map(Metric::name).toList());
    }

    @Test
    void theConstantGuessIsTheMostFrequentTrainingToken() {
        // train answers: 1, 1, 2 (K = 3); test answers 1, 2, 2: always 1 is right once in three
        int[][] none = new int[1][4];
        StepSplit train = new StepSplit("train", 5, 5, none, new int[][] {{0, 1, 1, 2}}, 3);
        StepSplit test = new StepSplit("test", 5, 5, none, new int[][] {{0, 1, 2, 2}}, 3);
        double[] guess = SelectiveCopy.constantGuess(train, test, 3, 5);
        assertEquals(1 / 3.0, guess[0], 1e-12);
        double p1 = 2.5 / 4.5; // (count + 0.5) / (answers + 0.5 × 3 tokens)
        double p2 = 1.5 / 4.5;
        assertEquals(-(Math.log(p1) + 2 * Math.log(p2)) / 3, guess[1], 1e-12);
    }

    @Test
    void itsOptionsAreDefaultedWrittenAndReadBack() throws Exception {
        DataSpec spec = spec(30, Map.of());
        assertEquals(new SelectiveCopyOptions(16, 16), spec.options(SelectiveCopyOptions.class));
        String json = Json.MAPPER.writeValueAsString(spec);
        assertTrue(json.contains("\"tokens\" : 16") && json.contains("\"vocab_size\" : 16"), json);
        assertEquals(spec, Json.MAPPER.readValue(json, DataSpec.class));
        assertEquals(List.of("max_len", "examples", "split", "split_seed", "tokens", "vocab_size"), Dataset.SELECTIVE_COPY.keys());
        String plain = Json.MAPPER.writeValueAsString(new DataSpec("copy", 30, null, null, null, null, null, null, null, null,
                null, null, null));
        assertTrue(!plain.contains("tokens") && !plain.contains("options"),
                "a dataset without options of its own writes none: its runs keep their ids: " + plain);
    }

    @Test
    void badOptionsAreRefusedNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> spec(10, Map.of("tokens", 0))).getMessage()
                .contains("data.tokens must be at least 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> spec(10, Map.of("vocab_size", 1))).getMessage()
                .contains("data.vocab_size must be at least 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> spec(10, Map.of("colour", 1))).getMessage()
                .contains("unknown key 'data.colour' for dataset selective_copy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(spec(10, Map.of("tokens", 11))))
                .getMessage().contains("data.tokens (11) must be at most data.max_len (10)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DataSpec("copy", 10, null, null, null, null, null,
                null, null, null, null, null, null, Map.of("tokens", IntNode.valueOf(3)))).getMessage()
                .contains("unknown key 'data.tokens' for dataset copy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Dataset.JSB.requireReads(List.of("dataset", "max_len")))
                .getMessage().contains("data.max_len is not an option of dataset jsb: it takes none besides dataset"));
        Dataset.RECALL.requireReads(List.of("dataset", "classes", "max_len"));
    }
}
