package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.cli.Main;
import rnnsuite.model.Input;
import rnnsuite.model.ModelFactory;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Output;
import rnnsuite.model.Variant;

/**
 * Plans that can never fit are refused before anything is allocated for them, with the numbers and the fix in one
 * line and exit status 3; the JVM never dies of them (these tests run the command line in the test's own JVM).
 */
class MemoryCheckTest {

    /** The limits .mvn/jvm.config sets: -Xmx1g, -Dorg.bytedeco.javacpp.maxphysicalbytes=2900m. */
    private static final MemoryCheck.Limits CONFIGURED = new MemoryCheck.Limits((2900L << 20) - (1L << 30),
            "the process may use 1.8 GiB there", "raise those limits", 1L << 30);

    @TempDir
    Path dir;

    private Plan plan(String yaml) throws IOException {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, yaml);
        return PlanReader.load(file);
    }

    private String refusal(String yaml) throws IOException {
        Plan plan = plan(yaml);
        return assertThrows(MemoryCheck.TooLarge.class, () -> MemoryCheck.require(plan, CONFIGURED), yaml).getMessage();
    }

    private static String[] cli(String... args) {
        return rnnsuite.TestCli.run(args);
    }

    @Test
    void theParameterCountIsWhatDl4jBuilds() {
        ModelSpec spec = ModelSpec.of(2, 7, 0.0, 1e-3, 5, null);
        for (Variant variant : Variant.values()) {
            long tokens = ModelFactory.network(ModelFactory.build(variant, spec, Input.tokens(11), Output.classes(3), 1, 4), spec, 1, 1)
                    .numParams();
            assertEquals(tokens, MemoryCheck.need(variant, spec, new MemoryCheck.Shape(11, 5, 3, false, 4, 2, 0, 0)).parameters(),
                    variant + " on tokens");
            long vectors = ModelFactory.network(ModelFactory.build(variant, spec, Input.vectors(6), new Output.StepClasses(9), 1, 4),
                    spec, 1, 1).numParams();
            assertEquals(vectors, MemoryCheck.need(variant, spec, new MemoryCheck.Shape(0, 6, 9, true, 4, 2, 0, 0)).parameters(),
                    variant + " on vectors, an output at every step");
        }
    }

    @Test
    void everyShippedPlanFitsTheConfiguredLimits() throws IOException {
        try (var files = Files.list(Path.of("experiments"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                List<Plan> plans = PlanReader.namesTasks(file) ? PlanReader.loadTasks(file, List.of()).tasks() : List.of(PlanReader.load(file));
                for (Plan plan : plans) {
                    assertDoesNotThrow(() -> MemoryCheck.require(plan, CONFIGURED), file + " " + plan.name());
                }
            }
        }
    }

    @Test
    void theOptimisersStateAndWeightNoiseAreCounted() throws IOException {
        MemoryCheck.Shape shape = new MemoryCheck.Shape(0, 6, 9, true, 4, 2, 0, 0);
        ModelSpec adam = ModelSpec.of(2, 7, 0.0, 1e-3, 5, null);
        ModelSpec rmsprop = new ModelSpec(2, 7, 0.0, 1e-3, 5, null, null, null, null, null, null, null, null,
                rnnsuite.model.Optimizer.RMSPROP, null);
        ModelSpec noisy = new ModelSpec(2, 7, 0.0, 1e-3, 5, null, null, null, null, null, null, null, null, null, 0.075);
        MemoryCheck.Need base = MemoryCheck.need(Variant.LSTM, adam, shape);
        double oneCopy = Float.BYTES * base.parameters();
        assertEquals(base.offHeapBytes() - oneCopy, MemoryCheck.need(Variant.LSTM, rmsprop, shape).offHeapBytes(), 1e-6,
                "RMSProp keeps one average where Adam keeps two moments");
        assertEquals(base.offHeapBytes() + oneCopy, MemoryCheck.need(Variant.LSTM, noisy, shape).offHeapBytes(), 1e-6,
                "weight noise holds a noisy copy");
        String message = refusal("variants: [lstm]\nmodel: {units: 100000, optimizer: rmsprop, weight_noise: 0.1}\n");
        assertTrue(message.contains("parameters × 16 bytes: weights, gradients, their noisy copy and RMSProp's squared-gradient average"),
                message);
    }

    @Test
    void whatCannotFitIsRefusedWithTheNumbersAndTheFix() throws IOException {
        String units = refusal("variants: [lstm]\nmodel: {units: 100000}\n");
        assertTrue(units.startsWith("plan p: arm lstm (3 layer(s) of 100000 units, batch_size 32, max_len 100) needs at least "
                + "2,981 GiB off the Java heap (200.0 billion parameters"), units);
        assertTrue(units.contains("the process may use 1.8 GiB there") && units.contains("lower model.units, model.layers")
                && units.contains("raise those limits"), units);
        // sizes far past a long's range stay positive: doubles throughout
        assertTrue(refusal("variants: [lstm]\nmodel: {units: 2000000000}\n").contains("needs at least 1.2e+12 GiB"));
        assertTrue(refusal("variants: [gru]\nmodel: {layers: 1000000}\n").contains("1000000 layer(s) of 128 units"));
        assertTrue(refusal("variants: [simple_rnn]\nmodel: {embedding_size: 1000000000}\n").contains("needs at least"));
        assertTrue(refusal("variants: [lstm]\ndata: {dataset: recall, max_len: 1000000000}\n").contains("max_len 1000000000"));
        assertTrue(refusal("variants: [lstm]\ndata: {dataset: copy, max_len: 2147483647}\n").contains("needs at least"));
        assertTrue(refusal("variants: [lstm]\ndata: {dataset: adding, max_len: 100000}\ntrain: {batch_size: 2000000000}\n")
                .contains("batch_size 2000000000"), "a batch as large as the training split");
        String data = refusal("variants: [min_gru]\nmodel: {layers: 1, units: 1}\ndata: {dataset: recall, max_len: 200000}\n");
        assertTrue(data.contains("its generated data (3000 examples of 200000 steps) needs at least 26.8 GiB on the Java heap, "
                + "and the heap may grow to 1.0 GiB (-Xmx): lower data.examples or data.max_len"), data);
        String arm = refusal("variants: [lstm]\narms:\n  - {name: wide, variant: gru, model: {units: 50000}}\n");
        assertTrue(arm.startsWith("plan p: arm wide (3 layer(s) of 50000 units"), arm);
        // the defaults, and text whose vocabulary and lengths the corpus decides, pass before the data is read
        assertDoesNotThrow(() -> MemoryCheck.require(plan("variants: [lstm]\ndata: {max_len: 2000000000, max_vocab: 2000000000}\n"
                + "train: {batch_size: 2000000000}\n"), CONFIGURED));
    }

    @Test
    void aSearchIsCheckedAtTheLargestValuesItCanDraw() throws IOException {
        String message = refusal("""
                variants: [lstm]
                data: {dataset: recall, max_len: 20}
                search:
                  trials: 4
                  space:
                    model: {units: {choice: [8, 100000]}, learning_rate: {log_uniform: [1.0e-4, 1.0e-2]}}
                    train: {batch_size: {choice: [16, 64]}}
                """);
        assertTrue(message.contains("the largest its search can draw: model.units=100000, model.learning_rate=0.01, "
                + "train.batch_size=64"), message);
        assertDoesNotThrow(() -> MemoryCheck.require(plan("""
                variants: [lstm]
                data: {dataset: recall, max_len: 20}
                search: {trials: 4, space: {model: {units: {choice: [8, 64]}}}}
                """), CONFIGURED));
    }

    /** Each of these crashed the JVM in native code (or overflowed an int) before it was checked. */
    @Test
    void theCommandLineRefusesThemInOneLineWithStatus3AndWritesNothing() throws IOException {
        Path results = dir.resolve("results");
        for (String yaml : List.of(
                "variants: [lstm]\nmodel: {units: 100000}\n",
                "variants: [lstm]\nmodel: {units: 2000000000}\n",
                "variants: [lstm]\nmodel: {layers: 2000000000}\n",
                "variants: [lstm]\nmodel: {embedding_size: 2000000000}\n",
                "variants: [lstm]\ndata: {dataset: recall, max_len: 2000000000}\n",
                "variants: [lstm]\ndata: {dataset: copy, max_len: 2147483647}\ntrain: {batch_size: 2147483647}\n",
                "variants: [lstm]\ndata: {dataset: recall}\nsearch: {trials: 2, space: {model: {units: {choice: [8, 100000]}}}}\n")) {
            Path file = dir.resolve("huge.yaml");
            Files.writeString(file, yaml);
            String[] run = cli("run", file.toString(), "--results", results.toString(), "--dry-run");
            assertEquals(String.valueOf(Main.EXIT_OUT_OF_MEMORY), run[0], yaml + run[2]);
            assertTrue(run[2].startsWith("error: plan huge: arm ") && run[2].lines().count() == 1, yaml + run[2]);
            assertFalse(run[1].contains("natives:"), "refused before the data is read or the run described: " + run[1]);
        }
        String[] bench = cli("bench", "--units", "100000", "--csv", dir.resolve("bench.csv").toString());
        assertEquals(String.valueOf(Main.EXIT_OUT_OF_MEMORY), bench[0], bench[2]);
        assertTrue(bench[2].startsWith("error: bench simple_rnn (3 layer(s) of 100000 units") && bench[2].contains("lower --units"),
                bench[2]);
        assertFalse(Files.exists(results) || Files.exists(dir.resolve("bench.csv")), "nothing written");
    }

    /** Text decides its own lengths: one text of 500,000 words is refused once the data is read, before any network. */
    @Test
    void theDataItselfCanMakeAPlanTooLarge() throws IOException {
        Path csv = dir.resolve("long.csv");
        String longText = IntStream.range(0, 500_000).mapToObj(i -> "w" + i % 50).collect(Collectors.joining(" "));
        StringBuilder rows = new StringBuilder("text,label\n" + longText + ",a\n");
        for (int i = 0; i < 40; i++) {
            rows.append("w1 w2 w3,").append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        Files.writeString(csv, rows);
        Path file = dir.resolve("long.yaml");
        Files.writeString(file, "variants: [lstm]\ndata: {dataset: csv, path: " + csv + ", max_len: 1000000}\n"
                + "model: {units: 1024}\nbaselines: false\n");
        Plan plan = PlanReader.load(file);
        assertDoesNotThrow(() -> MemoryCheck.require(plan), "the plan alone cannot tell");
        String[] run = cli("run", file.toString(), "--results", dir.resolve("results").toString(), "--dry-run");
        assertEquals(String.valueOf(Main.EXIT_OUT_OF_MEMORY), run[0], run[2]);
        assertTrue(run[2].startsWith("error: plan long: arm lstm") && run[2].lines().count() == 1, run[2]);
        assertFalse(run[1].contains("estimate on this machine"), "refused before any network is timed: " + run[1]);
    }
}
