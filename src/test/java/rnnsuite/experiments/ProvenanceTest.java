package rnnsuite.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import rnnsuite.data.DataSpec;
import rnnsuite.data.DatasetLoader;
import rnnsuite.data.PreparedData;

/** What environment.json records: when, which code, which data, and what decides the last bits. */
class ProvenanceTest {

    @TempDir
    Path dir;

    private void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    @Test
    void aCheckoutIsDirtyOnlyForChangesOutsideItsResults() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        git(repo, "init", "-q");
        Files.writeString(repo.resolve("README.md"), "suite\n");
        git(repo, "add", "README.md");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "start");

        // the runs' own outputs: results/ and a results root given with --results inside the checkout
        Files.createDirectories(repo.resolve("results/plan/runs/a"));
        Files.writeString(repo.resolve("results/plan/runs/a/result.json"), "{}");
        Files.createDirectories(repo.resolve("elsewhere/plan"));
        Files.writeString(repo.resolve("elsewhere/plan/runs.csv"), "run_id\n");
        Map<String, Object> clean = Provenance.source(repo, repo.resolve("elsewhere"));
        assertEquals("false", clean.get("git_dirty"), clean.toString());
        assertTrue(String.valueOf(clean.get("git_commit")).matches("[0-9a-f]{40}"), clean.toString());

        Files.writeString(repo.resolve("README.md"), "suite, changed\n");
        assertEquals("true", Provenance.source(repo, repo.resolve("elsewhere")).get("git_dirty"));
        git(repo, "checkout", "-q", "README.md");
        Files.writeString(repo.resolve("Notes.java"), "class Notes {}\n");
        assertEquals("true", Provenance.source(repo, repo.resolve("elsewhere")).get("git_dirty"), "untracked code counts");

        assertEquals("unknown", Provenance.source(dir.resolve("no-checkout-here").resolve(".."), dir).get("git_commit"));
    }

    @Test
    void environmentJsonSaysWhenWhatCodeWhichDataAndHowItComputes() {
        PreparedData data = DatasetLoader.load(new DataSpec("recall", 8, null, null, null, null, 40, null, null, null, null, null, null));
        Map<String, Object> env = Provenance.environment(Map.of("suite_version", "9.9", "git_commit", "abc", "git_dirty", "false"),
                data.fingerprint(), "train, validation, test", 1);
        for (String key : List.of("time", "suite_version", "git_commit", "git_dirty", "data_fingerprint", "natives", "nd4j_build",
                "numerics", "openblas_env", "vector_api", "threads")) {
            assertTrue(env.containsKey(key), key + " missing from " + env.keySet());
        }
        Instant.parse((String) env.get("time"));
        assertEquals(data.fingerprint(), env.get("data_fingerprint"));
        @SuppressWarnings("unchecked")
        Map<String, Object> threads = (Map<String, Object>) env.get("threads");
        for (String key : List.of("rnnsuite_threads", "nd4j_max_threads", "blas_threads", "OMP_NUM_THREADS")) {
            assertTrue(threads.containsKey(key), key + " missing from " + threads);
        }
        assertTrue(Provenance.suiteVersion().matches("\\d+\\.\\d+.*"), "the build writes the version: " + Provenance.suiteVersion());
    }

    @Test
    void theDataFingerprintFollowsTheDataAlone() {
        DataSpec spec = new DataSpec("recall", 8, null, null, null, null, 40, null, null, null, null, null, null);
        String first = DatasetLoader.load(spec).fingerprint();
        assertEquals(first, DatasetLoader.load(spec).fingerprint(), "prepared again, the same data");
        assertTrue(first.matches("[0-9a-f]{16}"), first);
        DataSpec otherSeed = new DataSpec("recall", 8, null, null, null, 7L, 40, null, null, null, null, null, null);
        assertNotEquals(first, DatasetLoader.load(otherSeed).fingerprint());
        assertNotEquals(first, DatasetLoader.load(spec.withMaxLen(9)).fingerprint());
        assertNotEquals(first, DatasetLoader.load(spec).fingerprint(false), "without the test split, another hash");
    }
}
