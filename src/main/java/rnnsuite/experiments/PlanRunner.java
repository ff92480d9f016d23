package rnnsuite.experiments;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import rnnsuite.data.DatasetLoader;
import rnnsuite.data.PreparedData;
import rnnsuite.model.Impl;
import rnnsuite.model.Natives;
import rnnsuite.model.fast.FastRecurrent;
import rnnsuite.report.ResultWriter;
import rnnsuite.report.Study;
import rnnsuite.train.RunRecord;
import rnnsuite.train.TestMetrics;
import rnnsuite.train.Trial;

/**
 * Runs every trial of a plan (variants × seeds) on data prepared once, and rewrites the results folder
 * after each finished run, so an interrupted plan keeps every run it completed.
 */
public final class PlanRunner {

    private final Path resultsRoot;
    private final PrintStream out;

    public PlanRunner(Path resultsRoot, PrintStream out) {
        this.resultsRoot = resultsRoot;
        this.out = out;
    }

    /** @param command the command line that reproduces this run, quoted in the report */
    public List<RunRecord> run(Plan plan, String command) {
        Natives.init();
        List<Trial> trials = plan.trials();
        Path dir = resultsRoot.resolve(plan.name());
        out.printf(Locale.ROOT, "plan %s: arms %s × %s × seeds %s = %d run(s); results in %s%n",
                plan.name(), plan.allArms().stream().map(Plan.Arm::name).toList(),
                plan.lengths().isEmpty() ? "max_len " + plan.data().maxLen() : "lengths " + plan.lengths(),
                plan.seeds(), trials.size(), dir);
        out.println("natives: " + Natives.describe() + "; recurrent layers: " + describe(plan.model().impl()));

        long start = System.nanoTime();
        List<RunRecord> records = new ArrayList<>();
        PreparedData data = null;
        Study study = null;
        for (int i = 0; i < trials.size(); i++) {
            Trial trial = trials.get(i);
            if (data == null || !data.spec().equals(trial.data())) {
                data = DatasetLoader.load(trial.data()); // once per length: trials come length by length
                out.println(data.summary().describe());
                study = study == null ? new Study(plan.name(), plan.description(), command, data.summary()) : study;
            }
            out.printf(Locale.ROOT, "[%d/%d] %s%n", i + 1, trials.size(), trial.runId());
            RunRecord record = VariantExperiment.runTrial(trial, data, new ConsoleProgress(out, trial.runId()));
            records.add(record);
            ResultWriter.write(dir, study, records);
            out.printf(Locale.ROOT, "[%d/%d] %s done: %s; %.1f s/epoch, %.0f samples/s%n", i + 1, trials.size(),
                    trial.runId(), headline(record.outcome().test()),
                    record.outcome().trainSeconds() / trial.train().epochs(), record.outcome().samplesPerSecond());
        }
        out.printf(Locale.ROOT, "plan %s finished in %.1f s; report: %s%n", plan.name(),
                (System.nanoTime() - start) / 1e9, dir.resolve("report.html"));
        return records;
    }

    private static String headline(TestMetrics m) {
        return m.classes().isEmpty() ? String.format(Locale.ROOT, "test MSE %.4f", m.loss())
                : String.format(Locale.ROOT, "test accuracy %.4f, F1 %.4f, AUC %.4f", m.accuracy(), m.f1(), m.auc());
    }

    private static String describe(Impl requested) {
        Impl effective = requested.effective();
        return effective == requested ? effective.id()
                : effective.id() + " (fast needs the JVM option --add-modules " + FastRecurrent.VECTOR_MODULE + ")";
    }
}
