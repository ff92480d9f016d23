package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.dataset.DataSet;
import rnnsuite.cli.Main;
import rnnsuite.data.DataSpec;
import rnnsuite.data.PreparedCache;
import rnnsuite.data.PreparedData;
import rnnsuite.model.Impl;
import rnnsuite.model.ModelFactory;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Variant;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The sequence-modelling tasks through the whole suite (every cell learns every task: {@link EveryTaskTest}): a study on each writes its
 * metric under its own name everywhere (runs, summary, learning curves, report, baselines), evaluate and sample
 * reproduce a run, and each bad input is one error line, exit 2, nothing written.
 */
class SequenceTasksTest {

    @TempDir
    static Path dir;

    private static Path text;

    @BeforeAll
    static void studies() throws IOException {
        StringBuilder b = new StringBuilder();
        java.util.Random random = new java.util.Random(1);
        String[] words = {"the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "to"};
        while (b.length() < 6000) {
            b.append(words[random.nextInt(words.length)]).append(random.nextInt(8) == 0 ? ".\n" : " ");
        }
        text = Files.writeString(dir.resolve("words.txt"), b.toString());
        for (String[] study : new String[][] {
            {"copy", "data: {dataset: copy, max_len: 8, examples: 120}"},
            {"jsb", "data: {dataset: jsb}"},
            {"words", "data: {dataset: text, max_len: 20, path: " + text + "}"}}) {
            Files.writeString(dir.resolve(study[0] + ".yaml"), """
                    variants: [gru, min_lstm]
                    seeds: [1]
                    %s
                    model: {layers: 1, units: 12, embedding_size: 8, dropout: 0.25}
                    train: {epochs: 2, batch_size: 32}
                    """.formatted(study[1]));
            assertEquals(0, Main.execute("run", dir.resolve(study[0] + ".yaml").toString(), "--results",
                    dir.resolve("results").toString()), study[0]);
        }
    }

    private static Table table(String study, String file) {
        return Table.read().usingOptions(CsvReadOptions.builder(dir.resolve("results").resolve(study).resolve(file).toFile()));
    }

    @Test
    void eachStudyCarriesItsMetricUnderItsOwnName() throws IOException {
        String[][] expected = {
            {"copy", "nats_per_step", "memoryless"},
            {"jsb", "nll_per_frame", "note_frequency"},
            {"words", "bpc", "ngram"}};
        for (String[] e : expected) {
            Table runs = table(e[0], "runs.csv");
            assertTrue(runs.columnNames().contains("test_" + e[1]), e[0] + ": " + runs.columnNames());
            assertEquals(List.of("gru", "min_lstm", e[2]), runs.stringColumn("arm").asList());
            for (int r = 0; r < runs.rowCount(); r++) {
                double metric = runs.numberColumn("test_" + e[1]).getDouble(r);
                double loss = runs.numberColumn("test_loss").getDouble(r);
                assertEquals(e[1].equals("bpc") ? loss / Math.log(2) : loss, metric, 1e-9, e[0] + " row " + r);
            }
            assertTrue(table(e[0], "epochs.csv").columnNames().contains("val_" + e[1]), e[0] + " learning curves");
            assertTrue(table(e[0], "summary.csv").columnNames().stream().anyMatch(c -> c.contains(e[1])), e[0] + " summary");
            String html = Files.readString(dir.resolve("results").resolve(e[0]).resolve("report.html"));
            assertTrue(html.contains(e[2]), e[0] + ": the baseline in the report");
        }
        Table words = table("words", "runs.csv");
        for (String column : List.of("test_perplexity", "test_nats_per_char", "test_accuracy")) {
            assertTrue(words.columnNames().contains(column), column);
        }
        String html = Files.readString(dir.resolve("results/words/report.html"));
        assertTrue(html.contains("class=\"sample\""), "a sample per arm");
        assertTrue(Files.readString(dir.resolve("results/words/samples.csv")).lines().count() >= 3, "a sample per cell");
        rnnsuite.report.StudyIndex.write(dir.resolve("results"));
        String index = Files.readString(dir.resolve("results/index.html"));
        for (String label : List.of("cross-entropy per step, nats", "negative log-likelihood per frame", "bits per character")) {
            assertTrue(index.contains("<th>" + label + "</th>"), "the index heads each study with its metric: " + label);
        }
        Table copy = table("copy", "runs.csv");
        double memoryless = copy.numberColumn("test_loss").getDouble(2);
        assertEquals(10 * Math.log(8) / 28, memoryless, 1e-6, "the copy task's line to beat");
    }

    private static Path runDir(String study, String arm) throws IOException {
        try (var runs = Files.list(dir.resolve("results").resolve(study).resolve("runs"))) {
            return runs.filter(r -> r.getFileName().toString().startsWith(arm + "-s")).findFirst().orElseThrow();
        }
    }

    private static String[] cli(String... args) {
        return rnnsuite.TestCli.run(args);
    }

    @Test
    void evaluateAndSampleReproduceACharacterRun() throws IOException {
        Path run = runDir("words", "gru");
        Table runs = table("words", "runs.csv");
        String[] evaluated = cli("evaluate", run.resolve("checkpoints/epoch-2.zip").toString());
        assertEquals("0", evaluated[0], evaluated[2]);
        String bpc = String.format(java.util.Locale.ROOT, "%.4f", runs.numberColumn("test_bpc").getDouble(0));
        assertTrue(evaluated[1].contains(bpc), "evaluate prints the recorded bpc " + bpc + ": " + evaluated[1]);

        String[] a = cli("sample", run.toString(), "--prime", "the cat", "--length", "80", "--seed", "5");
        String[] b = cli("sample", run.toString(), "--prime", "the cat", "--length", "80", "--seed", "5");
        assertEquals("0", a[0], a[2]);
        assertTrue(a[1].startsWith("the cat"));
        assertEquals(a[1], b[1], "the same run, prime, temperature and seed");
        assertEquals(7 + 80, a[1].strip().codePointCount(0, a[1].strip().length()), a[1]);

        String[] copyRun = cli("sample", runDir("copy", "gru").toString());
        assertEquals("2", copyRun[0]);
        assertTrue(copyRun[2].startsWith("error: ") && copyRun[2].contains("not a character model"), copyRun[2]);
        String[] cold = cli("sample", run.toString(), "--temperature", "0");
        assertEquals("2", cold[0]);
        assertEquals(1, cold[2].lines().count(), cold[2]);
    }

    @Test
    void aRerunKeepsEveryFinishedRun() {
        String[] again = cli("run", dir.resolve("jsb.yaml").toString(), "--results", dir.resolve("results").toString());
        assertEquals("0", again[0], again[2]);
        assertEquals(3, again[1].lines().filter(l -> l.contains("finished earlier: kept")).count(), again[1]);
    }

    @Test
    void theDryRunEstimatesAPerStepStudy() {
        String[] dry = cli("run", dir.resolve("words.yaml").toString(), "--results", dir.resolve("dry").toString(), "--dry-run");
        assertEquals("0", dry[0], dry[2]);
        assertTrue(dry[1].contains("gru") && dry[1].toLowerCase().contains("estimat"), dry[1]);
        assertFalse(Files.exists(dir.resolve("dry/words/runs.csv")));
    }

    /** One error line, exit 2, and no results folder. */
    private static void refused(String expected, String... args) {
        Path results = dir.resolve("refused");
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--results", results.toString()));
        String[] r = cli(all.toArray(String[]::new));
        assertEquals("2", r[0], String.join(" ", args) + ": " + r[1] + r[2]);
        assertEquals(1, r[2].lines().count(), r[2]);
        assertTrue(r[2].startsWith("error: ") && r[2].contains(expected), r[2]);
        assertFalse(Files.exists(results), "nothing written for " + String.join(" ", args));
    }

    @Test
    void badInputsAreOneErrorLine() throws IOException {
        Path plan = dir.resolve("copy.yaml");
        refused("unknown dataset 'poems'", "run", plan.toString(), "--data", "poems");
        Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
        refused("is empty", "run", plan.toString(), "--data", "text:" + empty);
        Path binary = Files.write(dir.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        refused("binary", "run", plan.toString(), "--data", "text:" + binary);
        Path tiny = Files.writeString(dir.resolve("tiny.txt"), "To be, or not to be.");
        refused("smaller data.max_len", "run", plan.toString(), "--data", "text:" + tiny);

        Path lengths = Files.writeString(dir.resolve("jsb-lengths.yaml"), """
                variants: [gru]
                lengths: [50, 100]
                data: {dataset: jsb}
                """);
        refused("remove lengths", "run", lengths.toString());
        Path objective = Files.writeString(dir.resolve("jsb-search.yaml"), """
                variants: [gru]
                data: {dataset: jsb}
                search:
                  trials: 2
                  objective: val_accuracy
                  space:
                    model:
                      units: {choice: [8, 16]}
                """);
        refused("val_nll_per_frame", "run", objective.toString());
    }
}
