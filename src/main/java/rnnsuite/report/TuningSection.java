package rnnsuite.report;

import static rnnsuite.report.Html.escape;
import static rnnsuite.report.Html.figure;
import static rnnsuite.report.Html.format;
import static rnnsuite.report.Html.formatP;
import static rnnsuite.report.Html.section;
import static rnnsuite.report.Html.table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** The report's sections on a search: tuned against recipe, the winning configurations, the search's progress and what mattered. */
final class TuningSection {

    private static final tech.tablesaw.plotly.components.Symbol[] LENGTH_SYMBOLS = {
            tech.tablesaw.plotly.components.Symbol.CIRCLE, tech.tablesaw.plotly.components.Symbol.DIAMOND,
            tech.tablesaw.plotly.components.Symbol.SQUARE, tech.tablesaw.plotly.components.Symbol.TRIANGLE_UP};

    private final ReportContext context;

    TuningSection(ReportContext context) {
        this.context = context;
    }


    /** The search's sections: tuned against recipe, the winners, the search's progress, what mattered. */
    void append(StringBuilder html) {
        Study.Tuning spec = context.study().tuning();
        String objective = "validation " + context.label(spec.objective().substring("val_".length()));
        section(html, "Tuned vs recipe", "Each recurrent arm tuned at the same budget (" + escape(spec.budget())
                + "), chosen on the " + objective + " alone; the test split is read only by the final runs. "
                + "<em>arm</em> is the plan's recipe, <em>arm_tuned</em> the winning configuration re-trained from scratch, "
                + "both on the same seeds: mean ± sd of the " + context.metricName()
                + ", difference with its 95% interval and paired p-values.");
        html.append(table(tunedVsRecipe()));
        section(html, "Tuned configurations", "Per arm and length the winner: the best " + objective
                + " among the candidates of the last rung (best.csv; every candidate and rung in trials.csv).");
        html.append(table(readable(context.tuning().best().copy().removeColumns("run_id", "variant"))));
        if (spec.bestSoFar()) {
            finalists(html, objective);
        }
        section(html, "Every candidate", "The best " + objective + " each candidate reached, at the last rung it trained "
                + "(one point per candidate): how the search's draws spread per arm, not only the winner.");
        html.append(figure("search_spread", spread(objective)));
        section(html, "Search progress", "Best " + objective + " so far against candidates run (rung by rung) and against "
                + "the epochs the search has spent on the arm: the budget curve. Dash (and, below, marker shape) = length.");
        html.append("<div class=\"grid\">");
        html.append(figure("search_trials", bestSoFar("run", "candidate runs, in order", objective)));
        html.append(figure("search_epochs", bestSoFar("epochs_spent", "epochs spent", objective)));
        html.append("</div>\n");
        if (context.tuning().importance().rowCount() > 0) {
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

    /**
     * The finalists of each arm, each on two seeds, with the interval of its best scores and whether the winner's lead
     * is within their seed-to-seed spread; and the epochs each arm's search trained.
     */
    private void finalists(StringBuilder html, String objective) {
        List<StudyAnalysis.Finalist> finalists = StudyAnalysis.finalists(context.tuning().trials(), context.study().tuning().winners(),
                context.study().tuning().maximise());
        Table t = Table.create("finalists", StringColumn.create("arm"), IntColumn.create("length"), IntColumn.create("candidate"),
                IntColumn.create("seeds"), StringColumn.create("best " + objective + " [95% CI]"), StringColumn.create("chosen"));
        List<String> close = new ArrayList<>();
        for (int i = 0; i < finalists.size(); i++) {
            StudyAnalysis.Finalist f = finalists.get(i);
            t.stringColumn("arm").append(f.arm());
            t.intColumn("length").append(f.length());
            t.intColumn("candidate").append(f.candidate());
            t.intColumn("seeds").append(f.seeds());
            t.stringColumn("best " + objective + " [95% CI]").append(format(f.mean(), "0.0000") + " [" + format(f.low(), "0.0000")
                    + ", " + format(f.high(), "0.0000") + "]");
            t.stringColumn("chosen").append(f.chosen() ? "winner" : "");
            if (i > 0 && finalists.get(i - 1).arm().equals(f.arm()) && finalists.get(i - 1).length() == f.length()
                    && StudyAnalysis.withinSpread(finalists.get(i - 1), f)) {
                close.add(f.arm() + (tuningLengths().size() > 1 ? " T=" + f.length() : ""));
            }
        }
        section(html, "Finalists", "Each arm's two best candidates, re-trained from scratch on a second seed; the better mean "
                + "of their best " + objective + " won. " + (close.isEmpty() ? "No arm's finalists overlap in their 95% intervals."
                : "Within their seed-to-seed spread (95% intervals overlap), so the choice between them is not settled by "
                + "these seeds: " + escape(String.join(", ", close)) + "."));
        html.append(table(t));
        Table trials = context.tuning().trials();
        Table spent = Table.create("spent", StringColumn.create("arm"), IntColumn.create("length"), IntColumn.create("epochs trained"));
        Map<String, Integer> most = new LinkedHashMap<>();
        for (int r = 0; r < trials.rowCount(); r++) {
            most.merge(trials.stringColumn("arm").get(r) + "\u0000" + trials.intColumn("max_len").get(r),
                    trials.intColumn("epochs_spent").get(r), Math::max);
        }
        most.forEach((key, epochs) -> {
            String[] parts = key.split("\u0000");
            spent.stringColumn("arm").append(parts[0]);
            spent.intColumn("length").append(Integer.parseInt(parts[1]));
            spent.intColumn("epochs trained").append(epochs);
        });
        section(html, "Budget spent", "Epochs each arm's search trained, candidates and finalists' second seed together ("
                + escape(context.study().tuning().budget()) + "): a candidate whose early stopping ran out of patience "
                + "trained fewer than its rung's.");
        html.append(table(spent));
    }

    /** Every candidate's best objective at its last rung, one box of points per arm (and length). */
    private Figure spread(String objective) {
        Table last = TuningTables.lastRungs(context.tuning().trials());
        String column = last.columnNames().contains("best_objective") ? "best_objective" : "objective";
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < last.rowCount(); r++) {
            groups.computeIfAbsent(last.stringColumn("arm").get(r) + (tuningLengths().size() > 1 ? " T=" + last.intColumn("max_len").get(r) : ""),
                    k -> new ArrayList<>()).add(r);
        }
        List<Trace> traces = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            List<Integer> rows = group.getValue();
            String arm = last.stringColumn("arm").get(rows.get(0));
            traces.add(ScatterTrace.builder(StringColumn.create("x", rows.stream().map(r -> group.getKey())),
                            DoubleColumn.create("y", rows.stream().mapToDouble(r -> last.doubleColumn(column).getDouble(r))))
                    .mode(ScatterTrace.Mode.MARKERS).name(group.getKey())
                    .marker(Marker.builder().color(context.colours().get(arm)).size(9).opacity(0.6).build()).build());
        }
        Layout layout = Layout.builder().title(objective + " of every candidate").height(360).width(560).showLegend(false)
                .xAxis(Axis.builder().type(Axis.Type.CATEGORY).build()).yAxis(Axis.builder().title(objective).build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** Drawn numbers to four significant digits (a learning rate of 0.0019756082 reads 0.001976). */
    private Table readable(Table best) {
        for (String p : context.study().tuning().parameters()) {
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
        for (StudyAnalysis.TunedPair pair : StudyAnalysis.tunedPairs(context.summary(), context.comparison(), context.metric())) {
            StudyAnalysis.Difference d = pair.difference();
            t.stringColumn("arm").append(pair.arm());
            t.intColumn("length").append(pair.length());
            t.stringColumn("recipe").append(context.meanStd(pair.recipeRow(), context.metric(), "0.0000"));
            t.stringColumn("tuned").append(context.meanStd(pair.tunedRow(), context.metric(), "0.0000"));
            t.stringColumn("tuned − recipe [95% CI]").append(d == null ? "–" : format(d.mean(), "0.0000") + " ["
                    + format(d.low(), "0.0000") + ", " + format(d.high(), "0.0000") + "]");
            t.stringColumn("p (paired t)").append(d == null ? "–" : formatP(d.pPairedT()));
            t.stringColumn("p (Wilcoxon)").append(d == null ? "–" : format(d.pWilcoxon(), "0.000"));
        }
        return t;
    }

    /** Best objective so far per arm and length, against the run's position or the epochs spent. */
    private Figure bestSoFar(String x, String xTitle, String objective) {
        Table trials = context.tuning().trials();
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
                if (!Double.isNaN(v) && (Double.isNaN(best) || (context.study().tuning().maximise() ? v > best : v < best))) {
                    best = v;
                }
                xs[i] = x.equals("run") ? i + 1 : trials.intColumn("epochs_spent").get(rows.get(i));
                ys[i] = best;
            }
            String arm = trials.stringColumn("arm").get(rows.get(0));
            traces.add(ScatterTrace.builder(xs, ys).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(group.getKey()).showLegend(true)
                    .line(Line.builder().color(context.colours().get(arm)).shape(Line.Shape.HV)
                            .dash(ResultCharts.SEED_DASHES[tuningLengths().indexOf(trials.intColumn("max_len").get(rows.get(0)))
                                    % ResultCharts.SEED_DASHES.length]).build())
                    .marker(Marker.builder().color(context.colours().get(arm)).build()).build());
        }
        Layout layout = Layout.builder().title("best " + objective + " so far").height(360).width(560)
                .xAxis(Axis.builder().title(xTitle).build()).yAxis(Axis.builder().title(objective).build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** First-rung objective by one parameter's value, one trace per arm (and length). */
    private Figure parameterChart(String parameter, String objective) {
        Table first = context.tuning().trials().where(context.tuning().trials().intColumn("rung").isEqualTo(0));
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
            Marker marker = Marker.builder().color(context.colours().get(arm)).size(9).opacity(0.75)
                    .symbol(LENGTH_SYMBOLS[length % LENGTH_SYMBOLS.length]).build();
            ScatterTrace.ScatterBuilder b = numeric
                    ? ScatterTrace.builder(rows.stream().mapToDouble(r -> Double.parseDouble(first.stringColumn(parameter).get(r))).toArray(), y)
                    : ScatterTrace.builder(StringColumn.create("x", rows.stream().map(r -> first.stringColumn(parameter).get(r))),
                    DoubleColumn.create("y", y));
            traces.add(b.mode(ScatterTrace.Mode.MARKERS).name(group.getKey()).showLegend(true).marker(marker).build());
        }
        Axis.AxisBuilder xAxis = Axis.builder().title(parameter + (context.study().tuning().logScale().contains(parameter) ? " (log)" : ""));
        if (context.study().tuning().logScale().contains(parameter)) {
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
        Table imp = context.tuning().importance();
        Table t = Table.create("importance", StringColumn.create("parameter"));
        List<String> columns = new ArrayList<>();
        for (int r = 0; r < imp.rowCount(); r++) {
            String c = imp.stringColumn("arm").get(r) + (tuningLengths().size() > 1 ? " T=" + imp.intColumn("max_len").get(r) : "");
            if (!columns.contains(c)) {
                columns.add(c);
                t.addColumns(StringColumn.create(c));
            }
        }
        for (String p : context.study().tuning().parameters()) {
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
        return context.tuning().trials().intColumn("max_len").unique().asList().stream().sorted().toList();
    }
}
