package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.cli.Main;
import rnnsuite.report.ResultTables;
import tech.tablesaw.api.Table;

/**
 * A study killed with SIGKILL again and again, at epochs drawn from a seeded generator, and resumed each time with
 * the same command, ends as the same study run without a fault: runs.csv, summary.csv, epochs.csv and every run's
 * result to the last digit, no temporary file anywhere, and no run trained again once it had finished. About two
 * minutes (a JVM per attempt): slow tier.
 */
@Tag("slow")
class FaultInjectionTest {

    private static final String PLAN = """
            variants: [simple_rnn, lstm]
            seeds: [1, 2, 3, 4, 5]
            data: {max_len: 12, max_vocab: 300}
            model: {layers: 1, units: 8, embedding_size: 4}
            train: {epochs: 2, batch_size: 64}
            baselines: false
            """;
    private static final int KILLS = 10;
    private static final Pattern EPOCH_LINE = Pattern.compile("epoch \\d+/\\d+ +train_loss");

    @TempDir
    Path dir;

    @Test
    void aStudyKilledAtRandomEpochsAndResumedEndsAsOneRunWithoutFaults() throws Exception {
        Path plan = dir.resolve("faults.yaml");
        Files.writeString(plan, PLAN);
        new PlanRunner(dir.resolve("clean"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .run(PlanReader.load(plan), "test", new LocalEngine(1));

        Path planDir = dir.resolve("faulty/faults");
        Random points = new Random(20261206);
        Map<Path, Finished> finished = new HashMap<>();
        int kills = 0;
        while (kills < KILLS) {
            // 1 to 3 epochs into this attempt: a run has 2, so the kill falls mid-run, between runs or as one ends
            int epochs = 1 + points.nextInt(3);
            Attempt attempt = start(plan, dir.resolve("attempt-" + kills + ".log"));
            boolean killed = attempt.killAfter(epochs);
            assertTrue(killed, "the study finished after " + kills + " kills, before the next one:\n" + attempt.output());
            kills++;
            // what has finished must stay as it is: never trained again
            for (Path result : results(planDir)) {
                finished.putIfAbsent(result, Finished.of(result));
            }
        }
        Attempt last = start(plan, dir.resolve("last.log"));
        assertEquals(0, last.awaitExit(), last.output());

        assertNoTemporaryFiles(planDir);
        for (Map.Entry<Path, Finished> run : finished.entrySet()) {
            assertEquals(run.getValue(), Finished.of(run.getKey()), run.getKey() + " was trained again after it had finished");
        }
        Path clean = dir.resolve("clean/faults");
        SparkClusterTest.assertComplete(planDir, 10);
        SparkClusterTest.assertSameRunsAndMetrics(clean, planDir, "runs.csv", ResultTables.TEST_METRICS);
        SparkClusterTest.assertSameRunsAndMetrics(clean, planDir, "epochs.csv", List.of("train_loss", "val_loss", "val_accuracy"));
        Table expected = SparkClusterTest.csv(clean.resolve("summary.csv"));
        Table actual = SparkClusterTest.csv(planDir.resolve("summary.csv"));
        assertEquals(expected.columnNames(), actual.columnNames());
        for (String column : expected.columnNames()) {
            if (column.startsWith("test_")) {
                assertEquals(expected.column(column).asList(), actual.column(column).asList(), "summary.csv " + column);
            }
        }
        for (Path result : results(clean)) {
            Path other = planDir.resolve(clean.relativize(result));
            Computed a = Computed.of(result);
            assertTrue(!a.epochs().isBlank() && !a.test().equals("null"), result.toString());
            assertEquals(a, Computed.of(other), other.toString());
        }
    }

    /** A finished run's record as it lies on disk: the bytes and when they were written. */
    private record Finished(byte[] bytes, FileTime written) {
        static Finished of(Path file) throws IOException {
            return new Finished(Files.readAllBytes(file), Files.getLastModifiedTime(file));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Finished f && java.util.Arrays.equals(bytes, f.bytes) && written.equals(f.written);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }
    }

    /** What a run computed, without its timings: every epoch's losses and the test metrics. */
    private record Computed(String epochs, String test) {
        static Computed of(Path result) throws IOException {
            var node = rnnsuite.io.Json.MAPPER.readTree(result.toFile()).get("outcome");
            StringBuilder epochs = new StringBuilder();
            node.get("epochs").forEach(e -> epochs.append(e.get("trainLoss")).append(' ').append(e.get("valLoss")).append(' ')
                    .append(e.get("valAccuracy")).append(' ').append(e.get("gradNormMean")).append('\n'));
            return new Computed(epochs.toString(), String.valueOf(node.get("test")));
        }
    }

    private static List<Path> results(Path planDir) throws IOException {
        if (!Files.isDirectory(planDir.resolve("runs"))) {
            return List.of();
        }
        try (Stream<Path> runs = Files.list(planDir.resolve("runs"))) {
            return runs.map(r -> r.resolve(RunStore.RESULT)).filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** No half-written file anywhere (a kill between a write and its rename leaves one, which a later write must clear). */
    private static void assertNoTemporaryFiles(Path planDir) throws IOException {
        try (Stream<Path> all = Files.walk(planDir)) {
            List<Path> tmp = all.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertTrue(tmp.isEmpty(), "temporary files left: " + tmp);
        }
    }

    private Attempt start(Path plan, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--add-modules", "jdk.incubator.vector"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName(), "run", plan.toString(), "--results", dir.resolve("faulty").toString(), "--parallel", "1"));
        return new Attempt(new ProcessBuilder(cmd).redirectErrorStream(true).start(), log);
    }

    /** One invocation of the study, its output copied to a log as it comes. */
    private record Attempt(Process process, Path log) {

        /** Kills the process with SIGKILL once it has printed {@code epochs} finished epochs; false if it ended first. */
        boolean killAfter(int epochs) throws IOException, InterruptedException {
            int seen = 0;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Files.writeString(log, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                            java.nio.file.StandardOpenOption.APPEND);
                    if (EPOCH_LINE.matcher(line).find() && ++seen == epochs) {
                        process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
                        process.waitFor(30, TimeUnit.SECONDS);
                        return true;
                    }
                }
            }
            process.waitFor(30, TimeUnit.SECONDS);
            return false;
        }

        int awaitExit() throws IOException, InterruptedException {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                StringBuilder all = new StringBuilder();
                String line;
                while ((line = out.readLine()) != null) {
                    all.append(line).append('\n');
                }
                Files.writeString(log, all.toString(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the last attempt did not end");
            }
            return process.exitValue();
        }

        String output() throws IOException {
            return Files.isRegularFile(log) ? Files.readString(log) : "";
        }
    }
}
