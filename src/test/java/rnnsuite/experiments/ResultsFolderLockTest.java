package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.cli.Main;
import rnnsuite.io.FolderLock;
import rnnsuite.io.LockHolder;
import rnnsuite.train.RunRecord;
import rnnsuite.train.Trial;

/** A results folder has one writer at a time: a second `run` (or `report`) is refused naming the first, never both train. */
class ResultsFolderLockTest {

    private static final String PLAN = """
            variants: [min_gru]
            seeds: [1]
            data: {dataset: recall, examples: 120, max_len: 6}
            model: {layers: 1, units: 8}
            train: {epochs: 1}
            baselines: false
            """;

    @TempDir
    Path dir;

    private Path plan() throws IOException {
        Path file = dir.resolve("tiny.yaml");
        Files.writeString(file, PLAN);
        return file;
    }

    /** The status and what went to stderr. */
    private record Outcome(int status, String err) {
    }

    private static Outcome execute(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Outcome(Main.execute(args), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }

    @Test
    void aSecondProcessIsRefusedNamingTheFirstAndWritesNothing() throws Exception {
        Path results = dir.resolve("results");
        Path planDir = results.resolve("tiny");
        Files.createDirectories(planDir);
        Process holder = LockHolder.start(planDir, "run tiny.yaml");
        try {
            Outcome run = execute("run", plan().toString(), "--results", results.toString());
            assertEquals(Main.EXIT_BAD_INPUT, run.status());
            String line = "error: " + planDir + File.separator + " is in use by process " + holder.pid() + " on host ";
            assertTrue(run.err().startsWith(line) && run.err().strip().endsWith(
                    " (run tiny.yaml): wait for it to finish, or use another --results folder"), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertFalse(Files.exists(planDir.resolve("runs")), "nothing trained");
            assertFalse(Files.exists(planDir.resolve("study.json")), "nothing written");

            Outcome report = execute("report", planDir.toString());
            assertEquals(Main.EXIT_BAD_INPUT, report.status());
            assertTrue(report.err().startsWith(line) && report.err().contains("(run tiny.yaml): wait for it to finish"), report.err());

            assertEquals(0, execute("run", plan().toString(), "--results", results.toString(), "--dry-run").status(),
                    "a dry run writes nothing, so it takes no lock");
        } finally {
            LockHolder.kill(holder);
        }
        // killed as with kill -9: its lock file is left, and is no lock
        assertTrue(Files.readString(planDir.resolve(FolderLock.FILE)).contains("pid: " + holder.pid()));
        assertEquals(0, execute("run", plan().toString(), "--results", results.toString()).status());
        assertTrue(Files.isRegularFile(planDir.resolve("runs.csv")));
        assertEquals("", Files.readString(planDir.resolve(FolderLock.FILE)), "let go at the end");
    }

    @Test
    void theFolderIsHeldForTheWholeRunAndLetGoWhenItFinishesOrFails() throws Exception {
        Plan plan = PlanReader.load(plan());
        Path results = dir.resolve("results");
        Path planDir = results.resolve("tiny");
        LocalEngine local = new LocalEngine();
        List<String> seen = new ArrayList<>();
        TrialEngine watching = new TrialEngine() {
            @Override
            public void run(List<Trial> trials, RunStore store, PrintStream out, Finished finished) {
                try {
                    seen.add(LockHolder.attempt(planDir)); // another process, while the runs train
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
                seen.add(assertThrows(IllegalArgumentException.class, () -> FolderLock.acquire(planDir, "same JVM", "wait")).getMessage());
                local.run(trials, store, out, finished);
            }

            @Override
            public String describe() {
                return "watching";
            }
        };
        List<RunRecord> records = new PlanRunner(results, quiet()).run(plan, "run tiny.yaml", watching);
        assertEquals(1, records.size());
        String pid = " is in use by process " + ProcessHandle.current().pid() + " ";
        assertTrue(seen.get(0).startsWith("refused: " + planDir + File.separator + pid), seen.get(0));
        assertTrue(seen.get(1).startsWith(planDir + File.separator + pid) && seen.get(1).contains("(run tiny.yaml)"), seen.get(1));
        FolderLock.acquire(planDir, "after", "wait").close(); // let go when it finished

        TrialEngine failing = new TrialEngine() {
            @Override
            public void run(List<Trial> trials, RunStore store, PrintStream out, Finished finished) {
                throw new IllegalStateException("a run failed");
            }

            @Override
            public String describe() {
                return "failing";
            }
        };
        PlanRunner fresh = new PlanRunner(results, quiet()).fresh(true);
        assertEquals("a run failed", assertThrows(IllegalStateException.class, () -> fresh.run(plan, "run tiny.yaml", failing)).getMessage());
        assertEquals("locked", LockHolder.attempt(planDir), "let go when it failed");
    }
}
