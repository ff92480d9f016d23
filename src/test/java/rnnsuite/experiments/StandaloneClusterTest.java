package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.io.Json;
import rnnsuite.report.ResultTables;
import rnnsuite.runtime.Natives;

/**
 * The cluster jar as a user submits it: {@code target/rnn-suite-cluster.jar} (built here when older than the classes)
 * on a Spark standalone master and worker, each a JVM of its own started by {@code scripts/spark-cluster.sh} from
 * Spark's own class path (nothing of the suite's: ND4J and its natives come from the jar), submitted with Spark's
 * SparkSubmit. An executor is killed with SIGKILL mid-study; every run must finish once, on the libnd4j build the
 * local engine loads on this CPU, with the local engine's numbers to the last digit. A few minutes: slow tier.
 */
@Tag("slow")
class StandaloneClusterTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path JAR = ROOT.resolve("target/rnn-suite-cluster.jar");
    private static final Path SCRIPT = ROOT.resolve("scripts/spark-cluster.sh");

    @TempDir
    Path dir;

    @Test
    void theClusterJarOnAStandaloneClusterComputesWhatTheLocalEngineComputes() throws Exception {
        buildClusterJarIfStale();
        Path plan = dir.resolve("tiny.yaml");
        Files.writeString(plan, SparkClusterTest.PLAN);
        new PlanRunner(dir.resolve("local"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(PlanReader.load(plan), "test", new LocalEngine(2));

        Path cluster = dir.resolve("cluster");
        Map<String, String> env = Map.of("RNNSUITE_CLUSTER_DIR", cluster.toString(), "RNNSUITE_CLUSTER_PORT", String.valueOf(freePort()));
        try {
            Path startLog = dir.resolve("start.log");
            assertEquals(0, script(env, startLog, "start", "2", "3g").waitFor(), Files.readString(startLog));

            Path log = dir.resolve("submit.log");
            Path planDir = dir.resolve("results/tiny");
            Process submit = script(env, log, "submit", "run", plan.toString(), "--results", dir.resolve("results").toString());
            SparkClusterTest.awaitFinishedRuns(submit, planDir, 1, log);
            List<ProcessHandle> executors = executors(cluster);
            assertFalse(executors.isEmpty(), "no executor of this cluster running");
            executors.forEach(ProcessHandle::destroyForcibly); // kill -9 mid-study: its tasks are lost and run again elsewhere
            if (!submit.waitFor(8, TimeUnit.MINUTES)) {
                submit.destroyForcibly();
                throw new AssertionError("the study did not finish in 8 minutes:\n" + Files.readString(log));
            }
            String out = Files.readString(log);
            assertEquals(0, submit.exitValue(), out);
            assertTrue(executorFolders(cluster) >= 2, "no executor replaced the killed one:\n" + out);

            SparkClusterTest.assertComplete(planDir, 8);
            String build = Natives.build();
            assertEquals(Natives.bestBuild() == null ? build : Natives.bestBuild(), build, "the local engine's build");
            assertTrue(out.contains("natives: CpuBackend " + build + ","), "the driver's build:\n" + out);
            for (Path run : SparkClusterTest.finishedRuns(planDir)) {
                JsonNode environment = Json.MAPPER.readTree(run.resolve("environment.json").toFile());
                assertEquals(build, environment.get("nd4j_build").asText(), run + " trained on another build");
            }
            SparkClusterTest.assertSameRunsAndMetrics(dir.resolve("local/tiny"), planDir, "runs.csv", ResultTables.TEST_METRICS);
            SparkClusterTest.assertSameRunsAndMetrics(dir.resolve("local/tiny"), planDir, "epochs.csv", List.of("train_loss", "val_loss", "val_accuracy"));
        } finally {
            script(env, dir.resolve("stop.log"), "stop").waitFor(2, TimeUnit.MINUTES);
        }
    }

    /** The jar as {@code mvn -Pcluster package} makes it, remade when any compiled class is newer. */
    private static void buildClusterJarIfStale() throws Exception {
        FileTime classes;
        try (Stream<Path> files = Files.walk(ROOT.resolve("target/classes"))) {
            classes = files.filter(Files::isRegularFile).map(StandaloneClusterTest::modified).max(FileTime::compareTo).orElseThrow();
        }
        if (Files.isRegularFile(JAR) && modified(JAR).compareTo(classes) > 0) {
            return;
        }
        Path log = Files.createTempFile("cluster-jar", ".log");
        Process mvn = new ProcessBuilder("mvn", "-B", "-ntp", "-q", "-Pcluster", "package", "-Dmaven.test.skip=true")
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(mvn.waitFor(10, TimeUnit.MINUTES) && mvn.exitValue() == 0, "the cluster jar did not build:\n" + Files.readString(log));
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Process script(Map<String, String> env, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** This cluster's executor JVMs, by the SPARK_HOME in their class path. */
    private static List<ProcessHandle> executors(Path cluster) {
        return ProcessHandle.allProcesses().filter(h -> {
            String cmd = SparkClusterTest.commandLine(h);
            return cmd.contains("CoarseGrainedExecutorBackend") && cmd.contains(cluster.toString());
        }).toList();
    }

    /** Executors the worker started for the study: one folder each under work/<app>/. */
    private static long executorFolders(Path cluster) throws IOException {
        try (Stream<Path> apps = Files.list(cluster.resolve("work"))) {
            long n = 0;
            for (Path app : apps.toList()) {
                try (Stream<Path> executors = Files.list(app)) {
                    n += executors.filter(Files::isDirectory).count();
                }
            }
            return n;
        }
    }
}
