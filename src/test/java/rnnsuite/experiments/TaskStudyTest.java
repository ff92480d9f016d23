package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.HeadlessBrowser;
import rnnsuite.TestCli;
import rnnsuite.cli.Main;
import rnnsuite.data.PreparedCache;
import rnnsuite.model.Variant;
import rnnsuite.report.RankTests;

/**
 * A study of tasks: its file's shared keys merge under each task's own, what a task cannot say is refused before
 * anything trains, and a run writes every task's folder and the cross-task table, whose ranks and tests are those of
 * the tasks' own summaries.
 */
class TaskStudyTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static final String TINY = """
            description: two tiny tasks
            variants: [simple_rnn, gru, min_gru]
            seeds: [1, 2]
            model: {units: 6, layers: 1, learning_rate: 0.01}
            train: {epochs: 2, batch_size: 32}
            tasks:
              - name: recall
                data: {dataset: recall, max_len: 6, examples: 240}
              - name: adding
                data: {dataset: adding, max_len: 6, examples: 240}
                model: {params: 5k}
                train: {epochs: 3}
              - name: copy
                data: {dataset: copy, max_len: 4, examples: 160}
                seeds: [3, 4]
            """;

    @Test
    void theFilesKeysMergeUnderEachTasksOwn() throws IOException {
        TaskStudy study = PlanReader.loadTasks(write("tiny.yaml", TINY), List.of());
        assertEquals("tiny", study.name());
        assertEquals(List.of("recall", "adding", "copy"), study.tasks().stream().map(Plan::name).toList());
        assertEquals(List.of(Variant.SIMPLE_RNN, Variant.GRU, Variant.MIN_GRU), study.cells());
        Plan recall = study.tasks().get(0);
        Plan adding = study.tasks().get(1);
        Plan copy = study.tasks().get(2);
        assertEquals(6, recall.model().units());
        assertEquals(0.01, adding.model().learningRate(), 1e-12, "a task's section merges key by key over the file's");
        assertNull(adding.model().units(), "the task's budget replaces the file's units");
        assertEquals(5_000, adding.model().params().count());
        assertEquals(3, adding.train().epochs());
        assertEquals(32, adding.train().batchSize());
        assertEquals(List.of(1L, 2L), recall.seeds());
        assertEquals(List.of(3L, 4L), copy.seeds());
        assertEquals("two tiny tasks: copy", copy.description());
        TaskStudy set = PlanReader.loadTasks(dir.resolve("tiny.yaml"), List.of("train.epochs=1"));
        assertTrue(set.tasks().stream().allMatch(t -> t.train().epochs() == 1), "an override applies to every task");
        assertThrows(PlanException.class, () -> PlanReader.load(dir.resolve("tiny.yaml")), "a single plan is not a study");
        assertTrue(PlanReader.namesTasks(dir.resolve("tiny.yaml")));
    }

    @Test
    void whatATaskCannotSayIsRefusedNamingTheTask() throws IOException {
        String unknown = refusal(TINY.replace("dataset: copy", "dataset: kopy"));
        assertTrue(unknown.contains("task 'copy'") && unknown.contains("kopy"), unknown);
        String cells = refusal(TINY.replace("  - name: copy\n", "  - name: copy\n    variants: [lstm]\n"));
        assertTrue(cells.contains("task 'copy'") && cells.contains("cells belong to the study"), cells);
        String noData = refusal(TINY.replace("    data: {dataset: copy, max_len: 4, examples: 160}\n", ""));
        assertTrue(noData.contains("task 'copy'") && noData.contains("needs its data"), noData);
        String twice = refusal(TINY.replace("name: copy", "name: recall"));
        assertTrue(twice.contains("two tasks are named 'recall'"), twice);
        String shared = refusal("data: {dataset: jsb}\n" + TINY);
        assertTrue(shared.contains("'data' belongs to a task"), shared);
        String one = refusal(TINY.substring(0, TINY.indexOf("  - name: adding")));
        assertTrue(one.contains("at least 2 tasks"), one);
        String cell = refusal(TINY.replace("min_gru]", "min_gru, transformer]"));
        assertTrue(cell.contains("transformer"), cell);
        String bad = refusal(TINY.replace("train: {epochs: 3}", "train: {epochs: 0}"));
        assertTrue(bad.contains("task 'adding'") && bad.contains("epochs"), bad);
        String sweep = refusal(TINY.replace("train: {epochs: 3}", "lengths: [6, 12]"));
        assertTrue(sweep.contains("task 'adding'") && sweep.contains("one length"), sweep);
        String oneCell = refusal(TINY.replace("[simple_rnn, gru, min_gru]", "[gru]"));
        assertTrue(oneCell.contains("at least 2"), oneCell);
        String name = refusal("name: ../elsewhere\n" + TINY);
        assertTrue(name.contains("may only hold letters"), name);
        String section = refusal(TINY.replace("train: {epochs: 3}", "train: null"));
        assertTrue(section.contains("task 'adding'") && section.contains("'train' must be a map"), section);
    }

    private String refusal(String yaml) throws IOException {
        Path plan = write("bad.yaml", yaml);
        return assertThrows(PlanException.class, () -> PlanReader.loadTasks(plan, List.of())).getMessage();
    }

    @Test
    void aTaskThatCannotRunFailsBeforeAnyTrains() throws IOException {
        Path plan = write("late.yaml", TINY.replace("model: {params: 5k}", "model: {params: 10}"));
        String[] ran = TestCli.run("run", plan.toString(), "--results", dir.resolve("r").toString());
        assertEquals("2", ran[0]);
        String message = ran[2].strip();
        assertTrue(message.startsWith("error: ") && message.contains("model.params") && !message.contains("\n"), message);
        assertFalse(Files.exists(dir.resolve("r").resolve("late").resolve("recall")), "the first task must not have trained");
    }

    /** Tasks share no data: a study lets go of one task's before the next (a cluster plan's ten datasets do not fit together). */
    @Test
    void aStudyHoldsOnlyTheTaskAtHandsData() throws IOException {
        Path plan = write("tiny.yaml", TINY);
        String[] ran = TestCli.run("run", plan.toString(), "--results", dir.resolve("r").toString(), "--dry-run");
        assertEquals("0", ran[0], ran[2]);
        assertTrue(ran[1].contains("estimate of the study: recall"), ran[1]);
        assertEquals(1, PreparedCache.size(), "only the last task's dataset is held after the study's estimate");
    }

    @Tag("slow")
    @Test
    void aStudyWritesEveryTaskAndRanksTheCellsAcrossThem() throws Exception {
        Path plan = write("tiny.yaml", TINY);
        Path results = dir.resolve("results");
        assertEquals(0, Main.execute("run", plan.toString(), "--results", results.toString(), "--parallel", "1"));
        Path study = results.resolve("tiny");
        for (String task : List.of("recall", "adding", "copy")) {
            assertTrue(Files.isRegularFile(study.resolve(task).resolve("summary.csv")), task);
        }
        List<Map<String, String>> table = rows(study.resolve("cross-task.csv"));
        assertEquals(9, table.size(), "every cell on every task");
        double[][] means = new double[3][3];
        double[][] ranks = new double[3][3];
        boolean[] higher = new boolean[3];
        for (Map<String, String> row : table) {
            int t = List.of("recall", "adding", "copy").indexOf(row.get("task"));
            int c = List.of("simple_rnn", "gru", "min_gru").indexOf(row.get("cell"));
            assertEquals(2, Integer.parseInt(row.get("runs")));
            means[t][c] = Double.parseDouble(row.get("mean"));
            ranks[t][c] = Double.parseDouble(row.get("rank"));
            higher[t] = Boolean.parseBoolean(row.get("higher_is_better"));
            // the entry is the task's own summary row
            Map<String, String> summary = rows(study.resolve(row.get("task")).resolve("summary.csv")).stream()
                    .filter(r -> r.get("arm").equals(row.get("cell"))).findFirst().orElseThrow();
            assertEquals(Double.parseDouble(summary.get("test_" + row.get("metric") + "_mean")), means[t][c], 1e-12);
        }
        assertArrayEquals(new boolean[] {true, false, false}, higher, "recall by accuracy, adding and copy by a loss");
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(RankTests.ranks(means[t], higher[t]), ranks[t], 1e-12);
        }
        RankTests.Friedman expected = RankTests.friedman(means, higher);
        List<Map<String, String>> tests = rows(study.resolve("rank-tests.csv"));
        assertEquals(3, tests.size());
        for (int c = 0; c < 3; c++) {
            assertEquals(expected.meanRanks()[c], Double.parseDouble(tests.get(c).get("mean_rank")), 1e-12);
        }
        assertEquals(expected.chiSquare(), Double.parseDouble(tests.get(0).get("friedman_chi2")), 1e-9);
        assertEquals(RankTests.criticalDifference(3, 3, 0.05), Double.parseDouble(tests.get(0).get("nemenyi_cd")), 1e-9);
        String html = Files.readString(study.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("CD = ") && html.contains("href=\"adding/report.html\""), "diagram and links");
        for (String task : List.of("recall", "adding", "copy")) {
            assertEquals(3, html.split(Pattern.quote("<a href=\"" + task + "/report.html\" title="), -1).length - 1,
                    "each of the task's three entries links to its report");
        }
        assertTrue(html.contains("<script src=\"../plotly.js\">") && Files.isRegularFile(results.resolve("plotly.js")),
                "the page loads the results root's plotly.js");
        assertTrue(Files.readString(study.resolve("adding").resolve("report.html")).contains("<script src=\"../../plotly.js\">"),
                "a task's report loads the same copy, two levels up");
        assertFalse(Files.exists(study.resolve("plotly.js")), "no second 10 MB copy in the study's folder");
        String index = Files.readString(results.resolve("index.html"));
        assertTrue(index.contains("href=\"tiny/report.html\"") && index.contains("href=\"tiny/adding/report.html\""),
                "the results root's index links the study and its tasks: " + index);
        if (HeadlessBrowser.available()) {
            // drawn by a real browser: the page's charts and a task's, each loading plotly.js by its own relative path
            for (Path page : List.of(study.resolve("report.html"), study.resolve("adding").resolve("report.html"))) {
                HeadlessBrowser.Charts charts = HeadlessBrowser.charts(page, dir.resolve("chromium"));
                assertTrue(charts.asked() > 0 && charts.drawn() == charts.asked(), page + ": " + charts.drawn() + " of "
                        + charts.asked() + " charts drawn");
            }
        }

        // a second run trains nothing and rewrites the same table; `report` rebuilds it from the folders
        byte[] before = Files.readAllBytes(study.resolve("cross-task.csv"));
        String[] again = TestCli.run("run", plan.toString(), "--results", results.toString(), "--parallel", "1");
        assertEquals("0", again[0], again[2]);
        Files.delete(study.resolve("cross-task.csv"));
        assertEquals("0", TestCli.run("report", study.toString())[0]);
        assertFalse(again[1].contains(" epoch 1/"), "nothing trained again");
        assertArrayEquals(before, Files.readAllBytes(study.resolve("cross-task.csv")));

        // a task whose cells have not run every seed is shown, but left out of the ranks and the tests
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        var record = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(study.resolve("tasks.json").toFile());
        ((com.fasterxml.jackson.databind.node.ArrayNode) record.get("seeds")).set(2, 3);
        json.writeValue(study.resolve("tasks.json").toFile(), record);
        rnnsuite.report.CrossTaskReport.rebuild(study);
        assertEquals("2", rows(study.resolve("rank-tests.csv")).get(0).get("tasks"));
        assertTrue(rows(study.resolve("cross-task.csv")).stream().filter(r -> r.get("task").equals("copy"))
                .allMatch(r -> r.get("rank").isEmpty() && r.get("runs").equals("2")));
        assertTrue(Files.readString(study.resolve("report.html")).contains("(2 of 3 seeds)"));
    }

    @Tag("slow")
    @Test
    void aStudyKilledInItsSecondTaskGoesOnFromWhereItStopped() throws Exception {
        Path plan = write("tiny.yaml", TINY);
        Path killed = dir.resolve("killed");
        Attempt attempt = Attempt.start(dir.resolve("killed.log"), "run", plan.toString(), "--results", killed.toString(),
                "--parallel", "1");
        assertTrue(attempt.killAfter(Pattern.compile("^task 2/3: adding"), Pattern.compile("epoch \\d+/\\d+ +train_loss"), 3),
                "the study ended before the kill:\n" + attempt.output());
        String first = attempt.output();
        int estimate = first.indexOf("estimate of the study: recall ");
        assertTrue(estimate >= 0 && estimate < first.indexOf("task 1/3: recall") && first.contains("all tasks about "),
                "the whole study's estimate before its first task: " + first);
        Path study = killed.resolve("tiny");
        assertTrue(Files.isRegularFile(study.resolve("recall").resolve("summary.csv")), "the first task had finished");
        assertFalse(Files.exists(study.resolve("copy")), "the third had not begun");
        byte[] recallRuns = Files.readAllBytes(study.resolve("recall").resolve("runs.csv"));

        Attempt resumed = Attempt.start(dir.resolve("resumed.log"), "run", plan.toString(), "--results", killed.toString(),
                "--parallel", "1");
        assertEquals(0, resumed.awaitExit(), resumed.output());
        String log = resumed.output();
        assertTrue(log.contains("estimate of the study: recall done, adding "), "a finished task costs nothing: " + log);
        int recallRunCount = rows(study.resolve("recall").resolve("runs.csv")).size();
        assertTrue(log.lines().filter(l -> l.contains("finished earlier: kept")).count() >= recallRunCount, log);
        assertArrayEquals(recallRuns, Files.readAllBytes(study.resolve("recall").resolve("runs.csv")), "the first task untouched");

        // the same table as a study that ran without a fault, timings aside
        Path clean = dir.resolve("clean");
        assertEquals(0, Main.execute("run", plan.toString(), "--results", clean.toString(), "--parallel", "1"));
        List<Map<String, String>> expected = rows(clean.resolve("tiny").resolve("cross-task.csv"));
        List<Map<String, String>> actual = rows(study.resolve("cross-task.csv"));
        expected.forEach(r -> r.remove("train_seconds"));
        actual.forEach(r -> r.remove("train_seconds"));
        assertEquals(9, actual.size());
        assertEquals(expected, actual);
        assertEquals(rows(clean.resolve("tiny").resolve("rank-tests.csv")), rows(study.resolve("rank-tests.csv")));
    }

    private static List<Map<String, String>> rows(Path csv) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(csv)) {
            for (CSVRecord r : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(in)) {
                rows.add(new LinkedHashMap<>(r.toMap()));
            }
        }
        return rows;
    }
}
