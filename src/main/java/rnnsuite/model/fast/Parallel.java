package rnnsuite.model.fast;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Splits a layer's work over the threads its network was given in chunks fixed by the work's
 * size, not by the thread count: the caller runs the first share of chunks, pool threads the rest, and the
 * caller then blocks (never spins) until all are done, so a busy machine slows the layer down instead of
 * collapsing it. BLAS stays single-threaded inside each part.
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

    /**
     * The narrowest batch slice: whole vectors on AVX2 (8 lanes) and AVX-512 (16); a batch of 32 is one slice, as fast
     * on one thread as an unsplit batch. Larger batches are cut in at most {@link #MAX_CHUNKS} slices, since each
     * per-step product repacks the recurrent matrix (batch 128: two slices of 64, not four of 32).
     */
    static final int SLICE = 32;
    /** Other ranges (columns, rows of all steps, steps) are cut into at most this many chunks: every extra GEMM call costs (8 chunks took 17% off a minGRU run on one thread). */
    static final int MAX_CHUNKS = 2;

    /**
     * Runs {@code part} over [0, n) in chunks whose boundaries depend on {@code n} and {@code align} only,
     * never on the thread count: batch slices ({@code align} = vector width) of {@link #SLICE} rows or, when wider,
     * n / {@link #MAX_CHUNKS} rounded up to the vector width; other ranges in at most {@link #MAX_CHUNKS} chunks of a
     * multiple of 16. The threads take consecutive chunks
     * and run each chunk alone, so every chunk is computed the same way (the same BLAS calls, with the same
     * sizes) whichever thread takes it, and a run's numbers do not depend on how many threads it has.
     */
    static void split(int threads, int n, int align, Part part) {
        int[] bounds = bounds(n, align);
        int chunks = bounds.length - 1;
        int parts = Math.max(1, Math.min(threads, chunks));
        if (parts == 1) {
            runChunks(part, bounds, 0, chunks);
            return;
        }
        List<Future<?>> pending = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = chunks * p / parts;
            int to = chunks * (p + 1) / parts;
            pending.add(POOL.submit(() -> runChunks(part, bounds, from, to)));
        }
        RuntimeException failure = null;
        try {
            runChunks(part, bounds, 0, chunks / parts);
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

    /** The chunk boundaries of [0, n): a function of n and align alone. */
    static int[] bounds(int n, int align) {
        int width = align > 1 ? Math.max(Math.max(align, SLICE / align * align), roundUp((n + MAX_CHUNKS - 1) / MAX_CHUNKS, align))
                : Math.max(16, roundUp((n + MAX_CHUNKS - 1) / MAX_CHUNKS, 16));
        int chunks = Math.max(1, (n + width - 1) / width);
        int[] bounds = new int[chunks + 1];
        for (int c = 1; c <= chunks; c++) {
            bounds[c] = Math.min(n, c * width);
        }
        return bounds;
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }

    private static void runChunks(Part part, int[] bounds, int from, int to) {
        for (int c = from; c < to; c++) {
            part.run(bounds[c], bounds[c + 1]);
        }
    }
}
