package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.cli.Main;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * A user's own CSV, end to end from the command line: embedding and word2vec arms, and the two baselines,
 * on texts whose class shows in their words (a bag-of-words model should all but solve it).
 */
@Tag("slow")
class TextInputsTest {

    @TempDir
    static Path dir;
    static Path csv;

    @BeforeAll
    static void writeCsv() throws IOException {
        Random random = new Random(4);
        StringBuilder rows = new StringBuilder("review,sentiment\n");
        for (int i = 0; i < 240; i++) {
            boolean good = i % 3 != 0; // 2:1, so the majority class is "good"
            StringBuilder text = new StringBuilder();
            for (int t = 0; t < 4 + random.nextInt(8); t++) {
                // letters, not digits: the tokeniser's preprocessor strips digits
                char letter = (char) ('a' + random.nextInt(20));
                text.append(random.nextInt(3) == 0 ? (good ? "lovely" : "awful") + letter : "word" + letter).append(' ');
            }
            rows.append('"').append(text.toString().trim()).append("\",").append(good ? "good" : "bad").append('\n');
        }
        rows.append("\"no label here\",\n");
        csv = dir.resolve("reviews.csv");
        Files.writeString(csv, rows);
        Path plan = dir.resolve("mine.yaml");
        Files.writeString(plan, """
                variants: [lstm]
                seeds: [1]
                data: {max_len: 12, min_freq: 1}
                model: {layers: 1, units: 16, embedding_size: 8}
                train: {epochs: 8, batch_size: 16}
                arms:
                  - name: lstm_word2vec
                    variant: lstm
                    model: {input: word2vec}
                """);
        int status = Main.execute("run", plan.toString(), "--results", dir.resolve("results").toString(),
                "--data", "csv:" + csv, "--text-column", "review", "--label-column", "sentiment");
        assertEquals(0, status);
    }

    private static Table runs() {
        return Table.read().usingOptions(CsvReadOptions.builder(dir.resolve("results/mine/runs.csv").toFile()));
    }

    @Test
    void everyArmAndBothBaselinesRanOnTheSameSplit() {
        Table runs = runs();
        assertEquals(List.of("lstm", "lstm_word2vec", "majority", "tfidf_logreg"), runs.stringColumn("arm").asList());
        assertEquals(List.of("csv"), runs.stringColumn("dataset").unique().asList());
        assertEquals(Set.of("lstm", "majority", "tfidf_logreg"), Set.copyOf(runs.stringColumn("variant").asList()));
    }

    @Test
    void theMajorityBaselineScoresTheMajorityShareAndTheBagOfWordsAlmostEverything() {
        Table runs = runs();
        Table majority = runs.where(runs.stringColumn("arm").isEqualTo("majority"));
        double accuracy = majority.numberColumn("test_accuracy").getDouble(0);
        assertEquals(2.0 / 3, accuracy, 0.05, "2:1 classes");
        assertEquals(0.5, majority.numberColumn("test_auc").getDouble(0), 1e-9, "no ranking at all");
        Table tfidf = runs.where(runs.stringColumn("arm").isEqualTo("tfidf_logreg"));
        assertTrue(tfidf.numberColumn("test_accuracy").getDouble(0) > 0.85, "separable by words: " + tfidf.print());
    }

    @Test
    void theReportCarriesTheDatasetCardWithTheSkippedRow() throws IOException {
        String html = Files.readString(dir.resolve("results/mine/report.html"));
        assertTrue(html.contains("1 source row(s) skipped"), "the row without a label is counted");
        assertTrue(html.contains("CSV file") && html.contains("tfidf_logreg") && html.contains("lstm_word2vec"));
        String summary = Files.readString(dir.resolve("results/mine/summary.csv"));
        assertTrue(summary.contains("majority"));
    }

    /** Runs {@code evaluate TARGET} and returns its exit status and output (stdout and stderr). */
    private static Object[] evaluate(Path target) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        int status;
        try {
            System.setOut(capture);
            System.setErr(capture);
            status = Main.execute("evaluate", target.toString());
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return new Object[] {status, buffer.toString(StandardCharsets.UTF_8)};
    }

    private static Path runDir(String arm) throws IOException {
        try (var runs = Files.list(dir.resolve("results/mine/runs"))) {
            return runs.filter(r -> r.getFileName().toString().startsWith(arm + "-s")).findFirst().orElseThrow();
        }
    }

    @Test
    void evaluateReScoresTheWord2vecRunAndTheBaselinesAsRecorded() throws IOException {
        for (String arm : List.of("lstm_word2vec", "lstm", "tfidf_logreg")) {
            // the last epoch's checkpoint is the final model, whose test metrics the run recorded
            Object[] r = evaluate(runDir(arm).resolve("checkpoints/epoch-8.zip"));
            String out = (String) r[1];
            assertEquals(0, r[0], arm + ": " + out);
            String now = out.lines().filter(l -> l.contains("test now:")).findFirst().orElseThrow().replace("test now:", "");
            String recorded = out.lines().filter(l -> l.contains("test recorded:")).findFirst().orElseThrow()
                    .replace("test recorded:", "").replaceFirst(" \\(the last epoch.*", "");
            assertEquals(recorded.trim(), now.trim(), arm + ": " + out);
        }
        Object[] majority = evaluate(runDir("majority"));
        assertEquals(0, majority[0], (String) majority[1]);
        assertTrue(((String) majority[1]).contains("recomputed from the data"), (String) majority[1]);
    }

    @Test
    void evaluateRefusesWhatItCannotLoadInOneLine() throws IOException {
        Path notAModel = runDir("lstm").resolve("config.json");
        Path stray = dir.resolve("stray.zip");
        Files.copy(runDir("lstm").resolve("checkpoints/epoch-8.zip"), stray, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path otherRunsModel = runDir("lstm_word2vec").resolve("checkpoints/theirs.zip");
        Files.copy(runDir("lstm").resolve("checkpoints/epoch-8.zip"), otherRunsModel, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try {
            for (Path target : List.of(dir.resolve("nothing-here"), notAModel, stray, otherRunsModel)) {
                Object[] r = evaluate(target);
                String out = (String) r[1];
                assertEquals(Main.EXIT_BAD_INPUT, r[0], target + ": " + out);
                List<String> lines = out.lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING")).toList();
                assertEquals(1, lines.size(), target + ": " + out);
                assertTrue(lines.get(0).startsWith("error: "), out);
            }
        } finally {
            Files.delete(otherRunsModel);
        }
    }
}
