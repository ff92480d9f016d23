package rnnsuite.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Character-level language modelling: predict each next character. The text is the embedded tiny Shakespeare
 * ({@code chars}: data/tinyshakespeare/input.txt of github.com/karpathy/char-rnn, 1,115,394 characters; the text is
 * in the public domain, the repository MIT) or a user's UTF-8 file ({@code text}, {@code data.path}). It is split
 * contiguously, no window crossing from one part to the next: the first 90 % trains, the next 5 % validates, the last
 * 5 % tests ({@code data.split}). Each part is cut into windows of {@code data.max_len} + 1 characters, one after
 * the other: the input is a window's first {@code max_len} characters, the target the same shifted by one, so every
 * character of a part is predicted once, from the window's characters before it. The vocabulary is every character
 * of the training part (most frequent first); one unseen in it maps to the out-of-vocabulary id.
 */
public final class CharCorpus {

    static final String RESOURCE = "/rnnsuite/data/tinyshakespeare.txt.gz";
    static final String SOURCE = "tiny Shakespeare, data/tinyshakespeare/input.txt of github.com/karpathy/char-rnn "
            + "(the text in the public domain, the repository MIT licence)";

    private CharCorpus() {
    }

    /** The embedded tiny Shakespeare. */
    static PreparedData embedded(DataSpec spec) {
        return prepare(embedded(), SOURCE, spec);
    }

    /** A user's UTF-8 text file, {@code data.path}. */
    static PreparedData file(DataSpec spec) {
        if (spec.path() == null) {
            throw new IllegalArgumentException("dataset text needs data.path, a UTF-8 text file: --data text:FILE");
        }
        return prepare(file(Path.of(spec.path())), "text file " + spec.path(), spec);
    }

    /** The windows, vocabulary and card of a text. */
    static PreparedData prepare(String text, String source, DataSpec spec) {
        int[] codePoints = text.codePoints().toArray();
        int window = spec.maxLen();
        int[] ends = new int[4];
        ends[1] = (int) Math.round(codePoints.length * spec.split().get(0));
        ends[2] = (int) Math.round(codePoints.length * (spec.split().get(0) + spec.split().get(1)));
        ends[3] = codePoints.length;
        for (int s = 0; s < 3; s++) {
            int length = ends[s + 1] - ends[s];
            if (length < window + 1) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "the text has %d characters: its %s part "
                        + "(%d) is shorter than one sequence of data.max_len + 1 = %d; give a longer text or a smaller "
                        + "data.max_len", codePoints.length, StratifiedSplit.NAMES[s], length, window + 1));
            }
        }
        List<List<String>> training = List.of(chars(codePoints, 0, ends[1]));
        Vocabulary vocabulary = Vocabulary.build(training, 1, Integer.MAX_VALUE);
        int[] ids = ids(codePoints, vocabulary);
        StepSplit[] splits = new StepSplit[3];
        int[][] counts = new int[3][1];
        long testChars = 0;
        long testOov = 0;
        for (int s = 0; s < 3; s++) {
            int from = ends[s];
            int to = ends[s + 1];
            int count = (to - from - 1) / window;
            int[][] x = new int[count][window];
            int[][] y = new int[count][window];
            for (int w = 0; w < count; w++) {
                int start = from + w * window;
                for (int t = 0; t < window; t++) {
                    x[w][t] = ids[start + t];
                    y[w][t] = ids[start + t + 1];
                    if (s == 2) {
                        testChars++;
                        testOov += y[w][t] == Vocabulary.OOV ? 1 : 0;
                    }
                }
            }
            splits[s] = new StepSplit(StratifiedSplit.NAMES[s], 0, vocabulary.size(), x, y);
            counts[s][0] = count;
        }
        DatasetSummary summary = new DatasetSummary(spec.dataset(), source, List.of(), counts, window,
                new int[] {window, window, window, window, window}, 0, vocabulary.size(),
                testChars == 0 ? 0 : testOov / (double) testChars, 0, Double.NaN, 0,
                String.format(Locale.ROOT, "%,d characters, split contiguously %.0f/%.0f/%.0f %%; windows of %d characters; "
                        + "vocabulary: the training part's %d characters (ids 0 and 1: padding, unseen)", codePoints.length,
                        100 * spec.split().get(0), 100 * spec.split().get(1), 100 * spec.split().get(2), window, vocabulary.size() - 2));
        return new PreparedData(spec, vocabulary.words(), vocabulary, 0, splits[0], splits[1], splits[2], summary, List.of());
    }

    /** Each character's id in {@code vocabulary} (unseen ones: {@link Vocabulary#OOV}). */
    public static int[] ids(int[] codePoints, Vocabulary vocabulary) {
        int[] ids = new int[codePoints.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = vocabulary.id(new String(Character.toChars(codePoints[i])));
        }
        return ids;
    }

    private static List<String> chars(int[] codePoints, int from, int to) {
        List<String> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            out.add(new String(Character.toChars(codePoints[i])));
        }
        return out;
    }

    private static String embedded() {
        try (InputStream raw = CharCorpus.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("the embedded " + RESOURCE + " is missing from the classpath: rebuild with "
                        + "`mvn package` or regenerate it with scripts/prepare_data.py");
            }
            return new String(new GZIPInputStream(raw).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** A user's text: UTF-8, not empty, no NUL bytes (a binary file); every problem one sentence with the fix. */
    static String file(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("text file " + path + " not found: give the path of a UTF-8 text file (--data text:FILE)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read text file " + path + ": " + e.getMessage());
        }
        if (bytes.length == 0) {
            throw new IllegalArgumentException("text file " + path + " is empty: give a UTF-8 text to model");
        }
        for (byte b : bytes) {
            if (b == 0) {
                throw new IllegalArgumentException("text file " + path + " holds NUL bytes, so it is binary, not text: "
                        + "give a UTF-8 text file");
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("text file " + path + " is not UTF-8 (" + e.getMessage() + "): convert it, "
                    + "for example with iconv -t UTF-8");
        }
    }
}
