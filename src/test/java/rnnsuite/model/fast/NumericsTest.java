package rnnsuite.model.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import rnnsuite.runtime.Natives;

class NumericsTest {

    @Test
    void theFingerprintNamesTheBuildAndLeavesTheCallersRandomStreamAlone() {
        Nd4j.getRandom().setSeed(123);
        float expected = Nd4j.rand(1, 5).getFloat(4);
        Nd4j.getRandom().setSeed(123);
        Numerics n = Numerics.fingerprint(); // trains a tiny network, which seeds its thread's generator
        float after = Nd4j.rand(1, 5).getFloat(4);
        assertEquals(expected, after, 0f, "a run's dropout draws from its thread's generator: the fingerprint must not touch it");
        assertEquals(Natives.build(), n.build());
        for (String part : new String[] {n.blas(), n.nd4j(), n.training()}) {
            assertTrue(part.matches("[0-9a-f]{12}"), n.toString());
        }
        assertNotEquals(n.blas(), n.nd4j());
        assertEquals(n, Numerics.fingerprint(), "one process, one fingerprint");
        assertTrue(n.toString().startsWith(n.build() + ", blas "), n.toString());
    }
}
