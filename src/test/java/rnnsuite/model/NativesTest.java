package rnnsuite.model;

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
}
