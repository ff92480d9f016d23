package rnnsuite.report;

import rnnsuite.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import rnnsuite.data.Dataset;
import rnnsuite.data.Metric;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * {@code index.html} of a results root: every study below it (a folder with study.json, up to two levels
 * down, so results/ lists results/reference/* too) with its name, description, date, number of runs, a
 * headline table — each arm's test accuracy, or MSE for a regression task, mean ± sd per length — and a
 * link to its report. Plain HTML, no script: it opens offline like the reports. Rewritten whenever a
 * study's results folder is (as a plan's runs finish, and by {@code report}).
 */
public final class StudyIndex {

    public static final String FILE = "index.html";

    private StudyIndex() {
    }

    /** A study of tasks' record in its folder, which the cross-task report writes. */
    static final String TASKS = "tasks.json";

    /** Whether a results folder holds a study of tasks. */
    static boolean isStudyOfTasks(Path dir) {
        return Files.isRegularFile(dir.resolve(TASKS));
    }

    /** Rewrites {@code root/index.html} from the studies found below {@code root}. */
    public static void write(Path root) {
        try {
            List<Path> studies = studies(root);
            StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<title>rnn-suite — studies</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n")
                    .append("<h1>rnn-suite — studies</h1>\n<p class=\"meta\">").append(studies.size())
                    .append(" stud").append(studies.size() == 1 ? "y" : "ies").append(" under ")
                    .append(Html.escape(root.toAbsolutePath().normalize().getFileName().toString()))
                    .append("/; test metric per arm, mean ± standard deviation over seeds.</p>\n");
            for (Path dir : studies) {
                try {
                    entry(html, root, dir);
                } catch (IOException | RuntimeException e) { // one damaged folder must not cost the others their entry
                    html.append("<h2>").append(Html.escape(root.relativize(dir).toString())).append("</h2>\n<p class=\"meta\">")
                            .append("not readable: ").append(Html.escape(String.valueOf(e.getMessage()))).append("</p>\n");
                }
            }
            html.append("</body>\n</html>\n");
            AtomicFiles.write(root.resolve(FILE), html.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + root.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Folders with a study.json one or two levels below root, in name order. */
    static List<Path> studies(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root, 2)) {
            return walk.filter(p -> !p.equals(root) && (Files.isRegularFile(p.resolve(Study.FILE))
                            && Files.isRegularFile(p.resolve("summary.csv")) || isStudyOfTasks(p)))
                    .sorted().toList();
        }
    }

    private static void entry(StringBuilder html, Path root, Path dir) throws IOException {
        if (isStudyOfTasks(dir)) {
            // read as a tree: the record is the cross-task report's, which writes this index
            var tasks = rnnsuite.io.Json.MAPPER.readTree(dir.resolve(TASKS).toFile());
            String link = root.relativize(dir).toString().replace('\\', '/');
            html.append("<h2><a href=\"").append(Html.escape(link)).append("/report.html\">").append(Html.escape(link))
                    .append("</a> (study of tasks)</h2>\n<p>").append(Html.escape(tasks.path("description").asText()))
                    .append("</p>\n<p class=\"meta\">").append(tasks.path("cells").size()).append(" cells × ")
                    .append(tasks.path("tasks").size()).append(" tasks, each task's report below</p>\n");
            return;
        }
        Study study = Study.read(dir).orElse(null);
        if (study == null) {
            return;
        }
        String link = root.relativize(dir).toString().replace('\\', '/');
        Table summary = Table.read().usingOptions(CsvReadOptions.builder(dir.resolve("summary.csv").toFile()));
        long runs = 0;
        if (Files.isRegularFile(dir.resolve("runs.csv"))) {
            try (Stream<String> lines = Files.lines(dir.resolve("runs.csv"))) {
                runs = Math.max(0, lines.count() - 1);
            }
        }
        String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochMilli(Files.getLastModifiedTime(dir.resolve("summary.csv")).toMillis()));
        html.append("<h2><a href=\"").append(Html.escape(link)).append("/report.html\">")
                .append(Html.escape(link)).append("</a></h2>\n<p>").append(Html.escape(study.description()))
                .append("</p>\n<p class=\"meta\">").append(runs).append(" runs; results of ").append(date).append(" UTC</p>\n");
        headline(html, summary, Dataset.of(study.data().dataset()));
    }

    /** One row per arm, one column per length: the dataset's headline test metric, mean ± sd. */
    private static void headline(StringBuilder html, Table summary, Dataset dataset) {
        Metric headline = dataset.headlineMetric();
        String metric = headline.testColumn();
        if (summary.rowCount() == 0 || !summary.columnNames().contains("arm") || !summary.columnNames().contains(metric + "_mean")) {
            return;
        }
        boolean accuracy = headline.reading() == Metric.Reading.ACCURACY;
        Map<String, Map<Integer, String>> cells = new TreeMap<>();
        List<String> arms = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (int r = 0; r < summary.rowCount(); r++) {
            String arm = summary.stringColumn("arm").get(r);
            int length = summary.numberColumn("max_len").asDoubleColumn().get(r).intValue();
            double mean = summary.numberColumn(metric + "_mean").asDoubleColumn().get(r);
            Double sd = summary.numberColumn(metric + "_std").asDoubleColumn().get(r);
            if (!arms.contains(arm)) {
                arms.add(arm);
            }
            if (!lengths.contains(length)) {
                lengths.add(length);
            }
            String value = String.format(Locale.ROOT, accuracy ? "%.3f" : "%.4f", mean)
                    + (sd == null || sd.isNaN() ? "" : String.format(Locale.ROOT, accuracy ? " ± %.3f" : " ± %.4f", sd));
            cells.computeIfAbsent(arm, a -> new TreeMap<>()).put(length, value);
        }
        lengths.sort(Integer::compare);
        html.append("<div class=\"table\"><table><tr><th>arm</th>");
        for (int length : lengths) {
            html.append("<th>").append(Html.escape(headline.label())).append(lengths.size() > 1 ? ", T = " + length : "").append("</th>");
        }
        html.append("</tr>\n");
        for (String arm : arms) {
            html.append("<tr><td>").append(Html.escape(arm)).append("</td>");
            for (int length : lengths) {
                html.append("<td>").append(cells.get(arm).getOrDefault(length, "–")).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table></div>\n");
    }

    /** The reports' own style, so the index looks like them; its headline tables are narrow, so no cell wraps. */
    private static final String CSS = Html.CSS + "th, td { white-space: nowrap; }\n";
}
