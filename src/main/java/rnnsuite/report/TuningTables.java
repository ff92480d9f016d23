package rnnsuite.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import rnnsuite.train.EpochResult;
import rnnsuite.train.RunRecord;
import rnnsuite.train.Trainer;
import rnnsuite.train.Trial;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A hyperparameter search as tables: trials.csv (one row per candidate and rung), best.csv (the winners the
 * search chose, one per arm and length; the rule is the search's own, {@code experiments.search.Ranking}) and the
 * parameters' importance. Nothing here decides: it renders.
 */
public final class TuningTables {

    private TuningTables() {
    }

    /** One row per candidate run, in the order the search ran them (rung by rung, candidates by number). */
    public static Table trials(List<RunRecord> candidates, Study.Tuning tuning) {
        Table t = Table.create("trials", StringColumn.create("arm"), StringColumn.create("variant"), IntColumn.create("max_len"),
                IntColumn.create("candidate"), IntColumn.create("rung"), IntColumn.create("epochs"), StringColumn.create("run_id"),
                DoubleColumn.create("objective"), DoubleColumn.create("val_loss"), DoubleColumn.create("val_accuracy"),
                DoubleColumn.create("train_seconds"), IntColumn.create("epochs_spent"));
        if (tuning.bestSoFar()) { // what the search ranked by, the seed (finalists ran on two) and the epochs trained
            t.addColumns(LongColumn.create("seed"), DoubleColumn.create("best_objective"), IntColumn.create("best_epoch"),
                    IntColumn.create("epochs_trained"));
        }
        tuning.parameters().forEach(p -> t.addColumns(StringColumn.create(p)));
        List<String> armOrder = candidates.stream().map(r -> r.trial().arm()).distinct().toList();
        List<RunRecord> ordered = candidates.stream().sorted(Comparator
                .comparingInt((RunRecord r) -> armOrder.indexOf(r.trial().arm()))
                .thenComparingInt(r -> r.trial().data().maxLen())
                .thenComparingLong(r -> r.trial().seed())
                .thenComparingInt(r -> r.trial().train().epochs())
                .thenComparingInt(r -> r.trial().candidate().number())).toList();
        Map<String, TreeSet<Integer>> rungs = new LinkedHashMap<>();
        ordered.forEach(r -> rungs.computeIfAbsent(group(r.trial()), k -> new TreeSet<>()).add(r.trial().train().epochs()));
        Map<String, Integer> spent = new LinkedHashMap<>();
        for (RunRecord r : ordered) {
            Trial trial = r.trial();
            EpochResult last = last(r);
            Row row = t.appendRow();
            row.setString("arm", trial.arm());
            row.setString("variant", trial.kind());
            row.setInt("max_len", trial.data().maxLen());
            row.setInt("candidate", trial.candidate().number());
            row.setInt("rung", rungs.get(group(trial)).headSet(trial.train().epochs()).size());
            row.setInt("epochs", trial.train().epochs());
            row.setString("run_id", trial.runId());
            row.setDouble("objective", last.validation(trial.data().kind().metric(tuning.objective().substring("val_".length()))));
            row.setDouble("val_loss", last.valLoss());
            row.setDouble("val_accuracy", last.valAccuracy());
            row.setDouble("train_seconds", r.outcome().trainSeconds());
            // the epochs trained, where the run says (an early-stopped candidate trained fewer than its rung's)
            int trained = tuning.bestSoFar() ? r.epochsTrained() : trial.epochsToTrain();
            row.setInt("epochs_spent", spent.merge(group(trial), trained, Integer::sum));
            if (tuning.bestSoFar()) {
                var objective = trial.data().kind().metric(tuning.objective().substring("val_".length()));
                row.setLong("seed", trial.seed());
                row.setDouble("best_objective", Trainer.bestScore(r.outcome().epochs(), objective));
                row.setInt("best_epoch", Trainer.bestEpoch(r.outcome().epochs(), objective));
                row.setInt("epochs_trained", r.outcome().epochs().size());
            }
            for (String p : tuning.parameters()) {
                JsonNode v = trial.candidate().values().get(p);
                row.setString(p, v == null ? "" : flow(v));
            }
        }
        return t;
    }

    /** A drawn value as a plan writes it: {@code 0.25}, {@code chrono}, {@code {method: norm, threshold: 1}}. */
    static String flow(JsonNode v) {
        if (v.isValueNode()) {
            return v.asText();
        }
        List<String> parts = new ArrayList<>();
        if (v.isObject()) {
            v.fields().forEachRemaining(e -> parts.add(e.getKey() + ": " + flow(e.getValue())));
            return "{" + String.join(", ", parts) + "}";
        }
        v.forEach(e -> parts.add(flow(e)));
        return "[" + String.join(", ", parts) + "]";
    }

    private static EpochResult last(RunRecord r) {
        return r.outcome().epochs().get(r.outcome().epochs().size() - 1);
    }

    /** The winners the search chose (the study's run ids), one row each, in trials.csv's order. */
    public static Table best(Table trials, Study.Tuning tuning) {
        Table out = trials.where(trials.stringColumn("run_id").isIn(tuning.winners()));
        out.setName("best");
        return out.removeColumns("rung", "epochs_spent");
    }

    /** Each candidate's own row: its last run on the search's seed (the rung where it stopped climbing). */
    public static Table lastRungs(Table trials) {
        Map<String, Integer> last = new LinkedHashMap<>();
        long seed = trials.columnNames().contains("seed") && trials.rowCount() > 0 ? (long) trials.numberColumn("seed").min() : 0;
        for (int r = 0; r < trials.rowCount(); r++) {
            if (trials.columnNames().contains("seed") && (long) trials.numberColumn("seed").getDouble(r) != seed) {
                continue;
            }
            String key = trials.stringColumn("arm").get(r) + "\u0000" + trials.intColumn("max_len").get(r) + "\u0000"
                    + trials.intColumn("candidate").get(r);
            Integer seen = last.get(key);
            if (seen == null || trials.intColumn("epochs").get(r) > trials.intColumn("epochs").get(seen)) {
                last.put(key, r);
            }
        }
        return trials.rows(last.values().stream().mapToInt(Integer::intValue).sorted().toArray());
    }

    /**
     * Each parameter's importance per arm and length: the share of the objective's variance between the
     * parameter's groups (the correlation ratio η² = SS_between / SS_total) over the first rung, where
     * every candidate trained the same epochs. A choice groups by value; a numeric parameter with more
     * than three distinct values (a range) by terciles. One parameter at a time, so shares need not sum to 1, and with
     * few candidates each group's mean is noisy and η² reads high: compare parameters, not absolute values.
     */
    public static Table importance(Table trials, Study.Tuning tuning) {
        Table out = Table.create("importance", StringColumn.create("arm"), IntColumn.create("max_len"),
                StringColumn.create("parameter"), IntColumn.create("groups"), IntColumn.create("candidates"),
                DoubleColumn.create("variance_share"));
        Table first = trials.where(trials.intColumn("rung").isEqualTo(0));
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int r = 0; r < first.rowCount(); r++) {
            if (!Double.isNaN(first.doubleColumn("objective").getDouble(r))) {
                groups.computeIfAbsent(first.stringColumn("arm").get(r) + "\u0000" + first.intColumn("max_len").get(r),
                        k -> new ArrayList<>()).add(r);
            }
        }
        for (List<Integer> rows : groups.values()) {
            double[] y = rows.stream().mapToDouble(r -> first.doubleColumn("objective").getDouble(r)).toArray();
            for (String p : tuning.parameters()) {
                List<String> values = rows.stream().map(r -> first.stringColumn(p).get(r)).toList();
                if (values.stream().allMatch(String::isEmpty)) {
                    continue; // not a parameter of this arm's cell
                }
                List<String> labels = bins(values);
                Map<String, double[]> sums = new LinkedHashMap<>();
                double mean = java.util.Arrays.stream(y).average().orElse(Double.NaN);
                for (int i = 0; i < y.length; i++) {
                    double[] s = sums.computeIfAbsent(labels.get(i), k -> new double[2]);
                    s[0] += y[i];
                    s[1]++;
                }
                double between = sums.size() < 2 ? 0 // one group: the parameter did not vary
                        : sums.values().stream().mapToDouble(s -> s[1] * Math.pow(s[0] / s[1] - mean, 2)).sum();
                double total = java.util.Arrays.stream(y).map(v -> (v - mean) * (v - mean)).sum();
                Row row = out.appendRow();
                row.setString("arm", first.stringColumn("arm").get(rows.get(0)));
                row.setInt("max_len", first.intColumn("max_len").get(rows.get(0)));
                row.setString("parameter", p);
                row.setInt("groups", sums.size());
                row.setInt("candidates", y.length);
                row.setDouble("variance_share", total > 0 ? Math.max(0, Math.min(1, between / total)) : Double.NaN);
            }
        }
        return out;
    }

    /** Group labels: the values themselves, or terciles (low, mid, high) of a numeric parameter with more than three values. */
    static List<String> bins(List<String> values) {
        boolean numeric = values.stream().allMatch(TuningTables::isNumber);
        if (!numeric || values.stream().distinct().count() <= 3) {
            return values;
        }
        double[] x = values.stream().mapToDouble(Double::parseDouble).toArray();
        double[] sorted = x.clone();
        java.util.Arrays.sort(sorted);
        double t1 = sorted[sorted.length / 3];
        double t2 = sorted[2 * sorted.length / 3];
        return java.util.Arrays.stream(x).mapToObj(v -> v < t1 ? "low" : v < t2 ? "mid" : "high").toList();
    }

    static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String group(Trial trial) {
        return trial.arm() + "\u0000" + trial.data().maxLen();
    }
}
