package rnnsuite.experiments;

import rnnsuite.io.AtomicFiles;
import rnnsuite.io.FileTrees;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import rnnsuite.data.PreparedCache;
import rnnsuite.data.PreparedData;
import rnnsuite.io.Json;
import rnnsuite.train.Checkpoints;
import rnnsuite.train.RunRecord;
import rnnsuite.train.Trial;
import rnnsuite.train.TrainingOutcome;

/**
 * The run directories of a plan, {@code results/<plan>/runs/<run id>/}:
 * <ul>
 * <li>{@code config.json}: the resolved settings of the run and the DL4J configuration as JSON;</li>
 * <li>{@code environment.json}: when, the suite's version and git commit, the data's fingerprint, Java, OS, CPU,
 *     natives, OpenBLAS settings, a fingerprint of how the process computes, threads ({@link Provenance});</li>
 * <li>{@code checkpoints/}: per-epoch models (the last few) and {@code best.zip} (lowest validation loss);</li>
 * <li>{@code result.json}: the finished run (metrics, epochs, gradient probe), written last and
 *     atomically — a run directory without it is an interrupted run, redone from the start.</li>
 * </ul>
 * Re-running a plan skips every run whose {@code result.json} exists: the run id hashes all of its
 * settings, so only the same run with the same settings counts as done.
 */
public final class RunStore {

    public static final String RESULT = "result.json";
    public static final String CONFIG = "config.json";

    private static final ObjectMapper JSON = Json.MAPPER;

    private final Path planDir;
    /** The code the runs are made with ({@link Provenance#source}), recorded in each run's environment.json. */
    private final Map<String, Object> source;

    /** The run folders of a plan folder in a results root, made with the code of this checkout. */
    public RunStore(Path planDir) {
        this(planDir, Provenance.source(planDir.toAbsolutePath().getParent()));
    }

    /** @param source the code the runs are made with: on a Spark executor, the driver's */
    public RunStore(Path planDir, Map<String, Object> source) {
        this.planDir = planDir;
        this.source = Map.copyOf(source);
    }

    /** The code the runs are made with. */
    public Map<String, Object> source() {
        return source;
    }

    public Path dir(Trial trial) {
        return dir(trial.runId());
    }

    private Path dir(String runId) {
        return planDir.resolve("runs").resolve(runId);
    }

    /** Where a promoted candidate starts: the network of its shorter run's last epoch, and that run's outcome. */
    public record Resume(MultiLayerNetwork network, TrainingOutcome earlier) {
    }

    /**
     * Where a run stopped before it finished (a killed process, a sitting's end) goes on from: its last epoch's
     * checkpoint and progress, and the best epoch's parameters when that epoch is an earlier one.
     */
    public record Interrupted(MultiLayerNetwork network, Checkpoints.Progress progress, org.nd4j.linalg.api.ndarray.INDArray best) {
    }

    /**
     * The interrupted attempt of this very run, if one saved an epoch with its progress (every run does, unless
     * {@code train.keep_checkpoints} is 0) and, where the best epoch is not the last, its best.zip; else empty and
     * the run starts from scratch.
     */
    public Optional<Interrupted> interrupted(Trial trial) {
        Path dir = dir(trial);
        if (Files.exists(dir.resolve(RESULT)) || !Files.isRegularFile(dir.resolve(CONFIG))) {
            return Optional.empty();
        }
        Optional<Checkpoints.Latest> latest = Checkpoints.latest(dir.resolve("checkpoints"));
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode saved = readConfig(dir).get("run");
            if (saved == null || !JSON.treeToValue(saved, Trial.class).equals(trial)) {
                return Optional.empty(); // another run's folder of the same name: start afresh
            }
            Checkpoints.Progress progress = latest.get().progress();
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(latest.get().network().toFile(), true);
            int best = rnnsuite.train.Trainer.bestEpoch(progress.epochs(), rnnsuite.train.Trainer.selectionMetric(trial.data().kind()));
            org.nd4j.linalg.api.ndarray.INDArray bestParams = null;
            if (best > 0 && best < progress.epoch()) {
                Path file = dir.resolve("checkpoints").resolve(Checkpoints.BEST);
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                bestParams = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false).params();
            }
            return Optional.of(new Interrupted(net, progress, bestParams));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable: start afresh, as before checkpoints carried their progress
        }
    }

    /**
     * Goes on with an interrupted run in its folder: its files stay; environment.json gains this process's
     * environment under {@code resumed}, with the epoch it went on after.
     */
    public void proceed(Trial trial, PreparedData data, int threads, int afterEpoch) {
        Path file = dir(trial).resolve("environment.json");
        try {
            ObjectNode env = Files.isRegularFile(file) ? (ObjectNode) JSON.readTree(file.toFile()) : JSON.createObjectNode();
            ObjectNode now = JSON.valueToTree(environment(trial, data, threads));
            now.put("after_epoch", afterEpoch);
            env.withArray("resumed").add(now);
            Json.write(file, env);
        } catch (IOException | ClassCastException e) {
            throw new UncheckedIOException("cannot write run directory " + dir(trial) + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /**
     * The files a candidate continues from, by path relative to the plan folder: its shorter run's
     * result.json and last-epoch checkpoint (empty for a run that starts from scratch). A Spark task gets them
     * with the trial; {@link #place} puts them into its scratch store.
     */
    public Map<String, byte[]> resumeFiles(Trial trial) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Path file : resumePaths(trial)) {
            files.put(planDir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
        }
        return files;
    }

    /** The shorter run's result.json and last-epoch checkpoint a candidate continues from (none from scratch). */
    private List<Path> resumePaths(Trial trial) throws IOException {
        Trial.Candidate c = trial.candidate();
        if (c == null || c.resumeFrom() == null) {
            return List.of();
        }
        List<Path> paths = List.of(dir(c.resumeFrom()).resolve(RESULT), dir(c.resumeFrom()).resolve(Checkpoints.epochFile(c.resumeEpochs())));
        for (Path file : paths) {
            if (!Files.isRegularFile(file)) {
                throw new IOException("run " + trial.runId() + " continues run " + c.resumeFrom() + ", whose "
                        + dir(c.resumeFrom()).relativize(file) + " is missing: rerun with --fresh to start the search over");
            }
        }
        return paths;
    }

    /** Puts files given by path relative to the plan folder in place (a Spark task's inputs). */
    public void place(Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = planDir.resolve(file.getKey()).normalize();
            if (!target.startsWith(planDir)) {
                throw new IOException("input file " + file.getKey() + " lies outside the plan folder");
            }
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, file.getValue());
        }
    }

    /** The network and outcome a promoted candidate continues from, or null when the trial starts from scratch. */
    public Resume resume(Trial trial) {
        try {
            List<Path> paths = resumePaths(trial);
            if (paths.isEmpty()) {
                return null;
            }
            RunRecord earlier = Json.read(paths.get(0), RunRecord.class);
            return new Resume(ModelSerializer.restoreMultiLayerNetwork(paths.get(1).toFile(), true), earlier.outcome());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot continue run " + trial.candidate().resumeFrom() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every finished run in the folder whose arm is one of {@code arms}, in run-id order: a search's runs are not known
     * without replaying it, so the runs an invocation restricted to other arms keeps are found by their arm.
     */
    public List<RunRecord> finishedOf(java.util.Set<String> arms) {
        Path runs = planDir.resolve("runs");
        if (arms.isEmpty() || !Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.sorted().map(RunStore::finished).flatMap(Optional::stream).filter(r -> arms.contains(r.trial().arm())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the runs in " + runs + ": " + e.getMessage(), e);
        }
    }

    /** The finished record of this run, if an earlier invocation completed it. */
    public Optional<RunRecord> completed(Trial trial) {
        return finished(dir(trial)).filter(record -> record.trial().equals(trial));
    }

    /** The record in a run folder's result.json; empty when there is none or it cannot be read (the run is redone). */
    private static Optional<RunRecord> finished(Path runDir) {
        Path file = runDir.resolve(RESULT);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(file, RunRecord.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts a run afresh: clears what an interrupted attempt left, records settings and environment.
     *
     * @param conf the network's DL4J configuration, or null when the run builds its own (baselines)
     * @param data the data the run reads, whose fingerprint goes into environment.json
     * @param threads the threads of the run's fast layers
     */
    public void start(Trial trial, MultiLayerConfiguration conf, PreparedData data, int threads) {
        Path dir = dir(trial);
        try {
            FileTrees.deleteRecursively(dir);
            Files.createDirectories(dir);
            ObjectNode config = JSON.createObjectNode();
            config.set("run", JSON.valueToTree(trial));
            config.put("run_id", trial.runId());
            if (conf != null) {
                config.set("dl4j_configuration", JSON.readTree(conf.toJson()));
            }
            Json.write(dir.resolve(CONFIG), config);
            Json.write(dir.resolve("environment.json"), environment(trial, data, threads));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** This process's environment for a run: the code, the machine, and a hash of the splits it reads. */
    private Map<String, Object> environment(Trial trial, PreparedData data, int threads) {
        // a search candidate never reads the test split, not even to hash it
        boolean test = trial.candidate() == null;
        return Provenance.environment(source, PreparedCache.fingerprint(data, test),
                test ? "train, validation, test" : "train, validation", threads);
    }

    /** A search candidate keeps at least its last epoch, which a promotion continues from. */
    public Checkpoints checkpoints(Trial trial) {
        int keep = trial.train().keepCheckpoints();
        return new Checkpoints(dir(trial).resolve("checkpoints"), trial.candidate() != null ? Math.max(1, keep) : keep);
    }

    /** Marks the run finished: its record, written atomically. */
    public void complete(RunRecord record) {
        try {
            Json.write(dir(record.trial()).resolve(RESULT), record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + RESULT + " of run " + record.runId() + ": " + e.getMessage(), e);
        }
    }

    /** Every file of a finished run's directory, by path relative to it: how a Spark task hands its run back. */
    public Map<String, byte[]> files(Trial trial) throws IOException {
        Path dir = dir(trial);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).sorted().toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /**
     * Puts a run directory made elsewhere (a Spark executor) in place, each file atomically and
     * result.json last, so an interrupted install is an unfinished run, as for a local one.
     *
     * @return the finished run, read from its result.json
     */
    public RunRecord install(Map<String, byte[]> files) throws IOException {
        byte[] result = files.get(RESULT);
        if (result == null) {
            throw new IOException("the run's files have no " + RESULT);
        }
        RunRecord record = JSON.readValue(result, RunRecord.class);
        Path dir = dir(record.trial());
        FileTrees.deleteRecursively(dir);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey()).normalize();
            if (!target.startsWith(dir)) {
                throw new IOException("run file " + file.getKey() + " lies outside its run directory");
            }
            if (!file.getKey().equals(RESULT)) {
                Files.createDirectories(target.getParent());
                AtomicFiles.write(target, file.getValue());
            }
        }
        AtomicFiles.write(dir.resolve(RESULT), result);
        return record;
    }

    /** The run's configuration file, as saved. */
    public static JsonNode readConfig(Path runDir) throws IOException {
        return JSON.readTree(runDir.resolve(CONFIG).toFile());
    }
}
