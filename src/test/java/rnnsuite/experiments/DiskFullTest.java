package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results folder on a disk that fills up: one error line and a non-zero status, no temporary file left to keep the
 * disk full, and once space is freed the same command finishes the plan. Runs on a small filesystem of its own (a
 * tmpfs of 16 MB, which takes root); skipped with a message where the machine does not let the test mount one.
 */
@Tag("slow")
class DiskFullTest {

    /** A run's settings fit in this; its first checkpoint (about 0.5 MB with the optimiser's state) does not. */
    private static final long LEFT_FREE = 200 * 1024;

    private static final String PLAN = """
            variants: [lstm]
            seeds: [1]
            data: {dataset: recall, max_len: 5, examples: 200}
            model: {layers: 1, units: 96}
            train: {epochs: 2, batch_size: 64}
            baselines: false
            """;

    @TempDir
    Path dir;

    @Test
    void aFullDiskFailsInOneLineLeavesNoTemporaryFileAndTheRunFinishesOnceSpaceIsFreed() throws Exception {
        Path disk = dir.resolve("disk");
        Files.createDirectories(disk);
        String mounted = command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.toString());
        Assumptions.assumeTrue(mounted == null, () -> "skipped: this machine does not let the test mount a small filesystem "
                + "(" + mounted + "); run the tests as root on Linux to include the full-disk test");
        try {
            Path plan = dir.resolve("tiny.yaml");
            Files.writeString(plan, PLAN);
            Path results = disk.resolve("results");
            Path filler = disk.resolve("filler");
            fill(filler, Files.getFileStore(disk).getUsableSpace() - LEFT_FREE);

            String[] full = cli("run", plan.toString(), "--results", results.toString());
            assertNotEquals("0", full[0], full[1] + full[2]);
            List<String> lines = full[2].lines().toList();
            assertEquals(1, lines.size(), full[2]);
            assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains("No space left on device"), lines.get(0));
            assertEquals(List.of(), temporaryFiles(disk), "a failed write removes its temporary file");

            Files.delete(filler); // space is freed: the same command picks up where it stopped
            String[] resumed = cli("run", plan.toString(), "--results", results.toString());
            assertEquals("0", resumed[0], resumed[1] + resumed[2]);
            Path planDir = results.resolve("tiny");
            try (Stream<Path> runs = Files.list(planDir.resolve("runs"))) {
                assertTrue(Files.isRegularFile(runs.findFirst().orElseThrow().resolve(RunStore.RESULT)), "the run finished");
            }
            assertTrue(Files.isRegularFile(planDir.resolve("runs.csv")) && Files.isRegularFile(planDir.resolve("report.html")));
            assertEquals(List.of(), temporaryFiles(disk));
        } finally {
            if (command("umount", disk.toString()) != null) {
                command("umount", "-l", disk.toString());
            }
        }
    }

    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }

    private static List<String> temporaryFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.map(p -> root.relativize(p).toString()).filter(p -> p.endsWith(".tmp")).toList();
        }
    }

    /** Runs a system command; null when it succeeded, else what went wrong. */
    private static String command(String... args) {
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return String.join(" ", args) + " did not finish";
            }
            return p.exitValue() == 0 ? null : String.join(" ", args) + ": " + output;
        } catch (IOException e) {
            return String.join(" ", args) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String[] cli(String... args) {
        return rnnsuite.TestCli.run(args);
    }
}
