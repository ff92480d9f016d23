package rnnsuite.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per folder: a second process or a second taker in this one is refused, a killed holder's lock is not a lock. */
class FolderLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondTakerInThisProcessIsRefusedUntilTheFirstLetsGo() throws Exception {
        long pid = ProcessHandle.current().pid();
        try (FolderLock first = FolderLock.acquire(dir, "run tiny.yaml", "wait")) {
            assertTrue(first.warning().isEmpty());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FolderLock.acquire(dir, "report", "wait"));
            assertTrue(e.getMessage().startsWith(dir + File.separator + " is in use by process " + pid + " on host "), e.getMessage());
            assertTrue(e.getMessage().endsWith(" (run tiny.yaml): wait"), e.getMessage());
            // the refusal here left the OS lock alone: another process is refused too
            assertTrue(LockHolder.attempt(dir).startsWith("refused: " + dir + File.separator + " is in use by process " + pid + " "));
        }
        assertEquals("locked", LockHolder.attempt(dir), "let go");
        FolderLock.acquire(dir, "again", "wait").close();
        assertTrue(Files.isRegularFile(dir.resolve(FolderLock.FILE)), "the file stays");
    }

    @Test
    void anotherProcessIsNamedAndItsLockGoesWhenItIsKilled() throws Exception {
        Process holder = LockHolder.start(dir, "run experiments/default.yaml");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> FolderLock.acquire(dir, "run", "wait for it to finish"));
            assertTrue(e.getMessage().matches("\\Q" + dir + File.separator + " is in use by process " + holder.pid()
                    + " on host \\E\\S+ since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"
                    + "\\Q (run experiments/default.yaml): wait for it to finish\\E"), e.getMessage());
        } finally {
            LockHolder.kill(holder);
        }
        assertTrue(Files.readString(dir.resolve(FolderLock.FILE)).contains("pid: " + holder.pid()),
                "the killed holder's file is still there");
        try (FolderLock lock = FolderLock.acquire(dir, "run", "wait")) { // and is not a lock
            assertTrue(LockHolder.attempt(dir).startsWith("refused: " + dir + File.separator + " is in use by process " + ProcessHandle.current().pid() + " "));
        }
        assertEquals("", Files.readString(dir.resolve(FolderLock.FILE)), "emptied when let go");
    }

    @Test
    void aFolderThatIsNotThereIsAnError() {
        assertThrows(UncheckedIOException.class, () -> FolderLock.acquire(dir.resolve("missing"), "run", "wait"));
    }
}
