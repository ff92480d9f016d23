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
import rnnsuite.data.Dataset;
import rnnsuite.data.Metric;
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
 * The study as one HTML page: results by arm with confidence intervals and paired tests, a length
 * sweep when the plan has one, learning curves and gradient norms, the gradient probe, cost, the dataset
 * card, every run and its confusion matrix. Charts are Tablesaw jsplot figures drawn by the plotly.js
 * copied next to the page, so it opens from disk with no network.
 */
public final class HtmlReport {

    /** Up to this many runs the report draws every run's curves and confusion matrix. */
    private static final int DETAILED_RUNS = 12;

    private static final String[] OTHER_COLOURS = {"#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78", "#98df8a"};
    private static final tech.tablesaw.plotly.components.Symbol[] LENGTH_SYMBOLS = {
            tech.tablesaw.plotly.components.Symbol.CIRCLE, tech.tablesaw.plotly.components.Symbol.DIAMOND,
            tech.tablesaw.plotly.components.Symbol.SQUARE, tech.tablesaw.plotly.components.Symbol.TRIANGLE_UP};
    private static final Line.Dash[] SEED_DASHES = {Line.Dash.SOLID, Line.Dash.DASH, Line.Dash.DOT, Line.Dash.DASH_DOT};

    /** The script every report loads from the results root, one level up: one copy for all (ResultWriter puts it there). */
    public static final String PLOTLY_JS = "plotly.js";

    private final Study study;
    private final Table runs;
    private final Table epochs;
    private final Table summary;
    private final Table comparison;
    private final Table confusion;
    private final Table gradients;
    private final boolean regression;
    /** The dataset the study ran on: its task and the metric it leads with. */
    private final Dataset dataset;
    /** The column of the metric the report leads with ({@code test_accuracy}, {@code test_bpc}, ...) and its name. */
    private final String metric;
    private final String metricName;
    private final Table samples;
    private final List<Integer> lengths;
    private final Map<String, String> colours = new LinkedHashMap<>();
    private final Tuning tuning;

    /** A search's tables: trials.csv, best.csv and the parameters' importance. */
    public record Tuning(Table trials, Table best, Table importance) {
    }

    private HtmlReport(Study study, Table runs, Table epochs, Table summary, Table comparison, Table confusion, Table gradients,
                       Tuning tuning, Table samples) {
        this.samples = samples;
        this.tuning = tuning;
        this.study = study;
        this.runs = runs;
        this.epochs = epochs;
        this.summary = summary;
        this.comparison = comparison;
        this.confusion = confusion;
        this.gradients = gradients;
        this.dataset = Dataset.of(study.data().dataset());
        this.regression = dataset.regression();
        this.metric = dataset.headlineMetric().testColumn();
        this.metricName = "test " + dataset.headlineMetric().label();
        this.lengths = summary.intColumn("max_len").unique().asList().stream().sorted().toList();
        int other = 0;
        List<String> arms = new ArrayList<>(summary.stringColumn("arm").unique().asList());
        if (tuning != null) {
            tuning.trials().stringColumn("arm").unique().asList().stream().filter(a -> !arms.contains(a)).forEach(arms::add);
        }
        for (String arm : arms) {
            // a cell's own arm takes the cell's colour (Variant); extra arms the others in turn
            String c = java.util.Arrays.stream(rnnsuite.model.Variant.values()).filter(v -> v.id().equals(arm))
                    .map(rnnsuite.model.Variant::colour).findFirst().orElse(null);
            colours.put(arm, c != null ? c : OTHER_COLOURS[other++ % OTHER_COLOURS.length]);
        }
    }

    public static String render(Study study, Table runs, Table epochs, Table summary, Table comparison, Table confusion,
                                Table gradients, Tuning tuning, Table samples) {
        return new HtmlReport(study, runs, epochs, summary, comparison, confusion, gradients, tuning, samples).html();
    }

    private String label(String name) {
        return dataset.label(name);
    }

    /** The test metrics the report shows: a classifier's five, a regression's MSE, or the dataset's own with accuracy. */
    private List<Metric> shownMetrics(boolean withLoss) {
        if (regression) {
            return List.of(dataset.metric("loss"));
        }
        if (!dataset.task().perStep()) {
            return dataset.metrics().stream().filter(m -> withLoss || m.reading() != Metric.Reading.LOSS).toList();
        }
        List<Metric> shown = new ArrayList<>(dataset.ownMetrics());
        if (dataset.task().hasAccuracy()) {
            shown.add(Metric.ACCURACY);
        }
        return shown;
    }

    /** A metric's column heading: its short name, or the task's own name for its loss (MSE). */
    private static String heading(Metric m) {
        return m.reading() == Metric.Reading.LOSS ? m.label() : m.name();
    }

    private String html() {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<title>rnn-suite: ").append(escape(study.name())).append("</title>\n")
                .append("<script src=\"").append("../" + PLOTLY_JS).append("\"></script>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>rnn-suite — ").append(escape(study.name())).append("</h1>\n");
        if (!study.description().isBlank()) {
            html.append("<p class=\"lead\">").append(escape(study.description())).append("</p>\n");
        }
        html.append("<p class=\"meta\">").append(runs.rowCount()).append(" run(s); generated ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append("; reproduce with <code>").append(escape(study.command())).append("</code></p>\n");

        if (tuning != null) {
            tuningSections(html);
        }
        if (lengths.isEmpty()) {
            html.append("<p class=\"note\">No final runs yet: the search is still going.</p>\n</body>\n</html>\n");
            return html.toString();
        }
        if (lengths.size() > 1) {
            section(html, "Memory vs sequence length", "Mean " + metricName + " over seeds per arm; the band is ± one standard "
                    + "deviation (clipped to the metric's range). Dashed: what ignoring the input scores (" + baselineName() + "). An arm <em>solves</em> a length when its "
                    + StudyAnalysis.solvedRule(dataset) + ".");
            html.append(figure("sweep", sweepChart()));
            html.append(table(solvedTable()));
        } else {
            section(html, "Test metrics", "Mean over seeds per arm. " + (regression ? "MSE on the test split."
                    : dataset.task().perStep() ? "Over the real steps of the test split (padding never counts)."
                    : "Precision, recall and F1 are those of the positive class (binary tasks) or macro-averaged."));
            html.append(figure("metrics", metricsChart()));
        }
        html.append("<p class=\"note\">Mean ± standard deviation [95% confidence interval, t-distribution, clipped to the "
                + "metric's range: [0, 1], a loss ≥ 0; summary.csv has it unclipped] over seeds.</p>");
        html.append(table(metricsTable()));

        section(html, "Comparisons", "Each pair of arms at each length over matching seeds, on " + metricName
                + ": mean difference (a − b) with its 95% interval, paired t-test and Wilcoxon signed-rank p-values "
                + "(every metric is in comparison.csv). With three seeds the Wilcoxon test cannot go below p = 0.25.");
        html.append(table(comparisonTable()));

        int longest = lengths.get(lengths.size() - 1);
        section(html, "Learning curves", "One line per run" + (lengths.size() > 1 ? " at the longest length, " + longest : "")
                + ": colour = arm, dash = seed; dashed flat lines are the baselines' test score, where they have one. "
                + "Validation after every epoch with dropout off; training loss is the mean "
                + "mini-batch loss with dropout on; gradient norm is the L2 norm of the whole gradient before any clipping, "
                + "averaged over the epoch's steps.");
        html.append("<div class=\"grid\">");
        if (!dataset.ownMetrics().isEmpty()) {
            String headline = dataset.headline();
            html.append(figure("val_" + headline, curves("val_" + headline, "validation " + label(headline), longest, false)));
        }
        if (dataset.task().hasAccuracy()) {
            html.append(figure("val_accuracy", curves("val_accuracy", "validation accuracy", longest, false)));
        }
        html.append(figure("val_loss", curves("val_loss", "validation " + label("loss"), longest, false)));
        html.append(figure("train_loss", curves("train_loss", "training loss", longest, false)));
        html.append(figure("grad_norm", curves("grad_norm_mean", "gradient norm", longest, true)));
        html.append("</div>\n");

        if (samples.rowCount() > 0) {
            section(html, "Samples", "What each arm's model writes after the same 40 characters of the test split (the "
                    + "prime, in bold), at temperature " + samples.doubleColumn("temperature").getDouble(0) + ", its first seed; "
                    + "every run's in samples.csv, and <code>sample RUN</code> writes more.");
            for (String arm : colours.keySet()) {
                Table a = samples.where(samples.stringColumn("arm").isEqualTo(arm));
                if (a.rowCount() > 0) {
                    html.append("<h3>").append(escape(arm)).append(" (seed ").append(a.longColumn("seed").get(0)).append(")</h3>\n")
                            .append("<pre class=\"sample\"><b>").append(escape(a.stringColumn("prime").get(0))).append("</b>")
                            .append(escape(a.stringColumn("text").get(0))).append("</pre>\n");
                }
            }
        }

        if (gradients.rowCount() > 0) {
            section(html, "Gradient flow", "‖∂L/∂x_t‖, the norm of the loss gradient with respect to the input at each time step, "
                    + "averaged over a fixed test batch and over seeds" + (lengths.size() > 1 ? ", at length " + longest : "")
                    + ", before and after training (log scale). A vanishing gradient falls by orders of magnitude from the "
                    + "last step back to the first.");
            html.append("<div class=\"grid\">");
            html.append(figure("probe_untrained", probeChart("untrained", longest)));
            html.append(figure("probe_trained", probeChart("trained", longest)));
            html.append("</div>\n");
        }

        section(html, "Cost", "Training time excludes validation and testing; samples/s counts training examples.");
        html.append(table(costTable()));

        section(html, "Dataset", escape(study.data().source()));
        html.append(table(datasetTable(study.data())));
        html.append("<ul class=\"note\">");
        study.data().facts().forEach(fact -> html.append("<li>").append(escape(fact)).append("</li>"));
        html.append("</ul>\n");

        section(html, "Runs", "Every run of the plan (runs.csv).");
        html.append(table(runs));

        if (confusion.rowCount() > 0 && runs.rowCount() <= DETAILED_RUNS) {
            section(html, "Confusion matrices", "Test split; rows are the actual class, columns the predicted class.");
            html.append("<div class=\"grid\">");
            for (String runId : runs.stringColumn("run_id")) {
                html.append("<div><h3>").append(escape(runId)).append("</h3>")
                        .append(table(confusionMatrix(runId))).append("</div>");
            }
            html.append("</div>\n");
        }
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    // ------------------------------------------------------------------ tuning

    private void tuningSections(StringBuilder html) {
        Study.Tuning spec = study.tuning();
        String objective = "validation " + label(spec.objective().substring("val_".length()));
        section(html, "Tuned vs recipe", "Each recurrent arm tuned at the same budget (" + escape(spec.budget())
                + "), chosen on the " + objective + " alone; the test split is read only by the final runs. "
                + "<em>arm</em> is the plan's recipe, <em>arm_tuned</em> the winning configuration re-trained from scratch, "
                + "both on the same seeds: mean ± sd of the " + metricName
                + ", difference with its 95% interval and paired p-values.");
        html.append(table(tunedVsRecipe()));
        section(html, "Tuned configurations", "Per arm and length the winner: the best " + objective
                + " among the candidates of the last rung (best.csv; every candidate and rung in trials.csv).");
        html.append(table(readable(tuning.best().copy().removeColumns("run_id", "variant"))));
        section(html, "Search progress", "Best " + objective + " so far against candidates run (rung by rung) and against "
                + "the epochs the search has spent on the arm: the budget curve. Dash (and, below, marker shape) = length.");
        html.append("<div class=\"grid\">");
        html.append(figure("search_trials", bestSoFar("run", "candidate runs, in order", objective)));
        html.append(figure("search_epochs", bestSoFar("epochs_spent", "epochs spent", objective)));
        html.append("</div>\n");
        if (tuning.importance().rowCount() > 0) {
            section(html, "What mattered", "The " + objective + " of every first-rung candidate (all trained the same epochs) "
                    + "by each parameter's value, and each parameter's importance: the share of the objective's variance "
                    + "between its values' groups (η², terciles for a numeric range; one parameter at a time, so shares "
                    + "need not sum to 1; with few candidates they read high — compare parameters, not absolute values).");
            html.append(table(importanceTable()));
            html.append("<div class=\"grid\">");
            int i = 0;
            for (String p : spec.parameters()) {
                html.append(figure("param_" + i++, parameterChart(p, objective)));
            }
            html.append("</div>\n");
        }
    }

    /** Drawn numbers to four significant digits (a learning rate of 0.0019756082 reads 0.001976). */
    private Table readable(Table best) {
        for (String p : study.tuning().parameters()) {
            StringColumn c = best.stringColumn(p);
            for (int r = 0; r < c.size(); r++) {
                if (TuningTables.isNumber(c.get(r)) && c.get(r).length() > 6) {
                    c.set(r, new java.math.BigDecimal(c.get(r)).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString());
                }
            }
        }
        return best;
    }

    private Table tunedVsRecipe() {
        Table t = Table.create("tuned", StringColumn.create("arm"), IntColumn.create("length"), StringColumn.create("recipe"),
                StringColumn.create("tuned"), StringColumn.create("tuned − recipe [95% CI]"), StringColumn.create("p (paired t)"),
                StringColumn.create("p (Wilcoxon)"));
        for (StudyAnalysis.TunedPair pair : StudyAnalysis.tunedPairs(summary, comparison, metric)) {
            StudyAnalysis.Difference d = pair.difference();
            t.stringColumn("arm").append(pair.arm());
            t.intColumn("length").append(pair.length());
            t.stringColumn("recipe").append(meanStd(pair.recipeRow(), metric, "0.0000"));
            t.stringColumn("tuned").append(meanStd(pair.tunedRow(), metric, "0.0000"));
            t.stringColumn("tuned − recipe [95% CI]").append(d == null ? "–" : format(d.mean(), "0.0000") + " ["
                    + format(d.low(), "0.0000") + ", " + format(d.high(), "0.0000") + "]");
            t.stringColumn("p (paired t)").append(d == null ? "–" : formatP(d.pPairedT()));
            t.stringColumn("p (Wilcoxon)").append(d == null ? "–" : format(d.pWilcoxon(), "0.000"));
        }
        return t;
    }

    /** Best objective so far per arm and length, against the run's position or the epochs spent. */
    private Figure bestSoFar(String x, String xTitle, String objective) {
        Table trials = tuning.trials();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < trials.rowCount(); r++) {
            String arm = trials.stringColumn("arm").get(r);
            groups.computeIfAbsent(arm + (tuningLengths().size() > 1 ? " T=" + trials.intColumn("max_len").get(r) : ""),
                    k -> new ArrayList<>()).add(r);
        }
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            List<Integer> rows = group.getValue();
            double[] xs = new double[rows.size()];
            double[] ys = new double[rows.size()];
            double best = Double.NaN;
            for (int i = 0; i < rows.size(); i++) {
                double v = trials.doubleColumn("objective").getDouble(rows.get(i));
                if (!Double.isNaN(v) && (Double.isNaN(best) || (study.tuning().maximise() ? v > best : v < best))) {
                    best = v;
                }
                xs[i] = x.equals("run") ? i + 1 : trials.intColumn("epochs_spent").get(rows.get(i));
                ys[i] = best;
            }
            String arm = trials.stringColumn("arm").get(rows.get(0));
            traces.add(ScatterTrace.builder(xs, ys).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(group.getKey()).showLegend(true)
                    .line(Line.builder().color(colours.get(arm)).shape(Line.Shape.HV)
                            .dash(SEED_DASHES[tuningLengths().indexOf(trials.intColumn("max_len").get(rows.get(0))) % SEED_DASHES.length]).build())
                    .marker(Marker.builder().color(colours.get(arm)).build()).build());
        }
        Layout layout = Layout.builder().title("best " + objective + " so far").height(360).width(560)
                .xAxis(Axis.builder().title(xTitle).build()).yAxis(Axis.builder().title(objective).build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** First-rung objective by one parameter's value, one trace per arm (and length). */
    private Figure parameterChart(String parameter, String objective) {
        Table first = tuning.trials().where(tuning.trials().intColumn("rung").isEqualTo(0));
        boolean numeric = first.stringColumn(parameter).asList().stream().filter(v -> !v.isEmpty()).allMatch(TuningTables::isNumber);
        List<Trace> traces = new ArrayList<>();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < first.rowCount(); r++) {
            if (!first.stringColumn(parameter).get(r).isEmpty()) {
                groups.computeIfAbsent(first.stringColumn("arm").get(r) + (tuningLengths().size() > 1
                        ? " T=" + first.intColumn("max_len").get(r) : ""), k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            List<Integer> rows = group.getValue();
            double[] y = rows.stream().mapToDouble(r -> first.doubleColumn("objective").getDouble(r)).toArray();
            String arm = first.stringColumn("arm").get(rows.get(0));
            int length = tuningLengths().indexOf(first.intColumn("max_len").get(rows.get(0)));
            Marker marker = Marker.builder().color(colours.get(arm)).size(9).opacity(0.75)
                    .symbol(LENGTH_SYMBOLS[length % LENGTH_SYMBOLS.length]).build();
            ScatterTrace.ScatterBuilder b = numeric
                    ? ScatterTrace.builder(rows.stream().mapToDouble(r -> Double.parseDouble(first.stringColumn(parameter).get(r))).toArray(), y)
                    : ScatterTrace.builder(StringColumn.create("x", rows.stream().map(r -> first.stringColumn(parameter).get(r))),
                    DoubleColumn.create("y", y));
            traces.add(b.mode(ScatterTrace.Mode.MARKERS).name(group.getKey()).showLegend(true).marker(marker).build());
        }
        Axis.AxisBuilder xAxis = Axis.builder().title(parameter + (study.tuning().logScale().contains(parameter) ? " (log)" : ""));
        if (study.tuning().logScale().contains(parameter)) {
            xAxis.type(Axis.Type.LOG);
        } else if (!numeric) {
            xAxis.type(Axis.Type.CATEGORY);
        }
        Layout layout = Layout.builder().title(objective + " by " + parameter).height(340).width(480)
                .xAxis(xAxis.build()).yAxis(Axis.builder().title(objective).build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** Importance as parameters × (arm, length). */
    private Table importanceTable() {
        Table imp = tuning.importance();
        Table t = Table.create("importance", StringColumn.create("parameter"));
        List<String> columns = new ArrayList<>();
        for (int r = 0; r < imp.rowCount(); r++) {
            String c = imp.stringColumn("arm").get(r) + (tuningLengths().size() > 1 ? " T=" + imp.intColumn("max_len").get(r) : "");
            if (!columns.contains(c)) {
                columns.add(c);
                t.addColumns(StringColumn.create(c));
            }
        }
        for (String p : study.tuning().parameters()) {
            t.stringColumn("parameter").append(p);
            for (String c : columns) {
                String v = "–";
                for (int r = 0; r < imp.rowCount(); r++) {
                    String col = imp.stringColumn("arm").get(r) + (tuningLengths().size() > 1 ? " T=" + imp.intColumn("max_len").get(r) : "");
                    if (col.equals(c) && imp.stringColumn("parameter").get(r).equals(p)) {
                        v = format(imp.doubleColumn("variance_share").getDouble(r), "0.00");
                    }
                }
                t.stringColumn(c).append(v);
            }
        }
        return t;
    }

    private List<Integer> tuningLengths() {
        return tuning.trials().intColumn("max_len").unique().asList().stream().sorted().toList();
    }

    // ------------------------------------------------------------------ charts

    private Figure metricsChart() {
        List<Metric> metrics = shownMetrics(false);
        Object[] labels = metrics.stream().map(HtmlReport::heading).toArray();
        List<Trace> traces = new ArrayList<>();
        for (int r = 0; r < summary.rowCount(); r++) {
            String arm = summary.stringColumn("arm").get(r);
            double[] values = new double[metrics.size()];
            for (int i = 0; i < metrics.size(); i++) {
                values[i] = summary.doubleColumn(metrics.get(i).testColumn() + "_mean").getDouble(r);
            }
            traces.add(BarTrace.builder(labels, values).name(arm).showLegend(true)
                    .marker(Marker.builder().color(colours.get(arm)).build()).build());
        }
        Layout layout = Layout.builder().title("test metrics by arm").barMode(Layout.BarMode.GROUP)
                .height(380).width(720).yAxis(Axis.builder().title(regression ? "MSE" : dataset.task().perStep()
                        ? label(dataset.headline()) : "score").build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** Mean ± sd of the main metric against length, one band per arm, and the trivial baseline. */
    private Figure sweepChart() {
        List<Trace> traces = new ArrayList<>();
        for (String arm : colours.keySet()) {
            Table rows = summary.where(summary.stringColumn("arm").isEqualTo(arm)).sortOn("max_len");
            double[] x = rows.intColumn("max_len").asDoubleArray();
            double[] mean = rows.doubleColumn(metric + "_mean").asDoubleArray();
            double[] std = rows.doubleColumn(metric + "_std").asDoubleArray();
            double[] low = new double[x.length];
            double[] high = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double s = Double.isNaN(std[i]) ? 0 : std[i];
                // Clipped to what the metric can be: accuracy in [0, 1], MSE at least 0.
                low[i] = Math.max(0, mean[i] - s);
                high[i] = Math.min(dataset.headlineMetric().ceiling(), mean[i] + s);
            }
            String colour = colours.get(arm);
            traces.add(ScatterTrace.builder(x, low).mode(ScatterTrace.Mode.LINE).showLegend(false).name(arm + " −sd")
                    .line(Line.builder().color(colour).width(0).build()).build());
            traces.add(ScatterTrace.builder(x, high).mode(ScatterTrace.Mode.LINE).showLegend(false).name(arm + " +sd")
                    .fill(ScatterTrace.Fill.TO_NEXT_Y).fillColor(transparent(colour))
                    .line(Line.builder().color(colour).width(0).build()).build());
            traces.add(ScatterTrace.builder(x, mean).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(arm).showLegend(true)
                    .line(Line.builder().color(colour).build()).marker(Marker.builder().color(colour).build()).build());
        }
        double[] ends = {lengths.get(0), lengths.get(lengths.size() - 1)};
        double baseline = study.data().trivialBaseline();
        traces.add(ScatterTrace.builder(ends, new double[] {baseline, baseline}).mode(ScatterTrace.Mode.LINE)
                .name(baselineName()).showLegend(true).line(Line.builder().color("#555555").dash(Line.Dash.DASH).build()).build());
        Layout layout = Layout.builder().title(metricName + " by sequence length")
                .height(420).width(760)
                .xAxis(Axis.builder().title("sequence length T (log scale)").type(Axis.Type.LOG)
                        .tickSettings(TickSettings.builder().arrayTicks(lengths.stream().mapToDouble(Integer::doubleValue).toArray()).build())
                        .build())
                .yAxis(Axis.builder().title(metricName).build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    private Figure curves(String column, String title, int length, boolean logScale) {
        Table rows = epochs.where(epochs.intColumn("max_len").isEqualTo(length));
        Map<String, List<Integer>> rowsByRun = new LinkedHashMap<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            rowsByRun.computeIfAbsent(rows.stringColumn("run_id").get(r), k -> new ArrayList<>()).add(r);
        }
        Map<Long, Integer> seedIndex = new LinkedHashMap<>();
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> run : rowsByRun.entrySet()) {
            List<Integer> idx = run.getValue();
            String arm = rows.stringColumn("arm").get(idx.get(0));
            long seed = rows.longColumn("seed").get(idx.get(0));
            int dash = seedIndex.computeIfAbsent(seed, k -> seedIndex.size());
            double[] x = idx.stream().mapToDouble(r -> rows.intColumn("epoch").get(r)).toArray();
            double[] y = idx.stream().mapToDouble(r -> rows.doubleColumn(column).getDouble(r)).toArray();
            traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(run.getKey())
                    .showLegend(true)
                    .line(Line.builder().color(colours.get(arm)).dash(SEED_DASHES[dash % SEED_DASHES.length]).build())
                    .marker(Marker.builder().color(colours.get(arm)).build()).build());
        }
        int lastEpoch = rows.rowCount() == 0 ? 1 : (int) rows.intColumn("epoch").max();
        if (summary.columnNames().contains("test_" + column.substring("val_".length()) + "_mean") && !column.equals("val_loss")) {
            traces.addAll(baselineLines(column.substring("val_".length()), length, lastEpoch));
        }
        TickSettings wholeEpochs = TickSettings.builder().tickMode(TickSettings.TickMode.LINEAR)
                .tick0(1).dTick(Math.max(1, (lastEpoch + 9) / 10)).build();
        Axis.AxisBuilder y = Axis.builder().title(title + (logScale ? " (log)" : ""));
        if (logScale) {
            y.type(Axis.Type.LOG);
        }
        Layout layout = Layout.builder().title(title + " by epoch").height(360).width(560)
                .xAxis(Axis.builder().title("epoch").tickSettings(wholeEpochs).build()).yAxis(y.build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** Dashed lines at the baselines' mean test score of a metric, so a curve can be read against them. */
    private List<Trace> baselineLines(String name, int length, int lastEpoch) {
        List<Trace> lines = new ArrayList<>();
        java.util.Set<String> baselines = java.util.Arrays.stream(rnnsuite.model.Baseline.values()).map(rnnsuite.model.Baseline::id)
                .collect(java.util.stream.Collectors.toSet());
        for (int r = 0; r < summary.rowCount(); r++) {
            String variant = summary.stringColumn("variant").get(r);
            double level = summary.doubleColumn("test_" + name + "_mean").getDouble(r);
            if (summary.intColumn("max_len").get(r) != length || !baselines.contains(variant) || Double.isNaN(level)) {
                continue;
            }
            String arm = summary.stringColumn("arm").get(r);
            lines.add(ScatterTrace.builder(new double[] {1, Math.max(2, lastEpoch)}, new double[] {level, level})
                    .mode(ScatterTrace.Mode.LINE).name(arm + " (test)").showLegend(true)
                    .line(Line.builder().color(colours.get(arm)).dash(Line.Dash.DASH).build()).build());
        }
        return lines;
    }

    /** ‖∂L/∂x_t‖ by step, mean over seeds, one line per arm. */
    private Figure probeChart(String stage, int length) {
        Table rows = gradients.where(gradients.stringColumn("stage").isEqualTo(stage)
                .and(gradients.intColumn("max_len").isEqualTo(length)));
        List<Trace> traces = new ArrayList<>();
        for (String arm : colours.keySet()) {
            Table a = rows.where(rows.stringColumn("arm").isEqualTo(arm));
            if (a.rowCount() == 0) {
                continue;
            }
            Map<Integer, double[]> byStep = new java.util.TreeMap<>();
            for (int r = 0; r < a.rowCount(); r++) {
                double[] acc = byStep.computeIfAbsent(a.intColumn("step").get(r), k -> new double[2]);
                acc[0] += a.doubleColumn("grad_norm").getDouble(r);
                acc[1]++;
            }
            double[] x = byStep.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[] y = byStep.values().stream().mapToDouble(v -> v[0] / v[1]).toArray();
            traces.add(ScatterTrace.builder(x, y).mode(ScatterTrace.Mode.LINE).name(arm).showLegend(true)
                    .line(Line.builder().color(colours.get(arm)).build()).build());
        }
        Layout layout = Layout.builder().title("‖∂L/∂x_t‖, " + stage).height(360).width(560)
                .xAxis(Axis.builder().title("time step t").build())
                .yAxis(Axis.builder().title("gradient norm (log)").type(Axis.Type.LOG).build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    // ------------------------------------------------------------------ tables

    private Table metricsTable() {
        List<Metric> metrics = shownMetrics(true);
        Table t = Table.create("metrics", StringColumn.create("arm"), IntColumn.create("length"), IntColumn.create("runs"));
        for (Metric m : metrics) {
            t.addColumns(StringColumn.create(heading(m)));
        }
        for (int r = 0; r < summary.rowCount(); r++) {
            t.stringColumn("arm").append(summary.stringColumn("arm").get(r));
            t.intColumn("length").append(summary.intColumn("max_len").get(r));
            t.intColumn("runs").append(summary.intColumn("runs").get(r));
            for (Metric m : metrics) {
                t.stringColumn(heading(m)).append(meanStdCi(r, m.testColumn(), "0.0000"));
            }
        }
        return t;
    }

    private Table solvedTable() {
        Table t = Table.create("solved", StringColumn.create("arm"), StringColumn.create("longest length solved"),
                StringColumn.create("lengths solved"));
        for (String arm : colours.keySet()) {
            List<Integer> solved = StudyAnalysis.solvedLengths(summary, dataset, metric, arm);
            t.stringColumn(0).append(arm);
            t.stringColumn(1).append(solved.isEmpty() ? "none" : String.valueOf(solved.get(solved.size() - 1)));
            t.stringColumn(2).append(solved.isEmpty() ? "–" : String.join(", ", solved.stream().map(String::valueOf).toList()));
        }
        return t;
    }

    private Table comparisonTable() {
        Table rows = comparison.where(comparison.stringColumn("metric").isEqualTo(metric));
        Table t = Table.create("comparison", StringColumn.create("a"), StringColumn.create("b"), IntColumn.create("length"),
                IntColumn.create("pairs"), StringColumn.create("mean a"), StringColumn.create("mean b"),
                StringColumn.create("a − b [95% CI]"), StringColumn.create("p (paired t)"), StringColumn.create("p (Wilcoxon)"));
        for (int r = 0; r < rows.rowCount(); r++) {
            t.stringColumn("a").append(rows.stringColumn("arm_a").get(r));
            t.stringColumn("b").append(rows.stringColumn("arm_b").get(r));
            t.intColumn("length").append(rows.intColumn("max_len").get(r));
            t.intColumn("pairs").append(rows.intColumn("pairs").get(r));
            t.stringColumn("mean a").append(format(rows.doubleColumn("mean_a").getDouble(r), "0.0000"));
            t.stringColumn("mean b").append(format(rows.doubleColumn("mean_b").getDouble(r), "0.0000"));
            t.stringColumn("a − b [95% CI]").append(format(rows.doubleColumn("mean_diff").getDouble(r), "0.0000") + " ["
                    + format(rows.doubleColumn("diff_ci95_low").getDouble(r), "0.0000") + ", "
                    + format(rows.doubleColumn("diff_ci95_high").getDouble(r), "0.0000") + "]");
            t.stringColumn("p (paired t)").append(formatP(rows.doubleColumn("p_paired_t").getDouble(r)));
            t.stringColumn("p (Wilcoxon)").append(format(rows.doubleColumn("p_wilcoxon").getDouble(r), "0.000"));
        }
        return t;
    }

    private Table costTable() {
        Table t = Table.create("cost", StringColumn.create("arm"), IntColumn.create("length"), StringColumn.create("params"),
                StringColumn.create("seconds per epoch"), StringColumn.create("samples/s"), StringColumn.create("train seconds"));
        for (int r = 0; r < summary.rowCount(); r++) {
            t.stringColumn("arm").append(summary.stringColumn("arm").get(r));
            t.intColumn("length").append(summary.intColumn("max_len").get(r));
            t.stringColumn("params").append(format(summary.doubleColumn("params_mean").getDouble(r), "#,##0"));
            t.stringColumn("seconds per epoch").append(meanStd(r, "seconds_per_epoch", "0.0"));
            t.stringColumn("samples/s").append(meanStd(r, "samples_per_sec", "0.0"));
            t.stringColumn("train seconds").append(meanStd(r, "train_seconds", "0.0"));
        }
        return t;
    }

    private static Table datasetTable(DatasetSummary data) {
        List<String> columns = data.classes().isEmpty() ? List.of("examples") : data.classes();
        Table t = Table.create("dataset", StringColumn.create("split"));
        columns.forEach(c -> t.addColumns(IntColumn.create(c)));
        if (columns.size() > 1) {
            t.addColumns(IntColumn.create("total"));
        }
        for (int s = 0; s < data.counts().length; s++) {
            t.stringColumn("split").append(StratifiedSplit.NAMES[s]);
            int total = 0;
            for (int c = 0; c < columns.size(); c++) {
                t.intColumn(columns.get(c)).append(data.counts()[s][c]);
                total += data.counts()[s][c];
            }
            if (columns.size() > 1) {
                t.intColumn("total").append(total);
            }
        }
        return t;
    }

    private Table confusionMatrix(String runId) {
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

    // ------------------------------------------------------------------ formatting

    private String baselineName() {
        return String.format(Locale.ROOT, regression ? "predict the mean, MSE %.3f" : dataset.task().perStep()
                ? "remember nothing, %.3f" : "majority class, %.3f", study.data().trivialBaseline());
    }

    /** The metrics that are shares, so lie in [0, 1]; the others (losses, bits, perplexity) are only at least 0. */
    private static final java.util.Set<String> PROPORTIONS = Metric.CLASSIC.stream().filter(m -> m.ceiling() == 1)
            .map(Metric::testColumn).collect(java.util.stream.Collectors.toSet());

    private String meanStd(int row, String column, String pattern) {
        double mean = summary.doubleColumn(column + "_mean").getDouble(row);
        double std = summary.doubleColumn(column + "_std").getDouble(row);
        return Double.isNaN(std) ? format(mean, pattern) : format(mean, pattern) + " ± " + format(std, pattern);
    }

    /**
     * Mean ± sd [95% t-interval], the interval clipped to the metric's range as the charts clip it: a loss
     * or MSE is at least 0, the other metrics lie in [0, 1] (with three seeds a t-interval easily reaches
     * past them). summary.csv keeps the unclipped interval.
     */
    private String meanStdCi(int row, String column, String pattern) {
        double floor = 0;
        double ceiling = PROPORTIONS.contains(column) ? 1 : Double.POSITIVE_INFINITY;
        double low = Math.max(floor, summary.doubleColumn(column + "_ci95_low").getDouble(row));
        double high = Math.min(ceiling, summary.doubleColumn(column + "_ci95_high").getDouble(row));
        String ms = meanStd(row, column, pattern);
        return Double.isNaN(low) ? ms : ms + " [" + format(low, pattern) + ", " + format(high, pattern) + "]";
    }

    /** A p-value: four decimals, or scientific notation below 0.001 so a small p never reads as 0. */
    static String formatP(double p) {
        return p < 0.001 && p > 0 ? format(p, "0.0E0") : format(p, "0.0000");
    }

    private static String format(double value, String pattern) {
        return Double.isNaN(value) ? "–" : new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    private static String transparent(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return String.format(Locale.ROOT, "rgba(%d,%d,%d,0.18)", rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255);
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

    /** The reports' style sheet (a resource beside this class), read once. */
    static final String CSS = styleSheet();

    private static String styleSheet() {
        try (var in = HtmlReport.class.getResourceAsStream("report.css")) {
            if (in == null) {
                throw new IllegalStateException("report.css is missing beside " + HtmlReport.class.getName() + " (a broken build)");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read report.css: " + e.getMessage(), e);
        }
    }
}
