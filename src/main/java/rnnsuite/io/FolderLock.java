package rnnsuite.io;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One writer per folder: an exclusive OS lock on {@code <folder>/.lock}, held until {@link #close}. The file
 * names its holder (pid, host, start, command) so that a second process can say who has the folder. The OS
 * drops the lock when its process dies, however it dies, so a file left by a killed holder is not a lock:
 * the next process takes it without being told. Nothing else in the process may open the lock file while it is
 * held: on POSIX systems closing any channel onto it drops the process's lock.
 */
public final class FolderLock implements AutoCloseable {

    public static final String FILE = ".lock";

    /**
     * The byte locked: one far past the holder's lines, so that readers can still read them where locks are
     * mandatory (Windows locks the bytes themselves).
     */
    private static final long REGION = Long.MAX_VALUE - 1;

    /** Locks this JVM holds, by lock file: a second taker here is refused without opening the file. */
    private static final Map<Path, Holder> HELD = new HashMap<>();

    /** Who holds a folder, as its lock file says. */
    private record Holder(long pid, String host, String since, String command) {

        String describe() {
            return "process " + pid + " on host " + host + " since " + since + " (" + command + ")";
        }

        String lines() {
            return "pid: " + pid + "\nhost: " + host + "\nsince: " + since + "\ncommand: " + command.replace('\n', ' ') + "\n";
        }

        static Optional<Holder> parse(String text) {
            Map<String, String> fields = new HashMap<>();
            text.lines().forEach(line -> {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    fields.put(line.substring(0, colon), line.substring(colon + 2));
                }
            });
            try {
                return Optional.of(new Holder(Long.parseLong(fields.get("pid")), fields.getOrDefault("host", "?"),
                        fields.getOrDefault("since", "?"), fields.getOrDefault("command", "?")));
            } catch (NumberFormatException e) { // empty, or the holder is still writing it
                return Optional.empty();
            }
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final String warning;

    private FolderLock(Path file, FileChannel channel, FileLock lock, String warning) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.warning = warning;
    }

    /**
     * Takes {@code dir}'s lock (the folder must exist) for {@code command}, or refuses with an
     * IllegalArgumentException naming the holder and ending in {@code fix}. On a file system without locks
     * it goes on unlocked and says so in {@link #warning}.
     *
     * @throws UncheckedIOException when the lock file cannot be written
     */
    public static FolderLock acquire(Path dir, String command, String fix) {
        synchronized (HELD) {
            Path file;
            try {
                file = dir.toRealPath().resolve(FILE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock " + dir + ": " + e.getMessage(), e);
            }
            Holder here = HELD.get(file);
            if (here != null) {
                throw inUse(dir, Optional.of(here), fix);
            }
            FileChannel channel;
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the lock file " + file + ": " + e.getMessage(), e);
            }
            FileLock lock;
            try {
                lock = channel.tryLock(REGION, 1, false);
            } catch (IOException e) { // e.g. a network file system without lock support
                close(channel);
                return new FolderLock(file, null, null, "warning: " + dir + File.separator + " cannot be locked here (" + e.getMessage()
                        + "): make sure no other process writes it at the same time");
            } catch (OverlappingFileLockException e) { // locked through another channel of this JVM, not by this class
                close(channel);
                throw inUse(dir, Optional.empty(), fix);
            }
            if (lock == null) {
                close(channel);
                throw inUse(dir, read(file), fix);
            }
            Holder holder = new Holder(ProcessHandle.current().pid(), rnnsuite.runtime.HostName.of("unknown"), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                    command);
            try {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(holder.lines().getBytes(StandardCharsets.UTF_8)), 0);
            } catch (IOException e) {
                close(channel); // releases the lock too
                throw new UncheckedIOException("cannot write the lock file " + file + ": " + e.getMessage(), e);
            }
            HELD.put(file, holder);
            return new FolderLock(file, channel, lock, null);
        }
    }

    /** Said when the folder could not be locked and the caller goes on without. */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    /**
     * Empties the lock file and releases it. The file stays: deleting it would let a process that opened it just
     * before lock the deleted file while a third locks a new one.
     */
    @Override
    public void close() {
        if (channel == null) {
            return;
        }
        synchronized (HELD) {
            try {
                if (channel.isOpen()) {
                    channel.truncate(0);
                    lock.release();
                }
            } catch (IOException e) {
                // closing the channel below releases the lock all the same
            } finally {
                close(channel);
                HELD.remove(file);
            }
        }
    }

    private static IllegalArgumentException inUse(Path dir, Optional<Holder> holder, String fix) {
        return new IllegalArgumentException(dir + File.separator + " is in use by " + holder.map(Holder::describe).orElse("another process")
                + ": " + fix);
    }

    private static Optional<Holder> read(Path file) {
        try {
            return Holder.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }


    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held through it any more
        }
    }
}
