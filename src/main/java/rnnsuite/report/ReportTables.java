package rnnsuite.report;

import static rnnsuite.report.Html.format;
import static rnnsuite.report.Html.formatP;

import java.util.List;
import java.util.Locale;
import rnnsuite.data.DatasetSummary;
import rnnsuite.data.Metric;
import rnnsuite.data.StratifiedSplit;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The report's tables of the final runs: metrics with intervals, lengths solved, paired comparisons, cost, the dataset card, confusion matrices. */
final class ReportTables {

    private final ReportContext context;

    ReportTables(ReportContext context) {
        this.context = context;
    }


    Table metricsTable() {
        List<Metric> metrics = context.shownMetrics(true);
        Table t = Table.create("metrics", StringColumn.create("arm"), IntColumn.create("length"), IntColumn.create("runs"));
        for (Metric m : metrics) {
            t.addColumns(StringColumn.create(ReportContext.heading(m)));
        }
        for (int r = 0; r < context.summary().rowCount(); r++) {
            t.stringColumn("arm").append(context.summary().stringColumn("arm").get(r));
            t.intColumn("length").append(context.summary().intColumn("max_len").get(r));
            t.intColumn("runs").append(context.summary().intColumn("runs").get(r));
            for (Metric m : metrics) {
                t.stringColumn(ReportContext.heading(m)).append(context.meanStdCi(r, m.testColumn(), "0.0000"));
            }
        }
        return t;
    }

    Table solvedTable() {
        Table t = Table.create("solved", StringColumn.create("arm"), StringColumn.create("longest length solved"),
                StringColumn.create("lengths solved"));
        for (String arm : context.colours().keySet()) {
            List<Integer> solved = StudyAnalysis.solvedLengths(context.summary(), context.dataset(), context.metric(), arm);
            t.stringColumn(0).append(arm);
            t.stringColumn(1).append(solved.isEmpty() ? "none" : String.valueOf(solved.get(solved.size() - 1)));
            t.stringColumn(2).append(solved.isEmpty() ? "–" : String.join(", ", solved.stream().map(String::valueOf).toList()));
        }
        return t;
    }

    Table comparisonTable() {
        Table rows = context.comparison().where(context.comparison().stringColumn("metric").isEqualTo(context.metric()));
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

    Table costTable() {
        Table t = Table.create("cost", StringColumn.create("arm"), IntColumn.create("length"), StringColumn.create("params"),
                StringColumn.create("seconds per epoch"), StringColumn.create("samples/s"), StringColumn.create("train seconds"));
        for (int r = 0; r < context.summary().rowCount(); r++) {
            t.stringColumn("arm").append(context.summary().stringColumn("arm").get(r));
            t.intColumn("length").append(context.summary().intColumn("max_len").get(r));
            double params = context.summary().doubleColumn("params_mean").getDouble(r);
            double budget = budget(context.summary().stringColumn("arm").get(r), context.summary().intColumn("max_len").get(r));
            // an arm sized to a budget says how near it came
            t.stringColumn("params").append(format(params, "#,##0") + (Double.isNaN(budget) ? ""
                    : String.format(Locale.ROOT, " (budget %s, %+.1f %%)", format(budget, "#,##0"), 100 * (params / budget - 1))));
            t.stringColumn("seconds per epoch").append(context.meanStd(r, "seconds_per_epoch", "0.0"));
            t.stringColumn("samples/s").append(context.meanStd(r, "samples_per_sec", "0.0"));
            t.stringColumn("train seconds").append(context.meanStd(r, "train_seconds", "0.0"));
        }
        return t;
    }

    /** The parameter budget ({@code model.params}) an arm's runs at a length were sized to, or NaN. */
    private double budget(String arm, int length) {
        Table runs = context.runs();
        if (!runs.columnNames().contains("params_budget")) {
            return Double.NaN; // runs.csv from before budgets
        }
        for (int i = 0; i < runs.rowCount(); i++) {
            if (runs.stringColumn("arm").get(i).equals(arm) && runs.intColumn("max_len").get(i) == length
                    && !runs.column("params_budget").isMissing(i)) {
                return Double.parseDouble(runs.column("params_budget").getString(i));
            }
        }
        return Double.NaN;
    }

    static Table datasetTable(DatasetSummary data) {
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

    Table confusionMatrix(String runId) {
        Table rows = context.confusion().where(context.confusion().stringColumn("run_id").isEqualTo(runId));
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
}
