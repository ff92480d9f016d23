package rnnsuite.report;

import static rnnsuite.report.Html.transparent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rnnsuite.data.Metric;
import tech.tablesaw.api.Table;
import tech.tablesaw.plotly.components.Axis;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.components.Layout;
import tech.tablesaw.plotly.components.Line;
import tech.tablesaw.plotly.components.Marker;
import tech.tablesaw.plotly.components.TickSettings;
import tech.tablesaw.plotly.traces.BarTrace;
import tech.tablesaw.plotly.traces.ScatterTrace;
import tech.tablesaw.plotly.traces.Trace;

/** The report's charts of the final runs: metrics by arm, the length sweep, learning curves with the baselines' lines, the gradient probe. */
final class ResultCharts {

    static final Line.Dash[] SEED_DASHES = {Line.Dash.SOLID, Line.Dash.DASH, Line.Dash.DOT, Line.Dash.DASH_DOT};

    private final ReportContext context;

    ResultCharts(ReportContext context) {
        this.context = context;
    }


    Figure metricsChart() {
        List<Metric> metrics = context.shownMetrics(false);
        Object[] labels = metrics.stream().map(ReportContext::heading).toArray();
        List<Trace> traces = new ArrayList<>();
        for (int r = 0; r < context.summary().rowCount(); r++) {
            String arm = context.summary().stringColumn("arm").get(r);
            double[] values = new double[metrics.size()];
            for (int i = 0; i < metrics.size(); i++) {
                values[i] = context.summary().doubleColumn(metrics.get(i).testColumn() + "_mean").getDouble(r);
            }
            traces.add(BarTrace.builder(labels, values).name(arm).showLegend(true)
                    .marker(Marker.builder().color(context.colours().get(arm)).build()).build());
        }
        Layout layout = Layout.builder().title("test metrics by arm").barMode(Layout.BarMode.GROUP)
                .height(380).width(720).yAxis(Axis.builder().title(context.regression() ? "MSE" : context.dataset().task().perStep()
                        ? context.label(context.dataset().headline()) : "score").build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    /** Mean ± sd of the main metric against length, one band per arm, and the trivial baseline. */
    Figure sweepChart() {
        List<Trace> traces = new ArrayList<>();
        for (String arm : context.colours().keySet()) {
            Table rows = context.summary().where(context.summary().stringColumn("arm").isEqualTo(arm)).sortOn("max_len");
            double[] x = rows.intColumn("max_len").asDoubleArray();
            double[] mean = rows.doubleColumn(context.metric() + "_mean").asDoubleArray();
            double[] std = rows.doubleColumn(context.metric() + "_std").asDoubleArray();
            double[] low = new double[x.length];
            double[] high = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double s = Double.isNaN(std[i]) ? 0 : std[i];
                // Clipped to what the metric can be: accuracy in [0, 1], MSE at least 0.
                low[i] = Math.max(0, mean[i] - s);
                high[i] = Math.min(context.dataset().headlineMetric().ceiling(), mean[i] + s);
            }
            String colour = context.colours().get(arm);
            traces.add(ScatterTrace.builder(x, low).mode(ScatterTrace.Mode.LINE).showLegend(false).name(arm + " −sd")
                    .line(Line.builder().color(colour).width(0).build()).build());
            traces.add(ScatterTrace.builder(x, high).mode(ScatterTrace.Mode.LINE).showLegend(false).name(arm + " +sd")
                    .fill(ScatterTrace.Fill.TO_NEXT_Y).fillColor(transparent(colour))
                    .line(Line.builder().color(colour).width(0).build()).build());
            traces.add(ScatterTrace.builder(x, mean).mode(ScatterTrace.Mode.LINE_AND_MARKERS).name(arm).showLegend(true)
                    .line(Line.builder().color(colour).build()).marker(Marker.builder().color(colour).build()).build());
        }
        double[] ends = {context.lengths().get(0), context.lengths().get(context.lengths().size() - 1)};
        double baseline = context.study().data().trivialBaseline();
        traces.add(ScatterTrace.builder(ends, new double[] {baseline, baseline}).mode(ScatterTrace.Mode.LINE)
                .name(context.baselineName()).showLegend(true).line(Line.builder().color("#555555").dash(Line.Dash.DASH).build()).build());
        Layout layout = Layout.builder().title(context.metricName() + " by sequence length")
                .height(420).width(760)
                .xAxis(Axis.builder().title("sequence length T (log scale)").type(Axis.Type.LOG)
                        .tickSettings(TickSettings.builder()
                                .arrayTicks(context.lengths().stream().mapToDouble(Integer::doubleValue).toArray()).build())
                        .build())
                .yAxis(Axis.builder().title(context.metricName()).build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }

    Figure curves(String column, String title, int length, boolean logScale) {
        Table rows = context.epochs().where(context.epochs().intColumn("max_len").isEqualTo(length));
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
                    .line(Line.builder().color(context.colours().get(arm)).dash(SEED_DASHES[dash % SEED_DASHES.length]).build())
                    .marker(Marker.builder().color(context.colours().get(arm)).build()).build());
        }
        int lastEpoch = rows.rowCount() == 0 ? 1 : (int) rows.intColumn("epoch").max();
        if (context.summary().columnNames().contains("test_" + column.substring("val_".length()) + "_mean") && !column.equals("val_loss")) {
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
        for (int r = 0; r < context.summary().rowCount(); r++) {
            String variant = context.summary().stringColumn("variant").get(r);
            double level = context.summary().doubleColumn("test_" + name + "_mean").getDouble(r);
            if (context.summary().intColumn("max_len").get(r) != length || !baselines.contains(variant) || Double.isNaN(level)) {
                continue;
            }
            String arm = context.summary().stringColumn("arm").get(r);
            lines.add(ScatterTrace.builder(new double[] {1, Math.max(2, lastEpoch)}, new double[] {level, level})
                    .mode(ScatterTrace.Mode.LINE).name(arm + " (test)").showLegend(true)
                    .line(Line.builder().color(context.colours().get(arm)).dash(Line.Dash.DASH).build()).build());
        }
        return lines;
    }

    /** ‖∂L/∂x_t‖ by step, mean over seeds, one line per arm. */
    Figure probeChart(String stage, int length) {
        Table rows = context.gradients().where(context.gradients().stringColumn("stage").isEqualTo(stage)
                .and(context.gradients().intColumn("max_len").isEqualTo(length)));
        List<Trace> traces = new ArrayList<>();
        for (String arm : context.colours().keySet()) {
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
                    .line(Line.builder().color(context.colours().get(arm)).build()).build());
        }
        Layout layout = Layout.builder().title("‖∂L/∂x_t‖, " + stage).height(360).width(560)
                .xAxis(Axis.builder().title("time step t").build())
                .yAxis(Axis.builder().title("gradient norm (log)").type(Axis.Type.LOG).build()).build();
        return new Figure(layout, traces.toArray(new Trace[0]));
    }
}
