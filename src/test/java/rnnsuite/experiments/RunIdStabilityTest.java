package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rnnsuite.io.Json;
import rnnsuite.train.Trial;

/**
 * Every committed run's settings, read back by today's code, hash to the id the run was stored under: a new option
 * left unset changes no id, so resume still finds every finished run and the committed studies stay one study.
 */
class RunIdStabilityTest {

    @Test
    void everyCommittedRunKeepsItsId() throws IOException {
        List<String> changed = new ArrayList<>();
        int runs = 0;
        try (var files = Files.walk(Path.of("results", "reference"), 4)) {
            for (Path config : files.filter(f -> f.getFileName().toString().equals("config.json")).toList()) {
                JsonNode node = Json.MAPPER.readTree(config.toFile());
                Trial trial = Json.MAPPER.treeToValue(node.get("run"), Trial.class);
                String folder = config.getParent().getFileName().toString();
                runs++;
                if (!trial.runId().equals(folder)) {
                    changed.add(folder + " now hashes to " + trial.runId());
                }
            }
        }
        assertTrue(runs > 500, "the committed runs were found: " + runs);
        assertEquals(List.of(), changed);
    }
}
