package rnnsuite.experiments;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import rnnsuite.data.PreparedCache;
import rnnsuite.data.PreparedData;
import rnnsuite.runtime.Natives;
import rnnsuite.train.Trial;

/**
 * Runs the trials in this process on data prepared once per length: {@code parallel} runs at a time, each
 * with cores / parallel threads for its layers. The fast layers' numbers do not depend on their thread
 * count, so two runs side by side give exactly what one after the other gives — and keep both cores busy
 * where one run's small per-step products cannot.
 */
public final class LocalEngine implements TrialEngine {

    private final int parallel;
    /** Threads of each run's fast layers. */
    private final int threads;

    /** One run at a time, with the process's threads. */
    public LocalEngine() {
        this(1);
    }

    /** {@code parallel} runs at a time, sharing the process's threads. */
    public LocalEngine(int parallel) {
        this(parallel, Math.max(1, Natives.threads() / Math.max(1, parallel)));
    }

    /** {@code parallel} runs at a time, each with {@code threads} threads. */
    public LocalEngine(int parallel, int threads) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads per run must be at least 1, got " + threads);
        }
        this.parallel = parallel;
        this.threads = threads;
    }

    /**
     * Runs at once by default: one per core (one thread each), fewer when a run's estimated memory
     * ({@code bytesPerRun}) times the runs would pass half the process's memory limit.
     */
    public static int defaultParallel(double bytesPerRun) {
        // JavaCPP's Pointer fixes the natives build when first touched: pick it for this CPU before (a plain
        // Pointer call first would load the default AVX-512 build, which dies with SIGILL on an AVX2 CPU)
        Natives.init();
        int cores = Runtime.getRuntime().availableProcessors();
        long limit = org.bytedeco.javacpp.Pointer.maxPhysicalBytes();
        int byMemory = limit > 0 && bytesPerRun > 0 ? (int) Math.max(1, 0.5 * limit / bytesPerRun) : cores;
        return Math.max(1, Math.min(cores, byMemory));
    }

    @Override
    public int parallel() {
        return parallel;
    }

    @Override
    public int threadsPerRun() {
        return threads;
    }

    @Override
    public void run(List<Trial> trials, RunStore store, PrintStream out, Finished finished) {
        if (parallel == 1 || trials.size() == 1) {
            PreparedData data = null;
            for (int i = 0; i < trials.size(); i++) {
                Trial trial = trials.get(i);
                if (data == null || !data.spec().equals(trial.data())) {
                    data = PreparedCache.get(trial.data()); // once per length (and shared with the cost estimate)
                    out.println(data.summary().describe());
                }
                out.printf(Locale.ROOT, "[%d/%d] %s%n", i + 1, trials.size(), trial.runId());
                finished.accept(VariantExperiment.runTrial(trial, data, TerminalProgress.forOutput(out, trial.runId()), store,
                        threads), data.summary());
            }
            return;
        }
        runSideBySide(trials, store, out, finished);
    }

    /** {@code parallel} runs at a time, in the order given (PlanRunner's: longest first); each finished run is handed on as it ends. */
    private void runSideBySide(List<Trial> trials, RunStore store, PrintStream out, Finished finished) {
        ExecutorService pool = Executors.newFixedThreadPool(parallel, task -> {
            Thread t = new Thread(task, "rnnsuite-run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < trials.size(); i++) {
                Trial trial = trials.get(i);
                int number = i + 1;
                runs.add(pool.submit(() -> {
                    PreparedData data = PreparedCache.get(trial.data());
                    out.printf(Locale.ROOT, "[%d/%d] %s (side by side, %d at a time)%n", number, trials.size(), trial.runId(), parallel);
                    // lines, not a bar: two bars on one terminal would overwrite each other
                    var record = VariantExperiment.runTrial(trial, data, new ConsoleProgress(out, trial.runId()), store, threads);
                    synchronized (finished) {
                        finished.accept(record, data.summary());
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while runs were training", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "local (this process, %s, %d thread(s) each)",
                parallel == 1 ? "one run at a time" : parallel + " runs at a time", threads);
    }
}
