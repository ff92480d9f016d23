package rnnsuite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

    /** DL4J wraps a refused native buffer in its own exception: it is still out of memory, said in one line. */
    @Test
    void anOutOfMemoryErrorIsFoundBehindTheExceptionsThatWrapIt() {
        OutOfMemoryError refused = new OutOfMemoryError("Physical memory usage is too high");
        OutOfMemoryError allocation = new OutOfMemoryError("Cannot allocate new LongPointer(1)");
        allocation.initCause(refused);
        RuntimeException wrapped = new RuntimeException("Error during neural network forward pass", allocation);
        assertEquals("Cannot allocate new LongPointer(1)", Main.outOfMemory(wrapped).getMessage());
        assertEquals(refused, Main.outOfMemory(refused));
        assertEquals(null, Main.outOfMemory(new IllegalStateException("no", new RuntimeException("deeper"))));
    }

    @Test
    void aMissingPlanExitsWithStatus2AndWritesNothing() {
        Path results = dir.resolve("results");
        int status = Main.execute("run", dir.resolve("missing.yaml").toString(), "--results", results.toString());
        assertEquals(Main.EXIT_BAD_INPUT, status);
        assertFalse(Files.exists(results));
    }

    @Test
    void anInvalidPlanExitsWithStatus2() throws Exception {
        Path plan = dir.resolve("bad.yaml");
        Files.writeString(plan, "variants: [transformer]\n");
        assertEquals(Main.EXIT_BAD_INPUT, Main.execute("run", plan.toString(), "--results", dir.resolve("r").toString()));
        assertFalse(Files.exists(dir.resolve("r")));
    }

    @Test
    void aNumberThatIsNotFiniteExitsWithStatus2InOneLineNamingTheKey() throws Exception {
        Path plan = dir.resolve("nan.yaml");
        Files.writeString(plan, "variants: [lstm]\nmodel:\n  learning_rate: .nan\n");
        Path fine = dir.resolve("fine.yaml");
        Files.writeString(fine, "variants: [lstm]\n");
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        int status;
        int override;
        try {
            System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
            status = Main.execute("run", plan.toString(), "--results", dir.resolve("r").toString());
            override = Main.execute("run", fine.toString(), "--set", "model.learning_rate=-.inf", "--set", "train.epochs=.inf",
                    "--results", dir.resolve("r").toString());
        } finally {
            System.setErr(err);
        }
        assertEquals(Main.EXIT_BAD_INPUT, status);
        assertEquals(Main.EXIT_BAD_INPUT, override);
        java.util.List<String> lines = captured.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals(java.util.List.of("error: plan " + plan + ", line 3: 'model.learning_rate' must be a finite number, got .nan",
                "error: plan " + fine + ": --set model.learning_rate=-.inf: 'model.learning_rate' must be a finite number, got -.inf"),
                lines);
        assertFalse(Files.exists(dir.resolve("r")));
    }

    @Test
    void helpAndUnknownOptions() {
        assertEquals(0, Main.execute("--help"));
        assertEquals(0, Main.execute("run", "--help"));
        assertEquals(2, Main.execute("run", "--no-such-option"));
    }

    @Test
    void theReproduceCommandNamesResultsEngineAndProfile() {
        Main.Run run = new Main.Run();
        run.plan = Path.of("experiments/default.yaml");
        run.results = Path.of("/tmp/out");
        run.engine = "spark";
        run.master = "local[2]";
        run.variants = java.util.List.of(rnnsuite.model.Variant.GRU);
        String command = run.command(java.util.List.of("train.epochs=3", "data.path=\"a b.csv\""));
        assertTrue(command.startsWith("mvn -q -Pspark compile exec:java -Dexec.args=\"run experiments/default.yaml"), command);
        for (String part : new String[] {"--set train.epochs=3", "--set data.path=\\\"a b.csv\\\"", "--variant gru",
                "--results /tmp/out", "--engine spark --master local[2]"}) {
            assertTrue(command.contains(part), part + " missing from " + command);
        }
        Main.Run plain = new Main.Run();
        assertEquals("mvn -q compile exec:java -Dexec.args=\"run experiments/default.yaml\"", plain.command(java.util.List.of()));
    }
}
