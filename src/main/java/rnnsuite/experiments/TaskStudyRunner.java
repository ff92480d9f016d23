package rnnsuite.experiments;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import rnnsuite.data.PreparedCache;
import rnnsuite.model.Variant;
import rnnsuite.report.CrossTaskReport;

/**
 * Runs a study of tasks: every task's checks first (data, memory, parameter budgets), so a bad task fails before any
 * trains; then each task's plan in turn into {@code results/<study>/<task>/}, resumable as any plan; then the
 * cross-task report ({@link CrossTaskReport}) in {@code results/<study>/}, rewritten after each task.
 */
public final class TaskStudyRunner {

    private final Path resultsRoot;
    private final PrintStream out;
    private boolean fresh;
    private boolean dryRun;

    public TaskStudyRunner(Path resultsRoot, PrintStream out) {
        this.resultsRoot = resultsRoot;
        this.out = out;
    }

    public TaskStudyRunner fresh(boolean value) {
        this.fresh = value;
        return this;
    }

    public TaskStudyRunner dryRun(boolean value) {
        this.dryRun = value;
        return this;
    }

    /**
     * @param whole the study as its file gives it, whose cells the record and report show also when {@code study} runs
     *              only some of them ({@code --variant}), so that a later run or {@code report} keeps the others (and
     *              each task's tables keep their finished runs)
     */
    public void run(TaskStudy study, TaskStudy whole, String command, TrialEngine engine) {
        List<Variant> recorded = whole.cells();
        Path dir = resultsRoot.resolve(study.name());
        PlanRunner runner = new PlanRunner(dir, out).fresh(fresh).dryRun(dryRun);
        List<Plan> tasks = study.tasks();
        out.printf(Locale.ROOT, "study of tasks %s: %d cells %s × %d tasks %s; results in %s%n", study.name(), study.cells().size(),
                study.cells().stream().map(Variant::id).toList(), tasks.size(), tasks.stream().map(Plan::name).toList(), dir);
        for (int i = 0; i < tasks.size(); i++) {
            out.printf(Locale.ROOT, "checking task %d/%d %s (%s, %s)%n", i + 1, tasks.size(), tasks.get(i).name(),
                    tasks.get(i).data().dataset(), tasks.get(i).lengthsLabel());
            PreparedCache.clear(); // no two tasks share data: only the task at hand's is held
            runner.check(tasks.get(i));
        }
        CrossTaskReport.Tasks record = new CrossTaskReport.Tasks(study.name(), study.description(), command,
                tasks.stream().map(Plan::name).toList(), recorded.stream().map(Variant::id).toList(),
                tasks.stream().map(t -> t.seeds().size()).toList(), tasks.stream().map(t -> t.search() != null).toList());
        // the whole study's estimate before anything trains: each task's as its dry run gives it (said in full by one)
        PlanRunner estimator = dryRun ? runner
                : new PlanRunner(dir, new PrintStream(OutputStream.nullOutputStream())).fresh(fresh).dryRun(true);
        double estimated = 0;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Plan task = tasks.get(i);
            if (dryRun) {
                out.printf(Locale.ROOT, "%ntask %d/%d: %s%n", i + 1, tasks.size(), task.name());
            }
            PreparedCache.clear();
            estimator.run(task, command, engine);
            OptionalDouble seconds = estimator.estimatedSeconds();
            estimated += seconds.orElse(0);
            parts.add(task.name() + " " + (seconds.isPresent() ? CostEstimate.duration(seconds.getAsDouble()) : "done"));
        }
        out.printf(Locale.ROOT, "%nestimate of the study: %s; all tasks about %s wall (a search's part an upper bound: every "
                + "run counted at its full epochs, which early stopping only shortens)%n", String.join(", ", parts),
                CostEstimate.duration(estimated));
        if (dryRun) {
            return;
        }
        // recorded before the first task runs, so the tasks' reports know they share the results root's plotly.js
        CrossTaskReport.write(dir, record);
        for (int i = 0; i < tasks.size(); i++) {
            Plan task = tasks.get(i);
            out.printf(Locale.ROOT, "%ntask %d/%d: %s%n", i + 1, tasks.size(), task.name());
            PreparedCache.clear();
            runner.run(task, whole.tasks().get(i), command, engine);
            CrossTaskReport.write(dir, record);
        }
        out.println("cross-task report: " + dir.resolve("report.html"));
    }

    /** The local engine's runs at a time for a study: the fewest any of its tasks allows. */
    public static int defaultParallel(TaskStudy study) {
        return study.tasks().stream().mapToInt(CostEstimate::defaultParallel).min().orElse(1);
    }
}
