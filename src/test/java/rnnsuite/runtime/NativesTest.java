package rnnsuite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NativesTest {

    @Test
    void theCpuFlagsPickTheFastestSafeBuild() {
        assertEquals("-avx512", Natives.extensionFor(Set.of("avx2", "fma", "avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl")));
        assertEquals("-avx2", Natives.extensionFor(Set.of("avx2", "fma", "avx512f")), "partial AVX-512 is not enough");
        assertEquals("-avx2", Natives.extensionFor(Set.of("avx", "avx2", "fma")));
        assertEquals("-", Natives.extensionFor(Set.of("sse4_2", "avx")), "generic build without AVX2");
        assertEquals("-", Natives.extensionFor(Set.of()));
    }

    @Test
    void describesWhatLoaded() {
        String d = Natives.describe();
        assertTrue(d.startsWith("CpuBackend ") && d.contains("threads="), d);
    }

    @Test
    void theBuildIsReadFromTheLibraryThatLoadedNotFromWhatWasAskedFor() {
        assertEquals("avx512", Natives.buildOf("/root/.javacpp/cache/nd4j-native-1.0.0-M2.1-linux-x86_64-avx512.jar/org/nd4j/"
                + "linalg/cpu/nativecpu/bindings/linux-x86_64-avx512/libnd4jcpu.so"));
        assertEquals("generic", Natives.buildOf("/c/nd4j-native-1.0.0-M2.1-linux-x86_64.jar/org/nd4j/linalg/cpu/nativecpu/"
                + "bindings/linux-x86_64/libnd4jcpu.so"), "the classifier jar missing: JavaCPP's fallback");
        assertEquals("avx2", Natives.buildOf("C:\\cache\\bindings\\windows-x86_64-avx2\\nd4jcpu.dll"));
        assertEquals(null, Natives.buildOf(null));
        String build = Natives.build();
        assertTrue(Natives.describe().contains(" " + build + ","), Natives.describe());
        assertTrue(java.util.List.of("avx512", "avx2", "generic").contains(build), build);
    }

    @Test
    void theComputingEnvironmentNamesLibnd4jsPoolAndOpenBlasVariables() {
        var env = Natives.computingEnvironment();
        assertEquals(String.valueOf(org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads()), env.get("OMP_NUM_THREADS"));
        env.keySet().forEach(k -> assertTrue(k.equals("OMP_NUM_THREADS") || k.startsWith("OPENBLAS_"), k));
        assertEquals(System.getenv("OPENBLAS_CORETYPE"), env.get("OPENBLAS_CORETYPE"));
    }
}
