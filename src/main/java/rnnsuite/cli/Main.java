package rnnsuite.cli;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import rnnsuite.bench.Benchmark;
import rnnsuite.experiments.CostEstimate;
import rnnsuite.experiments.Engines;
import rnnsuite.experiments.MemoryCheck;
import rnnsuite.experiments.Plan;
import rnnsuite.experiments.PlanReader;
import rnnsuite.experiments.PlanRunner;
import rnnsuite.experiments.TaskStudy;
import rnnsuite.experiments.TaskStudyRunner;
import rnnsuite.experiments.Reevaluation;
import rnnsuite.experiments.Sampling;
import rnnsuite.experiments.TrialEngine;
import rnnsuite.io.FolderLock;
import rnnsuite.report.CrossTaskReport;
import rnnsuite.report.ResultWriter;
import rnnsuite.model.Impl;
import rnnsuite.runtime.Natives;
import rnnsuite.model.Variant;

/**
 * The command line: {@code run <plan>} runs a plan file; no arguments runs {@code experiments/default.yaml}.
 * Bad input (missing file, invalid plan, unknown variant or dataset) prints one line naming the problem
 * and exits with status 2; nothing is written. Running out of the configured memory exits with status 3, and so does a
 * plan that could never fit it, refused before anything is allocated.
 */
@Command(name = "rnn-suite", mixinStandardHelpOptions = true,
        description = "How recurrent cells (SimpleRnn, GRU, LSTM, peephole LSTM, minGRU, minLSTM, IndRNN) compare on sequence "
                + "tasks, in accuracy, in cost and in how far back each remembers, measured with DL4J.",
        subcommands = {Main.Run.class, Main.Bench.class, Main.Report.class, Main.Evaluate.class, Main.Sample.class, Main.Download.class})
public final class Main implements Callable<Integer> {

    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_OUT_OF_MEMORY = 3;

    @Override
    public Integer call() {
        return new Run().call();
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a plan: every arm × length × seed, then write CSVs and report.html.",
                    "Runs finished before (results/<plan>/runs/<id>/result.json) are kept, not redone."})
    static final class Run implements Callable<Integer> {

        @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN", description = "plan file (default: ${DEFAULT-VALUE})")
        Path plan = Plan.DEFAULT;

        @Option(names = "--results", paramLabel = "DIR", description = "results root; the plan writes to DIR/<plan name>/ (default: ${DEFAULT-VALUE})")
        Path results = Path.of("results");

        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "override a plan value, e.g. --set train.epochs=3 --set seeds=[1,2] (repeatable)")
        List<String> overrides = new ArrayList<>();

        @Option(names = "--variant", split = ",", paramLabel = "V", description = "run only these variants (and their arms)")
        List<Variant> variants = new ArrayList<>();

        @Option(names = "--fresh", description = "redo every run, even those finished before")
        boolean fresh;

        @Option(names = "--dry-run", description = "print the runs and the estimated time and memory (each arm timed on a few batches), then stop: nothing trained or written")
        boolean dryRun;

        @Option(names = "--engine", paramLabel = "ENGINE",
                description = {"where the runs train: local (this process, runs side by side: --parallel) or spark (one Spark task per run)",
                        "(default: ${DEFAULT-VALUE})"})
        String engine = "local";

        @Option(names = "--parallel", paramLabel = "N",
                description = "local engine: runs at a time, each with cores/N threads (default: one per core, as memory allows); results are the same for any N")
        Integer parallel;

        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master for --engine spark: local[2], spark://host:7077, yarn (spark-submit's when left out)")
        String master;

        @Option(names = "--data", paramLabel = "DATASET[:PATH]", completionCandidates = DatasetNames.class,
                description = {"the data instead of the plan's: ${COMPLETION-CANDIDATES}",
                        "e.g. --data csv:reviews.csv --text-column review --label-column sentiment"})
        String data;

        @Option(names = "--text-column", paramLabel = "NAME|INDEX", description = "CSV text column (default: text)")
        String textColumn;

        @Option(names = "--label-column", paramLabel = "NAME|INDEX", description = "CSV label column (default: label)")
        String labelColumn;

        @Option(names = "--separator", paramLabel = "C", description = "CSV field separator (default: tab for .tsv, else comma)")
        String separator;

        @Option(names = "--no-header", description = "the CSV has no header row: give columns as 0-based indices")
        boolean noHeader;

        @Override
        public Integer call() {
            List<String> all = new ArrayList<>(dataOverrides());
            all.addAll(overrides);
            if (parallel != null && !engine.equals("local")) {
                throw new IllegalArgumentException("--parallel is for the local engine; on Spark the master sets it (local[N])");
            }
            if (PlanReader.namesTasks(plan)) {
                if (data != null || all.stream().anyMatch(o -> o.startsWith("data."))) {
                    throw new IllegalArgumentException("--data and --set data.… name one dataset's settings, but " + plan
                            + " is a study of tasks, each with its own data: change them in the file's tasks, or run one task as a plan of its own");
                }
                TaskStudy whole = PlanReader.loadTasks(plan, all);
                TaskStudy study = variants.isEmpty() ? whole : whole.onlyVariants(variants);
                TrialEngine trialEngine = Engines.named(engine, master,
                        engine.equals("local") ? (parallel != null ? parallel : TaskStudyRunner.defaultParallel(study)) : 1);
                new TaskStudyRunner(results, System.out).fresh(fresh).dryRun(dryRun).run(study, whole, command(all), trialEngine);
                return 0;
            }
            Plan whole = PlanReader.load(plan, all);
            Plan loaded = variants.isEmpty() ? whole : whole.onlyVariants(variants);
            TrialEngine trialEngine = Engines.named(engine, master,
                    engine.equals("local") ? (parallel != null ? parallel : CostEstimate.defaultParallel(loaded)) : 1);
            new PlanRunner(results, System.out).fresh(fresh).dryRun(dryRun).run(loaded, whole, command(all), trialEngine);
            return 0;
        }

        /**
         * The command that reproduces this study, as study.json and the report quote it: the plan, every override,
         * the variants, the results root, the engine (with Maven's spark profile, or spark-submit) and the thread
         * settings given.
         */
        String command(List<String> all) {
            StringBuilder args = new StringBuilder("run " + plan);
            all.forEach(o -> args.append(" --set ").append(o));
            variants.forEach(v -> args.append(" --variant ").append(v.id()));
            if (!results.equals(Path.of("results"))) {
                args.append(" --results ").append(results);
            }
            if (parallel != null) {
                args.append(" --parallel ").append(parallel);
            }
            boolean spark = engine.equals("spark");
            if (spark) {
                args.append(" --engine spark").append(master != null ? " --master " + master : "");
            }
            if (System.getProperty("SPARK_SUBMIT") != null) { // started by spark-submit: its own options are not known here
                return "spark-submit [options as given] --class " + Main.class.getName() + " rnn-suite-cluster.jar " + args;
            }
            String threads = System.getProperty(Natives.THREADS_PROPERTY);
            return (threads != null ? "MAVEN_OPTS=-D" + Natives.THREADS_PROPERTY + "=" + threads + " " : "")
                    + "mvn -q " + (spark ? "-Pspark " : "") + "compile exec:java -Dexec.args=\"" + args.toString().replace("\"", "\\\"") + "\"";
        }

        /** The data options as plan overrides, so they are checked like the plan. */
        private List<String> dataOverrides() {
            List<String> list = new ArrayList<>();
            if (data != null) {
                int colon = data.indexOf(':');
                list.add("data.dataset=" + quote(colon < 0 ? data : data.substring(0, colon)));
                if (colon >= 0) {
                    list.add("data.path=" + quote(data.substring(colon + 1)));
                }
            }
            if (textColumn != null) {
                list.add("data.text_column=" + quote(textColumn));
            }
            if (labelColumn != null) {
                list.add("data.label_column=" + quote(labelColumn));
            }
            if (separator != null) {
                list.add("data.separator=" + quote(separator));
            }
            if (noHeader) {
                list.add("data.header=false");
            }
            return list;
        }

        private static String quote(String value) {
            return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
    }

    @Command(name = "download", mixinStandardHelpOptions = true,
            description = {"Fetch a dataset once: IMDB's aclImdb_v1.tar.gz, checked against its SHA-256 and unpacked.",
                    "An interrupted download resumes when run again; a bad one is deleted. Nothing else ever downloads."})
    static final class Download implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DATASET", description = "imdb")
        String dataset;

        @Option(names = "--dir", paramLabel = "DIR", description = "where the archive and the aclImdb folder go (default: ${DEFAULT-VALUE})")
        Path dir = Path.of("data");

        @Option(names = "--url", paramLabel = "URL", description = "a mirror of the archive (default: the Stanford original)")
        java.net.URI url = rnnsuite.data.Download.IMDB_URL;

        @Option(names = "--sha256", paramLabel = "HEX", description = "the archive's SHA-256 (default: the published one)")
        String sha256 = rnnsuite.data.Download.IMDB_SHA256;

        @Override
        public Integer call() {
            if (!"imdb".equals(dataset)) {
                throw new IllegalArgumentException("unknown download '" + dataset + "': the only one is imdb");
            }
            Path target = new rnnsuite.data.Download(System.out).imdb(url, sha256, dir);
            System.out.println("IMDB is in " + target + "; use it with --data imdb:" + target
                    + " or data: {dataset: imdb, path: " + target + "} in a plan");
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = {"Training throughput of the classic stack on fixed-shape random data, stock vs fast layers.",
                    "Prints one BENCH line per configuration and the machine's sgemm GFLOP/s; appends the rows to a CSV."})
    static final class Bench implements Callable<Integer> {

        @Option(names = "--task", paramLabel = "TASK", description = "classify (random vectors in, one class from the last "
                + "step) or chars (character ids in through an embedding, the next character at every step; --features is "
                + "then the vocabulary, default 65) (default: ${DEFAULT-VALUE})")
        String task = "classify";

        @Option(names = "--variant", split = ",", paramLabel = "V", description = "variants (default: simple_rnn,lstm)")
        List<Variant> variants = List.of(Variant.SIMPLE_RNN, Variant.LSTM);

        @Option(names = "--impl", split = ",", paramLabel = "I", description = "implementations (default: stock,fast)")
        List<Impl> impls = List.of(Impl.STOCK, Impl.FAST);

        @Option(names = "--batch", split = ",", paramLabel = "N", description = "batch sizes (default: 32,128)")
        List<Integer> batches = List.of(32, 128);

        @Option(names = "--seq-len", paramLabel = "T", description = "time steps (default: ${DEFAULT-VALUE})")
        int seqLen = 100;

        @Option(names = "--features", paramLabel = "D", description = "input features per step, or the vocabulary of chars "
                + "(default: 100, chars 65)")
        Integer features;

        @Option(names = "--units", paramLabel = "H", description = "units per layer (default: ${DEFAULT-VALUE})")
        int units = 128;

        @Option(names = "--layers", paramLabel = "L", description = "recurrent layers (default: ${DEFAULT-VALUE})")
        int layers = 3;

        @Option(names = "--threads", split = ",", paramLabel = "N",
                description = "threads of the fast layers (default: all processors); stock runs on one")
        List<Integer> threads = List.of(Runtime.getRuntime().availableProcessors());

        @Option(names = "--warmup", paramLabel = "S", description = "warm-up seconds per configuration (default: ${DEFAULT-VALUE})")
        double warmup = 5;

        @Option(names = "--seconds", paramLabel = "S", description = "measured seconds per configuration (default: ${DEFAULT-VALUE})")
        double seconds = 20;

        @Option(names = "--csv", paramLabel = "FILE", description = "CSV the rows are appended to (default: ${DEFAULT-VALUE})")
        Path csv = Path.of("results", "bench", "bench.csv");

        @Override
        public Integer call() {
            Benchmark.Task kind = Benchmark.Task.parse(task);
            int width = features != null ? features : kind == Benchmark.Task.CHARS ? 65 : 100;
            if (seqLen < 1 || width < 1 || units < 1 || layers < 1 || warmup < 0 || seconds <= 0
                    || batches.stream().anyMatch(b -> b < 1) || threads.stream().anyMatch(t -> t < 1)) {
                throw new IllegalArgumentException("bench: sizes, threads and seconds must be positive");
            }
            Benchmark.grid(kind, variants, impls, batches, seqLen, width, units, layers, threads).forEach(Benchmark::requireFits);
            Natives.init();
            System.out.println("natives: " + Natives.describe());
            Benchmark bench = new Benchmark(warmup, seconds, System.out);
            List<Impl> runnable = impls.stream().filter(i -> i.fallbackReason() == null).toList();
            impls.stream().filter(i -> i.fallbackReason() != null).distinct()
                    .forEach(i -> System.out.println("skipping impl=" + i.id() + ": " + i.fallbackReason()));
            Map<Integer, Double> sgemm = new TreeMap<>();
            List<Benchmark.Result> results = new ArrayList<>();
            for (Benchmark.Config c : Benchmark.grid(kind, variants, runnable, batches, seqLen, width, units, layers, threads)) {
                sgemm.computeIfAbsent(c.threads(), bench::sgemm);
                results.add(bench.measure(c));
            }
            Benchmark.appendCsv(csv, results, sgemm);
            System.out.println("rows appended to " + csv);
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Rebuild summary.csv, comparison.csv and report.html of a results folder from its CSVs and study.json.")
    static final class Report implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DIR", description = "a results folder, e.g. results/default")
        Path dir;

        @Override
        public Integer call() {
            // a run rewrites these files after each of its runs: two writers at once could cross their renames
            try (FolderLock lock = Files.isDirectory(dir) ? FolderLock.acquire(dir, "report " + dir,
                    "wait for it to finish (it rewrites the report after every run)") : null) {
                if (lock != null) {
                    lock.warning().ifPresent(System.out::println);
                }
                if (CrossTaskReport.isStudyOfTasks(dir)) {
                    CrossTaskReport.rebuild(dir);
                } else {
                    ResultWriter.rebuild(dir);
                }
            }
            System.out.println("report: " + dir.resolve("report.html"));
            return 0;
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = {"Reload a saved model and evaluate it again on its run's test split.",
                    "Give a run folder (results/<plan>/runs/<id>, uses checkpoints/best.zip) or a model .zip inside one."})
    static final class Evaluate implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "RUN", description = "run folder or model file")
        Path target;

        @Override
        public Integer call() {
            Natives.init();
            Reevaluation.Result r = Reevaluation.of(target);
            System.out.println(r.describe());
            return 0;
        }
    }

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = {"Write text with a character model (a run on chars or text): after a prime, one character at a time.",
                    "Give a run folder (results/<plan>/runs/<id>, uses checkpoints/best.zip) or a model .zip inside one.",
                    "The same run, prime, temperature and seed write the same text."})
    static final class Sample implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "RUN", description = "run folder or model file")
        Path target;

        @Option(names = "--prime", paramLabel = "TEXT", description = "the text to start from (default: the first 40 characters of the test split)")
        String prime;

        @Option(names = "--temperature", paramLabel = "T", description = "below 1 sharper, above 1 wilder (default: ${DEFAULT-VALUE})")
        double temperature = 0.8;

        @Option(names = "--length", paramLabel = "N", description = "characters to write (default: ${DEFAULT-VALUE})")
        int length = 500;

        @Option(names = "--seed", paramLabel = "S", description = "the draws' seed (default: ${DEFAULT-VALUE})")
        long seed = 1;

        @Override
        public Integer call() {
            Natives.init();
            System.out.println(Sampling.of(target, prime, temperature, length, seed));
            return 0;
        }
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (for tests; {@link #main} exits with it). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.registerConverter(Variant.class, Variant::parse);
        cli.registerConverter(Impl.class, Impl::parse);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof MemoryCheck.TooLarge) { // refused before it could run out of memory
                commandLine.getErr().println("error: " + e.getMessage());
                return EXIT_OUT_OF_MEMORY;
            }
            if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            // DL4J wraps a refused native buffer in its own exception ("Error during neural network forward pass")
            OutOfMemoryError outOfMemory = outOfMemory(e);
            if (outOfMemory != null) {
                return outOfMemory(commandLine, outOfMemory);
            }
            throw e;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(cli, e);
        }
    }

    /** The out-of-memory error that caused {@code e}, or null. */
    static OutOfMemoryError outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError error) {
                return error;
            }
        }
        return null;
    }

    private static int outOfMemory(CommandLine cli, OutOfMemoryError e) {
        cli.getErr().println("error: out of memory (" + e.getMessage() + "). The limits are set in .mvn/jvm.config "
                + "(-Xmx for the heap, -Dorg.bytedeco.javacpp.maxphysicalbytes for the whole process): "
                + "lower train.batch_size or data.max_len, or raise those limits if the machine has the memory. "
                + "Results of runs that finished before are kept.");
        return EXIT_OUT_OF_MEMORY;
    }

    /** The datasets --data takes, as the descriptions list them: those that read a file or folder with :PATH. */
    static final class DatasetNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(rnnsuite.data.Dataset.values())
                    .map(d -> d.keys().contains("path") ? d.id() + ":PATH" : d.id()).iterator();
        }
    }
}
