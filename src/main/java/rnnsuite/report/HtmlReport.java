package rnnsuite.report;

import java.io.StringWriter;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rnnsuite.data.DatasetSummary;
import rnnsuite.data.StratifiedSplit;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.html.HtmlWriteOptions;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.TickSettings;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/**
 * The study as one HTML page: dataset card, test metrics side by side, learning curves, cost, every run
 * and its confusion matrix. Charts are Tablesaw jsplot figures drawn by the plotly.js copied next to the
 * page, so it opens from disk with no network.
 */
public final class HtmlReport {

    private static final Map<String, String> VARIANT_COLOURS = Map.of(
            "simple_rnn", "#1f77b4", "lstm", "#d62728", "peephole_lstm", "#2ca02c");
    private static final String[] OTHER_COLOURS = {"#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final Line.Dash[] SEED_DASHES = {Line.Dash.SOLID, Line.Dash.DASH, Line.Dash.DOT, Line.Dash.DASH_DOT};

    private HtmlReport() {
    }

    public static String render(Study study, Table runs, Table epochs, Table summary, Table confusion) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<title>rnn-suite: ").append(escape(study.name())).append("</title>\n")
                .append("<script src=\"").append(ResultWriter.PLOTLY_JS).append("\"></script>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>rnn-suite — ").append(escape(study.name())).append("</h1>\n");
        if (!study.description().isBlank()) {
            html.append("<p class=\"lead\">").append(escape(study.description())).append("</p>\n");
        }
        html.append("<p class=\"meta\">").append(runs.rowCount()).append(" run(s); generated ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append("; reproduce with <code>").append(escape(study.command())).append("</code></p>\n");

        section(html, "Test metrics", "Mean over seeds per variant; the table gives mean ± standard deviation. "
                + "Precision, recall and F1 are those of the positive class (binary tasks) or macro-averaged.");
        html.append(figure("metrics", metricsChart(summary)));
        html.append(table(metricsTable(summary)));

        section(html, "Learning curves", "One line per run: colour = variant, dash = seed. "
                + "Validation after every epoch with dropout off; training loss is the mean mini-batch loss with dropout on.");
        html.append("<div class=\"grid\">");
        html.append(figure("val_accuracy", curves(epochs, "val_accuracy", "validation accuracy")));
        html.append(figure("val_loss", curves(epochs, "val_loss", "validation loss")));
        html.append(figure("train_loss", curves(epochs, "train_loss", "training loss")));
        html.append("</div>\n");

        section(html, "Cost", "Training time excludes validation and testing; samples/s counts training examples.");
        html.append(table(costTable(summary)));

        section(html, "Dataset", escape(study.data().source()));
        html.append(table(datasetTable(study.data())));
        html.append("<ul class=\"note\">");
        study.data().facts().forEach(fact -> html.append("<li>").append(escape(fact)).append("</li>"));
        html.append("</ul>\n");

        section(html, "Runs", "Every run of the plan (runs.csv).");
        html.append(table(runs));

        section(html, "Confusion matrices", "Test split; rows are the actual class, columns the predicted class.");
        html.append("<div class=\"grid\">");
        for (String runId : runs.stringColumn("run_id")) {
            html.append("<div><h3>").append(escape(runId)).append("</h3>")
                    .append(table(confusionMatrix(confusion, runId))).append("</div>");
        }
        html.append("</div>\n</body>\n</html>\n");
        return html.toString();
    }

    private static Figure metricsChart(Table summary) {
        List<String> metrics = List.of("test_accuracy", "test_precision", "test_recall", "test_f1", "test_auc");
        Object[] labels = metrics.stream().map(m -> m.substring(5)).toArray();
        List<Trace> traces = new ArrayList<>();
        for (int r = 0; r < summary.rowCount(); r++) {
            String variant = summary.stringColumn("variant").get(r);
            double[] values = new double[metrics.size()];
            for (int i = 0; i < metrics.size(); i++) {
                values[i] = summary.doubleColumn(metrics.get(i) + "_mean").getDouble(r);
            }
            traces.add(BarTrace.builder(labels, values).name(variant).showLegend(true)
                    .marker(Marker.builder().color(colour(variant)).build()).build());
        }
        Layout layout = Layout.builder().title("test metrics by variant").barMode(Layout.BarMode.GROUP)
                .height(380).width(720).yAxis(Axis.builder().title("score").build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static Figure curves(Table epochs, String column, String title) {
        Map<String, List<Integer>> rowsByRun = new LinkedHashMap<>();
        for (int r = 0; r < epochs.rowCount(); r++) {
            rowsByRun.computeIfAbsent(epochs.stringColumn("run_id").get(r), k -> new ArrayList<>()).add(r);
        }
        Map<String, Integer> seedIndex = new LinkedHashMap<>();
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> run : rowsByRun.entrySet()) {
            List<Integer> rows = run.getValue();
            String variant = epochs.stringColumn("variant").get(rows.get(0));
            long seed = epochs.longColumn("seed").get(rows.get(0));
            int dash = seedIndex.computeIfAbsent(String.valueOf(seed), k -> seedIndex.size());
            double[] x = rows.stream().mapToDouble(r -> epochs.intColumn("epoch").get(r)).toArray();
            double[] y = rows.stream().mapToDouble(r -> epochs.doubleColumn(column).getDouble(r)).toArray();
            traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(run.getKey())
                    .showLegend(true)
                    .line(Line.builder().color(colour(variant)).dash(SEED_DASHES[dash % SEED_DASHES.length]).build())
                    .marker(Marker.builder().color(colour(variant)).build()).build());
        }
        int lastEpoch = (int) epochs.intColumn("epoch").max();
        TickSettings wholeEpochs = TickSettings.builder().tickMode(TickSettings.TickMode.LINEAR)
                .tick0(1).dTick(Math.max(1, (lastEpoch + 9) / 10)).build();
        Layout layout = Layout.builder().title(title + " by epoch").height(360).width(560)
                .xAxis(Axis.builder().title("epoch").tickSettings(wholeEpochs).build())
                .yAxis(Axis.builder().title(title).build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private static Table metricsTable(Table summary) {
        Table t = Table.create("metrics", StringColumn.create("variant"), IntColumn.create("runs"));
        for (String m : ResultTables.TEST_METRICS) {
            t.addColumns(StringColumn.create(m.substring(5)));
        }
        for (int r = 0; r < summary.rowCount(); r++) {
            t.stringColumn("variant").append(summary.stringColumn("variant").get(r));
            t.intColumn("runs").append(summary.intColumn("runs").get(r));
            for (String m : ResultTables.TEST_METRICS) {
                t.stringColumn(m.substring(5)).append(meanStd(summary, m, r, "0.0000"));
            }
        }
        return t;
    }

    private static Table costTable(Table summary) {
        Table t = Table.create("cost", StringColumn.create("variant"), StringColumn.create("params"),
                StringColumn.create("seconds per epoch"), StringColumn.create("samples/s"),
                StringColumn.create("train seconds"));
        for (int r = 0; r < summary.rowCount(); r++) {
            t.stringColumn("variant").append(summary.stringColumn("variant").get(r));
            t.stringColumn("params").append(format(summary.doubleColumn("params_mean").getDouble(r), "#,##0"));
            t.stringColumn("seconds per epoch").append(meanStd(summary, "seconds_per_epoch", r, "0.0"));
            t.stringColumn("samples/s").append(meanStd(summary, "samples_per_sec", r, "0.0"));
            t.stringColumn("train seconds").append(meanStd(summary, "train_seconds", r, "0.0"));
        }
        return t;
    }

    private static Table datasetTable(DatasetSummary data) {
        Table t = Table.create("dataset", StringColumn.create("split"));
        for (String c : data.classes()) {
            t.addColumns(IntColumn.create(c));
        }
        t.addColumns(IntColumn.create("total"));
        for (int s = 0; s < data.counts().length; s++) {
            t.stringColumn("split").append(StratifiedSplit.NAMES[s]);
            int total = 0;
            for (int c = 0; c < data.classes().size(); c++) {
                t.intColumn(data.classes().get(c)).append(data.counts()[s][c]);
                total += data.counts()[s][c];
            }
            t.intColumn("total").append(total);
        }
        return t;
    }

    private static Table confusionMatrix(Table confusion, String runId) {
        Table rows = confusion.where(confusion.stringColumn("run_id").isEqualTo(runId));
        List<String> classes = rows.stringColumn("actual").unique().asList();
        Table t = Table.create(runId, StringColumn.create("actual \\ predicted"));
        classes.forEach(c -> t.addColumns(IntColumn.create(c)));
        for (String actual : classes) {
            t.stringColumn(0).append(actual);
            for (String predicted : classes) {
                Table cell = rows.where(rows.stringColumn("actual").isEqualTo(actual)
                        .and(rows.stringColumn("predicted").isEqualTo(predicted)));
                t.intColumn(predicted).append((int) cell.longColumn("count").get(0).longValue());
            }
        }
        return t;
    }

    private static String meanStd(Table summary, String column, int row, String pattern) {
        double mean = summary.doubleColumn(column + "_mean").getDouble(row);
        double std = summary.doubleColumn(column + "_std").getDouble(row);
        return Double.isNaN(std) ? format(mean, pattern) : format(mean, pattern) + " ± " + format(std, pattern);
    }

    private static String format(double value, String pattern) {
        return Double.isNaN(value) ? "–" : new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    private static String colour(String variant) {
        String c = VARIANT_COLOURS.get(variant);
        return c != null ? c : OTHER_COLOURS[Math.floorMod(variant.hashCode(), OTHER_COLOURS.length)];
    }

    private static void section(StringBuilder html, String title, String note) {
        html.append("<h2>").append(escape(title)).append("</h2>\n<p class=\"note\">").append(note).append("</p>\n");
    }

    private static String figure(String id, Figure figure) {
        return "<div class=\"chart\">" + figure.divString(id) + figure.asJavascript(id) + "</div>\n";
    }

    /** A Tablesaw table as HTML, doubles shown with four decimals. */
    static String table(Table table) {
        Table shown = table.copy();
        for (var column : shown.columns()) {
            if (column instanceof DoubleColumn c) {
                c.setPrintFormatter(new DecimalFormat("0.0000", DecimalFormatSymbols.getInstance(Locale.ROOT)), "–");
            }
        }
        StringWriter out = new StringWriter();
        shown.write().usingOptions(HtmlWriteOptions.builder(out).build());
        return "<div class=\"table\">" + out + "</div>\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1200px; color: #222; padding: 0 1em; }
            h1 { font-size: 1.6em; margin-bottom: .2em; }
            h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
            h3 { font-size: 1em; margin: .5em 0; }
            .lead { font-size: 1.1em; }
            .meta, .note { color: #555; font-size: .9em; }
            code { background: #f4f4f4; padding: 0 .3em; }
            .grid { display: flex; flex-wrap: wrap; gap: 1em; }
            .table { overflow-x: auto; }
            table { border-collapse: collapse; font-size: .85em; margin: .5em 0; }
            th, td { border: 1px solid #ddd; padding: .25em .6em; text-align: right; }
            th { background: #f6f6f6; }
            td:first-child, th:first-child { text-align: left; }
            """;
}
