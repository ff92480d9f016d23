package rnnsuite.bench;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasColMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.javacpp.FloatPointer;

/**
 * The machine's own single-precision matrix-multiply rate, as the suite uses it: {@code threads}
 * threads each multiplying its own 1024×1024 matrices with single-threaded OpenBLAS (ND4J's binding).
 * The figure is the physical limit the recurrent layers' GFLOP/s are compared with.
 */
public final class SgemmProbe {

    private static final int N = 1024;

    private SgemmProbe() {
    }

    /** Aggregate GFLOP/s of {@code threads} concurrent single-threaded sgemm loops over about {@code seconds}. */
    public static double gflops(int threads, double seconds) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<double[]>> runs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                runs.add(pool.submit(() -> run(seconds)));
            }
            double flops = 0;
            double longest = 0;
            for (Future<double[]> f : runs) {
                double[] r = f.get();
                flops += r[0];
                longest = Math.max(longest, r[1]);
            }
            return flops / longest / 1e9;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {flops done, seconds taken} after one warm-up multiply. */
    private static double[] run(double seconds) {
        FloatPointer a = new FloatPointer((long) N * N);
        FloatPointer b = new FloatPointer((long) N * N);
        FloatPointer c = new FloatPointer((long) N * N);
        try {
            for (long i = 0; i < (long) N * N; i++) {
                a.put(i, (i % 7) * 0.01f);
                b.put(i, (i % 5) * 0.02f);
            }
            multiply(a, b, c);
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            int reps = 0;
            do {
                multiply(a, b, c);
                reps++;
            } while (System.nanoTime() < end);
            return new double[] {2.0 * N * N * N * reps, (System.nanoTime() - start) / 1e9};
        } finally {
            a.deallocate();
            b.deallocate();
            c.deallocate();
        }
    }

    private static void multiply(FloatPointer a, FloatPointer b, FloatPointer c) {
        cblas_sgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, N, N, N, 1f, a, N, b, N, 0f, c, N);
    }
}
