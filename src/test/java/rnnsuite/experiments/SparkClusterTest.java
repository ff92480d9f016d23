package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.cli.Main;
import rnnsuite.report.ResultTables;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * The Spark engine on a real multi-JVM cluster: Spark's {@code local-cluster[2,1,1024]} master, whose two workers
 * launch each executor as its own JVM, as a standalone cluster's do, with the driver in a process of its own.
 * Checks that a study gives the local engine's run ids and metrics to the last digit, survives an executor killed
 * mid-study and a driver killed mid-search, and that an executor computing otherwise than the driver is refused.
 * About three minutes on two cores: in the slow tier.
 */
@Tag("slow")
class SparkClusterTest {

    private static final String MASTER = "local-cluster[2,1,1024]";

    static final String PLAN = """
            variants: [simple_rnn, lstm]
            seeds: [1, 2]
            data: {max_len: 12, max_vocab: 300}
            model: {layers: 1, units: 8, embedding_size: 4}
            train: {epochs: 3, batch_size: 64}
            """;

    @TempDir
    static Path shared;

    /** An empty Spark installation: the workers want SPARK_HOME with a RELEASE file and jars/; the class path comes from the test's. */
    private static Path sparkHome;

    @TempDir
    Path dir;

    @BeforeAll
    static void sparkHome() throws IOException {
        sparkHome = shared.resolve("spark-home");
        Files.createDirectories(sparkHome.resolve("jars"));
        Files.writeString(sparkHome.resolve("RELEASE"), "an empty Spark home for SparkClusterTest\n");
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** The test's own class path (surefire's, not its booter jar's). */
    private static String classPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** Java options every JVM here needs: the Vector API module and Spark's --add-opens. */
    private static List<String> javaOptions() {
        List<String> options = new ArrayList<>(List.of("--add-modules", "jdk.incubator.vector"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(options::add);
        return options;
    }

    /** A driver process running {@code rnn-suite run} on the cluster, with extra JVM options; output to {@code log}. */
    private Process driver(Path plan, Path results, Path log, Map<String, String> env, String... jvm) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        cmd.addAll(javaOptions());
        cmd.add("-Dspark.executor.extraClassPath=" + classPath());
        cmd.add("-Dspark.executor.extraJavaOptions=" + String.join(" ", javaOptions()) + " -Drnnsuite.threads=1");
        cmd.addAll(List.of(jvm));
        cmd.addAll(List.of("-cp", classPath(), Main.class.getName(), "run", plan.toString(), "--results", results.toString(),
                "--engine", "spark", "--master", MASTER));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", sparkHome.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.12");
        pb.environment().putAll(env);
        return pb.start();
    }

    private static int await(Process p, Path log) throws Exception {
        if (!p.waitFor(8, TimeUnit.MINUTES)) {
            kill(p);
            throw new AssertionError("the driver did not finish in 8 minutes:\n" + Files.readString(log));
        }
        return p.exitValue();
    }

    /** The driver and everything it started (the executors), at once. */
    private static void kill(Process p) {
        List<ProcessHandle> tree = p.descendants().toList();
        p.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private static List<ProcessHandle> executors(Process driver) {
        return driver.descendants().filter(h -> commandLine(h).contains("CoarseGrainedExecutorBackend")).toList();
    }

    /** The whole command line (ProcessHandle.Info leaves out one as long as an executor's class path). */
    static String commandLine(ProcessHandle h) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(h.pid()), "cmdline")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return h.info().commandLine().orElse("");
        }
    }

    static List<Path> finishedRuns(Path planDir) throws IOException {
        if (!Files.isDirectory(planDir.resolve("runs"))) {
            return List.of();
        }
        try (Stream<Path> runs = Files.list(planDir.resolve("runs"))) {
            return runs.filter(r -> Files.isRegularFile(r.resolve(RunStore.RESULT))).toList();
        }
    }

    static void awaitFinishedRuns(Process driver, Path planDir, int count, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
        while (finishedRuns(planDir).size() < count) {
            if (!driver.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no " + count + " finished runs while the driver ran:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private static void runLocally(Path results, Path plan) {
        new PlanRunner(results, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(PlanReader.load(plan), "test", new LocalEngine(2));
    }

    static Table csv(Path file) {
        return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()));
    }

    static void assertSameRunsAndMetrics(Path expected, Path actual, String file, List<String> metrics) {
        Table a = csv(expected.resolve(file));
        Table b = csv(actual.resolve(file));
        assertEquals(a.stringColumn("run_id").asList(), b.stringColumn("run_id").asList(), file);
        for (String metric : metrics) {
            for (int r = 0; r < a.rowCount(); r++) {
                // to the last digit: the CSV holds every double exactly
                assertEquals(a.numberColumn(metric).getDouble(r), b.numberColumn(metric).getDouble(r), 0.0,
                        file + " " + metric + " of " + a.stringColumn("run_id").get(r));
            }
        }
    }

    /** Every run folder finished, each run once in runs.csv, no temporary file left anywhere. */
    static void assertComplete(Path planDir, int runs) throws IOException {
        try (Stream<Path> all = Files.walk(planDir); Stream<Path> folders = Files.list(planDir.resolve("runs"))) {
            List<Path> tmp = all.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(tmp.isEmpty(), "half-written files left: " + tmp);
            List<Path> unfinished = folders.filter(r -> !Files.isRegularFile(r.resolve(RunStore.RESULT))).toList();
            assertTrue(unfinished.isEmpty(), "unfinished run folders: " + unfinished);
        }
        List<String> ids = csv(planDir.resolve("runs.csv")).stringColumn("run_id").asList();
        assertEquals(runs, ids.size(), ids.toString());
        assertEquals(runs, new HashSet<>(ids).size(), "a run twice: " + ids);
    }

    @Test
    void aStudyOnAClusterGivesTheLocalEnginesNumbersAndSurvivesALostExecutor() throws Exception {
        Path plan = write("tiny.yaml", PLAN);
        runLocally(dir.resolve("local"), plan);

        Path log = dir.resolve("driver.log");
        Path planDir = dir.resolve("cluster/tiny");
        Process driver = driver(plan, dir.resolve("cluster"), log, Map.of());
        awaitFinishedRuns(driver, planDir, 1, log);
        List<ProcessHandle> running = executors(driver);
        assertFalse(running.isEmpty(), "no executor process under the driver");
        running.get(0).destroyForcibly(); // kill -9, mid-study: its task is lost and retried on a new executor
        assertEquals(0, await(driver, log), Files.readString(log));

        String out = Files.readString(log);
        assertTrue(out.contains("spark: master " + MASTER), out);
        assertTrue(out.contains("Executor lost") || out.contains("Lost executor") || out.contains("removed"), "no executor was lost:\n" + out);
        assertComplete(planDir, 8);
        assertSameRunsAndMetrics(dir.resolve("local/tiny"), planDir, "runs.csv", ResultTables.TEST_METRICS);
        assertSameRunsAndMetrics(dir.resolve("local/tiny"), planDir, "epochs.csv", List.of("train_loss", "val_loss", "val_accuracy"));
    }

    @Test
    void aSearchAcrossTwoExecutorsResumesAfterTheDriverIsKilled() throws Exception {
        Path plan = write("search.yaml", TuningTest.PLAN);
        runLocally(dir.resolve("local"), plan);

        Path planDir = dir.resolve("cluster/search");
        Path first = dir.resolve("first.log");
        Process driver = driver(plan, dir.resolve("cluster"), first, Map.of());
        awaitFinishedRuns(driver, planDir, 3, first); // mid-way through the first rung
        kill(driver);
        driver.waitFor(30, TimeUnit.SECONDS);
        int before = finishedRuns(planDir).size();
        assertTrue(before < 22, "the search had finished before the driver was killed");

        Path second = dir.resolve("second.log");
        assertEquals(0, await(driver(plan, dir.resolve("cluster"), second, Map.of()), second), Files.readString(second));
        String out = Files.readString(second);
        assertTrue(out.contains("finished earlier: kept"), out);

        assertComplete(planDir, 8); // 2 arms × (recipe, tuned) × 2 seeds; the 14 candidates are in trials.csv
        assertSameRunsAndMetrics(dir.resolve("local/search"), planDir, "trials.csv", List.of("objective", "val_loss"));
        assertSameRunsAndMetrics(dir.resolve("local/search"), planDir, "runs.csv", ResultTables.TEST_METRICS);
        assertEquals(csv(dir.resolve("local/search/best.csv")).stringColumn("run_id").asList(),
                csv(planDir.resolve("best.csv")).stringColumn("run_id").asList());
    }

    @Test
    void anExecutorThatWouldComputeOtherwiseIsRefusedInOneLine() throws Exception {
        Path plan = write("one.yaml", PLAN + "baselines: false\n");
        Path log = dir.resolve("driver.log");
        // The driver's OpenBLAS takes the Haswell kernel, the executors are told to take Sandybridge's.
        Process driver = driver(plan, dir.resolve("cluster"), log, Map.of("OPENBLAS_CORETYPE", "Haswell"),
                "-Dspark.executorEnv.OPENBLAS_CORETYPE=Sandybridge");
        assertEquals(Main.EXIT_BAD_INPUT, await(driver, log), Files.readString(log));
        String out = Files.readString(log);
        String error = out.lines().filter(l -> l.startsWith("error: ")).findFirst().orElse("");
        assertTrue(error.contains(SparkEngine.REFUSAL) && error.contains("OPENBLAS_CORETYPE"), out);
        assertTrue(finishedRuns(dir.resolve("cluster/one")).isEmpty(), "no run trained with other numbers");
    }
}
