package rnnsuite.experiments;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import rnnsuite.data.DatasetSummary;
import rnnsuite.data.PreparedCache;
import rnnsuite.data.PreparedData;
import rnnsuite.runtime.Natives;
import rnnsuite.model.fast.FastRecurrent;
import rnnsuite.model.fast.Numerics;
import rnnsuite.io.FileTrees;
import rnnsuite.io.Json;
import rnnsuite.train.RunRecord;
import rnnsuite.train.Trial;

/**
 * Runs a plan's trials as Apache Spark tasks, one task (and one job) per trial. A task prepares the
 * trial's data on its executor (the same deterministic loader, so the same split, vocabulary and
 * seed), trains and evaluates it in a scratch run directory, and returns that directory's files; the
 * driver installs them in the plan's {@link RunStore} as each job ends. The results folder therefore
 * looks exactly as after the local engine, and a rerun skips what any engine finished.
 *
 * <p>Spark is a {@code provided} dependency: the local engine never loads this class.
 */
public final class SparkEngine implements TrialEngine {

    private static final String SPARK_CONTEXT = "org.apache.spark.api.java.JavaSparkContext";
    private static final long POLL_MILLIS = 200;

    /**
     * What a task gets: the trial, the files of the run it continues (a promoted search candidate), if any, the
     * code the driver runs (recorded in the run's environment.json), and how the driver computes ({@link Numerics}),
     * which the executor must match unless {@code anyNumerics}.
     */
    record Task(String trialJson, LinkedHashMap<String, byte[]> inputs, String sourceJson, String numerics,
                boolean fastLayers, boolean anyNumerics) implements Serializable {
    }

    /**
     * Spark setting: {@code any} lets executors compute with another OpenBLAS kernel or natives build than the
     * driver (on other hardware, say); their runs then differ from the driver's machine in the last bits and more.
     */
    static final String NUMERICS_CONF = "spark.rnnsuite.executorNumerics";

    /** Marks the executor's refusal in a failed job's message, so the driver can say it in one line. */
    static final String REFUSAL = "executor computes differently from the driver";

    /** What a task sends back: its run directory's files and the summary of the data it prepared. */
    record TaskResult(LinkedHashMap<String, byte[]> files, String dataSummaryJson) implements Serializable {
    }

    private final String master;

    /** @param master Spark master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn}), or null for spark-submit's */
    SparkEngine(String master) {
        this.master = master;
    }

    /** Fails with the fix when Spark is not on the class path (it is a provided dependency). */
    static void requireSpark() {
        try {
            Class.forName(SPARK_CONTEXT, false, SparkEngine.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("--engine spark needs Spark on the class path, and it is not there: with Maven, "
                    + "add the spark profile (mvn -Pspark exec:java ...); on a cluster, run the cluster jar with spark-submit "
                    + "(docs/spark-and-gpu.md)");
        }
    }

    /** local[N]: N runs at a time (local[*]: one per processor); a cluster's is not known here: 1. */
    @Override
    public int parallel() {
        var m = master == null ? null : java.util.regex.Pattern.compile("local\\[(\\d+|\\*)]").matcher(master);
        if (m == null || !m.matches()) {
            return 1;
        }
        return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(m.group(1));
    }

    @Override
    public String describe() {
        return "spark (master " + (master != null ? master : "from spark-submit") + ", one task per run)";
    }

    @Override
    public void run(List<Trial> trials, RunStore store, PrintStream out, Finished finished) {
        if (trials.isEmpty()) {
            return;
        }
        SparkConf conf = new SparkConf().setAppName("rnn-suite").setIfMissing("spark.ui.showConsoleProgress", "false");
        // The executors load OpenBLAS and libnd4j as the driver did (OpenBLAS's kernel, libnd4j's thread pool): another
        // kernel rounds differently, another pool sums in another order (Spark itself gives executors OMP_NUM_THREADS).
        Natives.computingEnvironment().forEach((name, value) -> conf.setIfMissing("spark.executorEnv." + name, value));
        boolean anyNumerics = conf.get(NUMERICS_CONF, "driver").equals("any");
        String numerics = Numerics.fingerprint().toString();
        String sourceJson = toJson(store.source());
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            throw new IllegalArgumentException("--engine spark needs --master (local[2], spark://host:7077, yarn, ...) "
                    + "unless spark-submit gives one");
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            out.printf(Locale.ROOT, "spark: master %s, %d task slot(s), %d run(s) submitted%n", spark.master(),
                    spark.defaultParallelism(), trials.size());
            // One job per trial, submitted in plan order: Spark's FIFO scheduler starts them in that order as
            // task slots free up, and each run is stored the moment its job ends, not when the last one does.
            Map<Trial, JavaFutureAction<List<TaskResult>>> jobs = new LinkedHashMap<>();
            for (Trial trial : trials) {
                spark.setJobDescription(trial.runId());
                Task task = new Task(toJson(trial), new LinkedHashMap<>(resumeFiles(store, trial)), sourceJson, numerics,
                        fastLayers(), anyNumerics);
                jobs.put(trial, spark.parallelize(List.of(task), 1).map(SparkEngine::runTask).collectAsync());
            }
            collect(jobs, store, out, finished);
        }
    }

    private static void collect(Map<Trial, JavaFutureAction<List<TaskResult>>> jobs, RunStore store, PrintStream out,
                                Finished finished) {
        Set<String> described = new HashSet<>(); // each dataset's summary once
        while (!jobs.isEmpty()) {
            boolean progressed = false;
            for (Iterator<Map.Entry<Trial, JavaFutureAction<List<TaskResult>>>> it = jobs.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Trial, JavaFutureAction<List<TaskResult>>> job = it.next();
                if (!job.getValue().isDone()) {
                    continue;
                }
                it.remove();
                progressed = true;
                TaskResult result = result(job.getKey(), job.getValue());
                try {
                    RunRecord record = store.install(result.files());
                    DatasetSummary data = Json.MAPPER.readValue(result.dataSummaryJson(), DatasetSummary.class);
                    if (described.add(data.describe())) {
                        out.println(data.describe());
                    }
                    finished.accept(record, data);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot store run " + job.getKey().runId() + ": " + e.getMessage(), e);
                }
            }
            if (!progressed) {
                sleep();
            }
        }
    }

    private static TaskResult result(Trial trial, JavaFutureAction<List<TaskResult>> job) {
        try {
            return job.get().get(0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String message = String.valueOf(cause.getMessage());
            int refusal = message.indexOf(REFUSAL);
            if (refusal >= 0) { // a setting to fix, not a failure to debug: one line
                throw new IllegalArgumentException("run " + trial.runId() + ": " + message.substring(refusal).lines().findFirst().orElse(""), cause);
            }
            throw new IllegalStateException("run " + trial.runId() + " failed on Spark: " + message
                    + " (runs finished so far are stored; rerun the same command to go on)", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for run " + trial.runId(), e);
        }
    }

    private static Map<String, byte[]> resumeFiles(RunStore store, Trial trial) {
        try {
            return store.resumeFiles(trial);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** The task: one trial, start to finish, on an executor. */
    static TaskResult runTask(Task task) throws IOException {
        Natives.init(); // before anything else can touch JavaCPP
        Trial trial = Json.MAPPER.readValue(task.trialJson(), Trial.class);
        requireDriversNumerics(trial, task);
        PreparedData data = PreparedCache.get(trial.data()); // shared by this executor's tasks of one length
        Path scratch = Files.createTempDirectory("rnn-suite-run-");
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> source = Json.MAPPER.readValue(task.sourceJson(), Map.class);
            RunStore store = new RunStore(scratch, source);
            store.place(task.inputs());
            // as many threads as the executor's -Drnnsuite.threads says (spark.task.cpus: docs/spark-and-gpu.md)
            VariantExperiment.runTrial(trial, data, new ConsoleProgress(System.out, trial.runId()), store, Natives.threads());
            return new TaskResult(new LinkedHashMap<>(store.files(trial)), toJson(data.summary()));
        } finally {
            FileTrees.deleteRecursively(scratch);
        }
    }

    /**
     * Refuses to train where the run would come out other than on the driver's machine: the fast layers missing
     * (no Vector API module), or another OpenBLAS kernel or libnd4j build (the fingerprints differ).
     */
    static void requireDriversNumerics(Trial trial, Task task) {
        String host = Provenance.host("an executor");
        if (trial.model().impl() == rnnsuite.model.Impl.FAST && fastLayers() != task.fastLayers()) {
            throw new IllegalStateException(REFUSAL + " on " + host + ": "
                    + (task.fastLayers() ? "it lacks the fast layers: add --add-modules " + FastRecurrent.VECTOR_MODULE
                    + " to spark.executor.extraJavaOptions" : "the driver lacks the fast layers and would train DL4J's "
                    + "stock layers: add --add-modules " + FastRecurrent.VECTOR_MODULE + " to the driver's Java options")
                    + " (stock and fast layers round differently)");
        }
        try {
            Natives.requireBestBuild("the executor on " + host, task.anyNumerics(), "--conf " + NUMERICS_CONF + "=any");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(REFUSAL + ": " + e.getMessage(), e);
        }
        String here = Numerics.fingerprint().toString();
        if (!task.anyNumerics() && !here.equals(task.numerics())) {
            throw new IllegalStateException(REFUSAL + " on " + host + " (" + here + " against the driver's " + task.numerics()
                    + "; here " + Natives.describe() + ", " + Natives.computingEnvironment() + "): give the executors "
                    + "the driver's OpenBLAS variables and thread pool (spark.executorEnv." + Natives.BLAS_CORETYPE
                    + "=..., spark.executorEnv.OMP_NUM_THREADS=...) and natives build, "
                    + "or accept other numbers with --conf " + NUMERICS_CONF + "=any");
        }
    }

    /** Whether this JVM computes impl: fast with the fast layers (the Vector API module, the CPU backend). */
    private static boolean fastLayers() {
        return rnnsuite.model.Impl.FAST.effective() == rnnsuite.model.Impl.FAST;
    }

    private static String toJson(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Spark", e);
        }
    }
}
