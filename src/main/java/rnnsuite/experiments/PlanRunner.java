package rnnsuite.experiments;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import rnnsuite.data.DatasetLoader;
import rnnsuite.data.PreparedData;
import rnnsuite.model.Impl;
import rnnsuite.model.Natives;
import rnnsuite.model.Variant;
import rnnsuite.model.fast.FastRecurrent;
import rnnsuite.report.ResultWriter;
import rnnsuite.report.Study;
import rnnsuite.train.RunRecord;
import rnnsuite.train.TestMetrics;
import rnnsuite.train.Trial;

/**
 * Runs every trial of a plan (arms × lengths × seeds) on data prepared once per length, and rewrites the
 * results folder after each finished run. Runs finished by an earlier invocation (their result.json
 * exists) are skipped, so an interrupted plan picks up where it stopped and every run is there once.
 */
public final class PlanRunner {

    private final Path resultsRoot;
    private final PrintStream out;
    private boolean fresh;

    public PlanRunner(Path resultsRoot, PrintStream out) {
        this.resultsRoot = resultsRoot;
        this.out = out;
    }

    /** Redo runs finished before instead of keeping them. */
    public PlanRunner fresh(boolean value) {
        this.fresh = value;
        return this;
    }

    /** @param command the command line that reproduces this run, quoted in the report */
    public List<RunRecord> run(Plan plan, String command) {
        Natives.init();
        List<Trial> trials = plan.trials();
        Path dir = resultsRoot.resolve(plan.name());
        requireWritable(dir);
        RunStore store = new RunStore(dir);
        out.printf(Locale.ROOT, "plan %s: arms %s × %s × seeds %s = %d run(s); results in %s%n",
                plan.name(), plan.allArms().stream().map(Plan.Arm::name).toList(),
                plan.lengths().isEmpty() ? "max_len " + plan.data().maxLen() : "lengths " + plan.lengths(),
                plan.seeds(), trials.size(), dir);
        out.println("natives: " + Natives.describe() + "; recurrent layers: " + describe(plan.model().impl()));
        warnAboutMemory(plan);

        long start = System.nanoTime();
        double doneCost = 0;
        double remainingCost = trials.stream().mapToDouble(PlanRunner::cost).sum();
        List<RunRecord> records = new ArrayList<>();
        PreparedData data = null;
        Study study = ResultWriter.readStudy(dir).orElse(null);
        for (int i = 0; i < trials.size(); i++) {
            Trial trial = trials.get(i);
            String tag = String.format(Locale.ROOT, "[%d/%d] %s", i + 1, trials.size(), trial.runId());
            Optional<RunRecord> finished = fresh ? Optional.empty() : store.completed(trial);
            remainingCost -= cost(trial);
            if (finished.isPresent()) {
                records.add(finished.get());
                out.println(tag + " finished earlier: kept");
                continue;
            }
            if (data == null || !data.spec().equals(trial.data())) {
                data = DatasetLoader.load(trial.data()); // once per length: trials come length by length
                out.println(data.summary().describe());
                if (study == null) {
                    study = new Study(plan.name(), plan.description(), command, data.summary());
                }
            }
            out.println(tag);
            long runStart = System.nanoTime();
            RunRecord record = VariantExperiment.runTrial(trial, data, TerminalProgress.forOutput(out, trial.runId()), store);
            doneCost += cost(trial);
            records.add(record);
            ResultWriter.write(dir, study, records);
            double perCost = (System.nanoTime() - start) / 1e9 / doneCost;
            out.printf(Locale.ROOT, "%s done in %.0fs: %s; %.1f s/epoch, %.0f samples/s; plan about %s left%n", tag,
                    (System.nanoTime() - runStart) / 1e9, headline(record.outcome().test()),
                    record.outcome().trainSeconds() / trial.train().epochs(), record.outcome().samplesPerSecond(),
                    duration(perCost * remainingCost));
        }
        if (study != null) {
            ResultWriter.write(dir, study, records); // also when every run was finished before
        }
        out.printf(Locale.ROOT, "plan %s finished in %s; report: %s%n", plan.name(),
                duration((System.nanoTime() - start) / 1e9), dir.resolve("report.html"));
        return records;
    }

    /** Relative cost of a trial for the plan's time estimate: epochs × length × model weight. */
    private static double cost(Trial trial) {
        double cell = trial.baseline() != null ? 0.1 : trial.variant() == Variant.SIMPLE_RNN ? 1 : 2.5;
        return trial.train().epochs() * (double) trial.data().maxLen() * cell;
    }

    /**
     * Fails before any training when the results folder cannot be written (a file in the way, no
     * permission, a read-only disk), instead of after the first run.
     */
    static void requireWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new UncheckedIOException("results folder " + dir + " is not writable (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "): choose another with --results, or fix its permissions",
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /**
     * Warns when the sequences of one batch (batch × length × layers × units, with the per-step state a
     * cell keeps for backprop) may not fit the process's memory limit.
     */
    private void warnAboutMemory(Plan plan) {
        long limit = org.bytedeco.javacpp.Pointer.maxPhysicalBytes();
        int maxLen = plan.runLengths().stream().mapToInt(Integer::intValue).max().orElse(plan.data().maxLen());
        double estimate = memoryEstimate(plan.train().batchSize(), maxLen, plan.model().layers(), plan.model().units());
        if (limit > 0 && estimate > 0.5 * limit) {
            out.printf(Locale.ROOT, "warning: a batch of %d sequences of length %d needs about %.1f GB during training; the "
                            + "process may use %.1f GB (.mvn/jvm.config). If it runs out of memory, lower train.batch_size "
                            + "or data.max_len.%n", plan.train().batchSize(), maxLen, estimate / 1e9, limit / 1e9);
        }
    }

    /** Bytes of activation memory for one training step: about 20 floats per unit, step and example per layer (LSTM). */
    static double memoryEstimate(int batch, int length, int layers, int units) {
        return 20.0 * Float.BYTES * batch * length * layers * units;
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
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
