package rnnsuite.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import rnnsuite.data.PreparedCache;
import rnnsuite.data.PreparedData;
import rnnsuite.model.Baseline;
import rnnsuite.io.Json;
import rnnsuite.train.Baselines;
import rnnsuite.train.Checkpoints;
import rnnsuite.train.Evaluator;
import rnnsuite.train.RunRecord;
import rnnsuite.train.TestMetrics;
import rnnsuite.train.Trial;

/**
 * Reloads a saved model (DL4J's model format) and evaluates it again on the test split its run used, rebuilt
 * from the run's config.json with the shared loader (same data, split, vocabulary and seed) and the run's own
 * input step: word vectors for a word2vec run, TF-IDF features for the TF-IDF baseline. The majority baseline
 * has no model; it is recomputed from the training split.
 */
public final class Reevaluation {

    /**
     * The metrics now, and those the run recorded when it finished (null if it did not). The recorded
     * ones are the final model's: the last epoch's checkpoint reproduces them, best.zip may differ.
     *
     * @param model the model file scored, or null for the majority baseline (recomputed)
     */
    public record Result(Path model, String runId, TestMetrics now, TestMetrics recorded) {

        public String describe() {
            StringBuilder sb = new StringBuilder(model == null ? "run " + runId + " (majority baseline: recomputed from the training split)\n"
                    : "model " + model + " (run " + runId + ")\n");
            sb.append("  test now:      ").append(line(now)).append('\n');
            sb.append("  test recorded: ").append(recorded == null ? "none (the run did not finish)"
                    : line(recorded) + (model == null ? "" : " (the final model; the last epoch's checkpoint reproduces it)"));
            return sb.toString();
        }

        private static String line(TestMetrics m) {
            return m.classes().isEmpty() ? String.format(Locale.ROOT, "MSE %.6f", m.loss())
                    : String.format(Locale.ROOT, "loss %.6f, accuracy %.4f, F1 %.4f, AUC %.4f", m.loss(), m.accuracy(), m.f1(), m.auc());
        }
    }

    private Reevaluation() {
    }

    /** @param target a run folder (its best model) or a model .zip inside a run folder's checkpoints */
    public static Result of(Path target) {
        if (!Files.exists(target)) {
            throw new IllegalArgumentException(target + " does not exist: give a run folder results/<plan>/runs/<id> "
                    + "or a .zip from its checkpoints/");
        }
        boolean folder = Files.isDirectory(target);
        Path runDir = folder ? target : target.toAbsolutePath().getParent().getParent();
        if (!Files.isRegularFile(runDir.resolve(RunStore.CONFIG))) {
            throw new IllegalArgumentException("no " + RunStore.CONFIG + " in " + runDir + ": give a run folder "
                    + "results/<plan>/runs/<id>, or a model inside its checkpoints/, so the run's data can be rebuilt");
        }
        Trial trial = trial(runDir);
        Path result = runDir.resolve(RunStore.RESULT);
        try {
            TestMetrics recorded = Files.isRegularFile(result) ? Json.read(result, RunRecord.class).outcome().test() : null;
            PreparedData data = PreparedCache.get(trial.data());
            int batch = trial.train().batchSize();
            if (trial.baseline() == Baseline.MAJORITY) {
                return new Result(null, trial.runId(), Baselines.rescore(Baseline.MAJORITY, data, null, batch), recorded);
            }
            Path model = folder ? runDir.resolve("checkpoints").resolve(Checkpoints.BEST) : target;
            if (!Files.isRegularFile(model)) {
                throw new IllegalArgumentException("no model at " + model + ": the run kept none (or it was deleted); "
                        + "give a .zip from its checkpoints/");
            }
            MultiLayerNetwork net = restore(model);
            TestMetrics now;
            try {
                now = trial.baseline() != null ? Baselines.rescore(trial.baseline(), data, net, batch)
                        : Evaluator.evaluate(net, VariantExperiment.inputFor(trial, data).test(), data.classes(), batch);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("model " + model + " does not fit the data of run " + trial.runId()
                        + " (" + e.getMessage() + "): give a model from that run's own checkpoints/", e);
            }
            return new Result(model, trial.runId(), now, recorded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run " + runDir + ": " + e.getMessage(), e);
        }
    }

    private static Trial trial(Path runDir) {
        try {
            JsonNode config = RunStore.readConfig(runDir);
            return Json.MAPPER.treeToValue(config.get("run"), Trial.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(runDir.resolve(RunStore.CONFIG) + " is not a run's configuration ("
                    + e.getMessage() + "): give a run folder a plan wrote", e);
        }
    }

    private static MultiLayerNetwork restore(Path model) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot reload " + model + " as a DL4J model (" + e.getMessage()
                    + "): give a .zip the suite saved in a run's checkpoints/", e);
        }
    }
}
