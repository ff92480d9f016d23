package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * result to the last digit (a run killed part way goes on after its last saved epoch, dropout 0.5 and all), no
 * temporary file anywhere, and no run trained again once it had finished. About two minutes (a JVM per attempt):
 * slow tier.
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
    /** Each attempt trains 1 to 3 epochs of the study's 20 before its kill: 6 kills leave some for the last attempt. */
    private static final int KILLS = 6;
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
        StringBuilder outputs = new StringBuilder();
        while (kills < KILLS) {
            // 1 to 3 epochs into this attempt: a run has 2, so the kill falls mid-run, between runs or as one ends
            int epochs = 1 + points.nextInt(3);
            Attempt attempt = start(plan, dir.resolve("attempt-" + kills + ".log"));
            boolean killed = attempt.killAfter(EPOCH_LINE, epochs);
            assertTrue(killed, "the study finished after " + kills + " kills, before the next one:\n" + attempt.output());
            kills++;
            outputs.append(attempt.output());
            // what has finished must stay as it is: never trained again
            for (Path result : results(planDir)) {
                finished.putIfAbsent(result, Finished.of(result));
            }
        }
        Attempt last = start(plan, dir.resolve("last.log"));
        assertEquals(0, last.awaitExit(), last.output());
        outputs.append(last.output());
        assertTrue(outputs.toString().contains("goes on after epoch 1, where an earlier attempt stopped"),
                "some kill fell mid-run, and the next attempt went on from there");

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
        return Attempt.start(log, "run", plan.toString(), "--results", dir.resolve("faulty").toString(), "--parallel", "1");
    }
}
