package rnnsuite.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import rnnsuite.experiments.MemoryCheck;
import rnnsuite.model.Impl;
import rnnsuite.model.Input;
import rnnsuite.model.ModelFactory;
import rnnsuite.model.ModelSpec;
import rnnsuite.runtime.Natives;
import rnnsuite.model.Output;
import rnnsuite.model.Variant;
import rnnsuite.report.ResultWriter;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Training throughput of the classic stack (layers × units, dropout 0.5 between layers and before the
 * softmax, Adam) on fixed random data of a fixed shape, one line per configuration. Two tasks: {@code classify}
 * reads {@code features} random values per step and answers once, from the last step (a softmax over 2 classes);
 * {@code chars} reads character ids from a vocabulary of {@code features} through an embedding of 100 and predicts
 * the next character at every step (a softmax over the vocabulary per step), as the {@code chars} dataset does.
 *
 * <pre>BENCH task=classify variant=lstm impl=fast batch=32 seq_len=100 features=100 threads=2 samples_per_sec=… gflops=…</pre>
 *
 * GFLOP/s use the closed-form count of a training step ({@link Variant#forwardFlopsPerStep}): forward per
 * step and sample 2·H·(D+H) per SimpleRnn layer, 6·H·(D+H) per GRU, 8·H·(D+H) per LSTM, 4·H·D per minGRU and
 * 6·H·D per minLSTM layer (D = that layer's input width; element-wise work left out), training ≈ 3 × forward;
 * the embedding and output layers are left out too.
 */
public final class Benchmark {

    /** What the benchmark network does with its sequences. */
    public enum Task {
        /** Random feature vectors in, one class out from the last step. */
        CLASSIFY,
        /** Character ids in (through an embedding), the next character out at every step. */
        CHARS;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Task parse(String name) {
            for (Task t : values()) {
                if (t.id().equals(name)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown bench task '" + name + "': use classify or chars");
        }
    }

    /** The embedding width of the {@code chars} task (the stack's default). */
    static final int CHARS_EMBEDDING = 100;

    /**
     * One configuration to measure.
     *
     * @param features classify: values per step; chars: the vocabulary size
     */
    public record Config(Task task, Variant variant, Impl impl, int batch, int seqLen, int features, int units, int layers,
                         int threads) {

        /** The width the first recurrent layer reads. */
        int inputWidth() {
            return task == Task.CHARS ? CHARS_EMBEDDING : features;
        }
    }

    /** One measured line. */
    public record Result(Config config, double samplesPerSec, double gflops) {
    }

    private final double warmupSeconds;
    private final double seconds;
    private final PrintStream out;

    public Benchmark(double warmupSeconds, double seconds, PrintStream out) {
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.out = out;
    }

    /** Closed-form FLOPs of one training step per sample. */
    public static double flopsPerSample(Variant variant, int seqLen, int features, int units, int layers) {
        double perStep = 0;
        for (int layer = 0; layer < layers; layer++) {
            int d = layer == 0 ? features : units;
            perStep += variant.forwardFlopsPerStep(d, units);
        }
        return 3 * perStep * seqLen;
    }

    /** Refuses a configuration that cannot fit this process, before anything is allocated for it. */
    public static void requireFits(Config c) {
        boolean chars = c.task() == Task.CHARS;
        MemoryCheck.requireNetwork(String.format(Locale.ROOT, "bench %s (%d layer(s) of %d units, batch %d, seq-len %d)",
                        c.variant().id(), c.layers(), c.units(), c.batch(), c.seqLen()), c.variant(), spec(c),
                chars ? c.features() : 0, c.inputWidth(), chars ? c.features() : 2, chars, c.seqLen(), c.batch(),
                "--units, --layers, --batch, --seq-len or --features");
    }

    private static ModelSpec spec(Config c) {
        return ModelSpec.of(c.layers(), c.units(), 0.5, 1e-3, CHARS_EMBEDDING, c.impl());
    }

    public Result measure(Config c) {
        ModelSpec spec = spec(c);
        MultiLayerNetwork net = ModelFactory.network(c.task() == Task.CHARS
                ? ModelFactory.build(c.variant(), spec, Input.tokens(c.features()), new Output.StepClasses(c.features()), 1)
                : ModelFactory.build(c.variant(), spec, Input.vectors(c.features()), Output.classes(2), 1), spec, 1, c.threads());
        DataSet batch = randomBatch(c);
        train(net, batch, warmupSeconds, 2);
        long start = System.nanoTime();
        int steps = train(net, batch, seconds, 3);
        double elapsed = (System.nanoTime() - start) / 1e9;
        double samplesPerSec = steps * (double) c.batch() / elapsed;
        double gflops = samplesPerSec * flopsPerSample(c.variant(), c.seqLen(), c.inputWidth(), c.units(), c.layers()) / 1e9;
        Result r = new Result(c, samplesPerSec, gflops);
        out.printf(Locale.ROOT, "BENCH task=%s variant=%s impl=%s batch=%d seq_len=%d features=%d threads=%d samples_per_sec=%.1f "
                + "gflops=%.2f%n", c.task().id(), c.variant().id(), c.impl().id(), c.batch(), c.seqLen(), c.features(), c.threads(),
                samplesPerSec, gflops);
        return r;
    }

    private static int train(MultiLayerNetwork net, DataSet batch, double seconds, int minSteps) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int steps = 0;
        while (steps < minSteps || System.nanoTime() < end) {
            net.fit(batch);
            steps++;
        }
        return steps;
    }

    private static DataSet randomBatch(Config c) {
        Random random = new Random(42);
        if (c.task() == Task.CHARS) {
            float[] ids = new float[c.batch() * c.seqLen()];
            INDArray labels = Nd4j.zeros(DataType.FLOAT, c.batch(), c.features(), c.seqLen());
            for (int b = 0; b < c.batch(); b++) {
                for (int t = 0; t < c.seqLen(); t++) {
                    ids[b * c.seqLen() + t] = random.nextInt(c.features());
                    labels.putScalar(new long[] {b, random.nextInt(c.features()), t}, 1);
                }
            }
            return new DataSet(Nd4j.create(ids, new long[] {c.batch(), c.seqLen()}, 'c'), labels);
        }
        float[] x = new float[c.batch() * c.features() * c.seqLen()];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextFloat();
        }
        INDArray features = Nd4j.create(x, new long[] {c.batch(), c.features(), c.seqLen()}, 'c');
        INDArray labels = Nd4j.zeros(DataType.FLOAT, c.batch(), 2);
        for (int b = 0; b < c.batch(); b++) {
            labels.putScalar(b, random.nextInt(2), 1);
        }
        return new DataSet(features, labels);
    }

    /** Measures the machine's sgemm rate with {@code threads} threads and prints its BENCH line. */
    public double sgemm(int threads) {
        double gflops = SgemmProbe.gflops(threads, Math.max(1, seconds / 4));
        out.printf(Locale.ROOT, "BENCH sgemm threads=%d gflops=%.1f%n", threads, gflops);
        return gflops;
    }

    /** Appends the results to a CSV (created with a header if new), replacing the file atomically. */
    public static void appendCsv(Path file, List<Result> results, java.util.Map<Integer, Double> sgemmByThreads) {
        Table t = emptyTable();
        try {
            if (Files.exists(file)) {
                String header = Files.readAllLines(file).stream().findFirst().orElse("");
                if (!header.equals(String.join(",", emptyTable().columnNames()))) {
                    throw new IllegalArgumentException(file + " has other columns than this bench writes (an older "
                            + "version's?): move it away or give another --csv");
                }
                t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypes(emptyTable().typeArray()));
            }
            String when = Instant.now().toString();
            for (Result r : results) {
                Config c = r.config();
                double sgemm = sgemmByThreads.getOrDefault(c.threads(), Double.NaN);
                Row row = t.appendRow();
                row.setString("time", when);
                row.setString("task", c.task().id());
                row.setString("variant", c.variant().id());
                row.setString("impl", c.impl().id());
                row.setInt("batch", c.batch());
                row.setInt("seq_len", c.seqLen());
                row.setInt("features", c.features());
                row.setInt("units", c.units());
                row.setInt("layers", c.layers());
                row.setInt("threads", c.threads());
                row.setDouble("samples_per_sec", r.samplesPerSec());
                row.setDouble("gflops", r.gflops());
                row.setDouble("sgemm_gflops", sgemm);
                row.setDouble("share_of_sgemm", r.gflops() / sgemm);
                row.setString("natives", Natives.describe(c.threads()));
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            ResultWriter.writeCsv(t, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Table emptyTable() {
        return Table.create("bench", StringColumn.create("time"), StringColumn.create("task"), StringColumn.create("variant"), StringColumn.create("impl"),
                IntColumn.create("batch"), IntColumn.create("seq_len"), IntColumn.create("features"), IntColumn.create("units"),
                IntColumn.create("layers"), IntColumn.create("threads"), DoubleColumn.create("samples_per_sec"),
                DoubleColumn.create("gflops"), DoubleColumn.create("sgemm_gflops"), DoubleColumn.create("share_of_sgemm"),
                StringColumn.create("natives"));
    }

    /** Every combination, variants outermost. */
    public static List<Config> grid(Task task, List<Variant> variants, List<Impl> impls, List<Integer> batches, int seqLen,
                                    int features, int units, int layers, List<Integer> threads) {
        List<Config> configs = new ArrayList<>();
        for (Variant v : variants) {
            for (int b : batches) {
                for (Impl impl : impls) {
                    for (int t : impl == Impl.STOCK ? List.of(1) : threads) {
                        configs.add(new Config(task, v, impl, b, seqLen, features, units, layers, t));
                    }
                }
            }
        }
        return configs;
    }
}
