package rnnsuite.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.cli.Main;
import rnnsuite.model.Impl;
import rnnsuite.model.Variant;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

class BenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void flopCountIsTheClosedForm() {
        // SimpleRnn: 2·H·(D+H) per layer and step; LSTM four times that; training = 3 × forward.
        double simple = 3.0 * 100 * (2.0 * 128 * (100 + 128) + 2 * 2.0 * 128 * (128 + 128));
        assertEquals(simple, Benchmark.flopsPerSample(Variant.SIMPLE_RNN, 100, 100, 128, 3), 1e-6);
        assertEquals(4 * simple, Benchmark.flopsPerSample(Variant.LSTM, 100, 100, 128, 3), 1e-6);
    }

    @Test
    void measuresAndPrintsOneBenchLinePerConfiguration() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Benchmark bench = new Benchmark(0, 0.2, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        List<Benchmark.Config> grid = Benchmark.grid(Benchmark.Task.CLASSIFY, List.of(Variant.LSTM), List.of(Impl.STOCK, Impl.FAST), List.of(4),
                6, 3, 8, 2, List.of(1, 2));
        assertEquals(3, grid.size(), "stock once on one thread, fast on each thread count");
        Benchmark.Result r = bench.measure(grid.get(1));
        assertTrue(r.samplesPerSec() > 0);
        assertEquals(r.samplesPerSec() * Benchmark.flopsPerSample(Variant.LSTM, 6, 3, 8, 2) / 1e9, r.gflops(), 1e-9);
        String line = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(line.matches("(?s)BENCH task=classify variant=lstm impl=fast batch=4 seq_len=6 features=3 threads=1 samples_per_sec=[0-9.]+ gflops=[0-9.]+\\s*"), line);

        Path csv = dir.resolve("bench.csv");
        Benchmark.appendCsv(csv, List.of(r), Map.of(1, 100.0));
        Benchmark.appendCsv(csv, List.of(r), Map.of(1, 100.0));
        Table t = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()));
        assertEquals(2, t.rowCount(), "rows are appended");
        assertEquals(r.gflops() / 100.0, t.numberColumn("share_of_sgemm").getDouble(1), 1e-9);
    }

    @Test
    void theCharsTaskTrainsAPerStepSoftmaxOnCharacterIds() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Benchmark bench = new Benchmark(0, 0.2, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        Benchmark.Config chars = Benchmark.grid(Benchmark.Task.CHARS, List.of(Variant.GRU), List.of(Impl.FAST), List.of(4),
                7, 65, 8, 2, List.of(1)).get(0);
        Benchmark.Result r = bench.measure(chars);
        assertEquals(r.samplesPerSec() * Benchmark.flopsPerSample(Variant.GRU, 7, 100, 8, 2) / 1e9, r.gflops(), 1e-9,
                "the first layer reads the embedding's 100 values");
        assertTrue(buffer.toString(StandardCharsets.UTF_8).startsWith("BENCH task=chars variant=gru impl=fast batch=4 seq_len=7 features=65"));
    }

    @Test
    void theCommandWritesTheCsvAndRefusesNonsense() {
        Path csv = dir.resolve("cli.csv");
        int status = Main.execute("bench", "--variant", "simple_rnn", "--impl", "fast", "--batch", "3", "--seq-len", "4",
                "--features", "2", "--units", "5", "--layers", "1", "--threads", "1", "--warmup", "0", "--seconds", "0.1",
                "--csv", csv.toString());
        assertEquals(0, status);
        Table t = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()));
        assertEquals(1, t.rowCount());
        assertTrue(t.numberColumn("sgemm_gflops").getDouble(0) > 0, "the machine's sgemm rate is recorded");
        assertEquals(Main.EXIT_BAD_INPUT, Main.execute("bench", "--batch", "0"));
        assertEquals(Main.EXIT_BAD_INPUT, Main.execute("bench", "--task", "poems"));
        assertEquals(Main.EXIT_BAD_INPUT, Main.execute("bench", "--variant", "transformer"));
    }
}
