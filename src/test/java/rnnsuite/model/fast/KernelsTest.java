package rnnsuite.model.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

class KernelsTest {

    private static final int L = FloatVector.SPECIES_PREFERRED.length();

    /** Applies a vector function lane by lane over many points and returns the results. */
    private static float[] apply(UnaryOperator<FloatVector> f, float[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i += L) {
            f.apply(FloatVector.fromArray(FloatVector.SPECIES_PREFERRED, x, i)).intoArray(out, i);
        }
        return out;
    }

    private static float[] grid(float from, float to, int n) {
        int size = (n + L - 1) / L * L;
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = from + (to - from) * i / (size - 1);
        }
        return x;
    }

    @Test
    void expIsWithinTwoUlpsOverItsRange() {
        float[] x = grid(-87f, 88f, 200_000);
        float[] y = apply(Kernels::exp, x);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double exact = Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(y[i] - exact) / Math.ulp((float) exact));
        }
        assertTrue(worst <= 2.0, "worst error " + worst + " ulp");
    }

    @Test
    void sigmoidAndTanhAreAccurateAndSaturate() {
        float[] x = grid(-120f, 120f, 400_000);
        float[] s = apply(Kernels::sigmoid, x);
        float[] t = apply(Kernels::tanh, x);
        for (int i = 0; i < x.length; i++) {
            double sig = 1 / (1 + Math.exp(-x[i]));
            assertEquals(sig, s[i], 1.5e-7, "sigmoid(" + x[i] + ")");
            assertEquals(Math.tanh(x[i]), t[i], 2.5e-7, "tanh(" + x[i] + ")");
        }
        assertEquals(1f, apply(Kernels::tanh, grid(30f, 40f, L))[0]);
        assertEquals(-1f, apply(Kernels::tanh, grid(-40f, -30f, L))[0]);
        assertEquals(0f, apply(Kernels::tanh, grid(0f, 0f, L))[0]);
    }
}
