package rnnsuite.experiments;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import rnnsuite.data.PreparedCache;
import rnnsuite.data.PreparedData;
import rnnsuite.experiments.search.SearchSpec;
import rnnsuite.model.ModelFactory;
import rnnsuite.model.Variant;
import rnnsuite.runtime.Natives;
import rnnsuite.train.Trial;

/**
 * The cost of a plan before it is spent: each arm's training step timed on a few real batches of its own
 * data on this machine (one arm per model and length; the seed changes no cost), times the batches its runs
 * will train, plus evaluation; and the process's resident memory after the largest arm, as the peak to
 * expect. With runs side by side, each step is timed while as many copies as will share the machine train
 * beside it (they contend for memory bandwidth and caches: timed alone, the default study's estimate ran 28%
 * low), and the wall time is the engine's own schedule of the runs, longest first, tail included. The
 * engine then corrects the remaining time after every run.
 */
public final class CostEstimate {

    /** Timed steps per arm after {@link #WARMUP} untimed ones (JIT, buffers). */
    static final int TIMED = 4;
    static final int WARMUP = 6;
    /** A baseline run (TF-IDF or majority): seconds, about, whatever the data. */
    private static final double BASELINE_SECONDS = 5;

    /** One calibrated arm at one length. */
    record Arm(String name, int length, int runs, double secondsPerStep, double secondsPerRun) {
    }

    /** One run's estimate: all of it (training and evaluation), and one epoch of its training steps. */
    record RunCost(double seconds, double trainSecondsPerEpoch) {
    }

    /**
     * @param wallSeconds estimated wall time with {@code parallel} runs at a time; peakBytes resident memory seen
     * @param byRun       each run's estimate by run id (baselines included)
     */
    record Result(List<Arm> arms, int runs, double wallSeconds, long peakBytes, Map<String, RunCost> byRun) {
    }

    private CostEstimate() {
    }

    /**
     * Calibrates every arm among {@code trials} (unfinished runs) and adds up their cost; each step is timed
     * with the {@code threads} a run will have, {@code parallel} runs sharing the machine.
     */
    static Result of(List<Trial> trials, int parallel, int threads) {
        // copies beside the timed one: the runs sharing this machine (on a cluster, slots elsewhere do not)
        int companions = Math.min(parallel, Runtime.getRuntime().availableProcessors()) - 1;
        Map<String, List<Trial>> byArm = new LinkedHashMap<>();
        for (Trial trial : trials) {
            if (trial.baseline() == null) {
                byArm.computeIfAbsent(trial.arm() + "@" + trial.data().maxLen() + "@" + trial.model() + "@" + trial.train().batchSize(),
                        k -> new ArrayList<>()).add(trial);
            }
        }
        List<Arm> arms = new ArrayList<>();
        Map<String, RunCost> byRun = new HashMap<>();
        long peak = Pointer.physicalBytes();
        PreparedData data = null;
        // one epoch's batches walked per data, batch size and shuffle, not once per arm
        Map<String, Double> scales = new HashMap<>();
        for (List<Trial> group : byArm.values()) {
            Trial first = group.get(0);
            if (data == null || !data.spec().equals(first.data())) {
                data = PreparedCache.get(first.data()); // the engine takes it from the same cache
            }
            PreparedData prepared = data;
            // the step is timed on the first batch; an epoch's batches are as long as their longest sequence
            double scale = scales.computeIfAbsent(first.data() + "@" + first.train().batchSize() + "@" + first.seed(),
                    k -> lengthScale(first, prepared));
            double step = secondsPerStep(first, data, companions, threads) * scale;
            peak = Math.max(peak, Pointer.physicalBytes());
            double perRun = 0;
            for (Trial trial : group) {
                perRun = runSeconds(trial, data, step);
                byRun.put(trial.runId(), new RunCost(perRun, step * data.train().numBatches(trial.train().batchSize())));
            }
            // a dataset whose sequences keep their own lengths has no T to show
            arms.add(new Arm(first.arm(), first.data().kind().sweepsLengths() ? first.data().maxLen() : 0, group.size(), step, perRun));
        }
        for (Trial trial : trials) {
            byRun.putIfAbsent(trial.runId(), new RunCost(BASELINE_SECONDS, 0));
        }
        List<Double> seconds = inRunOrder(trials, parallel).stream().map(t -> byRun.get(t.runId()).seconds()).toList();
        return new Result(arms, trials.size(), makespan(seconds, parallel), peak, byRun);
    }

    /**
     * A search plan's cost, an upper bound for candidates of the recipe's size: its final comparison's recipe runs, where it compares them (and
     * baselines) timed as any plan's; each
     * tuned arm's search ({@link rnnsuite.experiments.search.SearchMethod#budgetEpochs}: every candidate trains each
     * rung in full, then the two finalists again on a second seed at max_epochs) and its winner's final runs, at the
     * recipe's cost per epoch. Early stopping only shortens a search; candidates larger or smaller than the recipe
     * cost more or less. The wall time shares the total over the slots, as rungs go to the engine together.
     *
     * @param recipe the plan's trials: its recipe arms and baselines on the final seeds
     */
    static Result ofSearch(SearchSpec search, List<Trial> recipe, int parallel, int threads) {
        Result timed = of(recipe, parallel, threads);
        long searchEpochs = search.searchMethod().budgetEpochs() + 2L * search.maxEpochs();
        long candidateRuns = search.searchMethod().brackets().stream()
                .mapToLong(b -> b.candidatesPerRung().stream().mapToLong(Integer::longValue).sum()).sum() + 2;
        double total = 0;
        int runs = recipe.size();
        Map<String, Boolean> grouped = new HashMap<>();
        for (Trial trial : recipe) {
            RunCost cost = timed.byRun().get(trial.runId());
            if (trial.baseline() != null) {
                total += cost.seconds();
                continue;
            }
            if (search.compareRecipe()) {
                total += cost.seconds();
            } else {
                runs--; // timed for its cost per epoch, not run
            }
            double perEpoch = cost.seconds() / Math.max(1, trial.epochsToTrain());
            total += perEpoch * Math.max(search.maxEpochs(), trial.epochsToTrain()); // the winner's final run: at most max_epochs
            runs++;
            if (grouped.putIfAbsent(trial.arm() + "@" + trial.data().maxLen(), true) == null) {
                total += searchEpochs * perEpoch;
                runs += (int) candidateRuns;
            }
        }
        int slots = Math.max(1, Math.min(parallel, Runtime.getRuntime().availableProcessors()));
        return new Result(timed.arms(), runs, total / slots, timed.peakBytes(), timed.byRun());
    }

    /**
     * The wall time of runs taking {@code seconds} each, in this order, on {@code slots} slots: each run starts
     * on the first slot to come free, as the engines hand them out; the last run to end ends the plan.
     */
    static double makespan(List<Double> seconds, int slots) {
        double[] free = new double[Math.max(1, slots)];
        for (double s : seconds) {
            int first = 0;
            for (int i = 1; i < free.length; i++) {
                if (free[i] < free[first]) {
                    first = i;
                }
            }
            free[first] += s;
        }
        double end = 0;
        for (double f : free) {
            end = Math.max(end, f);
        }
        return end;
    }

    /**
     * Mean seconds of one training step (forward, backward, update) on the first training batch, timed while
     * {@code companions} copies of the same network train beside it on their own threads (the runs that will
     * share the machine with this one).
     */
    static double secondsPerStep(Trial trial, PreparedData data, int companions, int threads) {
        PreparedData input = VariantExperiment.inputFor(trial, data);
        DataSet batch = input.train().batches(trial.train().batchSize(), null).next();
        AtomicBoolean timing = new AtomicBoolean(true);
        CountDownLatch warm = new CountDownLatch(companions);
        List<Thread> beside = new ArrayList<>();
        for (int c = 0; c < companions; c++) {
            Thread t = new Thread(() -> {
                MultiLayerNetwork copy = network(trial, input, threads);
                for (int i = 0; timing.get(); i++) {
                    copy.fit(batch);
                    if (i == WARMUP - 1) {
                        warm.countDown();
                    }
                }
            }, "rnnsuite-calibration");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> warm.countDown()); // time alone rather than hang
            beside.add(t);
            t.start();
        }
        try {
            MultiLayerNetwork net = network(trial, input, threads);
            for (int i = 0; i < WARMUP; i++) {
                net.fit(batch);
            }
            warm.await();
            long start = System.nanoTime();
            for (int i = 0; i < TIMED; i++) {
                net.fit(batch);
            }
            return (System.nanoTime() - start) / 1e9 / TIMED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing " + trial.arm(), e);
        } finally {
            timing.set(false);
            for (Thread t : beside) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * How much longer an epoch's training batches are on average than the first, the one {@link #secondsPerStep} times:
     * their steps, each batch as long as its longest sequence, in the shuffled order training draws (1 where every
     * sequence has one length; above 1 on the music sets, whose first pieces are shorter than their average batch).
     */
    static double lengthScale(Trial trial, PreparedData data) {
        PreparedData input = VariantExperiment.inputFor(trial, data);
        int batch = trial.train().batchSize();
        long timed = steps(input.train().batches(batch, null).next());
        var epoch = input.train().batches(batch, new java.util.Random(trial.seed()), trial.train().batchesByLength());
        double sum = 0;
        int batches = 0;
        while (epoch.hasNext()) {
            sum += steps(epoch.next());
            batches++;
        }
        return batches == 0 || timed == 0 ? 1 : sum / batches / timed;
    }

    /** A batch's time steps: the last dimension of its features ([batch, inputs, steps], or [batch, steps] for token ids). */
    private static long steps(DataSet batch) {
        var features = batch.getFeatures();
        return features.rank() >= 2 ? features.size(features.rank() - 1) : 1;
    }

    private static MultiLayerNetwork network(Trial trial, PreparedData input, int threads) {
        return ModelFactory.network(VariantExperiment.configuration(trial, input), trial.model(), trial.seed(), threads);
    }

    /**
     * A run: its epochs of training batches, plus a validation pass per epoch and one test pass, each
     * about a third of a training step per batch (forward only).
     */
    static double runSeconds(Trial trial, PreparedData data, double secondsPerStep) {
        int batch = trial.train().batchSize();
        double epochs = trial.epochsToTrain();
        double evaluation = (epochs * data.validation().numBatches(batch) + data.test().numBatches(batch)) / 3.0;
        return secondsPerStep * (epochs * data.train().numBatches(batch) + evaluation);
    }

    /** The lines a plan prints before it trains (and all that run --dry-run prints). */
    static void print(Result r, int parallel, PrintStream out) {
        out.printf(Locale.ROOT, "estimate on this machine (each arm's step timed on %d batches%s): %d run(s), about %s wall"
                        + "%s, peak memory about %.1f GB%n", TIMED, parallel > 1 ? ", " + parallel + " training at once" : "",
                r.runs(), duration(r.wallSeconds()), parallel > 1 ? " with " + parallel + " at a time, longest first" : "", r.peakBytes() / 1e9);
        for (Arm a : r.arms()) {
            out.printf(Locale.ROOT, "  %-24s %-6s %d run(s) × %s (%.3f s per batch)%n", a.name(), a.length() > 0 ? "T=" + a.length() : "",
                    a.runs(),
                    duration(a.secondsPerRun()), a.secondsPerStep());
        }
    }

    /** The lines a search plan prints before it trains: the upper bound and what it assumes. */
    static void printSearch(Result r, SearchSpec search, int parallel, PrintStream out) {
        out.printf(Locale.ROOT, "estimate on this machine, an upper bound at the recipe's size (each arm's step timed on %d "
                        + "batches; every candidate trains each rung in full at the recipe's cost per epoch, a larger one costs "
                        + "more; early stopping only shortens it): %d run(s), "
                        + "%d search epochs per arm, about %s wall%s, peak memory about %.1f GB%n", TIMED, r.runs(),
                search.searchMethod().budgetEpochs() + 2L * search.maxEpochs(), duration(r.wallSeconds()),
                parallel > 1 ? " with " + parallel + " at a time" : "", r.peakBytes() / 1e9);
        for (Arm a : r.arms()) {
            out.printf(Locale.ROOT, "  %-24s %-6s recipe run × %s (%.3f s per batch)%n", a.name(), a.length() > 0 ? "T=" + a.length() : "",
                    duration(a.secondsPerRun()), a.secondsPerStep());
        }
    }

    static String duration(double seconds) {
        if (seconds < 9.95) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /**
     * The order an engine takes the runs in: plan order one at a time; longest first when runs go side by
     * side, so that no long run starts last and trains alone while the other cores idle (the default study
     * in plan order ended on an LSTM run by itself). Results keep their plan positions either way.
     */
    static List<Trial> inRunOrder(List<Trial> trials, int parallel) {
        if (parallel <= 1) {
            return trials;
        }
        List<Trial> order = new ArrayList<>(trials);
        order.sort(java.util.Comparator.comparingDouble(CostEstimate::relativeCost).reversed()); // stable: ties in plan order
        return order;
    }

    /**
     * A trial's cost before any calibration, relative to others (the run order, and the time left where no
     * estimate covers the runs): epochs × length × the cell's weight × the stack's size. The cell's weight is the
     * per-step overhead every cell pays plus its matrix products from its gate layout, relative to a SimpleRnn's
     * (the LSTM comes out at 2.5, as measured); the stack's, layers and units to the power 1.5 (between the
     * per-step overhead and the products).
     */
    static double relativeCost(Trial trial) {
        double cell = trial.baseline() != null ? 0.1 : 0.5 + 0.5 * trial.variant().forwardFlopsPerStep(128, 128)
                / Variant.SIMPLE_RNN.forwardFlopsPerStep(128, 128);
        double stack = trial.baseline() != null ? 1 : trial.model().layers() / 3.0 * Math.pow(trial.model().nominalUnits(trial.variant().cell()) / 128.0, 1.5);
        return trial.epochsToTrain() * (double) trial.data().maxLen() * cell * stack;
    }

    /** Bytes of activation memory for one training step: about 20 floats per unit, step and example per layer (LSTM). */
    static double activationBytes(int batch, int length, int layers, int units) {
        return 20.0 * Float.BYTES * batch * length * layers * units;
    }

    /** A plan's largest batch: its activations' bytes (the longest length it trains at). */
    private static double activationBytes(Plan plan) {
        // a budget's units taken as a SimpleRnn's, the most units any cell gets for it
        return activationBytes(plan.train().batchSize(), longest(plan), plan.model().layers(), plan.model().nominalUnits(Variant.SIMPLE_RNN.cell()));
    }

    private static int longest(Plan plan) {
        return plan.runLengths().stream().mapToInt(Integer::intValue).max().orElse(plan.data().maxLen());
    }

    /**
     * A warning when the sequences of one batch (batch × length × layers × units, with the per-step state a
     * cell keeps for backprop) may not fit the process's memory limit.
     */
    static Optional<String> memoryWarning(Plan plan) {
        long limit = Pointer.maxPhysicalBytes();
        double estimate = activationBytes(plan);
        if (limit > 0 && estimate > 0.5 * limit) {
            return Optional.of(String.format(Locale.ROOT, "warning: a batch of %d sequences of length %d needs about %.1f GB "
                    + "during training; the process may use %.1f GB (.mvn/jvm.config). If it runs out of memory, lower "
                    + "train.batch_size or data.max_len.", plan.train().batchSize(), longest(plan), estimate / 1e9, limit / 1e9));
        }
        return Optional.empty();
    }

    /** Runs at once the local engine takes by default for this plan: one per core, as memory allows. */
    public static int defaultParallel(Plan plan) {
        // a run: its batch's activations plus about 0.3 GB of model, data and JVM
        return LocalEngine.defaultParallel(activationBytes(plan) + 3e8);
    }
}
