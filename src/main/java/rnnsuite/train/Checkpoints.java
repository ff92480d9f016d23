package rnnsuite.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import rnnsuite.io.AtomicFiles;

/**
 * Saves a run's network in DL4J's model format: after every epoch {@code epoch-<n>.zip} with the updater
 * state (so training could continue from it), keeping the last {@code keep}, and {@code best.zip}
 * whenever the epoch is the best so far on validation (by the task's own validation metric, as the trainer decides). Files are written under a temporary name and
 * renamed, so a killed run never leaves a truncated model. Reload one with
 * {@code ModelSerializer.restoreMultiLayerNetwork(file)} or the {@code evaluate} command.
 */
public final class Checkpoints {

    public static final String BEST = "best.zip";

    private final Path dir;
    private final int keep;
    private final Deque<Path> kept = new ArrayDeque<>();

    /** @param keep how many per-epoch checkpoints to keep (0: none, only the best model) */
    public Checkpoints(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
    }

    /** A run's checkpoint after an epoch, relative to the run folder. */
    public static String epochFile(int epoch) {
        return "checkpoints/epoch-" + epoch + ".zip";
    }

    void epochDone(MultiLayerNetwork net, EpochResult result, boolean best) {
        try {
            Files.createDirectories(dir);
            if (keep > 0) {
                Path file = dir.resolve(epochFile(result.epoch()).substring("checkpoints/".length()));
                save(net, file, true);
                kept.addLast(file);
                while (kept.size() > keep) {
                    Files.deleteIfExists(kept.removeFirst());
                }
            }
            if (best) {
                save(net, dir.resolve(BEST), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a checkpoint to " + dir + ": " + e.getMessage() + " (free some space or "
                    + "choose another folder with --results; the same command then goes on where it stopped)", e);
        }
    }

    private static void save(MultiLayerNetwork net, Path file, boolean withUpdater) throws IOException {
        AtomicFiles.write(file, tmp -> ModelSerializer.writeModel(net, tmp.toFile(), withUpdater));
    }
}
