package rnnsuite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/gpu-check.sh on a machine without a GPU: a copy of the script runs in a folder of its own with a PATH of
 * stand-ins (an nvidia-smi that prints what a driver would, a mvn and a java that print what a failing or working GPU
 * build prints) and the system's tools, so every way it can end is reached here, CI included.
 */
class GpuCheckScriptTest {

    @TempDir
    Path root;
    Path bin;

    @BeforeEach
    void copyTheScript() throws IOException {
        Files.createDirectories(root.resolve("scripts"));
        Files.copy(Path.of("scripts/gpu-check.sh"), root.resolve("scripts/gpu-check.sh"));
        Files.createDirectories(root.resolve(".mvn"));
        Files.copy(Path.of(".mvn/jvm.config"), root.resolve(".mvn/jvm.config"));
        bin = Files.createDirectories(root.resolve("bin"));
    }

    @Test
    void withoutADriverItSaysSoInOneLine() throws Exception {
        String[] r = run();
        assertFailsWith(r, "error: no NVIDIA driver here (nvidia-smi not found)");
    }

    @Test
    void aDriverThatSeesNoGpuIsOneLine() throws Exception {
        tool("nvidia-smi", "echo \"NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\" >&2; exit 9");
        assertFailsWith(run(), "error: no NVIDIA GPU visible: nvidia-smi says 'NVIDIA-SMI has failed");
        tool("nvidia-smi", "exit 0");
        assertFailsWith(run(), "error: no NVIDIA GPU visible: nvidia-smi says 'nothing'");
    }

    @Test
    void aDriverTooOldForACuda11RuntimeIsRefused() throws Exception {
        gpu("Tesla K80, 418.87.01, 3.7, 11441 MiB");
        assertFailsWith(run(), "error: NVIDIA driver 418.87.01 is older than 450.80.02, the oldest a CUDA 11 runtime");
    }

    @Test
    void aDriverWhoseNvidiaSmiKnowsNoComputeCapabilityIsRefusedUnlessForced() throws Exception {
        // 470's nvidia-smi refuses the compute_cap field
        tool("nvidia-smi", "case \"$1\" in *compute_cap*) echo 'Field \"compute_cap\" is not a valid field to query.'; exit 2;; "
                + "*driver_version*) echo 470.57.02;; *) echo 'Tesla K80, 11441 MiB';; esac");
        assertFailsWith(run(), "error: nvidia-smi of driver 470.57.02 does not report compute capabilities");
        buildFails();
        String[] r = run("--force");
        assertEquals("1", r[0]);
        assertEquals(List.of("gpu-check: device Tesla K80, compute capability unknown, 11441 MiB, driver 470.57.02 (1 GPU(s); the first "
                + "measured)", "gpu-check: driver 470.57.02 is older than CUDA 11.6's 510.39.01: the build runs, if at all, by CUDA's "
                + "minor-version compatibility"), r[1].lines().toList());
    }

    @Test
    void hopperIsRefusedBeforeAnythingIsBuilt() throws Exception {
        gpu("NVIDIA H200, 560.35.03, 9.0, 143771 MiB");
        tool("mvn", "echo built > \"$(dirname \"$0\")/../mvn-ran\"");
        String[] r = run();
        assertFailsWith(r, "error: no kernel image for compute capability 9.0 (GPU 0, NVIDIA H200): ND4J 1.0.0-M2.1's CUDA natives "
                + "carry code for 3.7 to 8.9 only");
        assertFalse(Files.exists(root.resolve("mvn-ran")), "nothing is built for a GPU the natives cannot run on");
        // 3.5 is below the oldest code the natives carry
        gpu("Tesla K40m, 515.65.01, 3.5, 11441 MiB");
        assertFailsWith(run(), "error: no kernel image for compute capability 3.5 (GPU 0, Tesla K40m)");
        // every GPU is checked, not only the first
        gpu("NVIDIA A100-SXM4-40GB, 560.35.03, 8.0, 40960 MiB", "NVIDIA H100 80GB HBM3, 560.35.03, 9.0, 81559 MiB");
        assertFailsWith(run(), "error: no kernel image for compute capability 9.0 (GPU 1, NVIDIA H100 80GB HBM3)");
    }

    @Test
    void theOldestAndNewestCapabilitiesTheNativesCarryGoOnToTheBuild() throws Exception {
        buildFails();
        // 3.7 (a K80 on its last driver, by minor-version compatibility) and 8.9 (Ada, on the 8.6 code)
        for (String line : List.of("Tesla K80, 470.57.02, 3.7, 11441 MiB", "NVIDIA L4, 535.104.05, 8.9, 23034 MiB")) {
            gpu(line);
            String[] r = run();
            assertEquals("1", r[0], r[2]);
            assertTrue(r[1].startsWith("gpu-check: device " + line.split(",")[0] + ", compute capability "), r[1]);
            assertEquals("error: build-cpu: Maven says 'Failed to execute goal on project rnn-suite: Could not resolve dependencies' "
                    + "(target/gpu-check/build-cpu.log)", r[2].strip());
        }
    }

    @Test
    void forcedOnHopperTheLaunchFailureBecomesOneLine() throws Exception {
        gpu("NVIDIA H200, 560.35.03, 9.0, 143771 MiB");
        buildsClassPaths();
        tool("java", "echo 'Exception in thread \"main\" java.lang.RuntimeException: cudaErrorNoKernelImageForDevice: "
                + "no kernel image is available for execution on the device'; echo '\tat org.nd4j.jita.Foo.bar'; exit 1");
        String[] r = run("--force");
        assertEquals("1", r[0]);
        assertEquals("error: no kernel image for compute capability 9.0 (NVIDIA H200): ND4J's CUDA natives have none for "
                + "it (target/gpu-check/bench-gpu.log)", r[2].strip());
        assertFalse(r[1].contains("Exception"), "no stack trace on the console: " + r[1]);
        assertTrue(Files.readString(root.resolve("target/gpu-check/bench-gpu.log")).contains("at org.nd4j"), "kept in the log");
    }

    @Test
    void eachLaunchFailureIsNamed() throws Exception {
        gpu("NVIDIA A10, 535.104.05, 8.6, 23028 MiB");
        buildsClassPaths();
        tool("java", "echo 'java.lang.UnsatisfiedLinkError: /root/.javacpp/cache/libnd4jcuda.so: libcublas.so.11: "
                + "cannot open shared object file: No such file or directory'; exit 1");
        String[] r = run();
        assertEquals("1", r[0]);
        assertTrue(r[2].startsWith("error: CUDA 11 libraries missing (libcublas.so.11): install CUDA 11.6's runtime, cuBLAS "
                + "and cuSOLVER"), r[2]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
        // the driver's own library is the driver's to provide, not CUDA's
        tool("java", "echo 'java.lang.UnsatisfiedLinkError: /root/.javacpp/cache/libjnicudart.so: libcuda.so.1: "
                + "cannot open shared object file: No such file or directory'; exit 1");
        r = run();
        assertEquals("error: the NVIDIA driver's libcuda.so.1 is not on the library path (target/gpu-check/bench-gpu.log): "
                + "reinstall the driver or add its folder to LD_LIBRARY_PATH", r[2].strip());
        // with CUDA's missing too, the driver comes first: without it nothing else matters
        tool("java", "echo 'libcublas.so.11: cannot open shared object file'; echo 'libcuda.so.1: cannot open shared object file'; exit 1");
        assertTrue(run()[2].startsWith("error: the NVIDIA driver's libcuda.so.1 is not on the library path"));
        tool("java", "echo 'CUDA error 35: cudaErrorInsufficientDriver: CUDA driver version is insufficient for CUDA runtime "
                + "version'; exit 1");
        assertEquals("error: NVIDIA driver 535.104.05 is too old for CUDA 11.6 (target/gpu-check/bench-gpu.log): update the driver",
                run()[2].strip());
        // the suite's own error line, passed on with where it came from
        tool("java", "echo 'at some.Frame'; echo \"error: ND4J's CUDA backend did not load (no backend)\"; exit 2");
        assertEquals("error: ND4J's CUDA backend did not load (no backend) (bench-gpu; target/gpu-check/bench-gpu.log)", run()[2].strip());
        tool("java", "echo 'Segmentation fault'; exit 139");
        assertEquals("error: bench-gpu failed (exit 139); its output: target/gpu-check/bench-gpu.log", run()[2].strip());
    }

    @Test
    void aWorkingGpuGivesOneLinePerMeasurement() throws Exception {
        gpu("NVIDIA A10, 535.104.05, 8.6, 23028 MiB");
        buildsClassPaths();
        // a java that answers bench with a BENCH line per variant and run with a finished run per cell
        tool("java", """
                for a in "$@"; do
                  if [ "$a" = bench ]; then
                    case "$*" in *"--impl stock"*) impl=stock rate=1234.5;; *"--impl fast"*) impl=fast rate=678.9;; *) exit 4;; esac
                    for v in simple_rnn gru lstm peephole_lstm ind_rnn min_gru min_lstm; do
                      echo "BENCH task=classify variant=$v impl=$impl batch=32 seq_len=100 features=100 threads=16 samples_per_sec=$rate gflops=9.9"
                    done; exit 0
                  fi
                  if [ "$a" = run ]; then
                    echo '[1/4] simple_rnn-s1-abc done: test accuracy 0.8100; 12.0 s/epoch'
                    echo '[2/4] lstm-s1-def done: test accuracy 0.9000; 20.0 s/epoch'; exit 0
                  fi
                done; exit 3""");
        String[] r = run();
        assertEquals("0", r[0], r[2]);
        List<String> lines = r[1].lines().toList();
        assertTrue(lines.stream().allMatch(l -> l.startsWith("gpu-check: ")), r[1]);
        assertEquals("gpu-check: device NVIDIA A10, compute capability 8.6, 23028 MiB, driver 535.104.05 (1 GPU(s); the first "
                + "measured)", lines.get(0));
        assertEquals(7, lines.stream().filter(l -> l.startsWith("gpu-check: bench ")).count(), r[1]);
        assertTrue(lines.contains("gpu-check: bench lstm 3x128 batch 32 T=100: GPU (DL4J's layers) 1234.5 samples/s, CPU (fast "
                + "layers) 678.9 samples/s"), r[1]);
        assertTrue(lines.contains("gpu-check: default plan, 1 epoch on the GPU: lstm-s1-def done: test accuracy 0.9000; 20.0 "
                + "s/epoch"), r[1]);
        assertTrue(lines.get(lines.size() - 1).startsWith("gpu-check: finished in "), r[1]);
        assertEquals("", r[2]);
    }

    private void assertFailsWith(String[] r, String start) {
        assertEquals("1", r[0], r[1] + r[2]);
        assertEquals("", r[1], "nothing on standard output");
        assertTrue(r[2].startsWith(start), r[2]);
        assertEquals(1, r[2].strip().lines().count(), "one line: " + r[2]);
        assertFalse(Files.exists(root.resolve("target")), "nothing written");
    }

    /** An nvidia-smi that answers the script's queries for these GPUs, each "name, driver, capability, memory". */
    private void gpu(String... lines) throws IOException {
        StringBuilder drivers = new StringBuilder();
        StringBuilder devices = new StringBuilder();
        for (String line : lines) {
            String[] f = line.split(", ");
            drivers.append(f[1]).append("\\n");
            devices.append(f[0]).append(", ").append(f[2]).append(", ").append(f[3]).append("\\n");
        }
        tool("nvidia-smi", "case \"$1\" in --query-gpu=driver_version) printf '" + drivers + "';; --query-gpu=name,compute_cap,memory.total) "
                + "printf '" + devices + "';; *) exit 9;; esac");
    }

    /** A mvn that fails as Maven does offline without a dependency. */
    private void buildFails() throws IOException {
        tool("mvn", "echo '[INFO] Scanning for projects...'; echo '[ERROR] Failed to execute goal on project rnn-suite: Could not "
                + "resolve dependencies'; exit 1");
    }

    /** A mvn that writes the class path files it is asked for. */
    private void buildsClassPaths() throws IOException {
        tool("mvn", "for a in \"$@\"; do case \"$a\" in -Dmdep.outputFile=*) echo /nowhere.jar > \"${a#-Dmdep.outputFile=}\";; "
                + "esac; done");
    }

    private void tool(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The script with the stand-ins first on its PATH and the system's tools after; nvidia-smi only from the stand-ins. */
    private String[] run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("scripts/gpu-check.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + systemTools());
        Path out = root.resolve("out.txt");
        Path err = root.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        boolean finished = p.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
        }
        assertTrue(finished, "the script finishes");
        String[] r = {String.valueOf(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8)};
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** /usr/bin and /bin, unless the machine has a real nvidia-smi there: then a folder of links to what the script uses. */
    private String systemTools() throws IOException {
        if (!Files.exists(Path.of("/usr/bin/nvidia-smi")) && !Files.exists(Path.of("/bin/nvidia-smi"))) {
            return "/usr/bin:/bin";
        }
        Path tools = Files.createDirectories(root.resolve("tools"));
        for (String t : List.of("bash", "sh", "grep", "sed", "sort", "head", "cut", "cat", "tr", "wc", "xargs", "mkdir", "dirname", "echo")) {
            for (String dir : List.of("/usr/bin/", "/bin/")) {
                if (Files.exists(Path.of(dir + t)) && !Files.exists(tools.resolve(t))) {
                    Files.createSymbolicLink(tools.resolve(t), Path.of(dir + t));
                }
            }
        }
        return tools.toString();
    }
}
