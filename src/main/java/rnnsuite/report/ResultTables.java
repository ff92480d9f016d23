package rnnsuite.report;

import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.stdDev;

import java.util.ArrayList;
import java.util.List;
import rnnsuite.train.EpochResult;
import rnnsuite.train.RunRecord;
import rnnsuite.train.TestMetrics;
import rnnsuite.train.Trial;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Run records as Tablesaw tables: the shape of runs.csv, epochs.csv, summary.csv and confusion.csv. */
public final class ResultTables {

    /** Test metrics, in runs.csv and summary.csv order. */
    public static final List<String> TEST_METRICS =
            List.of("test_loss", "test_accuracy", "test_precision", "test_recall", "test_f1", "test_auc");
    /** Cost columns summarised next to the metrics. */
    public static final List<String> COST_METRICS =
            List.of("params", "train_seconds", "seconds_per_epoch", "samples_per_sec");

    private ResultTables() {
    }

    /** One row per run. */
    public static Table runs(List<RunRecord> records) {
        Table t = Table.create("runs",
                StringColumn.create("run_id"), StringColumn.create("plan"), StringColumn.create("variant"),
                StringColumn.create("impl"), StringColumn.create("dataset"), LongColumn.create("seed"),
                IntColumn.create("epochs"), IntColumn.create("batch_size"), IntColumn.create("max_len"),
                LongColumn.create("params"), DoubleColumn.create("train_seconds"), DoubleColumn.create("seconds_per_epoch"),
                DoubleColumn.create("samples_per_sec"));
        TEST_METRICS.forEach(name -> t.addColumns(DoubleColumn.create(name)));
        t.addColumns(StringColumn.create("natives"));
        for (RunRecord r : records) {
            Trial trial = r.trial();
            TestMetrics m = r.outcome().test();
            Row row = t.appendRow();
            row.setString("run_id", r.runId());
            row.setString("plan", trial.plan());
            row.setString("variant", trial.variant().id());
            row.setString("impl", r.impl());
            row.setString("dataset", trial.data().dataset());
            row.setLong("seed", trial.seed());
            row.setInt("epochs", trial.train().epochs());
            row.setInt("batch_size", trial.train().batchSize());
            row.setInt("max_len", trial.data().maxLen());
            row.setLong("params", r.outcome().params());
            row.setDouble("train_seconds", r.outcome().trainSeconds());
            row.setDouble("seconds_per_epoch", r.outcome().trainSeconds() / trial.train().epochs());
            row.setDouble("samples_per_sec", r.outcome().samplesPerSecond());
            row.setDouble("test_loss", m.loss());
            row.setDouble("test_accuracy", m.accuracy());
            row.setDouble("test_precision", m.precision());
            row.setDouble("test_recall", m.recall());
            row.setDouble("test_f1", m.f1());
            row.setDouble("test_auc", m.auc());
            row.setString("natives", r.natives());
        }
        return t;
    }

    /** One row per run and epoch. */
    public static Table epochs(List<RunRecord> records) {
        Table t = Table.create("epochs",
                StringColumn.create("run_id"), StringColumn.create("variant"), LongColumn.create("seed"),
                IntColumn.create("epoch"), DoubleColumn.create("train_loss"), DoubleColumn.create("val_loss"),
                DoubleColumn.create("val_accuracy"), DoubleColumn.create("epoch_seconds"));
        for (RunRecord r : records) {
            for (EpochResult e : r.outcome().epochs()) {
                Row row = t.appendRow();
                row.setString("run_id", r.runId());
                row.setString("variant", r.trial().variant().id());
                row.setLong("seed", r.trial().seed());
                row.setInt("epoch", e.epoch());
                row.setDouble("train_loss", e.trainLoss());
                row.setDouble("val_loss", e.valLoss());
                row.setDouble("val_accuracy", e.valAccuracy());
                row.setDouble("epoch_seconds", e.seconds());
            }
        }
        return t;
    }

    /** One row per run, actual class and predicted class. */
    public static Table confusion(List<RunRecord> records) {
        Table t = Table.create("confusion",
                StringColumn.create("run_id"), StringColumn.create("variant"), LongColumn.create("seed"),
                StringColumn.create("actual"), StringColumn.create("predicted"), LongColumn.create("count"));
        for (RunRecord r : records) {
            TestMetrics m = r.outcome().test();
            for (int a = 0; a < m.classes().size(); a++) {
                for (int p = 0; p < m.classes().size(); p++) {
                    Row row = t.appendRow();
                    row.setString("run_id", r.runId());
                    row.setString("variant", r.trial().variant().id());
                    row.setLong("seed", r.trial().seed());
                    row.setString("actual", m.classes().get(a));
                    row.setString("predicted", m.classes().get(p));
                    row.setLong("count", m.confusion()[a][p]);
                }
            }
        }
        return t;
    }

    /**
     * Per variant: the number of runs and the mean and standard deviation (over seeds) of every test
     * metric and cost column, named {@code <column>_mean} and {@code <column>_std} (sample standard
     * deviation; empty for a single run, where it is undefined). Variants keep their order of first
     * appearance in {@code runs}.
     */
    public static Table summary(Table runs) {
        List<String> columns = new ArrayList<>(TEST_METRICS);
        columns.addAll(COST_METRICS);
        Table grouped = runs.summarize(columns, mean, stdDev).by("variant");
        Table out = Table.create("summary", StringColumn.create("variant"), IntColumn.create("runs"));
        for (String c : columns) {
            out.addColumns(DoubleColumn.create(c + "_mean"), DoubleColumn.create(c + "_std"));
        }
        for (String variant : runs.stringColumn("variant").unique().asList().stream()
                .sorted((a, b) -> firstRow(runs, a) - firstRow(runs, b)).toList()) {
            Table g = grouped.where(grouped.stringColumn("variant").isEqualTo(variant));
            Row row = out.appendRow();
            row.setString("variant", variant);
            int n = runs.where(runs.stringColumn("variant").isEqualTo(variant)).rowCount();
            row.setInt("runs", n);
            for (String c : columns) {
                row.setDouble(c + "_mean", number(g.column("Mean [" + c + "]"), 0));
                row.setDouble(c + "_std", n < 2 ? Double.NaN : number(g.column("Std. Deviation [" + c + "]"), 0));
            }
        }
        return out;
    }

    private static int firstRow(Table runs, String variant) {
        return runs.stringColumn("variant").indexOf(variant);
    }

    private static double number(Column<?> column, int row) {
        return ((NumericColumn<?>) column).getDouble(row);
    }
}
