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
import rnnsuite.report.Json;
import rnnsuite.train.Checkpoints;
import rnnsuite.train.Evaluator;
import rnnsuite.train.RunRecord;
import rnnsuite.train.TestMetrics;
import rnnsuite.train.Trial;

/**
 * Reloads a saved model (DL4J's model format) and evaluates it again on the test split its run used,
 * rebuilt from the run's config.json with the shared loader (same data, split, vocabulary and seed).
 */
public final class Reevaluation {

    /**
     * The metrics now, and those the run recorded when it finished (null if it did not). The recorded
     * ones are the final model's: the last epoch's checkpoint reproduces them, best.zip may differ.
     */
    public record Result(Path model, String runId, TestMetrics now, TestMetrics recorded) {

        public String describe() {
            StringBuilder sb = new StringBuilder("model " + model + " (run " + runId + ")\n");
            sb.append("  test now:      ").append(line(now)).append('\n');
            sb.append("  test recorded: ").append(recorded == null ? "none (the run did not finish)"
                    : line(recorded) + " (the final model; the last epoch's checkpoint reproduces it)");
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
        Path model = Files.isDirectory(target) ? target.resolve("checkpoints").resolve(Checkpoints.BEST) : target;
        Path runDir = Files.isDirectory(target) ? target : target.toAbsolutePath().getParent().getParent();
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("no model at " + model + ": give a run folder results/<plan>/runs/<id> "
                    + "or a .zip from its checkpoints/");
        }
        if (!Files.isRegularFile(runDir.resolve(RunStore.CONFIG))) {
            throw new IllegalArgumentException("no " + RunStore.CONFIG + " in " + runDir
                    + ": the model must sit in a run folder's checkpoints/ for its data to be rebuilt");
        }
        try {
            JsonNode config = RunStore.readConfig(runDir);
            Trial trial = Json.MAPPER.treeToValue(config.get("run"), Trial.class);
            PreparedData data = PreparedCache.get(trial.data());
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
            TestMetrics now = Evaluator.evaluate(net, data.test(), data.classes(), trial.train().batchSize());
            Path result = runDir.resolve(RunStore.RESULT);
            TestMetrics recorded = Files.isRegularFile(result) ? Json.read(result, RunRecord.class).outcome().test() : null;
            return new Result(model, trial.runId(), now, recorded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reload " + model + ": " + e.getMessage(), e);
        }
    }
}
