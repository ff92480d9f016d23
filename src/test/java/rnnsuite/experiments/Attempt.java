package rnnsuite.experiments;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import rnnsuite.cli.Main;

/** One invocation of the command line in its own JVM, which a test may kill with SIGKILL; its output copied to a log. */
record Attempt(Process process, Path log) {

    /** Starts {@code rnnsuite.cli.Main} with these arguments on the tests' class path. */
    static Attempt start(Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "--add-modules", "jdk.incubator.vector"));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("--add-opens")).forEach(cmd::add);
        cmd.addAll(List.of("-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return new Attempt(new ProcessBuilder(cmd).redirectErrorStream(true).start(), log);
    }

    /**
     * Kills the process with SIGKILL once it has printed {@code count} lines that {@code line} finds, counting only
     * after a line that {@code after} finds (null: from the start); false if it ended first.
     */
    boolean killAfter(Pattern after, Pattern line, int count) throws IOException, InterruptedException {
        int seen = 0;
        boolean counting = after == null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = out.readLine()) != null) {
                Files.writeString(log, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                counting |= after != null && after.matcher(text).find();
                if (counting && line.matcher(text).find() && ++seen == count) {
                    process.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
                    process.waitFor(30, TimeUnit.SECONDS);
                    return true;
                }
            }
        }
        process.waitFor(30, TimeUnit.SECONDS);
        return false;
    }

    boolean killAfter(Pattern line, int count) throws IOException, InterruptedException {
        return killAfter(null, line, count);
    }

    int awaitExit() throws IOException, InterruptedException {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            StringBuilder all = new StringBuilder();
            String line;
            while ((line = out.readLine()) != null) {
                all.append(line).append('\n');
            }
            Files.writeString(log, all.toString(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the attempt did not end");
        }
        return process.exitValue();
    }

    String output() throws IOException {
        return Files.isRegularFile(log) ? Files.readString(log) : "";
    }
}
