package rnnsuite.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import rnnsuite.data.PreparedCache;
import rnnsuite.data.PreparedData;
import rnnsuite.io.Json;
import rnnsuite.train.Baselines;
import rnnsuite.train.Evaluator;
import rnnsuite.train.Checkpoints;
import rnnsuite.train.TrainingOutcome;
import rnnsuite.train.RunRecord;
import rnnsuite.train.TestMetrics;
import rnnsuite.train.Trial;

/**
 * Reloads a saved model (DL4J's model format) and evaluates it again on the test split its run used, rebuilt
 * from the run's config.json with the shared loader (same data, split, vocabulary and seed) and the run's own
 * input step: word vectors for a word2vec run, TF-IDF features for the TF-IDF baseline. The majority baseline
 * has no model (nor have the per-step baselines): it is recomputed from the data.
 */
public final class Reevaluation {

    /**
     * The metrics now, and those the run recorded when it finished for the same model (null if it did not): for
     * best.zip the best epoch's model's, where the run kept them; else the last epoch's.
     *
     * @param model the model file scored, or null for a baseline without one (recomputed)
     * @param which what the recorded metrics are of, and which file reproduces them
     */
    public record Result(Path model, String runId, TestMetrics now, TestMetrics recorded, String which) {

        public String describe() {
            StringBuilder sb = new StringBuilder(model == null ? "run " + runId + " (a baseline without a model: recomputed from the data)\n"
                    : "model " + model + " (run " + runId + ")\n");
            sb.append("  test now:      ").append(line(now)).append('\n');
            sb.append("  test recorded: ").append(recorded == null ? "none (the run did not finish)"
                    : line(recorded) + (model == null ? "" : " (" + which + ")"));
            return sb.toString();
        }

        private static String line(TestMetrics m) {
            if (!m.extra().isEmpty()) { // a per-step task: its own metrics
                StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "loss %.6f", m.loss()));
                m.extra().forEach((name, value) -> sb.append(String.format(Locale.ROOT, ", %s %.6f", name, value)));
                return sb.append(Double.isNaN(m.accuracy()) ? "" : String.format(Locale.ROOT, ", accuracy %.4f", m.accuracy())).toString();
            }
            return m.classes().isEmpty() ? String.format(Locale.ROOT, "MSE %.6f", m.loss())
                    : String.format(Locale.ROOT, "loss %.6f, accuracy %.4f, F1 %.4f, AUC %.4f", m.loss(), m.accuracy(), m.f1(), m.auc());
        }
    }

    private Reevaluation() {
    }

    /** @param target a run folder (its best model) or a model .zip inside a run folder's checkpoints */
    public static Result of(Path target) {
        SavedRun run = SavedRun.at(target);
        Trial trial = run.trial();
        Path result = run.dir().resolve(RunStore.RESULT);
        try {
            TrainingOutcome outcome = Files.isRegularFile(result) ? Json.read(result, RunRecord.class).outcome() : null;
            boolean bestFile = run.model() != null && run.model().getFileName().toString().equals(Checkpoints.BEST);
            boolean best = bestFile && outcome != null && outcome.bestTest() != null;
            TestMetrics recorded = outcome == null ? null : best ? outcome.bestTest() : outcome.last();
            String which = best ? "the best model on validation, epoch " + outcome.bestEpoch() + ": best.zip reproduces it"
                    : bestFile ? "the last epoch's model: the run kept no metrics of its best model, so best.zip may differ; "
                    + "the last epoch's checkpoint reproduces these" : "the last epoch's model; its checkpoint reproduces it";
            PreparedData data = PreparedCache.get(trial.data());
            int batch = trial.train().batchSize();
            if (trial.baseline() != null && !trial.baseline().hasModel()) {
                return new Result(null, trial.runId(), Baselines.rescore(trial.baseline(), data, null, batch), recorded, which);
            }
            MultiLayerNetwork net = run.network();
            TestMetrics now;
            try {
                now = trial.baseline() != null ? Baselines.rescore(trial.baseline(), data, net, batch)
                        : Evaluator.evaluate(net, VariantExperiment.inputFor(trial, data).test(), data, batch);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("model " + run.model() + " does not fit the data of run " + trial.runId()
                        + " (" + e.getMessage() + "): give a model from that run's own checkpoints/", e);
            }
            return new Result(run.model(), trial.runId(), now, recorded, which);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read run " + run.dir() + ": " + e.getMessage(), e);
        }
    }
}
