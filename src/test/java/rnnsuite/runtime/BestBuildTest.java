package rnnsuite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.cli.Main;

/**
 * A process whose ND4J cannot see the libnd4j build its CPU runs (the classifier jars missing beside ND4J's classes,
 * as on a cluster whose SPARK_HOME holds ND4J without them) loads the generic build: a run there refuses in one line
 * that says why and how to fix it, unless told to accept it.
 */
class BestBuildTest {

    @TempDir
    Path dir;

    @Test
    void theBuildThisCpuRunsIsTheOneThatLoaded() {
        String best = Natives.bestBuild();
        assumeTrue(best != null, "the suite chooses no build here (not linux-x86_64, or told which)");
        assertEquals(best, Natives.build(), "the test JVM has every classifier jar");
        Natives.requireBestBuild("this process"); // no refusal
    }

    @Test
    void aProcessOnAnotherBuildRefusesToRunUnlessToldToAcceptIt() throws Exception {
        String best = Natives.bestBuild();
        assumeTrue(best != null && !best.equals("generic"), "this CPU runs the generic build: nothing slower to fall to");
        Path plan = dir.resolve("tiny.yaml");
        Files.writeString(plan, """
                variants: [simple_rnn]
                seeds: [1]
                data: {dataset: recall, examples: 200, max_len: 10}
                model: {layers: 1, units: 4}
                train: {epochs: 1, batch_size: 32}
                baselines: false
                """);

        Result refused = run(plan);
        assertEquals(Main.EXIT_BAD_INPUT, refused.exit, refused.output);
        List<String> errors = refused.output.lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(1, errors.size(), refused.output);
        String error = errors.get(0);
        assertTrue(error.contains("generic build") && error.contains("the " + best + " build"), error);
        assertTrue(error.contains("classifier jar is missing") && error.contains("-D" + Natives.ACCEPT_PROPERTY + "=any"), error);
        assertTrue(!Files.exists(dir.resolve("results")), "nothing written");

        Result accepted = run(plan, "-D" + Natives.ACCEPT_PROPERTY + "=any");
        assertEquals(0, accepted.exit, accepted.output);
        assertTrue(accepted.output.contains("natives: CpuBackend generic"), accepted.output);
    }

    @Test
    void theBuildChosenForTheCpuLoadsEvenWhenJavaCppWasTouchedFirst() throws Exception {
        assumeTrue(Natives.bestBuild() != null && !Natives.bestBuild().equals("generic"), "no AVX2 build to choose here");
        // JavaCPP caches its properties at first use: without the fix an AVX2 CPU got the AVX-512 build and exited
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = dir.resolve("pointer-first.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
                PointerFirst.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "no answer");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("loaded avx2"), out);
    }

    private record Result(int exit, String output) {
    }

    /** {@code run PLAN --dry-run} in a JVM whose class path lacks nd4j-native's AVX2 and AVX-512 classifier jars. */
    private Result run(Path plan, String... jvm) throws IOException, InterruptedException {
        String classPath = Arrays.stream(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator)).filter(e -> !e.contains("linux-x86_64-avx")).collect(Collectors.joining(File.pathSeparator));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector"));
        cmd.addAll(List.of(jvm));
        cmd.addAll(List.of("-cp", classPath, Main.class.getName(), "run", plan.toString(), "--dry-run",
                "--results", dir.resolve("results").toString()));
        Path log = dir.resolve("log-" + System.nanoTime());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("no answer in 3 minutes:\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
