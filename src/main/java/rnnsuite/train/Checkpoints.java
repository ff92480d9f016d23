package rnnsuite.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import rnnsuite.io.AtomicFiles;
import rnnsuite.io.Json;

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

    /** @param keep how many per-epoch checkpoints to keep (0: none, only the best model) */
    public Checkpoints(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
    }

    /** A run's checkpoint after an epoch, relative to the run folder. */
    public static String epochFile(int epoch) {
        return "checkpoints/" + epochName(epoch);
    }

    /**
     * What a run had done when it saved an epoch's checkpoint, beside it as {@code epoch-<n>.json}: with the network
     * and its updater state, all an interrupted run needs to go on as if it had not stopped.
     *
     * @param epochs             every epoch so far
     * @param trainSeconds       their training time
     * @param gradientsUntrained the gradient probe before training, or null
     * @param rngRoot            the training thread's ND4J generator after the epoch (root state): the next epoch's
     *                           dropout masks follow from it
     * @param rngNode            its node state
     */
    public record Progress(List<EpochResult> epochs, double trainSeconds, double[] gradientsUntrained, long rngRoot, long rngNode) {

        public Progress {
            epochs = List.copyOf(epochs);
        }

        /** The last epoch taken. */
        public int epoch() {
            return epochs.size();
        }

        /** The outcome so far, as a continued run's earlier part (no test metrics yet). */
        public TrainingOutcome outcome() {
            return new TrainingOutcome(0, epochs, null, trainSeconds, Double.NaN, gradientsUntrained, null);
        }
    }

    /** The latest epoch a run saved with its progress: the network (updater included) and what it had done, if any. */
    public static Optional<Latest> latest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Integer> epochs = files.map(f -> SAVED.matcher(f.getFileName().toString()))
                    .filter(m -> m.matches() && m.group(2).equals("json")).map(m -> Integer.parseInt(m.group(1))).sorted(java.util.Comparator.reverseOrder()).toList();
            for (int epoch : epochs) {
                Path zip = dir.resolve(epochName(epoch));
                try {
                    Progress progress = Json.read(dir.resolve(progressName(epoch)), Progress.class);
                    if (progress.epoch() == epoch && Files.isRegularFile(zip)) {
                        return Optional.of(new Latest(zip, progress));
                    }
                } catch (IOException e) {
                    // unreadable: try the epoch before
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A run's last saved epoch: the checkpoint file and the progress beside it. */
    public record Latest(Path network, Progress progress) {
    }

    /** An epoch's saved network ({@code zip}) or progress ({@code json}). */
    private static final java.util.regex.Pattern SAVED = java.util.regex.Pattern.compile("epoch-(\\d+)\\.(zip|json)");

    private static String epochName(int epoch) {
        return "epoch-" + epoch + ".zip";
    }

    private static String progressName(int epoch) {
        return "epoch-" + epoch + ".json";
    }

    /**
     * Saves an epoch: its network with the updater and its progress (written after the network, so a progress file
     * vouches for its checkpoint), then best.zip when the epoch is the best so far. A run killed between the two
     * resumes from this epoch, whose own network is then the best one.
     */
    void epochDone(MultiLayerNetwork net, Progress progress, boolean best) {
        try {
            Files.createDirectories(dir);
            if (keep > 0) {
                Path file = dir.resolve(epochName(progress.epoch()));
                save(net, file, true);
                Json.write(dir.resolve(progressName(progress.epoch())), progress);
                // by number, not by what this process saved: a resumed run also prunes its first attempt's epochs
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path old : files.toList()) {
                        java.util.regex.Matcher m = SAVED.matcher(old.getFileName().toString());
                        if (m.matches() && Integer.parseInt(m.group(1)) <= progress.epoch() - keep) {
                            Files.deleteIfExists(old);
                        }
                    }
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
