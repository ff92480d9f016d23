package rnnsuite.report;

import static rnnsuite.report.Html.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import rnnsuite.data.Dataset;
import rnnsuite.data.Metric;
import tech.tablesaw.api.Table;

/**
 * What every section of a study's report reads: the study and its tables, the dataset's description (its task and the
 * metric the report leads with), the lengths run, each arm's colour; and the formatting every section shares.
 *
 * @param metric     the column of the metric the report leads with ({@code test_accuracy}, {@code test_bpc}, ...)
 * @param metricName its name in prose ("test accuracy")
 */
record ReportContext(Study study, Table runs, Table epochs, Table summary, Table comparison, Table confusion, Table gradients,
                     SearchTables tuning, Table samples, Dataset dataset, boolean regression, String metric,
                     String metricName, List<Integer> lengths, Map<String, String> colours) {

    private static final String[] OTHER_COLOURS = {"#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#aec7e8", "#ffbb78", "#98df8a"};

    static ReportContext of(Study study, Table runs, Table epochs, Table summary, Table comparison, Table confusion,
                            Table gradients, SearchTables tuning, Table samples) {
        Dataset dataset = Dataset.of(study.data().dataset());
        List<Integer> lengths = summary.intColumn("max_len").unique().asList().stream().sorted().toList();
        Map<String, String> colours = new LinkedHashMap<>();
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
        return new ReportContext(study, runs, epochs, summary, comparison, confusion, gradients, tuning, samples, dataset,
                dataset.regression(), dataset.headlineMetric().testColumn(), "test " + dataset.headlineMetric().label(),
                lengths, colours);
    }

    String label(String name) {
        return dataset.label(name);
    }

    /** The test metrics the report shows: a classifier's five, a regression's MSE, or the dataset's own with accuracy. */
    List<Metric> shownMetrics(boolean withLoss) {
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
    static String heading(Metric m) {
        return m.reading() == Metric.Reading.LOSS ? m.label() : m.name();
    }

    /** The trivial baseline's name and score, as the sweep chart's dashed line says it. */
    String baselineName() {
        return String.format(Locale.ROOT, regression ? "predict the mean, MSE %.3f" : dataset.task().perStep()
                ? "remember nothing, %.3f" : "majority class, %.3f", study.data().trivialBaseline());
    }

    /** The metrics that are shares, so lie in [0, 1]; the others (losses, bits, perplexity) are only at least 0. */
    private static final java.util.Set<String> PROPORTIONS = Metric.CLASSIC.stream().filter(m -> m.ceiling() == 1)
            .map(Metric::testColumn).collect(java.util.stream.Collectors.toSet());

    String meanStd(int row, String column, String pattern) {
        double mean = summary.doubleColumn(column + "_mean").getDouble(row);
        double std = summary.doubleColumn(column + "_std").getDouble(row);
        return Double.isNaN(std) ? format(mean, pattern) : format(mean, pattern) + " ± " + format(std, pattern);
    }

    /**
     * Mean ± sd [95% t-interval], the interval clipped to the metric's range as the charts clip it: a loss
     * or MSE is at least 0, the other metrics lie in [0, 1] (with three seeds a t-interval easily reaches
     * past them). summary.csv keeps the unclipped interval.
     */
    String meanStdCi(int row, String column, String pattern) {
        double floor = 0;
        double ceiling = PROPORTIONS.contains(column) ? 1 : Double.POSITIVE_INFINITY;
        double low = Math.max(floor, summary.doubleColumn(column + "_ci95_low").getDouble(row));
        double high = Math.min(ceiling, summary.doubleColumn(column + "_ci95_high").getDouble(row));
        String ms = meanStd(row, column, pattern);
        return Double.isNaN(low) ? ms : ms + " [" + format(low, pattern) + ", " + format(high, pattern) + "]";
    }
}
