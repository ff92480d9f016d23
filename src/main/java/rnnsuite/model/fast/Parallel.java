package rnnsuite.model.fast;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import rnnsuite.model.Natives;

/**
 * Splits a layer's work over the suite's threads ({@link Natives#threads()}): the caller runs the first
 * part, pool threads the rest, and the caller then blocks (never spins) until all are done, so a busy
 * machine slows the layer down instead of collapsing it. BLAS stays single-threaded inside each part.
 */
final class Parallel {

    /** Work on the index range [from, to). */
    interface Part {
        void run(int from, int to);
    }

    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "rnnsuite-fast");
        t.setDaemon(true);
        return t;
    });

    private Parallel() {
    }

    static int threads() {
        return Natives.threads();
    }

    /**
     * Runs {@code part} over [0, n) cut into at most {@link #threads()} pieces whose boundaries are
     * multiples of {@code align} (vector width for batch slices, 1 otherwise).
     */
    static void split(int n, int align, Part part) {
        int parts = Math.max(1, Math.min(threads(), n / Math.max(1, align)));
        if (parts == 1) {
            part.run(0, n);
            return;
        }
        int[] bounds = new int[parts + 1];
        for (int p = 1; p < parts; p++) {
            int cut = (int) ((long) n * p / parts);
            bounds[p] = Math.min(n, Math.max(bounds[p - 1], cut / align * align));
        }
        bounds[parts] = n;
        List<Future<?>> pending = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = bounds[p];
            int to = bounds[p + 1];
            pending.add(POOL.submit(() -> part.run(from, to)));
        }
        RuntimeException failure = null;
        try {
            part.run(bounds[0], bounds[1]);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a recurrent layer was computing", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
