package rnnsuite.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import rnnsuite.runtime.Natives;
import rnnsuite.model.fast.FastRecurrent;
import rnnsuite.model.fast.Numerics;

/**
 * Where and with what a run was made, recorded next to its results (environment.json): when, the suite's
 * version and source revision, the data it read (a fingerprint), and everything that decides its last bits —
 * Java, CPU, the ND4J build, OpenBLAS's kernel setting and a fingerprint of how this process computes, the
 * thread settings — so a result can be traced, rebuilt and told apart from one made elsewhere.
 */
public final class Provenance {

    private static final String VERSION_RESOURCE = "/rnnsuite/version.properties";

    private Provenance() {
    }

    /**
     * The code a study runs: the suite's version and the git commit of the checkout, and whether it had changes
     * other than results (the runs' own outputs under {@code resultsRoot} and {@code results/} do not count).
     * On a Spark executor there is no checkout: the driver's source travels with each task.
     */
    public static Map<String, Object> source(Path resultsRoot) {
        return source(Path.of("."), resultsRoot);
    }

    /** The same for the checkout {@code workDir} is in. */
    static Map<String, Object> source(Path workDir, Path resultsRoot) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("suite_version", suiteVersion());
        source.put("git_commit", git(workDir, "rev-parse", "HEAD"));
        String top = git(workDir, "rev-parse", "--show-toplevel");
        List<String> status = new ArrayList<>(List.of("status", "--porcelain", "--", ":(top)", ":(top,exclude)results"));
        if (!top.equals("unknown")) {
            Path root = resultsRoot.toAbsolutePath().normalize();
            Path repo = Path.of(top).toAbsolutePath().normalize();
            if (root.startsWith(repo) && !root.equals(repo)) {
                status.add(":(top,exclude)" + repo.relativize(root).toString().replace('\\', '/'));
            }
        }
        String changes = git(workDir, status.toArray(String[]::new));
        source.put("git_dirty", changes.equals("unknown") ? "unknown" : String.valueOf(!changes.isEmpty()));
        return source;
    }

    /**
     * This JVM's environment for one run, after the source it runs.
     *
     * @param dataFingerprint the fingerprint of the data the run reads ({@code PreparedData.fingerprint})
     * @param splits          the splits it covers
     * @param threads         the threads of the run's fast layers
     */
    public static Map<String, Object> environment(Map<String, Object> source, String dataFingerprint, String splits, int threads) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("time", Instant.now().toString());
        env.putAll(source);
        env.put("data_fingerprint", dataFingerprint);
        env.put("data_splits", splits);
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("cpu", cpuModel());
        env.put("processors", Runtime.getRuntime().availableProcessors());
        env.put("host", host("unknown"));
        env.put("natives", Natives.describe(threads));
        env.put("nd4j_build", Natives.build());
        env.put("numerics", Numerics.fingerprint().toString());
        env.put("openblas_env", Natives.blasVariables());
        env.put("vector_api", FastRecurrent.available() ? FastRecurrent.lanes() + " float lanes" : "absent (stock layers only)");
        Map<String, Object> threadSettings = new LinkedHashMap<>(Natives.threadSettings());
        threadSettings.put("rnnsuite_threads", threads);
        env.put("threads", threadSettings);
        env.put("dl4j", version(MultiLayerNetwork.class));
        env.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        env.put("max_physical_bytes_mb", org.bytedeco.javacpp.Pointer.maxPhysicalBytes() >> 20);
        return env;
    }

    /** The suite's version as the build wrote it, or "unknown" outside a build. */
    static String suiteVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** This machine's name, or {@code fallback} when it cannot be looked up. */
    static String host(String fallback) {
        return rnnsuite.runtime.HostName.of(fallback);
    }

    private static String version(Class<?> type) {
        String v = type.getPackage().getImplementationVersion();
        if (v != null) {
            return v;
        }
        // DL4J's jars carry no manifest version; the jar file name does.
        String location = type.getProtectionDomain().getCodeSource() == null ? ""
                : type.getProtectionDomain().getCodeSource().getLocation().getPath();
        var m = java.util.regex.Pattern.compile("-(\\d[^/]*?)\\.jar$").matcher(location);
        return m.find() ? m.group(1) : "unknown";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the architecture is all we know
        }
        return System.getProperty("os.arch");
    }

    /** A git command's output in {@code workDir}, or "unknown" without git or a checkout. */
    static String git(Path workDir, String... args) {
        try {
            List<String> cmd = new ArrayList<>(List.of("git", "-C", workDir.toString()));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return "unknown";
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
