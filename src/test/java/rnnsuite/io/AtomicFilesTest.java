package rnnsuite.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write leaves the target as it was and no temporary file behind. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aWriterThatFailsHalfWayLeavesNoTemporaryFileAndTheTargetUntouched() throws IOException {
        Path target = dir.resolve("epoch-1.zip");
        AtomicFiles.write(target, "the old model".getBytes(StandardCharsets.UTF_8));
        IOException full = new IOException("No space left on device");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(new byte[64 * 1024]); // some bytes reach the disk, then it is full
                throw full;
            }
        }));
        assertSame(full, thrown, "the writer's own exception");
        assertEquals(List.of("epoch-1.zip"), files(), "no epoch-1.zip.tmp left");
        assertArrayEquals("the old model".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
    }

    @Test
    void anUncheckedFailureCleansUpToo() throws IOException {
        Path target = dir.resolve("runs.csv");
        RuntimeException broken = new IllegalStateException("serialiser broke");
        assertSame(broken, assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.writeString(tmp, "half a table");
            throw broken;
        })));
        assertEquals(List.of(), files());
    }

    @Test
    void aFailedRenameRemovesTheTemporaryFile() throws IOException {
        Path target = dir.resolve("occupied");
        Files.createDirectories(target.resolve("not empty")); // a non-empty folder cannot be replaced
        assertThrows(IOException.class, () -> AtomicFiles.write(target, "x".getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of("occupied"), files());
        assertFalse(Files.exists(dir.resolve("occupied.tmp")));
    }

    @Test
    void aTemporaryFileThatCannotBeDeletedIsReportedWithTheFailure() throws IOException {
        Path target = dir.resolve("model.zip");
        IOException full = new IOException("No space left on device");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(target, tmp -> {
            Files.createDirectories(tmp.resolve("in the way")); // a non-empty folder: deleteIfExists fails
            throw full;
        }));
        assertSame(full, thrown);
        assertEquals(1, thrown.getSuppressed().length, "the failed clean-up rides along");
    }
}
