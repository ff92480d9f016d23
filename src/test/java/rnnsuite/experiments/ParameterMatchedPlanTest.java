package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.cli.Main;
import tech.tablesaw.api.Table;

/**
 * {@code model.params} in plans: the size set later (an arm over the plan, {@code --set} over the file, a search over its
 * arm) replaces the other, both in one section are refused, an impossible budget fails before anything is written, and
 * a budgeted study says its sizes in the header, {@code runs.csv} and the report.
 */
class ParameterMatchedPlanTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void theSizeSetLaterReplacesTheOther() throws IOException {
        Path plan = write("p.yaml", """
                variants: [gru]
                data: {dataset: adding}
                model: {units: 64}
                arms:
                  - {name: small, variant: lstm, model: {params: 20k}}
                """);
        Plan p = PlanReader.load(plan);
        Plan.Arm gru = p.allArms().get(0);
        Plan.Arm small = p.allArms().get(1);
        assertEquals(64, gru.model().units());
        assertNull(small.model().units(), "the arm's budget replaces the plan's units");
        assertEquals(20_000, small.model().params().count());
        Plan set = PlanReader.load(plan, List.of("model.params=5k"));
        assertEquals(5_000, set.allArms().get(0).model().params().count());
        Plan back = PlanReader.load(plan, List.of("model.params=5k", "model.units=32"));
        assertEquals(32, back.allArms().get(0).model().units());
        assertNull(back.allArms().get(0).model().params());
        Plan searched = PlanReader.load(write("s.yaml", """
                variants: [gru]
                data: {dataset: adding}
                model: {units: 64}
                search:
                  trials: 2
                  space: {model: {params: {choice: [5k, 10k]}}}
                """));
        Plan.Arm candidate = PlanReader.configure(searched.tunedArms().get(0),
                java.util.Map.of("model.params", com.fasterxml.jackson.databind.node.TextNode.valueOf("10k")), 1);
        assertEquals(10_000, candidate.model().params().count());
        assertNull(candidate.model().units());
        String both = assertThrows(PlanException.class, () -> PlanReader.load(write("b.yaml",
                "variants: [gru]\nmodel: {units: 64, params: 20k}\n"))).getMessage();
        assertTrue(both.contains("model.units and model.params both fix"), both);
    }

    @Test
    void aBudgetNoCellMeetsFailsBeforeAnythingIsWritten() throws IOException {
        Path plan = write("tiny.yaml", "variants: [lstm]\ndata: {dataset: adding, examples: 60}\nmodel: {params: 10, layers: 1}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int status;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            status = Main.execute("run", plan.toString(), "--results", dir.resolve("r").toString());
        } finally {
            System.setErr(saved);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(Main.EXIT_BAD_INPUT, status, message);
        assertTrue(message.startsWith("error: plan tiny: arm lstm") && message.contains("raise model.params"), message);
        assertEquals(1, message.strip().lines().count(), message);
        assertTrue(Files.notExists(dir.resolve("r")), "nothing written");
    }

    @Test
    void aBudgetedStudySaysItsSizes() throws IOException {
        Path plan = write("matched.yaml", """
                variants: [simple_rnn, lstm]
                seeds: [1]
                data: {dataset: adding, max_len: 8, examples: 120}
                model: {layers: 1, params: 2k}
                train: {epochs: 1, batch_size: 32}
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            status = Main.execute("run", plan.toString(), "--results", dir.resolve("results").toString());
        } finally {
            System.setOut(saved);
        }
        String console = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, console);
        assertTrue(console.contains("sized to model.params (max_len 8): simple_rnn 2 K: "), console);
        Path study = dir.resolve("results/matched");
        Table runs = Table.read().csv(study.resolve("runs.csv").toFile());
        for (int r = 0; r < runs.rowCount(); r++) {
            long params = runs.numberColumn("params").getDouble(r) > 0 ? (long) runs.numberColumn("params").getDouble(r) : -1;
            assertEquals(2_000, (long) runs.numberColumn("params_budget").getDouble(r));
            assertTrue(Math.abs(params - 2_000) <= 40, "within 2 %: " + params);
            assertTrue(runs.numberColumn("units").getDouble(r) > 1);
        }
        assertTrue(runs.numberColumn("units").getDouble(0) > runs.numberColumn("units").getDouble(1),
                "the SimpleRnn gets more units than the LSTM at one budget");
        String html = Files.readString(study.resolve("report.html"));
        assertTrue(html.contains("(budget 2,000, "), "the report's cost table states the budget");
    }
}
