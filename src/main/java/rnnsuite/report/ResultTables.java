package rnnsuite.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rnnsuite.data.Metric;
import rnnsuite.train.EpochResult;
import rnnsuite.train.RunRecord;
import rnnsuite.train.TestMetrics;
import rnnsuite.train.Trainer;
import rnnsuite.train.Trial;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Run records as Tablesaw tables: the shape of runs.csv, epochs.csv, summary.csv, comparison.csv,
 * confusion.csv and gradients.csv. Results are grouped by arm (a variant, or a named variant with its
 * own settings) and sequence length ({@code max_len}).
 */
public final class ResultTables {

    /** Test metrics, in runs.csv and summary.csv order. */
    public static final List<String> TEST_METRICS = Metric.CLASSIC.stream().map(Metric::testColumn).toList();
    /** Cost columns summarised next to the metrics. */
    public static final List<String> COST_METRICS =
            List.of("params", "train_seconds", "seconds_per_epoch", "samples_per_sec");

    private ResultTables() {
    }

    /** One row per run. */
    public static Table runs(List<RunRecord> records) {
        Table t = Table.create("runs",
                StringColumn.create("run_id"), StringColumn.create("plan"), StringColumn.create("arm"),
                StringColumn.create("variant"), StringColumn.create("impl"), StringColumn.create("dataset"),
                LongColumn.create("seed"), IntColumn.create("epochs"), IntColumn.create("batch_size"),
                IntColumn.create("max_len"), StringColumn.create("clipping"), IntColumn.create("units"), LongColumn.create("params"),
                LongColumn.create("params_budget"),
                DoubleColumn.create("train_seconds"), DoubleColumn.create("seconds_per_epoch"),
                DoubleColumn.create("samples_per_sec"));
        TEST_METRICS.forEach(name -> t.addColumns(DoubleColumn.create(name)));
        List<String> extra = extraNames(records.stream().filter(r -> r.outcome().test() != null).map(r -> r.outcome().test().extra()).toList());
        extra.forEach(name -> t.addColumns(DoubleColumn.create("test_" + name)));
        // both models of every run: the last epoch's and the one best on validation (the reported test_* is train.select's)
        t.addColumns(IntColumn.create("epochs_trained"), IntColumn.create("best_epoch"));
        for (String prefix : List.of("last_", "best_")) {
            TEST_METRICS.forEach(name -> t.addColumns(DoubleColumn.create(prefix + name)));
            extra.forEach(name -> t.addColumns(DoubleColumn.create(prefix + "test_" + name)));
        }
        t.addColumns(StringColumn.create("natives"));
        for (RunRecord r : records) {
            Trial trial = r.trial();
            TestMetrics m = r.outcome().test();
            Row row = t.appendRow();
            row.setString("run_id", r.runId());
            row.setString("plan", trial.plan());
            row.setString("arm", trial.arm());
            row.setString("variant", trial.kind());
            row.setString("impl", r.impl());
            row.setString("dataset", trial.data().dataset());
            row.setLong("seed", trial.seed());
            row.setInt("epochs", trial.train().epochs());
            row.setInt("batch_size", trial.train().batchSize());
            row.setInt("max_len", trial.data().maxLen());
            row.setString("clipping", trial.model().gradientClipping().describe());
            Integer units = r.layerUnits();
            if (units != null) {
                row.setInt("units", units);
            } else {
                row.setMissing("units");
            }
            row.setLong("params", r.outcome().params());
            if (trial.baseline() == null && trial.model().params() != null) {
                row.setLong("params_budget", trial.model().params().count());
            } else {
                row.setMissing("params_budget");
            }
            row.setDouble("train_seconds", r.outcome().trainSeconds());
            row.setDouble("seconds_per_epoch", r.secondsPerEpoch());
            row.setDouble("samples_per_sec", r.outcome().samplesPerSecond());
            for (Metric metric : Metric.CLASSIC) {
                row.setDouble(metric.testColumn(), m.value(metric));
            }
            for (String name : extra) {
                row.setDouble("test_" + name, m.extra().getOrDefault(name, Double.NaN));
            }
            List<EpochResult> epochs = r.outcome().epochs();
            row.setInt("epochs_trained", epochs.size());
            int best = r.outcome().bestEpoch() != null ? r.outcome().bestEpoch()
                    : Trainer.bestEpoch(epochs, Trainer.selectionMetric(trial.data().kind()));
            if (best > 0) {
                row.setInt("best_epoch", best);
            } else {
                row.setMissing("best_epoch");
            }
            TestMetrics[] both = {r.outcome().last(), r.outcome().bestTest()};
            String[] prefixes = {"last_", "best_"};
            for (int i = 0; i < 2; i++) {
                for (Metric metric : Metric.CLASSIC) {
                    row.setDouble(prefixes[i] + metric.testColumn(), both[i] == null ? Double.NaN : both[i].value(metric));
                }
                for (String name : extra) {
                    row.setDouble(prefixes[i] + "test_" + name, both[i] == null ? Double.NaN : both[i].extra().getOrDefault(name, Double.NaN));
                }
            }
            row.setString("natives", r.natives());
        }
        return t;
    }

    /** One row per run and epoch. */
    public static Table epochs(List<RunRecord> records) {
        Table t = Table.create("epochs",
                StringColumn.create("run_id"), StringColumn.create("arm"), StringColumn.create("variant"),
                IntColumn.create("max_len"), LongColumn.create("seed"), IntColumn.create("epoch"),
                DoubleColumn.create("train_loss"), DoubleColumn.create("val_loss"), DoubleColumn.create("val_accuracy"),
                DoubleColumn.create("epoch_seconds"), DoubleColumn.create("grad_norm_mean"), DoubleColumn.create("grad_norm_max"));
        List<String> extra = extraNames(records.stream().flatMap(r -> r.outcome().epochs().stream()).map(EpochResult::metrics).toList());
        extra.forEach(name -> t.addColumns(DoubleColumn.create("val_" + name)));
        for (RunRecord r : records) {
            for (EpochResult e : r.outcome().epochs()) {
                Row row = t.appendRow();
                row.setString("run_id", r.runId());
                row.setString("arm", r.trial().arm());
                row.setString("variant", r.trial().kind());
                row.setInt("max_len", r.trial().data().maxLen());
                row.setLong("seed", r.trial().seed());
                row.setInt("epoch", e.epoch());
                row.setDouble("train_loss", e.trainLoss());
                row.setDouble("val_loss", e.valLoss());
                row.setDouble("val_accuracy", e.valAccuracy());
                row.setDouble("epoch_seconds", e.seconds());
                row.setDouble("grad_norm_mean", e.gradNormMean());
                row.setDouble("grad_norm_max", e.gradNormMax());
                for (String name : extra) {
                    row.setDouble("val_" + name, e.metrics().getOrDefault(name, Double.NaN));
                }
            }
        }
        return t;
    }

    /** One row per run, actual class and predicted class (classification runs only). */
    public static Table confusion(List<RunRecord> records) {
        Table t = Table.create("confusion",
                StringColumn.create("run_id"), StringColumn.create("arm"), LongColumn.create("seed"),
                StringColumn.create("actual"), StringColumn.create("predicted"), LongColumn.create("count"));
        for (RunRecord r : records) {
            TestMetrics m = r.outcome().test();
            for (int a = 0; a < m.classes().size(); a++) {
                for (int p = 0; p < m.classes().size(); p++) {
                    Row row = t.appendRow();
                    row.setString("run_id", r.runId());
                    row.setString("arm", r.trial().arm());
                    row.setLong("seed", r.trial().seed());
                    row.setString("actual", m.classes().get(a));
                    row.setString("predicted", m.classes().get(p));
                    row.setLong("count", m.confusion()[a][p]);
                }
            }
        }
        return t;
    }

    /** Time steps the gradient table keeps per run and stage; a longer probe keeps every k-th step, and the last. */
    static final int PROBE_STEPS = 1024;

    /**
     * The gradient probe: one row per run, stage (untrained, trained) and time step, with
     * ‖∂L/∂x_t‖ averaged over a fixed validation batch. Empty for token input. Probes longer than
     * {@link #PROBE_STEPS} keep evenly spaced steps, the first and the last among them (a MuseData piece of 4,000
     * frames made the table 20 MB; each run's result.json keeps every step).
     */
    public static Table gradients(List<RunRecord> records) {
        Table t = Table.create("gradients",
                StringColumn.create("run_id"), StringColumn.create("arm"), IntColumn.create("max_len"),
                LongColumn.create("seed"), StringColumn.create("stage"), IntColumn.create("step"),
                DoubleColumn.create("grad_norm"));
        for (RunRecord r : records) {
            double[][] stages = {r.outcome().gradientsUntrained(), r.outcome().gradientsTrained()};
            String[] names = {"untrained", "trained"};
            for (int s = 0; s < 2; s++) {
                if (stages[s] == null) {
                    continue;
                }
                int length = stages[s].length;
                int stride = Math.max(1, (length + PROBE_STEPS - 1) / PROBE_STEPS);
                for (int step = 0; step < length; step++) {
                    if (step % stride != 0 && step != length - 1) {
                        continue;
                    }
                    Row row = t.appendRow();
                    row.setString("run_id", r.runId());
                    row.setString("arm", r.trial().arm());
                    row.setInt("max_len", r.trial().data().maxLen());
                    row.setLong("seed", r.trial().seed());
                    row.setString("stage", names[s]);
                    row.setInt("step", step);
                    row.setDouble("grad_norm", stages[s][step]);
                }
            }
        }
        return t;
    }

    /**
     * Per arm and length: the number of runs, and for every test metric and cost column its mean, sample
     * standard deviation and 95% confidence interval over seeds ({@code <column>_mean, _std, _ci95_low,
     * _ci95_high}; the last three empty for a single run). Arms keep their order of first appearance.
     */
    public static Table summary(Table runs) {
        List<String> columns = testMetrics(runs);
        columns.addAll(COST_METRICS);
        Table out = Table.create("summary", StringColumn.create("arm"), StringColumn.create("variant"),
                IntColumn.create("max_len"), IntColumn.create("runs"));
        for (String c : columns) {
            out.addColumns(DoubleColumn.create(c + "_mean"), DoubleColumn.create(c + "_std"),
                    DoubleColumn.create(c + "_ci95_low"), DoubleColumn.create(c + "_ci95_high"));
        }
        for (Map.Entry<String, List<Integer>> group : groups(runs).entrySet()) {
            List<Integer> rows = group.getValue();
            Row row = out.appendRow();
            row.setString("arm", runs.stringColumn("arm").get(rows.get(0)));
            row.setString("variant", runs.stringColumn("variant").get(rows.get(0)));
            row.setInt("max_len", runs.intColumn("max_len").get(rows.get(0)));
            row.setInt("runs", rows.size());
            for (String c : columns) {
                double[] stats = SeedStatistics.describe(values(runs, c, rows));
                row.setDouble(c + "_mean", stats[0]);
                row.setDouble(c + "_std", stats[1]);
                row.setDouble(c + "_ci95_low", stats[2]);
                row.setDouble(c + "_ci95_high", stats[3]);
            }
        }
        return out;
    }

    /**
     * Every pair of arms at each length, compared on every test metric over the seeds both ran:
     * means, the mean difference (a − b) with its 95% interval, the paired t statistic and its p-value,
     * and the Wilcoxon signed-rank p-value. Metrics that are NaN for the task (classification metrics of
     * a regression) are left out.
     */
    public static Table comparison(Table runs) {
        Table out = Table.create("comparison", StringColumn.create("arm_a"), StringColumn.create("arm_b"),
                IntColumn.create("max_len"), StringColumn.create("metric"), IntColumn.create("pairs"),
                DoubleColumn.create("mean_a"), DoubleColumn.create("mean_b"), DoubleColumn.create("mean_diff"),
                DoubleColumn.create("diff_ci95_low"), DoubleColumn.create("diff_ci95_high"),
                DoubleColumn.create("t_statistic"), DoubleColumn.create("p_paired_t"), DoubleColumn.create("p_wilcoxon"));
        Map<String, List<Integer>> groups = groups(runs);
        List<String> keys = new ArrayList<>(groups.keySet());
        for (int i = 0; i < keys.size(); i++) {
            for (int j = i + 1; j < keys.size(); j++) {
                List<Integer> a = groups.get(keys.get(i));
                List<Integer> b = groups.get(keys.get(j));
                int length = runs.intColumn("max_len").get(a.get(0));
                if (length != runs.intColumn("max_len").get(b.get(0))) {
                    continue;
                }
                List<int[]> pairs = new ArrayList<>();
                for (int ra : a) {
                    for (int rb : b) {
                        if (runs.longColumn("seed").get(ra).equals(runs.longColumn("seed").get(rb))) {
                            pairs.add(new int[] {ra, rb});
                        }
                    }
                }
                for (String metric : testMetrics(runs)) {
                    double[] x = pairs.stream().mapToDouble(p -> runs.doubleColumn(metric).getDouble(p[0])).toArray();
                    double[] y = pairs.stream().mapToDouble(p -> runs.doubleColumn(metric).getDouble(p[1])).toArray();
                    if (pairs.isEmpty() || java.util.Arrays.stream(x).anyMatch(Double::isNaN)
                            || java.util.Arrays.stream(y).anyMatch(Double::isNaN)) {
                        continue;
                    }
                    SeedStatistics.Paired p = SeedStatistics.paired(x, y);
                    Row row = out.appendRow();
                    row.setString("arm_a", runs.stringColumn("arm").get(a.get(0)));
                    row.setString("arm_b", runs.stringColumn("arm").get(b.get(0)));
                    row.setInt("max_len", length);
                    row.setString("metric", metric);
                    row.setInt("pairs", p.pairs());
                    row.setDouble("mean_a", SeedStatistics.describe(x)[0]);
                    row.setDouble("mean_b", SeedStatistics.describe(y)[0]);
                    row.setDouble("mean_diff", p.meanDifference());
                    row.setDouble("diff_ci95_low", p.ciLow());
                    row.setDouble("diff_ci95_high", p.ciHigh());
                    row.setDouble("t_statistic", p.t());
                    row.setDouble("p_paired_t", p.pT());
                    row.setDouble("p_wilcoxon", p.pWilcoxon());
                }
            }
        }
        return out;
    }

    /** A character model's text per run: the prime, the temperature, the seed it was drawn with, the text. */
    public static Table samples(List<RunRecord> records) {
        Table t = Table.create("samples", StringColumn.create("run_id"), StringColumn.create("arm"), LongColumn.create("seed"),
                StringColumn.create("prime"), DoubleColumn.create("temperature"), StringColumn.create("text"));
        for (RunRecord r : records) {
            if (r.outcome().sample() != null) {
                Row row = t.appendRow();
                row.setString("run_id", r.runId());
                row.setString("arm", r.trial().arm());
                row.setLong("seed", r.trial().seed());
                row.setString("prime", r.outcome().sample().prime());
                row.setDouble("temperature", r.outcome().sample().temperature());
                row.setString("text", r.outcome().sample().text());
            }
        }
        return t;
    }

    /** The dataset metrics of some records (bits per character, ...), by name in order of first appearance. */
    private static List<String> extraNames(List<Map<String, Double>> metrics) {
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        metrics.forEach(m -> names.addAll(m.keySet()));
        return List.copyOf(names);
    }

    /** The test metrics of runs.csv: the classic ones, then the dataset's ({@code test_bpc}, ...). */
    public static List<String> testMetrics(Table runs) {
        List<String> names = new ArrayList<>(TEST_METRICS);
        runs.columnNames().stream().filter(c -> c.startsWith("test_") && !TEST_METRICS.contains(c)).forEach(names::add);
        return names;
    }

    /** Row indices per (arm, max_len), in order of first appearance. */
    private static Map<String, List<Integer>> groups(Table runs) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < runs.rowCount(); r++) {
            String key = runs.stringColumn("arm").get(r) + "\u0000" + runs.intColumn("max_len").get(r);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private static double[] values(Table runs, String column, List<Integer> rows) {
        return rows.stream().mapToDouble(r -> ((tech.tablesaw.api.NumericColumn<?>) runs.column(column)).getDouble(r)).toArray();
    }
}
