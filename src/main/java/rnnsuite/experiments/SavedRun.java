package rnnsuite.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import rnnsuite.io.Json;
import rnnsuite.train.Checkpoints;
import rnnsuite.train.Trial;

/**
 * A finished (or interrupted) run as the commands that reload it see it: its folder, the trial its config.json
 * records, and the model file a command was given (a run folder stands for its best.zip). Every problem is one
 * sentence with the fix.
 *
 * @param model the model file to reload; it need not exist (a baseline without a model has none)
 */
record SavedRun(Path dir, Trial trial, Path model) {

    /** @param target a run folder (its best model) or a model .zip inside a run folder's checkpoints/ */
    static SavedRun at(Path target) {
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
        Trial trial;
        try {
            JsonNode config = RunStore.readConfig(runDir);
            trial = Json.MAPPER.treeToValue(config.get("run"), Trial.class);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(runDir.resolve(RunStore.CONFIG) + " is not a run's configuration ("
                    + e.getMessage() + "): give a run folder a plan wrote", e);
        }
        return new SavedRun(runDir, trial, folder ? runDir.resolve("checkpoints").resolve(Checkpoints.BEST) : target);
    }

    /** The model, reloaded. */
    MultiLayerNetwork network() {
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("no model at " + model + ": the run kept none (or it was deleted); "
                    + "give a .zip from its checkpoints/");
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot reload " + model + " as a DL4J model (" + e.getMessage()
                    + "): give a .zip the suite saved in a run's checkpoints/", e);
        }
    }
}
