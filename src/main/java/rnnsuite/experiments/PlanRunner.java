package rnnsuite.experiments;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import rnnsuite.data.Dataset;
import rnnsuite.data.DatasetSummary;
import rnnsuite.data.Metric;
import rnnsuite.data.PreparedCache;
import rnnsuite.io.FolderLock;
import rnnsuite.data.PreparedData;
import rnnsuite.model.Impl;
import rnnsuite.model.Input;
import rnnsuite.model.Output;
import rnnsuite.model.TextInput;
import rnnsuite.model.ModelSpec;
import rnnsuite.runtime.Natives;
import rnnsuite.model.Variant;
import rnnsuite.report.ResultWriter;
import rnnsuite.report.Study;
import rnnsuite.experiments.search.Objective;
import rnnsuite.train.RunRecord;
import rnnsuite.train.TestMetrics;
import rnnsuite.train.Trial;

/**
 * Runs every trial of a plan (arms × lengths × seeds) on a {@link TrialEngine}, and rewrites the results
 * folder as runs finish (at most every {@link #REWRITE_SECONDS}, and when a phase ends). Runs finished by an earlier invocation (their result.json exists) are
 * skipped, so an interrupted plan picks up where it stopped, on either engine, and every run is there once.
 * The folder has one writer at a time: a run holds its {@link FolderLock} throughout, and a second is refused.
 */
public final class PlanRunner {

    /** While runs finish, the results folder's tables and report are rewritten at most this often (and when a phase ends). */
    static final long REWRITE_SECONDS = 20;

    /** What to do when another process holds the results folder. */
    static final String IN_USE = "wait for it to finish, or use another --results folder";

    private final Path resultsRoot;
    private final PrintStream out;
    private boolean fresh;
    private boolean dryRun;
    /** The estimate printed before the runs (null for a search plan): the time left after each run scales it. */
    private CostEstimate.Result estimated;
    /** A search plan's upper bound, printed before it trains (the time left then follows each phase's runs). */
    private CostEstimate.Result searchEstimate;
    /** The plans {@link #check} passed. */
    private final java.util.Set<Plan> checked = new java.util.HashSet<>();

    public PlanRunner(Path resultsRoot, PrintStream out) {
        this.resultsRoot = resultsRoot;
        this.out = out;
    }

    /** Redo runs finished before instead of keeping them. */
    public PlanRunner fresh(boolean value) {
        this.fresh = value;
        return this;
    }

    /** Print the runs and the estimate, then stop: nothing trained, nothing written. */
    public PlanRunner dryRun(boolean value) {
        this.dryRun = value;
        return this;
    }

    /** Runs the plan in this process. @param command the command line that reproduces this run, quoted in the report */
    public List<RunRecord> run(Plan plan, String command) {
        return run(plan, command, new LocalEngine());
    }

    /** Runs the plan's unfinished trials on {@code engine}; the results folder is rewritten as each run ends. */
    public List<RunRecord> run(Plan plan, String command, TrialEngine engine) {
        return run(plan, plan, command, engine);
    }

    /**
     * Runs {@code part}, some arms of {@code whole} ({@code --variant}), as {@link #run(Plan, String, TrialEngine)}
     * does; the finished runs of whole's other arms stay in the folder's tables and report (a search's winners among
     * them too), as a run of the whole plan would leave them.
     */
    public List<RunRecord> run(Plan part, Plan whole, String command, TrialEngine engine) {
        if (!checked.contains(part)) {
            check(part);
        }
        Path dir = resultsRoot.resolve(part.name());
        if (dryRun) {
            return runTrials(part, whole, command, engine, dir);
        }
        requireWritable(dir);
        // one writer per results folder: a second would train the same runs and clash on their files
        try (FolderLock lock = FolderLock.acquire(dir, command, IN_USE)) {
            lock.warning().ifPresent(out::println);
            return runTrials(part, whole, command, engine, dir);
        }
    }

    /**
     * Everything that can refuse a plan before it trains: memory, the natives, the data, the parameter budgets (the
     * units they give are said). A plan checked here is not checked again when this runner runs it.
     */
    public void check(Plan plan) {
        Natives.init();
        // what can never fit is refused before anything is allocated: ND4J kills the JVM when a buffer is refused it
        MemoryCheck.require(plan);
        // a study's numbers are this machine's numbers only on the build its CPU runs (the engines' executors check too)
        Natives.requireBestBuild("this process");
        // said before the data is read, which may be what runs out of memory
        CostEstimate.memoryWarning(plan).ifPresent(out::println);
        // bad data (a file missing, unreadable, too short to model) fails here, before the results folder exists
        plan.runLengths().forEach(length -> PreparedCache.get(plan.data().withMaxLen(length)));
        // again with the data's own vocabulary and longest sequence, before any network is built or timed
        MemoryCheck.require(plan, length -> PreparedCache.get(plan.data().withMaxLen(length)));
        // a parameter budget no unit count meets fails here too; the sizes it gives are said
        sizes(plan).forEach(out::println);
        checked.add(plan);
    }

    /** The wall time the last plan's estimate gave (a search's upper bound): empty before an estimate, or when every run had finished. */
    public java.util.OptionalDouble estimatedSeconds() {
        CostEstimate.Result last = estimated != null ? estimated : searchEstimate;
        return last == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(last.wallSeconds());
    }

    /**
     * The units a parameter budget ({@code model.params}) gives each arm on the plan's data, one line per length, and
     * for a search each budget it can draw at its ends.
     *
     * @throws PlanException when a budget is below one unit or no unit count comes within its tolerance
     */
    static List<String> sizes(Plan plan) {
        List<String> lines = new ArrayList<>();
        for (int length : plan.runLengths()) {
            PreparedData data = PreparedCache.get(plan.data().withMaxLen(length));
            List<Plan.Arm> arms = new ArrayList<>();
            for (Plan.Arm arm : plan.tunedArms()) {
                if (plan.search() != null && plan.search().space().containsKey("model.params")) {
                    for (var value : plan.search().space().get("model.params").examples()) {
                        arms.add(PlanReader.configure(arm, Map.of("model.params", value), arm.train().epochs()));
                    }
                } else if (arm.model().params() != null) {
                    arms.add(arm);
                }
            }
            StringBuilder line = new StringBuilder();
            for (Plan.Arm arm : arms) {
                // word vectors stand in for the embedding: vectors of embedding_size, nothing to load to know that
                Input reads = arm.model().input() == TextInput.WORD2VEC ? Input.vectors(arm.model().embeddingSize())
                        : VariantExperiment.input(data);
                Output output = VariantExperiment.output(data);
                ModelSpec sized;
                try {
                    sized = arm.model().sized(arm.variant().cell(), reads, output);
                } catch (IllegalArgumentException e) {
                    throw new PlanException("plan " + plan.name() + ": arm " + arm.name()
                            + (plan.data().kind().sweepsLengths() ? " at max_len " + length : "") + ": " + e.getMessage());
                }
                long count = sized.parameters(arm.variant().cell(), reads, output);
                long budget = arm.model().params().count();
                line.append(line.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%s %s: %d units, %,d (%+.1f %%)",
                        arm.name(), arm.model().params().describe(), sized.units(), count, 100.0 * (count - budget) / budget));
            }
            if (line.length() > 0) {
                lines.add("sized to model.params" + (plan.data().kind().sweepsLengths() ? " (max_len " + length + ")" : "") + ": " + line);
            }
        }
        return lines;
    }

    /** The rest of {@link #run(Plan, Plan, String, TrialEngine)}, with the results folder locked unless a dry run. */
    private List<RunRecord> runTrials(Plan plan, Plan whole, String command, TrialEngine engine, Path dir) {
        RunStore store = new RunStore(dir);
        long start = System.nanoTime();
        List<RunRecord> records;
        List<Trial> trials = plan.search() != null ? null : plan.trials();
        if (trials != null) {
            out.printf(Locale.ROOT, "plan %s: arms %s × %s × seeds %s = %d run(s); results in %s%n",
                    plan.name(), plan.allArms().stream().map(Plan.Arm::name).toList(),
                    plan.lengthsLabel(),
                    plan.seeds(), trials.size(), dir);
        }
        out.println("natives: " + Natives.describe() + "; recurrent layers: " + describe(plan.model().impl())
                + "; engine: " + engine.describe());
        estimate(plan, trials, store, engine, dir);
        if (dryRun) {
            out.println("dry run: nothing trained, nothing written");
            return List.of();
        }
        List<RunRecord> kept = keptRuns(plan, whole, store);
        if (!kept.isEmpty()) {
            out.printf(Locale.ROOT, "%d finished run(s) of the plan's other arms %s stay in its tables%n", kept.size(),
                    kept.stream().map(r -> r.trial().arm()).distinct().toList());
        }
        List<String> keptWinners = keptWinners(kept, dir);
        records = trials != null ? execute(plan, command, dir, store, engine, trials, kept, null)
                : new Tuner(plan, (phase, earlier, tuning) -> {
                    List<RunRecord> before = new ArrayList<>(kept);
                    before.addAll(earlier);
                    Study.Tuning shown = tuning == null || tuning.winners().isEmpty() || keptWinners.isEmpty() ? tuning
                            : tuning.withWinners(java.util.stream.Stream.concat(keptWinners.stream(), tuning.winners().stream()).toList());
                    return execute(plan, command, dir, store, engine, phase, before, shown);
                }, dir, out).run(); // a search makes its trials rung by rung
        out.printf(Locale.ROOT, "plan %s finished in %s; report: %s%n", plan.name(),
                CostEstimate.duration((System.nanoTime() - start) / 1e9), dir.resolve("report.html"));
        return records;
    }

    /** The finished runs of the arms {@code whole} has and {@code part} does not (none when they are one plan). */
    static List<RunRecord> keptRuns(Plan part, Plan whole, RunStore store) {
        java.util.Set<String> running = new java.util.HashSet<>(part.allArms().stream().map(Plan.Arm::name).toList());
        java.util.Set<String> others = new java.util.LinkedHashSet<>(whole.allArms().stream().map(Plan.Arm::name)
                .filter(a -> !running.contains(a)).toList());
        if (others.isEmpty()) {
            return List.of();
        }
        if (whole.search() == null) { // the runs the whole plan would keep: those of its trials as they stand
            return whole.trials().stream().filter(t -> others.contains(t.arm())).map(store::completed).flatMap(Optional::stream).toList();
        }
        // a search's runs follow from replaying it: its candidates carry the arm's name, its finals the tuned arm's
        java.util.Set<String> named = new java.util.HashSet<>(others);
        others.forEach(a -> named.add(Tuner.tunedName(a)));
        return store.finishedOf(named);
    }

    /** The winners an earlier search chose among {@code kept}, as the folder's study.json records them. */
    private static List<String> keptWinners(List<RunRecord> kept, Path dir) {
        if (kept.isEmpty()) {
            return List.of();
        }
        java.util.Set<String> ids = new java.util.HashSet<>(kept.stream().map(RunRecord::runId).toList());
        return Study.read(dir).map(Study::tuning).map(Study.Tuning::winners).orElse(List.of()).stream().filter(ids::contains).toList();
    }

    /**
     * Runs those of {@code trials} not finished before on {@code engine} and returns all of them in
     * order; after each run the results folder is rewritten from {@code earlier} (runs of an earlier
     * phase, such as a search's rungs) and the runs so far.
     *
     * @param tuning the plan's search as the report describes it (with its winners once chosen), or null
     */
    List<RunRecord> execute(Plan plan, String command, Path dir, RunStore store, TrialEngine engine, List<Trial> trials,
                            List<RunRecord> earlier, Study.Tuning tuning) {
        // Runs in plan order, whichever order they finish in; runs finished by an earlier invocation are kept.
        RunRecord[] records = new RunRecord[trials.size()];
        Map<String, Integer> position = new HashMap<>();
        List<Trial> pending = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            Trial trial = trials.get(i);
            position.put(trial.runId(), i);
            Optional<RunRecord> finished = fresh ? Optional.empty() : store.completed(trial);
            if (finished.isPresent()) {
                records[i] = finished.get();
                out.printf(Locale.ROOT, "[%d/%d] %s finished earlier: kept%n", i + 1, trials.size(), trial.runId());
            } else {
                pending.add(trial);
            }
        }

        List<Trial> order = CostEstimate.inRunOrder(pending, engine.parallel());
        // the time left follows the estimate when it covers every run here (not a search's rungs)
        Map<String, CostEstimate.RunCost> schedule = estimated != null
                && order.stream().allMatch(t -> estimated.byRun().containsKey(t.runId())) ? estimated.byRun() : null;
        Collector collector = new Collector(plan, command, dir, records, earlier, position, order, engine.parallel(),
                schedule, Study.read(dir).orElse(null), tuning);
        try {
            engine.run(order, store, out, collector);
        } catch (RuntimeException | Error e) {
            // the runs that finished since the last rewrite go into the folder before the failure is reported
            if (collector.study != null) {
                try {
                    ResultWriter.write(dir, collector.study, collector.all());
                } catch (RuntimeException again) {
                    e.addSuppressed(again);
                }
            }
            throw e;
        }
        if (collector.study != null) { // also when every run was finished before (the winners may be new)
            if (!Objects.equals(collector.study.tuning(), tuning)) {
                collector.study = new Study(collector.study.name(), collector.study.description(), command, collector.study.data(), tuning);
            }
            ResultWriter.write(dir, collector.study, collector.all());
        }
        return present(records);
    }

    /** Takes each finished run from the engine: into its plan position, the results folder and the log. */
    private final class Collector implements TrialEngine.Finished {

        private final Plan plan;
        private final String command;
        private final Path dir;
        private final RunRecord[] records;
        private final List<RunRecord> earlier;
        private final Map<String, Integer> position;
        private final TimeLeft timeLeft;
        private Study study;
        private final Study.Tuning tuning;
        /** When the folder was last rewritten (System.nanoTime), 0 before the first. */
        private long lastWrite;

        Collector(Plan plan, String command, Path dir, RunRecord[] records, List<RunRecord> earlier, Map<String, Integer> position,
                  List<Trial> order, int parallel, Map<String, CostEstimate.RunCost> schedule, Study study, Study.Tuning tuning) {
            this.plan = plan;
            this.command = command;
            this.dir = dir;
            this.records = records;
            this.earlier = earlier;
            this.position = position;
            this.timeLeft = new TimeLeft(order, parallel, schedule);
            this.study = study;
            this.tuning = tuning;
        }

        List<RunRecord> all() {
            List<RunRecord> all = new ArrayList<>(earlier);
            all.addAll(present(records));
            return all;
        }

        @Override
        public void accept(RunRecord record, DatasetSummary data) {
            int i = position.get(record.runId());
            records[i] = record;
            if (study == null || !Objects.equals(study.tuning(), tuning)) {
                study = new Study(plan.name(), plan.description(), command, data, tuning);
            }
            // each run's result.json is already written; the folder's tables and report, rebuilt from every run, are
            // rewritten at most every REWRITE_SECONDS (a study of hundreds of runs spent minutes re-rendering them) and
            // always when the phase ends
            long now = System.nanoTime();
            if (lastWrite == 0 || now - lastWrite >= REWRITE_SECONDS * 1_000_000_000L) {
                ResultWriter.write(dir, study, all());
                lastWrite = System.nanoTime();
            }
            double secondsLeft = timeLeft.after(record);
            double samplesPerSecond = record.outcome().samplesPerSecond();
            out.printf(Locale.ROOT, "[%d/%d] %s done: %s%s; %s about %s left%n", i + 1, records.length, record.runId(),
                    headline(record), Double.isNaN(samplesPerSecond) ? "" // nothing trained
                            : String.format(Locale.ROOT, "; %.1f s/epoch, %.0f samples/s",
                            record.secondsPerEpoch(), samplesPerSecond),
                    plan.search() != null ? "this phase" : "plan", CostEstimate.duration(secondsLeft));
        }
    }

    private static List<RunRecord> present(RunRecord[] records) {
        return Arrays.stream(records).filter(Objects::nonNull).toList();
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

    /** Says what the unfinished runs will cost, from a short calibration of each arm (CostEstimate). */
    private void estimate(Plan plan, List<Trial> trials, RunStore store, TrialEngine engine, Path dir) {
        estimated = null;
        searchEstimate = null;
        if (trials == null) {
            Optional<List<Trial>> finals = fresh ? Optional.empty() : finalsOfAFinishedSearch(plan, store, dir);
            if (finals.isEmpty()) {
                // a search draws its candidates rung by rung: its bound is the recipe's cost per epoch times its epochs
                searchEstimate = CostEstimate.ofSearch(plan.search(), plan.trials(), engine.parallel(), engine.threadsPerRun());
                CostEstimate.printSearch(searchEstimate, plan.search(), engine.parallel(), out);
                return;
            }
            trials = finals.get(); // its winners are known: what is left is their final runs, estimated as any plan's
        }
        List<Trial> pending = fresh ? trials : trials.stream().filter(t -> store.completed(t).isEmpty()).toList();
        if (pending.isEmpty()) {
            out.println("estimate: every run finished before; the results folder is only rewritten");
            return;
        }
        estimated = CostEstimate.of(pending, engine.parallel(), engine.threadsPerRun());
        CostEstimate.print(estimated, engine.parallel(), out);
    }

    /** A search's phase replayed from finished runs stops at the first run it lacks. */
    private static final class Unfinished extends RuntimeException {
        final List<Trial> finals; // the final comparison's trials, when that is where it stopped

        Unfinished(List<Trial> finals) {
            super(null, null, false, false);
            this.finals = finals;
        }
    }

    /**
     * The final comparison's trials when an earlier invocation got the search through its rungs and deciding runs
     * (the winners follow from the finished runs, replayed without training), else empty: a resumed study is
     * estimated at what it has left, not at the whole search again.
     */
    private Optional<List<Trial>> finalsOfAFinishedSearch(Plan plan, RunStore store, Path dir) {
        try {
            new Tuner(plan, (trials, earlier, tuning) -> {
                List<RunRecord> done = new ArrayList<>();
                for (Trial trial : trials) {
                    Optional<RunRecord> record = store.completed(trial);
                    if (record.isEmpty()) {
                        throw new Unfinished(tuning.winners().isEmpty() ? null : trials);
                    }
                    done.add(record.get());
                }
                return done;
            }, dir, new PrintStream(OutputStream.nullOutputStream())).run();
            return Optional.of(List.of()); // every run finished
        } catch (Unfinished e) {
            return Optional.ofNullable(e.finals);
        }
    }

    private static String headline(RunRecord record) {
        Dataset dataset = record.trial().data().kind();
        Metric metric = dataset.headlineMetric();
        TestMetrics m = record.outcome().test();
        if (m == null) { // a search candidate: validation only
            if (metric.reading() == Metric.Reading.ACCURACY) {
                return String.format(Locale.ROOT, "validation accuracy %.4f, loss %.4f", Objective.VAL_ACCURACY.of(record),
                        Objective.VAL_LOSS.of(record));
            }
            return String.format(Locale.ROOT, "validation %s %.4f", metric.label(), new Objective(metric).of(record));
        }
        if (dataset.task() == Dataset.Task.CLASSIFICATION) {
            return String.format(Locale.ROOT, "test %s %.4f, %s %.4f, %s %.4f", Metric.ACCURACY.label(), m.value(Metric.ACCURACY),
                    Metric.F1.label(), m.value(Metric.F1), Metric.AUC.label(), m.value(Metric.AUC));
        }
        // the headline, then accuracy beside a loss, or the task's own loss beside accuracy
        Metric second = metric.reading() != Metric.Reading.ACCURACY ? Metric.ACCURACY
                : dataset.ownMetrics().isEmpty() ? dataset.metric("loss") : dataset.ownMetrics().get(0);
        double other = dataset.metrics().contains(second) ? m.value(second) : Double.NaN;
        return String.format(Locale.ROOT, "test %s %.4f", metric.label(), m.value(metric))
                + (Double.isNaN(other) ? "" : String.format(Locale.ROOT, ", %s %.4f", second.label(), other));
    }

    private static String describe(Impl requested) {
        String reason = requested.fallbackReason();
        return requested.effective().id() + (reason == null ? "" : " (" + reason + ")");
    }
}
