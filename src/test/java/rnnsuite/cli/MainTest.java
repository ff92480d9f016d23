package rnnsuite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @TempDir
    Path dir;

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
    void helpAndUnknownOptions() {
        assertEquals(0, Main.execute("--help"));
        assertEquals(0, Main.execute("run", "--help"));
        assertEquals(2, Main.execute("run", "--no-such-option"));
    }
}
