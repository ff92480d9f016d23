package rnnsuite.report;

import static rnnsuite.report.Html.CSS;
import static rnnsuite.report.Html.escape;
import static rnnsuite.report.Html.figure;
import static rnnsuite.report.Html.section;
import static rnnsuite.report.Html.table;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import rnnsuite.data.Metric;
import tech.tablesaw.api.Table;

/**
 * The study as one HTML page: results by arm with confidence intervals and paired tests, a length
 * sweep when the plan has one, learning curves and gradient norms, the gradient probe, cost, the dataset
 * card, every run and its confusion matrix. Charts are Tablesaw jsplot figures drawn by the plotly.js
 * copied next to the page, so it opens from disk with no network. This class lays the page out; its sections are
 * drawn by {@link ResultCharts}, {@link ReportTables} and {@link TuningSection}, and what they conclude (lengths
 * solved, tuned against recipe) is decided by {@link StudyAnalysis}.
 */
public final class HtmlReport {

    /** Up to this many runs the report draws every run's curves and confusion matrix. */
    private static final int DETAILED_RUNS = 12;

    /** The script every report loads from the results root, one level up: one copy for all (ResultWriter puts it there). */
    public static final String PLOTLY_JS = "plotly.js";

    private final ReportContext context;
    private final ResultCharts charts;
    private final ReportTables tables;

    private HtmlReport(ReportContext context) {
        this.context = context;
        this.charts = new ResultCharts(context);
        this.tables = new ReportTables(context);
    }

    /** @param plotly where the page loads plotly.js from, relative to the page */
    public static String render(Study study, Table runs, Table epochs, Table summary, Table comparison, Table confusion,
                                Table gradients, SearchTables tuning, Table samples, String plotly) {
        return new HtmlReport(ReportContext.of(study, runs, epochs, summary, comparison, confusion, gradients, tuning,
                samples)).html(plotly);
    }

    private String html(String plotly) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<title>rnn-suite: ").append(escape(context.study().name())).append("</title>\n")
                .append("<script src=\"").append(escape(plotly)).append("\"></script>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>rnn-suite — ").append(escape(context.study().name())).append("</h1>\n");
        if (!context.study().description().isBlank()) {
            html.append("<p class=\"lead\">").append(escape(context.study().description())).append("</p>\n");
        }
        html.append("<p class=\"meta\">").append(context.runs().rowCount()).append(" run(s); generated ")
                .append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append("; reproduce with <code>").append(escape(context.study().command())).append("</code></p>\n");

        if (context.tuning() != null) {
            new TuningSection(context).append(html);
        }
        if (context.lengths().isEmpty()) {
            html.append("<p class=\"note\">No final runs yet: the search is still going.</p>\n</body>\n</html>\n");
            return html.toString();
        }
        results(html);
        comparisons(html);
        int longest = context.lengths().get(context.lengths().size() - 1);
        learningCurves(html, longest);
        samples(html);
        gradientFlow(html, longest);
        costAndData(html);
        runs(html);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** The headline results: the length sweep and what each arm solves, or the metrics by arm; the table with intervals. */
    private void results(StringBuilder html) {
        if (context.lengths().size() > 1) {
            section(html, "Memory vs sequence length", "Mean " + context.metricName() + " over seeds per arm; the band is ± one standard "
                    + "deviation (clipped to the metric's range). Dashed: what ignoring the input scores ("
                    + context.baselineName() + "). An arm <em>solves</em> a length when its "
                    + StudyAnalysis.solvedRule(context.dataset()) + ".");
            html.append(figure("sweep", charts.sweepChart()));
            html.append(table(tables.solvedTable()));
        } else {
            section(html, "Test metrics", "Mean over seeds per arm. " + (context.regression() ? "MSE on the test split."
                    : context.dataset().task().perStep() ? "Over the real steps of the test split (padding never counts)."
                    : "Precision, recall and F1 are those of the positive class (binary tasks) or macro-averaged."));
            html.append(figure("metrics", charts.metricsChart()));
        }
        html.append("<p class=\"note\">Mean ± standard deviation [95% confidence interval, t-distribution, clipped to the "
                + "metric's range: [0, 1], a loss ≥ 0; summary.csv has it unclipped] over seeds.</p>");
        html.append(table(tables.metricsTable()));
    }

    /** Every pair of arms, paired over seeds. */
    private void comparisons(StringBuilder html) {
        section(html, "Comparisons", "Each pair of arms at each length over matching seeds, on " + context.metricName()
                + ": mean difference (a − b) with its 95% interval, paired t-test and Wilcoxon signed-rank p-values "
                + "(every metric is in comparison.csv). With three seeds the Wilcoxon test cannot go below p = 0.25.");
        html.append(table(tables.comparisonTable()));
    }

    /** Validation, training loss and gradient norm by epoch, every run. */
    private void learningCurves(StringBuilder html, int longest) {
        section(html, "Learning curves", "One line per run" + (context.lengths().size() > 1 ? " at the longest length, " + longest : "")
                + ": colour = arm, dash = seed; dashed flat lines are the baselines' test score, where they have one. "
                + "Validation after every epoch with dropout off; training loss is the mean "
                + "mini-batch loss with dropout on; gradient norm is the L2 norm of the whole gradient before any clipping, "
                + "averaged over the epoch's steps.");
        html.append("<div class=\"grid\">");
        if (!context.dataset().ownMetrics().isEmpty()) {
            // the dataset's own metric: its headline, or where it leads with accuracy (drawn next) its first own
            Metric lead = context.dataset().headlineMetric();
            String own = (context.dataset().ownMetrics().contains(lead) ? lead : context.dataset().ownMetrics().get(0)).name();
            html.append(figure("val_" + own, charts.curves("val_" + own, "validation " + context.label(own), longest, false)));
        }
        if (context.dataset().task().hasAccuracy()) {
            html.append(figure("val_accuracy", charts.curves("val_accuracy", "validation accuracy", longest, false)));
        }
        html.append(figure("val_loss", charts.curves("val_loss", "validation " + context.label("loss"), longest, false)));
        html.append(figure("train_loss", charts.curves("train_loss", "training loss", longest, false)));
        html.append(figure("grad_norm", charts.curves("grad_norm_mean", "gradient norm", longest, true)));
        html.append("</div>\n");
    }

    /** What each character model writes. */
    private void samples(StringBuilder html) {
        if (context.samples().rowCount() > 0) {
            section(html, "Samples", "What each arm's model writes after the same 40 characters of the test split (the "
                    + "prime, in bold), at temperature " + context.samples().doubleColumn("temperature").getDouble(0) + ", its first seed; "
                    + "every run's in samples.csv, and <code>sample RUN</code> writes more.");
            for (String arm : context.colours().keySet()) {
                Table a = context.samples().where(context.samples().stringColumn("arm").isEqualTo(arm));
                if (a.rowCount() > 0) {
                    html.append("<h3>").append(escape(arm)).append(" (seed ").append(a.longColumn("seed").get(0)).append(")</h3>\n")
                            .append("<pre class=\"sample\"><b>").append(escape(a.stringColumn("prime").get(0))).append("</b>")
                            .append(escape(a.stringColumn("text").get(0))).append("</pre>\n");
                }
            }
        }
    }

    /** The gradient probe before and after training. */
    private void gradientFlow(StringBuilder html, int longest) {
        if (context.gradients().rowCount() > 0) {
            section(html, "Gradient flow", "‖∂L/∂x_t‖, the norm of the loss gradient with respect to the input at each time step, "
                    + "averaged over a fixed batch of held-out data (validation; test in runs made before the probe moved) and over seeds" + (context.lengths().size() > 1 ? ", at length " + longest : "")
                    + ", before and after training (log scale). A vanishing gradient falls by orders of magnitude from the "
                    + "last step back to the first.");
            html.append("<div class=\"grid\">");
            html.append(figure("probe_untrained", charts.probeChart("untrained", longest)));
            html.append(figure("probe_trained", charts.probeChart("trained", longest)));
            html.append("</div>\n");
        }
    }

    /** Cost, and the dataset card. */
    private void costAndData(StringBuilder html) {
        section(html, "Cost", "Training time excludes validation and testing; samples/s counts training examples.");
        html.append(table(tables.costTable()));

        section(html, "Dataset", escape(context.study().data().source()));
        html.append(table(ReportTables.datasetTable(context.study().data())));
        html.append("<ul class=\"note\">");
        context.study().data().facts().forEach(fact -> html.append("<li>").append(escape(fact)).append("</li>"));
        html.append("</ul>\n");
    }

    /** Every run, and its confusion matrix when there are few. */
    private void runs(StringBuilder html) {
        section(html, "Runs", "Every run of the plan (runs.csv).");
        html.append(table(context.runs()));

        if (context.confusion().rowCount() > 0 && context.runs().rowCount() <= DETAILED_RUNS) {
            section(html, "Confusion matrices", "Test split; rows are the actual class, columns the predicted class.");
            html.append("<div class=\"grid\">");
            for (String runId : context.runs().stringColumn("run_id")) {
                html.append("<div><h3>").append(escape(runId)).append("</h3>")
                        .append(table(tables.confusionMatrix(runId))).append("</div>");
            }
            html.append("</div>\n");
        }
    }
}
