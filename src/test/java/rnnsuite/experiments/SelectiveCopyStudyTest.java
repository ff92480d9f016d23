package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.cli.Main;
import tech.tablesaw.api.Table;

/**
 * A study on a task that leads with accuracy but is scored per step (selective copying): its own options reach the
 * run's settings, its metrics the run records, and its report draws every chart once, each under its own id.
 */
class SelectiveCopyStudyTest {

    @TempDir
    Path dir;

    @Test
    void aSelectiveCopyStudyRunsAndReports() throws IOException {
        Path plan = Files.writeString(dir.resolve("sc.yaml"), """
                variants: [gru, min_gru]
                seeds: [1]
                data: {dataset: selective_copy, max_len: 12, tokens: 3, vocab_size: 4, examples: 120}
                model: {layers: 1, units: 8}
                train: {epochs: 2, batch_size: 32}
                """);
        assertEquals(0, Main.execute("run", plan.toString(), "--results", dir.resolve("results").toString()));
        Path study = dir.resolve("results/sc");
        Table runs = Table.read().csv(study.resolve("runs.csv").toFile());
        assertTrue(runs.columnNames().containsAll(List.of("test_accuracy", "test_nats_per_token")), runs.columnNames().toString());
        for (int r = 0; r < runs.rowCount(); r++) {
            assertEquals(runs.numberColumn("test_loss").getDouble(r), runs.numberColumn("test_nats_per_token").getDouble(r), 1e-12);
        }
        try (var configs = Files.walk(study.resolve("runs"))) {
            for (Path config : configs.filter(f -> f.getFileName().toString().equals("config.json")).toList()) {
                String json = Files.readString(config);
                assertTrue(json.contains("\"tokens\" : 3") && json.contains("\"vocab_size\" : 4"), "its options in the settings");
            }
        }
        String html = Files.readString(study.resolve("report.html"));
        Matcher charts = Pattern.compile("<div class=\"chart\"><div id='([^']+)'").matcher(html);
        List<String> ids = new ArrayList<>();
        while (charts.find()) {
            ids.add(charts.group(1));
        }
        Set<String> unique = new HashSet<>(ids);
        assertEquals(unique.size(), ids.size(), "every chart under its own id: " + ids);
        assertTrue(ids.containsAll(List.of("val_accuracy", "val_nats_per_token", "val_loss")), ids.toString());
    }
}
