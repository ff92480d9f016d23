package rnnsuite.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files written whole or not at all: under a temporary name beside the target, then renamed into place, so a
 * reader (or a killed run) never sees half a file. Every layer writes its results, records and models this way.
 */
public final class AtomicFiles {

    /** Writes to the temporary file it is given. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path tmp) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path file, byte[] content) throws IOException {
        write(file, tmp -> Files.write(tmp, content));
    }

    /**
     * Lets {@code writer} fill a temporary file, then renames it to {@code file}. When either fails (a full disk) the
     * temporary file is deleted, so that the failure does not keep the space it took, and {@code file} is as before.
     */
    public static void write(Path file, Writer writer) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            writer.writeTo(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp); // the temporary file only: anything else in its place is not ours to delete
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
