package rnnsuite.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.deeplearning4j.util.CrashReportingUtil;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Chooses ND4J's native build and thread counts. Call {@link #init()} before anything touches ND4J.
 *
 * <p>Why: on x86-64 Linux the build ships libnd4j compiled for generic x86-64, AVX2 and AVX-512.
 * Left alone, JavaCPP loads the AVX-512 build first, and that build exits the JVM on a CPU without
 * AVX-512. So the CPU's flags pick the extension here, before the first ND4J class loads.
 *
 * <p>Threads: libnd4j's and OpenBLAS's pools are pinned to one thread. Two spinning pools on two vCPUs
 * collapsed the stock layers 2.5-fold (LSTM, batch 32: 24 vs 60 samples/s). The suite's own parallelism
 * is {@link #threads()} Java threads in the fast recurrent layers, each calling single-threaded BLAS and
 * blocking (not spinning) while it waits, so a busy machine slows them down instead of collapsing them.
 */
public final class Natives {

    /** JavaCPP's own override; a user who sets it keeps the last word. */
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";
    public static final String THREADS_PROPERTY = "rnnsuite.threads";
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    /** What nd4j-cuda-11.6 1.0.0-M2.1 (the gpu profile in pom.xml) was built against. */
    public static final String CUDA_VERSION = "11.6";
    public static final String CUDNN_VERSION = "8.3";

    private static volatile boolean initialised;

    private Natives() {
    }

    /** Selects the native build for this CPU and pins the thread pools. Idempotent. */
    public static synchronized void init() {
        if (initialised) {
            return;
        }
        if (System.getProperty(EXTENSION_PROPERTY) == null && isLinuxX86() && !cuda()) {
            System.setProperty(EXTENSION_PROPERTY, extensionFor(cpuFlags()));
        }
        threads(); // a bad -Drnnsuite.threads fails here, before any work
        try {
            Nd4j.getBackend(); // loads the native library chosen above
        } catch (RuntimeException | LinkageError e) {
            if (!cuda()) {
                throw e;
            }
            // The usual cause: no NVIDIA driver (libcuda.so.1) or not the CUDA version the build needs.
            throw new IllegalArgumentException("ND4J's CUDA backend did not load (" + rootMessage(e) + "). The GPU build "
                    + "(mvn -Dgpu) needs an NVIDIA GPU with its driver and CUDA " + CUDA_VERSION + " with cuDNN " + CUDNN_VERSION
                    + " on the library path; build without -Dgpu for the CPU backend", e);
        }
        // The command line reports running out of memory itself; no dump files in the working directory.
        CrashReportingUtil.crashDumpsEnabled(false);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxThreads(1);
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        initialised = true;
    }

    /**
     * Whether the build has ND4J's CUDA backend (mvn -Dgpu) instead of nd4j-native. Decided by the class
     * path, before ND4J loads: the CPU extensions above mean nothing to the CUDA natives.
     */
    public static boolean cuda() {
        try {
            Class.forName(CUDA_BACKEND, false, Natives.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** The suite's worker threads: {@code -Drnnsuite.threads=N}, else one per available processor. */
    public static int threads() {
        String value = System.getProperty(THREADS_PROPERTY);
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + THREADS_PROPERTY + " must be a positive integer, got '" + value + "'");
    }

    /**
     * Runs {@code work} with the suite's worker threads set to {@code threads}, then puts the setting back
     * as it was (absent, or its earlier value), also when {@code work} fails.
     */
    public static <T> T withThreads(int threads, java.util.function.Supplier<T> work) {
        String previous = System.getProperty(THREADS_PROPERTY);
        System.setProperty(THREADS_PROPERTY, String.valueOf(threads));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                System.clearProperty(THREADS_PROPERTY);
            } else {
                System.setProperty(THREADS_PROPERTY, previous);
            }
        }
    }

    /**
     * The JavaCPP platform extension for a set of /proc/cpuinfo flags: "-avx512" when the CPU has the
     * AVX-512 subsets libnd4j's AVX-512 build uses (F, CD, BW, DQ, VL), "-avx2" with AVX2 and FMA, else "-"
     * (a name no build has, so JavaCPP falls back to the generic x86-64 build).
     */
    static String extensionFor(Set<String> flags) {
        if (flags.containsAll(Set.of("avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"))) {
            return "-avx512";
        }
        if (flags.containsAll(Set.of("avx2", "fma"))) {
            return "-avx2";
        }
        return "-";
    }

    /** A one-line description of what was loaded, for logs and run records. */
    public static String describe() {
        init();
        String ext = System.getProperty(EXTENSION_PROPERTY, "");
        String build = switch (ext) {
            case "-avx512" -> "avx512";
            case "-avx2" -> "avx2";
            case "", "-" -> "generic";
            default -> ext.substring(1);
        };
        return Nd4j.getBackend().getClass().getSimpleName() + " " + build + ", threads=" + threads();
    }

    private static boolean isLinuxX86() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    private static Set<String> cpuFlags() {
        Set<String> flags = new TreeSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    flags.addAll(Arrays.asList(line.substring(line.indexOf(':') + 1).trim().split("\\s+")));
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // No flags readable: the generic build is the safe choice.
        }
        return flags;
    }
}
