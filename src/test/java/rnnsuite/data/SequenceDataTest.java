package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import rnnsuite.io.Json;

/**
 * The per-step tasks' data: the copy-memory generator against the TCN generator's definition, the embedded JSB
 * Chorales and tiny Shakespeare against figures read from the original files (scripts/golden_sequences.py,
 * committed as golden/sequences.json), batches and masks, and a user's text refused when it cannot be modelled.
 */
class SequenceDataTest {

    private static JsonNode golden;

    @TempDir
    Path dir;

    @BeforeAll
    static void readGolden() throws Exception {
        try (InputStream in = SequenceDataTest.class.getResourceAsStream("/golden/sequences.json")) {
            golden = Json.MAPPER.readTree(in);
        }
    }

    private static DataSpec spec(String dataset, int maxLen, int examples) {
        return new DataSpec(dataset, maxLen, null, null, null, 7L, examples, null, null, null, null, null, null);
    }

    @Test
    void copyMemoryIsTheTcnGenerator() {
        int blanks = 30;
        PreparedData data = DatasetLoader.load(spec("copy", blanks, 200));
        assertEquals(Dataset.Task.STEP_CLASSES, data.task());
        assertEquals(10, data.outputs());
        int steps = blanks + 20;
        int total = 0;
        for (SequenceSplit s : List.of(data.train(), data.validation(), data.test())) {
            StepSplit split = (StepSplit) s;
            total += split.size();
            assertEquals(steps, split.steps());
            for (int e = 0; e < split.size(); e++) {
                int[] x = split.x()[e];
                int[] y = split.y()[e];
                for (int t = 0; t < steps; t++) {
                    if (t < 10) {
                        assertTrue(x[t] >= 1 && x[t] <= 8, "the first 10 steps hold symbols 1..8");
                    } else if (t < blanks + 9) {
                        assertEquals(0, x[t], "then T - 1 blanks");
                    } else {
                        assertEquals(9, x[t], "then the marker on the last 11 steps");
                    }
                    assertEquals(t >= blanks + 10 ? x[t - blanks - 10] : 0, y[t], "the target repeats the symbols at the end");
                }
            }
        }
        assertEquals(200, total);
        assertEquals(10 * Math.log(8) / (blanks + 20), data.summary().trivialBaseline(), 1e-12);
        assertEquals(0.0204, SequenceTasks.memorylessNatsPerStep(1000), 5e-5, "the TCN paper's line at T = 1000");
        DataSet batch = data.train().batches(4, null).next();
        assertEquals(List.of(4L, 10L, (long) steps), Arrays.stream(batch.getFeatures().shape()).boxed().toList());
        assertEquals(List.of(4L, 10L, (long) steps), Arrays.stream(batch.getLabels().shape()).boxed().toList());
        StepSplit train = (StepSplit) data.train();
        for (int t = 0; t < steps; t++) {
            assertEquals(1.0, batch.getFeatures().getDouble(0, train.x()[0][t], t), "one-hot inputs");
            assertEquals(1.0, batch.getLabels().getDouble(0, train.y()[0][t], t), "one-hot targets");
        }
        ShuffledBatches batches = data.train().batches(4, null);
        batches.next();
        assertEquals(4L * steps, batches.lastUnits(), "every step is scored");
    }

    @Test
    void jsbChoralesMatchTheMatFile() {
        PreparedData data = DatasetLoader.load(spec("jsb", 100, 3000));
        assertEquals(Dataset.Task.STEP_LABELS, data.task());
        assertEquals(88, data.features());
        assertEquals(88, data.outputs());
        for (String name : List.of("train", "validation", "test")) {
            FrameSplit split = (FrameSplit) switch (name) {
                case "train" -> data.train();
                case "validation" -> data.validation();
                default -> data.test();
            };
            JsonNode expected = golden.get("jsb").get(name);
            assertEquals(expected.get("chorales").asInt(), split.size(), name);
            assertEquals(expected.get("predicted_frames").asLong(), split.frames(), name);
            assertEquals(expected.get("frames").asLong(), split.sequences().stream().mapToLong(c -> c.length).sum(), name);
            double on = split.sequences().stream().flatMap(Arrays::stream).mapToDouble(f -> {
                double sum = 0;
                for (float v : f) {
                    sum += v;
                }
                return sum;
            }).sum();
            assertEquals(expected.get("notes_on").asDouble(), on, name);
        }
        float[] first = ((FrameSplit) data.train()).sequences().get(0)[0];
        int[] notes = java.util.stream.IntStream.range(0, 88).filter(d -> first[d] > 0).toArray();
        int[] expectedNotes = new int[golden.get("jsb").get("first_train_frame_notes").size()];
        for (int i = 0; i < expectedNotes.length; i++) {
            expectedNotes[i] = golden.get("jsb").get("first_train_frame_notes").get(i).asInt();
        }
        assertTrue(Arrays.equals(expectedNotes, notes), Arrays.toString(notes));
        assertEquals(golden.get("jsb").get("note_frequency_test_nll_per_frame").asDouble(),
                data.summary().trivialBaseline(), 1e-9, "the note-frequency baseline, as numpy computes it");
    }

    @Test
    void jsbBatchesArePaddedAndMasked() {
        PreparedData data = DatasetLoader.load(spec("jsb", 100, 3000));
        FrameSplit test = (FrameSplit) data.test();
        ShuffledBatches batches = test.batches(5, null);
        DataSet batch = batches.next();
        long real = 0;
        int longest = 0;
        for (int i = 0; i < 5; i++) {
            float[][] chorale = test.sequences().get(i);
            real += chorale.length - 1;
            longest = Math.max(longest, chorale.length - 1);
        }
        assertEquals(longest, batch.getLabels().size(2));
        assertEquals(real, batch.getLabelsMaskArray().sumNumber().longValue(), "the mask marks the predicted frames");
        assertEquals(real, batches.lastUnits());
        float[][] chorale = test.sequences().get(0);
        for (int t = 0; t + 1 < chorale.length; t++) {
            for (int d = 0; d < 88; d++) {
                assertEquals(chorale[t][d], batch.getFeatures().getFloat(0, d, t), "input: the frame");
                assertEquals(chorale[t + 1][d], batch.getLabels().getFloat(0, d, t), "target: the next frame");
            }
        }
    }

    @Test
    void tinyShakespeareIsSplitContiguously() {
        PreparedData data = DatasetLoader.load(spec("chars", 100, 3000));
        JsonNode expected = golden.get("chars");
        assertEquals(expected.get("train_distinct").asInt() + 2, data.vocabulary().size(), "the training characters, padding and unseen");
        StepSplit train = (StepSplit) data.train();
        StepSplit validation = (StepSplit) data.validation();
        StepSplit test = (StepSplit) data.test();
        long characters = expected.get("characters").asLong();
        assertEquals((Math.round(characters * 0.9) - 1) / 100, train.size(), "windows of 100 + 1 characters in the first 90 %");
        assertTrue(validation.size() > 500 && test.size() > 500);
        StringBuilder start = new StringBuilder();
        for (int t = 0; t < 14; t++) {
            start.append(data.vocabulary().word(train.x()[0][t]));
        }
        assertEquals(expected.get("first_line").asText(), start.toString());
        for (StepSplit split : List.of(train, validation, test)) {
            for (int w = 0; w < split.size(); w++) {
                for (int t = 0; t + 1 < 100; t++) {
                    assertEquals(split.x()[w][t + 1], split.y()[w][t], "the target is the input shifted by one");
                }
                if (w + 1 < split.size()) {
                    assertEquals(split.x()[w + 1][0], split.y()[w][99], "windows follow one another");
                }
            }
        }
        DataSet batch = train.batches(3, null).next();
        assertEquals(List.of(3L, 100L), Arrays.stream(batch.getFeatures().shape()).boxed().toList(), "token ids for the embedding");
        assertEquals(List.of(3L, (long) data.vocabulary().size(), 100L), Arrays.stream(batch.getLabels().shape()).boxed().toList());
    }

    @Test
    void aUsersTextIsReadAsUtf8AndUnseenCharactersAreOov() throws Exception {
        Path file = dir.resolve("text.txt");
        String text = "abcabcabcabcabcabcabcab".repeat(20) + "é".repeat(30) + "xyz".repeat(10);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        DataSpec spec = new DataSpec("text", 10, null, null, null, null, null, null, file.toString(), null, null, null, null);
        PreparedData data = DatasetLoader.load(spec);
        assertEquals(List.of(0.9, 0.05, 0.05), spec.split());
        assertEquals(2 + 3 + 1, data.vocabulary().size(), "a, b, c and é train; x, y, z come later");
        assertEquals(Vocabulary.OOV, data.vocabulary().id("x"));
        assertTrue(data.vocabulary().contains("é"), "a character, not a byte");
        assertNotNull(data.summary().trivialNote());
    }

    @Test
    void textsThatCannotBeModelledAreRefusedWithTheFix() throws Exception {
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        Path binary = Files.write(dir.resolve("binary.bin"), new byte[] {'a', 'b', 0, 1, 2, 'c'});
        Path latin1 = Files.write(dir.resolve("latin1.txt"), "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
        Path shortText = Files.writeString(dir.resolve("short.txt"), "x".repeat(500));
        for (Path file : List.of(empty, binary, latin1, shortText)) {
            DataSpec spec = new DataSpec("text", 100, null, null, null, null, null, null, file.toString(), null, null, null, null);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(spec), file.toString());
            assertTrue(e.getMessage().contains(file.toString()) || e.getMessage().contains("max_len"), e.getMessage());
        }
        DataSpec missing = new DataSpec("text", 100, null, null, null, null, null, null, null, null, null, null, null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(missing)).getMessage().contains("text:FILE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(
                new DataSpec("text", 100, null, null, null, null, null, null, shortText.toString(), null, null, null, null)))
                .getMessage().contains("smaller data.max_len"));
    }
}
