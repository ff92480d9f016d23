package rnnsuite.experiments;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import rnnsuite.model.Natives;

/**
 * Where and with what a run was made, recorded next to its results: Java, OS, CPU, the ND4J build and
 * threads, library versions, and the source revision (git commit and whether the tree had uncommitted
 * changes), so a result can be traced and rebuilt.
 */
public final class Provenance {

    private Provenance() {
    }

    /** The environment of this JVM and checkout, as ordered key-value pairs. */
    public static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("cpu", cpuModel());
        env.put("processors", Runtime.getRuntime().availableProcessors());
        env.put("natives", Natives.describe());
        env.put("dl4j", version(MultiLayerNetwork.class));
        env.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        env.put("max_physical_bytes_mb", org.bytedeco.javacpp.Pointer.maxPhysicalBytes() >> 20);
        env.put("git_commit", git("rev-parse", "HEAD"));
        String status = git("status", "--porcelain");
        env.put("git_dirty", status.equals("unknown") ? "unknown" : String.valueOf(!status.isEmpty()));
        return env;
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

    /** A git command's output in the working directory, or "unknown" without git or a checkout. */
    static String git(String... args) {
        try {
            Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
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

    private static List<String> command(String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
