package rnnsuite.report;

import static rnnsuite.report.Html.CSS;
import static rnnsuite.report.Html.escape;
import static rnnsuite.report.Html.figure;
import static rnnsuite.report.Html.format;
import static rnnsuite.report.Html.formatP;
import static rnnsuite.report.Html.section;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import rnnsuite.data.Dataset;
import rnnsuite.data.Metric;
import rnnsuite.io.AtomicFiles;
import rnnsuite.io.Json;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Variant;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The answer across tasks: every cell on every task of a study of tasks in one table, each entry its task's headline
 * test metric (mean over seeds, 95 % interval) with the published figure beside it where one exists; the cells ranked
 * on each task (ties share their mean rank) and across them by Demšar's (2006) procedure ({@link RankTests}): the
 * Friedman test with Iman and Davenport's F, Nemenyi's critical difference drawn as his diagram, and Holm's test of
 * every cell against the best. A cell's entry on a task is its tuned arm ({@code <cell>_tuned}) where the task tuned
 * one, else its own arm. Written from each task's summary.csv and study.json, so {@code report} rebuilds it.
 */
public final class CrossTaskReport {

    /** The study's description, kept in its results folder so the page can be rebuilt. */
    public static final String FILE = StudyIndex.TASKS;
    /** One row per task and cell. */
    public static final String TABLE = "cross-task.csv";
    /** The rank tests: one row per cell (mean rank, Holm against the best), the Friedman statistics on each. */
    public static final String TESTS = "rank-tests.csv";
    /** The level of every test on the page. */
    public static final double ALPHA = 0.05;

    /**
     * A study of tasks as its folder records it.
     *
     * @param tasks the tasks' results folders, below the study's, in the plan's order
     * @param cells the cells every task runs, in the plan's order
     * @param seeds per task, the seeds each cell's entry runs on (a search's final seeds)
     * @param tuned per task, whether it tunes its cells (their entries are then the {@code <cell>_tuned} arms)
     */
    public record Tasks(String name, String description, String command, List<String> tasks, List<String> cells,
                        List<Integer> seeds, List<Boolean> tuned) {
    }

    /**
     * One cell on one task: its arm's summary row (NaN where the task has no finished run of it), complete once every
     * seed of the task has run.
     */
    record Entry(String task, Dataset dataset, Metric metric, String cell, String arm, int runs, int seeds, double mean,
                 double low, double high, double params, double trainSeconds) {
        boolean present() {
            return runs >= seeds && Double.isFinite(mean);
        }

        /** Its task's report, from this study's page (a folder of the study). */
        String link() {
            return task + "/report.html";
        }
    }

    /**
     * The table and its ranks: entries[task][cell]; ranks only on the tasks where every cell has an entry; beside each
     * published figure, the arms of other studies in the same results root that ran its cell on its data at its size.
     */
    record Analysis(Tasks tasks, Entry[][] entries, double[][] ranks, List<Integer> complete, RankTests.Friedman friedman,
                    RankTests.Holm holm, double criticalDifference, Map<Published, List<Elsewhere>> elsewhere) {
    }

    /**
     * An arm of another study at a paper's size: its headline test metric over its runs.
     *
     * @param study  its study's folder below the results root
     * @param recipe how the arm trained where not by the suite's default ({@link ModelSpec#recipe}), or empty
     */
    record Elsewhere(String study, String arm, int runs, double mean, double low, double high, double params, String recipe) {
        /** Its study's report, from this study's page (a sibling folder of the same root). */
        String link() {
            return "../" + study + "/report.html";
        }
    }

    private CrossTaskReport() {
    }

    /** Records the study in its folder, then writes its table, tests and page from the tasks' results. */
    public static void write(Path dir, Tasks tasks) {
        try {
            Files.createDirectories(dir);
            Json.write(dir.resolve(FILE), tasks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
        rebuild(dir);
    }

    /** Whether a results folder holds a study of tasks. */
    public static boolean isStudyOfTasks(Path dir) {
        return StudyIndex.isStudyOfTasks(dir);
    }

    /** Rewrites cross-task.csv, rank-tests.csv and report.html of a study of tasks from its tasks' folders. */
    public static void rebuild(Path dir) {
        Analysis analysis;
        try {
            analysis = analyse(dir, Json.read(dir.resolve(FILE), Tasks.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the study of tasks in " + dir + " (" + e.getMessage()
                    + "): run its plan again to rewrite it", e);
        }
        // the results root: its plotly.js serves this page and the tasks' reports, its index lists the study and its tasks
        Path root = dir.toAbsolutePath().getParent();
        try {
            if (root != null) {
                ResultWriter.copyPlotly(root);
            }
            AtomicFiles.write(dir.resolve(TABLE), table(analysis).getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve(TESTS), tests(analysis).getBytes(StandardCharsets.UTF_8));
            AtomicFiles.write(dir.resolve("report.html"), html(analysis).getBytes(StandardCharsets.UTF_8));
            if (root != null) {
                StudyIndex.write(root);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cross-task report in " + dir + ": " + e.getMessage(), e);
        }
    }

    static Analysis analyse(Path dir, Tasks tasks) throws IOException {
        int n = tasks.tasks().size();
        int k = tasks.cells().size();
        Entry[][] entries = new Entry[n][k];
        for (int t = 0; t < n; t++) {
            String task = tasks.tasks().get(t);
            Path taskDir = dir.resolve(task);
            Study study = Study.read(taskDir).orElse(null);
            Path file = taskDir.resolve("summary.csv");
            Table summary = Files.isRegularFile(file) ? Table.read().usingOptions(CsvReadOptions.builder(file.toFile())) : null;
            if (summary != null && !summary.columnNames().contains("arm")) {
                throw new IOException(file + " has no arm column: not a summary a plan wrote");
            }
            Dataset dataset = study == null ? null : Dataset.of(study.data().dataset());
            Metric metric = dataset == null ? null : dataset.headlineMetric();
            int seeds = tasks.seeds().get(t);
            for (int c = 0; c < k; c++) {
                String cell = tasks.cells().get(c);
                String arm = tasks.tuned().get(t) ? cell + "_tuned" : cell;
                int row = -1;
                for (int r = 0; summary != null && r < summary.rowCount(); r++) {
                    if (summary.stringColumn("arm").get(r).equals(arm)) {
                        row = r;
                    }
                }
                if (row < 0 || metric == null) {
                    entries[t][c] = new Entry(task, dataset, metric, cell, arm, 0, seeds, Double.NaN, Double.NaN, Double.NaN,
                            Double.NaN, Double.NaN);
                    continue;
                }
                String col = metric.testColumn();
                entries[t][c] = new Entry(task, dataset, metric, cell, arm, (int) number(summary, row, "runs"), seeds,
                        number(summary, row, col + "_mean"), number(summary, row, col + "_ci95_low"),
                        number(summary, row, col + "_ci95_high"), number(summary, row, "params_mean"),
                        number(summary, row, "train_seconds_mean"));
            }
        }
        double[][] ranks = new double[n][];
        List<Integer> complete = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            if (Arrays.stream(entries[t]).allMatch(Entry::present)) {
                ranks[t] = RankTests.ranks(Arrays.stream(entries[t]).mapToDouble(Entry::mean).toArray(),
                        entries[t][0].metric().higherIsBetter());
                complete.add(t);
            }
        }
        RankTests.Friedman friedman = null;
        RankTests.Holm holm = null;
        double cd = Double.NaN;
        if (complete.size() >= 2 && k >= 2) {
            double[][] scores = new double[complete.size()][];
            boolean[] higher = new boolean[complete.size()];
            for (int i = 0; i < scores.length; i++) {
                Entry[] row = entries[complete.get(i)];
                scores[i] = Arrays.stream(row).mapToDouble(Entry::mean).toArray();
                higher[i] = row[0].metric().higherIsBetter();
            }
            friedman = RankTests.friedman(scores, higher);
            double[] mean = friedman.meanRanks();
            holm = RankTests.holm(mean, complete.size(), RankTests.best(mean), ALPHA);
            cd = RankTests.criticalDifference(k, complete.size(), ALPHA);
        }
        return new Analysis(tasks, entries, ranks, complete, friedman, holm, cd, elsewhere(dir));
    }

    /**
     * For every published figure with a size, the arms of the studies beside this one (one or two folders below the
     * same results root, outside this study's folder) that ran its cell on its dataset at the paper's size
     * ({@link Published#atSize}): the separate studies a table at one size cannot hold. A folder that cannot be read is
     * left out: it is another study's, and the index names it.
     */
    static Map<Published, List<Elsewhere>> elsewhere(Path dir) {
        Path study = dir.toAbsolutePath().normalize();
        Path root = study.getParent();
        Map<Published, List<Elsewhere>> found = new LinkedHashMap<>();
        if (root == null) {
            return found;
        }
        List<Path> others;
        try {
            others = StudyIndex.studies(root).stream().map(p -> p.toAbsolutePath().normalize()).filter(p -> !p.startsWith(study)).toList();
        } catch (IOException e) {
            return found;
        }
        for (Path other : others) {
            try {
                Study s = Study.read(other).orElse(null);
                Path file = other.resolve("summary.csv");
                if (s == null || !Files.isRegularFile(file)) {
                    continue;
                }
                Dataset dataset = Dataset.of(s.data().dataset());
                String col = dataset.headlineMetric().testColumn();
                Table summary = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()));
                if (!summary.columnNames().contains("variant") || !summary.columnNames().contains("arm")) {
                    continue;
                }
                String name = root.relativize(other).toString().replace('\\', '/');
                Map<String, String> recipes = recipes(other);
                for (int r = 0; r < summary.rowCount(); r++) {
                    String cell = summary.stringColumn("variant").get(r);
                    double params = number(summary, r, "params_mean");
                    double mean = number(summary, r, col + "_mean");
                    for (Published p : Published.of(dataset.id(), cell)) {
                        if (p.atSize(params) && Double.isFinite(mean)) {
                            found.computeIfAbsent(p, x -> new ArrayList<>()).add(new Elsewhere(name,
                                    summary.stringColumn("arm").get(r), (int) number(summary, r, "runs"), mean,
                                    number(summary, r, col + "_ci95_low"), number(summary, r, col + "_ci95_high"), params,
                                    recipes.getOrDefault(summary.stringColumn("arm").get(r), "")));
                        }
                    }
                }
            } catch (RuntimeException e) {
                // not a study this page can read (another version's, damaged): the index says so, the table goes on
            }
        }
        return found;
    }

    /**
     * Each arm's training recipe where it is not the default, read from one of its runs' settings (config.json): what
     * sets two studies of one cell at one size apart beside a published figure. An arm whose settings cannot be read
     * gets none.
     */
    private static Map<String, String> recipes(Path study) {
        Map<String, String> recipes = new LinkedHashMap<>();
        try {
            Table runs = Table.read().usingOptions(CsvReadOptions.builder(study.resolve("runs.csv").toFile()));
            for (int r = 0; r < runs.rowCount(); r++) {
                String arm = runs.stringColumn("arm").get(r);
                if (!recipes.containsKey(arm)) {
                    Path config = study.resolve("runs").resolve(runs.stringColumn("run_id").get(r)).resolve("config.json");
                    JsonNode model = Json.MAPPER.readTree(config.toFile()).path("run").path("model");
                    recipes.put(arm, model.isObject() ? Json.MAPPER.treeToValue(model, ModelSpec.class).recipe() : "");
                }
            }
        } catch (IOException | RuntimeException e) {
            // a study without readable runs: its arms are listed without a recipe
        }
        return recipes;
    }

    /** A number of summary.csv, NaN where the column is missing or empty (a metric no run of the task has). */
    private static double number(Table summary, int row, String column) {
        if (!summary.columnNames().contains(column) || !(summary.column(column) instanceof NumberColumn<?, ?> values)
                || values.isMissing(row)) {
            return Double.NaN;
        }
        return values.getDouble(row);
    }

    static String table(Analysis a) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            csv.printRecord("task", "dataset", "metric", "higher_is_better", "cell", "arm", "runs", "mean", "ci95_low", "ci95_high",
                    "rank", "params", "train_seconds", "published", "published_source");
            for (int t = 0; t < a.entries().length; t++) {
                for (int c = 0; c < a.entries()[t].length; c++) {
                    Entry e = a.entries()[t][c];
                    Optional<Published> p = published(e);
                    csv.printRecord(e.task(), e.dataset() == null ? "" : e.dataset().id(), e.metric() == null ? "" : e.metric().name(),
                            e.metric() != null && e.metric().higherIsBetter(), e.cell(), e.arm(), e.runs(),
                            number(e.mean()), number(e.low()), number(e.high()), a.ranks()[t] == null ? "" : number(a.ranks()[t][c]),
                            number(e.params()), number(e.trainSeconds()), p.map(x -> number(x.value())).orElse(""),
                            p.map(Published::source).orElse(""));
                }
            }
        }
        return out.toString();
    }

    static String tests(Analysis a) throws IOException {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            csv.printRecord("cell", "mean_rank", "tasks", "cells", "friedman_chi2", "friedman_p", "iman_davenport_f",
                    "iman_davenport_p", "nemenyi_cd", "alpha", "holm_control", "holm_z", "holm_p", "holm_adjusted_p", "differs_from_control");
            if (a.friedman() == null) {
                return out.toString();
            }
            RankTests.Friedman f = a.friedman();
            String control = a.tasks().cells().get(a.holm().control());
            for (int c = 0; c < f.methods(); c++) {
                csv.printRecord(a.tasks().cells().get(c), number(f.meanRanks()[c]), f.datasets(), f.methods(), number(f.chiSquare()),
                        number(f.pChiSquare()), number(f.imanDavenport()), number(f.pImanDavenport()), number(a.criticalDifference()),
                        ALPHA, control, number(a.holm().z()[c]), number(a.holm().p()[c]), number(a.holm().adjustedP()[c]),
                        a.holm().rejected()[c]);
            }
        }
        return out.toString();
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : Double.isInfinite(value) ? (value > 0 ? "Infinity" : "-Infinity") : Double.toString(value);
    }

    /** The published figure beside an entry: the paper nearest the entry's size. */
    private static Optional<Published> published(Entry e) {
        return e.dataset() == null ? Optional.empty() : Published.nearest(e.dataset().id(), e.cell(), e.params());
    }

    static String html(Analysis a) {
        Tasks tasks = a.tasks();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<title>rnn-suite: ").append(escape(tasks.name())).append("</title>\n")
                // the results root's copy, the one the tasks' reports load too
                .append("<script src=\"../").append(HtmlReport.PLOTLY_JS).append("\"></script>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                .append("<h1>rnn-suite — ").append(escape(tasks.name())).append("</h1>\n");
        if (!tasks.description().isBlank()) {
            html.append("<p class=\"lead\">").append(escape(tasks.description())).append("</p>\n");
        }
        html.append("<p class=\"meta\">").append(tasks.cells().size()).append(" cells × ").append(tasks.tasks().size())
                .append(" tasks; generated ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append("; reproduce with <code>").append(escape(tasks.command())).append("</code></p>\n");
        entries(html, a);
        ranks(html, a);
        costs(html, a);
        published(html, a);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void entries(StringBuilder html, Analysis a) {
        section(html, "Every cell on every task", "Each task's headline test metric (↓ lower is better, ↑ higher), mean over seeds "
                + "[95 % interval, t-distribution], and the cell's rank on the task (1 = best, ties share their mean rank). A cell's "
                + "entry is its tuned arm where the task tuned one. In grey: the published figure nearest the entry's size "
                + "(see the last section for how the papers' settings differ). Each task's name and each entry link to the task's own report.");
        html.append("<div class=\"table\"><table><thead><tr><th>cell</th>");
        for (int t = 0; t < a.entries().length; t++) {
            Entry first = a.entries()[t][0];
            // a task that has not begun has no report to link
            html.append("<th>").append(first.metric() == null ? escape(first.task()) : "<a href=\"" + escape(first.link())
                            + "\">" + escape(first.task()) + "</a>")
                    .append("<br>").append(first.metric() == null ? "(no results yet)"
                            : escape(first.metric().name()) + (first.metric().higherIsBetter() ? " ↑" : " ↓")).append("</th>");
        }
        html.append("<th>mean rank</th></tr></thead><tbody>\n");
        for (int c = 0; c < a.tasks().cells().size(); c++) {
            html.append("<tr><td>").append(escape(a.tasks().cells().get(c))).append("</td>");
            for (int t = 0; t < a.entries().length; t++) {
                Entry e = a.entries()[t][c];
                html.append("<td>");
                if (!e.present()) {
                    html.append("–").append(e.runs() > 0 ? " (" + e.runs() + " of " + e.seeds() + " seeds)" : "");
                } else {
                    String pattern = Math.abs(e.mean()) >= 10 ? "0.00" : Math.abs(e.mean()) >= 0.1 ? "0.000" : "0.0000";
                    // the entry opens its task's report, where its seeds, epochs and arms are
                    html.append("<a href=\"").append(escape(e.link())).append("\" title=\"")
                            .append(escape(e.arm())).append(": ").append(e.runs()).append(" runs\">")
                            .append(format(e.mean(), pattern)).append("</a> [").append(format(e.low(), pattern)).append(", ")
                            .append(format(e.high(), pattern)).append("]");
                    if (a.ranks()[t] != null) {
                        html.append(" <b>(").append(format(a.ranks()[t][c], "0.#")).append(")</b>");
                    }
                    published(e).ifPresent(p -> html.append(" <span class=\"note\">").append(published(p.value()))
                            .append("</span>"));
                }
                html.append("</td>");
            }
            html.append("<td>").append(a.friedman() == null ? "–" : format(a.friedman().meanRanks()[c], "0.00")).append("</td></tr>\n");
        }
        html.append("</tbody></table></div>\n");
        List<String> incomplete = IntStream.range(0, a.entries().length).filter(t -> !a.complete().contains(t))
                .mapToObj(t -> a.tasks().tasks().get(t)).toList();
        if (!incomplete.isEmpty()) {
            html.append("<p class=\"note\">Left out of the ranks: ").append(escape(String.join(", ", incomplete)))
                    .append(" (a cell has not finished every seed there yet).</p>\n");
        }
    }

    private static void ranks(StringBuilder html, Analysis a) {
        if (a.friedman() == null) {
            section(html, "Across tasks", "The rank tests need at least two tasks on which every cell has finished.");
            return;
        }
        RankTests.Friedman f = a.friedman();
        boolean differ = f.pImanDavenport() < ALPHA;
        section(html, "Across tasks", String.format(Locale.ROOT, "Demšar's (2006) procedure over the %d tasks where every cell "
                        + "finished: the Friedman test χ²<sub>F</sub> = %s (p = %s, %d degrees of freedom) and Iman and Davenport's "
                        + "F<sub>F</sub> = %s (p = %s, F(%d, %d)): %s at α = %s. The diagram puts each cell at its mean rank; cells "
                        + "joined by a bar are not told apart by Nemenyi's test (critical difference %s at α = %s). Holm's test "
                        + "compares every cell with the best by mean rank (%s, chosen after seeing the ranks). Demšar reads the "
                        + "post-hoc tests only where the Friedman test rejects%s.", f.datasets(), format(f.chiSquare(), "0.00"), formatP(f.pChiSquare()),
                f.methods() - 1, format(f.imanDavenport(), "0.00"), formatP(f.pImanDavenport()), f.methods() - 1,
                (f.methods() - 1) * (f.datasets() - 1), differ ? "the cells' ranks differ" : "no difference among the cells' ranks is shown",
                ALPHA, format(a.criticalDifference(), "0.00"), ALPHA, escape(a.tasks().cells().get(a.holm().control())),
                differ ? "" : ": here it does not, so neither the bars nor Holm's verdicts tell any cell apart"));
        html.append(diagram(a.tasks().cells(), f.meanRanks(), a.criticalDifference()));
        html.append("<div class=\"table\"><table><thead><tr><th>cell</th><th>mean rank</th><th>z against the best</th>"
                + "<th>p</th><th>Holm's adjusted p</th><th>differs from the best</th></tr></thead><tbody>\n");
        Integer[] order = IntStream.range(0, f.methods()).boxed().sorted(Comparator.comparingDouble(c -> f.meanRanks()[c]))
                .toArray(Integer[]::new);
        for (int c : order) {
            boolean control = c == a.holm().control();
            boolean rejected = differ && a.holm().rejected()[c];
            html.append("<tr><td>").append(escape(a.tasks().cells().get(c))).append("</td><td>").append(format(f.meanRanks()[c], "0.00"))
                    .append("</td><td>").append(control ? "(the best)" : format(a.holm().z()[c], "0.00")).append("</td><td>")
                    .append(control ? "" : formatP(a.holm().p()[c])).append("</td><td>").append(control ? "" : formatP(a.holm().adjustedP()[c]))
                    .append("</td><td>").append(control ? "" : rejected ? "yes" : "no").append("</td></tr>\n");
        }
        html.append("</tbody></table></div>\n");
    }

    /**
     * Demšar's critical-difference diagram as SVG: the rank axis (1, the best, on the left), each cell's mean rank, a bar
     * over each maximal group of cells whose ranks lie within the critical difference of each other.
     */
    static String diagram(List<String> cells, double[] meanRanks, double cd) {
        int k = cells.size();
        int width = 720;
        int left = 150;
        int right = width - 150;
        int axis = 50;
        Integer[] order = IntStream.range(0, k).boxed().sorted(Comparator.comparingDouble(c -> meanRanks[c])).toArray(Integer[]::new);
        List<int[]> groups = groups(order, meanRanks, cd);
        int height = axis + 20 + 8 * groups.size() + 22 * ((k + 1) / 2) + 10;
        java.util.function.DoubleUnaryOperator x = r -> left + (right - left) * (k == 1 ? 0 : (r - 1) / (k - 1));
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<div class=\"chart\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n", width, height));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>\n", x.applyAsDouble(1), axis,
                x.applyAsDouble(k), axis));
        for (int r = 1; r <= k; r++) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", x.applyAsDouble(r), axis - 5, x.applyAsDouble(r), axis,
                    x.applyAsDouble(r), axis - 9, r));
        }
        if (Double.isFinite(cd)) {
            double end = Math.min(k, 1 + cd);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"14\" x2=\"%.1f\" y2=\"14\" stroke=\"black\" stroke-width=\"2\"/>"
                    + "<text x=\"%.1f\" y=\"10\" text-anchor=\"middle\">CD = %s</text>\n", x.applyAsDouble(1), x.applyAsDouble(end),
                    (x.applyAsDouble(1) + x.applyAsDouble(end)) / 2, format(cd, "0.00")));
        }
        for (int g = 0; g < groups.size(); g++) {
            int[] span = groups.get(g);
            int y = axis + 10 + 8 * g;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\" stroke-width=\"4\"/>\n",
                    x.applyAsDouble(meanRanks[order[span[0]]]) - 3, y, x.applyAsDouble(meanRanks[order[span[1]]]) + 3, y));
        }
        int labels = axis + 20 + 8 * groups.size();
        int half = (k + 1) / 2;
        for (int i = 0; i < k; i++) {
            int c = order[i];
            boolean leftSide = i < half;
            int y = labels + 22 * (leftSide ? i : k - 1 - i) + 10;
            double at = x.applyAsDouble(meanRanks[c]);
            double edge = leftSide ? left - 10 : right + 10;
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%.1f,%d %.1f,%d %.1f,%d\" fill=\"none\" stroke=\"#555\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s (%s)</text>\n", at, axis, at, y, edge, y,
                    leftSide ? edge - 4 : edge + 4, y + 4, leftSide ? "end" : "start", escape(cells.get(c)), format(meanRanks[c], "0.00")));
        }
        return svg.append("</svg></div>\n").toString();
    }

    /**
     * The maximal runs of cells (positions in {@code order}, best first) whose mean ranks lie within {@code cd} of each
     * other, of two cells or more: the bars of the diagram.
     */
    static List<int[]> groups(Integer[] order, double[] meanRanks, double cd) {
        List<int[]> groups = new ArrayList<>();
        int lastEnd = -1;
        for (int i = 0; i < order.length; i++) {
            int j = i;
            while (j + 1 < order.length && meanRanks[order[j + 1]] - meanRanks[order[i]] < cd) {
                j++;
            }
            if (j > i && j > lastEnd) {
                groups.add(new int[] {i, j});
                lastEnd = j;
            }
        }
        return groups;
    }

    /** Per task, each cell's score against its parameters and its training time: what a cell buys. */
    private static void costs(StringBuilder html, Analysis a) {
        section(html, "What each cell buys", "Per task: each cell's mean test score against its parameter count and against its "
                + "mean training time per run (seconds; this machine, as each task's report says).");
        html.append("<div class=\"grid\">");
        for (int t = 0; t < a.entries().length; t++) {
            Entry[] row = a.entries()[t];
            if (row[0].metric() == null || Arrays.stream(row).noneMatch(Entry::present)) {
                continue;
            }
            for (boolean time : new boolean[] {false, true}) {
                List<Trace> traces = new ArrayList<>();
                for (Entry e : row) {
                    if (!e.present()) {
                        continue;
                    }
                    traces.add(ScatterTrace.builder(new double[] {time ? e.trainSeconds() : e.params()}, new double[] {e.mean()})
                            .mode(ScatterTrace.Mode.MARKERS).name(e.cell()).showLegend(true)
                            .marker(Marker.builder().size(10).color(Variant.parse(e.cell()).colour()).build())
                            .build());
                }
                Layout layout = Layout.builder().title(row[0].task() + (time ? ": score vs training time" : ": score vs parameters"))
                        .height(340).width(460).xAxis(Axis.builder().title(time ? "training seconds per run" : "parameters")
                                .type(Axis.Type.LOG).build())
                        .yAxis(Axis.builder().title("test " + row[0].metric().name()).build()).build();
                html.append(figure("cost-" + t + (time ? "-time" : "-params"), new Figure(layout, traces.toArray(new Trace[0]))));
            }
        }
        html.append("</div>\n");
    }

    /** A published figure as printed: two decimals, four below 0.1, scientific below 0.001. */
    private static String published(double value) {
        return value < 0.001 ? format(value, "0.0E0") : format(value, value < 0.1 ? "0.0000" : "0.00");
    }

    /** Our figures beside a published one: three decimals, four below 0.1. */
    private static String digits(double value) {
        return Math.abs(value) < 0.1 ? "0.0000" : "0.000";
    }

    /** The arms of other studies at a paper's size: each linked to its study's report, its mean, interval and runs. */
    private static String elsewhere(List<Elsewhere> arms) {
        if (arms.isEmpty()) {
            return "–";
        }
        List<String> lines = new ArrayList<>();
        for (Elsewhere e : arms) {
            String digits = digits(e.mean());
            lines.add("<a href=\"" + escape(e.link()) + "\">" + escape(e.study()) + "</a> " + escape(e.arm()) + " " + format(e.mean(), digits)
                    + (Double.isFinite(e.low()) ? " [" + format(e.low(), digits) + ", " + format(e.high(), digits) + "]" : "")
                    + " (" + e.runs() + (e.runs() == 1 ? " run, " : " runs, ") + format(e.params(), "#,##0") + " parameters"
                    + (e.recipe().isEmpty() ? "" : "; " + escape(e.recipe())) + ")");
        }
        return String.join("<br>", lines);
    }

    private static void published(StringBuilder html, Analysis a) {
        List<String> lines = new ArrayList<>();
        for (Entry[] row : a.entries()) {
            for (Entry e : row) {
                if (e.dataset() == null) {
                    continue;
                }
                for (Published p : Published.of(e.dataset().id(), e.cell())) {
                    lines.add("<tr><td>" + escape(e.task()) + "</td><td>" + escape(e.cell()) + "</td><td>" + published(p.value())
                            + "</td><td>" + (e.present() ? format(e.mean(), digits(e.mean())) + " at " + format(e.params(), "#,##0") + " parameters"
                            : "–") + "</td><td>" + elsewhere(a.elsewhere().getOrDefault(p, List.of())) + "</td><td>"
                            + escape(p.source()) + "</td><td>" + escape(p.setting()) + "</td></tr>\n");
                }
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        section(html, "Published figures beside ours", "Each figure in its task's headline metric as the paper prints it, beside this study's mean. "
                + "Where the sizes, inputs, optimiser or budget differ, the last column says how; a figure is comparable only where "
                + "they agree. Studies beside this one in the same results folder that ran the cell on the same data at the paper's "
                + "size (within a factor of 2) stand in their own column, each arm's mean with its 95 % interval, linked.");
        html.append("<div class=\"table\"><table><thead><tr><th>task</th><th>cell</th><th>published</th><th>this study</th>"
                + "<th>at the paper's size, other studies</th><th>source</th><th>the paper's setting</th></tr></thead><tbody>\n");
        lines.forEach(html::append);
        html.append("</tbody></table></div>\n");
    }
}
