package rnnsuite.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deleting a file or a folder with everything in it: how a run folder is cleared and a failure's leftovers go. */
public final class FileTrees {

    private FileTrees() {
    }

    /** Deletes {@code path} (a file, or a folder and all below it) if it is there. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Deletes what a failure left at {@code path}, as far as it can, so that it does not keep the space it took (a full
     * disk); what cannot be deleted goes with {@code failure}, which is what the caller reports.
     */
    public static void deleteQuietly(Path path, Throwable failure) {
        try {
            deleteRecursively(path);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
