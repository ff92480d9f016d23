package rnnsuite.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    /** {@code -Drnnsuite.natives=any}: train on whatever libnd4j build loaded, even one slower than this CPU allows. */
    public static final String ACCEPT_PROPERTY = "rnnsuite.natives";
    private static final String NATIVES_RESOURCE = "org/nd4j/linalg/cpu/nativecpu/bindings/";
    private static final String ND4J_BINDINGS = "org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu";
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    /** What nd4j-cuda-11.6 1.0.0-M2.1 (the gpu profile in pom.xml) was built against. */
    public static final String CUDA_VERSION = "11.6";
    /** CUDA 11.6's minimum Linux driver: its runtime is linked into libnd4jcuda.so. */
    public static final String CUDA_DRIVER = "510.39.01";

    private static volatile boolean initialised;

    private Natives() {
    }

    /** Selects the native build for this CPU and pins the thread pools. Idempotent. */
    public static void init() {
        if (!initialised) {
            init(cpuFlags());
        }
    }

    /** The same for a CPU with these /proc/cpuinfo flags (a test stands in another CPU). */
    static synchronized void init(Set<String> flags) {
        if (initialised) {
            return;
        }
        if (System.getProperty(EXTENSION_PROPERTY) == null && isLinuxX86() && !cuda()) {
            String extension = extensionFor(flags);
            System.setProperty(EXTENSION_PROPERTY, extension);
            // JavaCPP reads its system properties once, when first used (a Pointer call before this one, say), and then
            // ignores the one set above: it would load its own first choice, the AVX-512 build, which exits the JVM on
            // a CPU without AVX-512. Its cache takes the choice too.
            org.bytedeco.javacpp.Loader.loadProperties().setProperty("platform.extension", extension);
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
                    + "(mvn -Dgpu) needs an NVIDIA GPU of compute capability 3.7 to 8.9, a driver >= " + CUDA_DRIVER
                    + " and CUDA " + CUDA_VERSION + "'s libcudart, libcublas and libcusolver on the library path "
                    + "(scripts/gpu-check.sh checks them); build without -Dgpu for the CPU backend", e);
        }
        // The command line reports running out of memory itself; no dump files in the working directory.
        CrashReportingUtil.crashDumpsEnabled(false);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
        Nd4j.factory().blas().setMaxThreads(1);
        // libnd4j's own pool keeps the size it read from OMP_NUM_THREADS (else the core count) when it loaded:
        // its setMaxThreads does nothing in M2.1. Whole-array reductions (sum, norm2) split over that pool, so
        // their last bits follow it; environment.json records it, and Spark executors get the driver's.
        Nd4j.getEnvironment().setMaxMasterThreads(1);
        initialised = true;
        String asked = System.getProperty(EXTENSION_PROPERTY, "-");
        if (!cuda() && asked.startsWith("-") && asked.length() > 1 && !build().equals(asked.substring(1))) {
            System.err.println("note: libnd4j's " + asked.substring(1) + " build was chosen for this CPU, but the " + build()
                    + " build loaded (the chosen one's classifier jar is not where ND4J's classes look): it rounds otherwise");
        }
    }

    /**
     * The libnd4j build this CPU runs best (avx512, avx2 or generic), or null where the suite does not choose (another
     * OS or architecture, the CUDA backend, or a user's own {@code -Dorg.bytedeco.javacpp.platform.extension}).
     */
    public static String bestBuild() {
        if (!isLinuxX86() || cuda() || userChoseExtension()) {
            return null;
        }
        String ext = extensionFor(cpuFlags());
        return ext.equals("-") ? "generic" : ext.substring(1);
    }

    private static boolean userChoseExtension() {
        String asked = System.getProperty(EXTENSION_PROPERTY);
        return asked != null && !asked.equals(extensionFor(cpuFlags()));
    }

    /**
     * Refuses to train on a libnd4j build other than the one this CPU runs best, unless {@code -Drnnsuite.natives=any}:
     * another build rounds otherwise (a study's numbers would differ from the same plan's elsewhere on this machine)
     * and runs several times slower. The message says why the build was missed and the fix.
     *
     * @param where who refuses, for the message ("the driver", "an executor on host x")
     */
    public static void requireBestBuild(String where) {
        requireBestBuild(where, "any".equals(System.getProperty(ACCEPT_PROPERTY)), "-D" + ACCEPT_PROPERTY + "=any");
    }

    /** The same where another setting accepts any build ({@code accept}, named {@code acceptWith}): a Spark executor's. */
    public static void requireBestBuild(String where, boolean accept, String acceptWith) {
        init();
        String best = bestBuild();
        String loaded = build();
        if (accept || best == null || best.equals(loaded)) {
            return;
        }
        throw new IllegalArgumentException(where + " loaded libnd4j's " + loaded + " build, not the " + best + " build this CPU "
                + "runs (other numbers, and slower): " + whyMissed(best) + "; or accept it with " + acceptWith);
    }

    /** Why the best build did not load, and the fix: the classifier jar out of ND4J's sight, or unreadable. */
    private static String whyMissed(String best) {
        String resource = NATIVES_RESOURCE + "linux-x86_64-" + best + "/libnd4jcpu.so";
        Class<?> bindings;
        try {
            bindings = Class.forName(ND4J_BINDINGS, false, Natives.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return "ND4J's CPU bindings are not on the class path";
        }
        var source = bindings.getProtectionDomain().getCodeSource();
        String from = source == null ? "the boot class path" : String.valueOf(source.getLocation());
        ClassLoader nd4j = bindings.getClassLoader();
        if (nd4j == null || nd4j.getResource(resource) == null) {
            return "ND4J's classes load from " + from + ", beside which nd4j-native's linux-x86_64-" + best + " classifier jar "
                    + "is missing (on a cluster: keep ND4J out of SPARK_HOME/jars, so it comes from the cluster jar, which "
                    + "holds every build; scripts/spark-cluster.sh shows how)";
        }
        return "the " + best + " library is on the class path (" + from + ") but did not load; "
                + "-Dorg.bytedeco.javacpp.logger.debug=true shows why (a full disk under ~/.javacpp/cache, say)";
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

    /**
     * The process's default threads for the fast layers: {@code -Drnnsuite.threads=N}, else one per available
     * processor. A run's layers get their own count from whoever builds the network (the engines divide the
     * cores among the runs side by side).
     */
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

    /** A one-line description of what was loaded, for logs, with the process's default thread count. */
    public static String describe() {
        return describe(threads());
    }

    /** The same for a run whose layers have {@code threads} threads: what run records keep. */
    public static String describe(int threads) {
        init();
        String coretype = System.getenv(BLAS_CORETYPE);
        return Nd4j.getBackend().getClass().getSimpleName() + " " + build() + ", threads=" + threads
                + ", libnd4j threads=" + Nd4j.getEnvironment().maxThreads() + (coretype == null ? "" : ", " + BLAS_CORETYPE + "=" + coretype);
    }

    /**
     * The libnd4j build that loaded: avx512, avx2 or generic, read from the library JavaCPP loaded. Not what was
     * asked for: without the classifier jar on the class path JavaCPP silently loads the generic build.
     */
    public static String build() {
        init();
        String loaded = buildOf(org.bytedeco.javacpp.Loader.getLoadedLibraries().get("nd4jcpu"));
        if (loaded != null) {
            return loaded;
        }
        String ext = System.getProperty(EXTENSION_PROPERTY, "");
        return switch (ext) {
            case "-avx512" -> "avx512";
            case "-avx2" -> "avx2";
            case "", "-" -> "generic";
            default -> ext.substring(1);
        };
    }

    /**
     * OpenBLAS picks its kernel when it loads: from the CPU, or the one this variable names. Another kernel
     * rounds differently, so a run's numbers follow it (a Spark executor without the driver's setting trained
     * 6 of 8 runs of a study to other numbers).
     */
    public static final String BLAS_CORETYPE = "OPENBLAS_CORETYPE";
    /** The environment variables OpenBLAS reads when it loads (kernel, cache size, threads): they travel to Spark executors. */
    public static final String BLAS_VARIABLE_PREFIX = "OPENBLAS_";

    /** The build a loaded library's path names ({@code …/linux-x86_64-avx512/libnd4jcpu.so}: avx512), or null. */
    static String buildOf(String libraryPath) {
        if (libraryPath == null) {
            return null;
        }
        var m = java.util.regex.Pattern.compile("[/\\\\](linux|macosx|windows)-[^/\\\\-]+(-([a-z0-9]+))?[/\\\\][^/\\\\]*$").matcher(libraryPath);
        return m.find() ? (m.group(3) == null ? "generic" : m.group(3)) : null;
    }

    /**
     * The environment a process needs to compute as this one does: this one's OpenBLAS variables and the size of
     * libnd4j's thread pool (as OMP_NUM_THREADS, which sets it when libnd4j loads).
     */
    public static Map<String, String> computingEnvironment() {
        init();
        Map<String, String> env = new TreeMap<>(blasVariables());
        env.put("OMP_NUM_THREADS", String.valueOf(Nd4j.getEnvironment().maxThreads()));
        return env;
    }

    /** This process's OpenBLAS variables, by name (empty when none is set). */
    public static Map<String, String> blasVariables() {
        Map<String, String> vars = new TreeMap<>();
        System.getenv().forEach((k, v) -> {
            if (k.startsWith(BLAS_VARIABLE_PREFIX)) {
                vars.put(k, v);
            }
        });
        return vars;
    }

    /**
     * The thread settings in force: the suite's own, libnd4j's and OpenBLAS's (pinned to one by {@link #init()}),
     * and the environment variables that would otherwise set them.
     */
    public static Map<String, Object> threadSettings() {
        init();
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rnnsuite_threads", threads());
        settings.put("nd4j_max_threads", Nd4j.getEnvironment().maxThreads());
        settings.put("nd4j_master_threads", Nd4j.getEnvironment().maxMasterThreads());
        settings.put("blas_threads", Nd4j.factory().blas().getMaxThreads());
        for (String name : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "OMP_WAIT_POLICY")) {
            String value = System.getenv(name);
            settings.put(name, value == null ? "unset" : value);
        }
        return settings;
    }

    private static boolean isLinuxX86() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return os.contains("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    /** The CPU's flags, read once: they do not change while the process runs. */
    private static Set<String> cpuFlags() {
        Set<String> flags = cpuFlags;
        if (flags == null) {
            cpuFlags = flags = readCpuFlags();
        }
        return flags;
    }

    private static volatile Set<String> cpuFlags;

    private static Set<String> readCpuFlags() {
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
