package rnnsuite.model.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import rnnsuite.model.Impl;
import rnnsuite.model.Input;
import rnnsuite.model.ModelFactory;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Output;
import rnnsuite.model.Variant;

/**
 * The fast layers give the same numbers, to the last bit, whatever the thread count: the batch is cut into
 * slices of a fixed width, each computed the same way whichever thread takes it, and every sum across
 * slices taken in slice order.
 */
class ThreadCountTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void outputsAndGradientsAreBitwiseEqualAt1To3Threads(Variant variant) {
        check(variant, 37);  // slices of 32 and a partial one
        check(variant, 101); // a batch cut in two halves
    }

    /** Slices follow the batch alone: one of 32 at 32; 32 rows at least, at most two slices above 64. */
    @Test
    void batchSlicesFollowTheBatchSize() {
        assertArrayEquals(new int[] {0, 32}, Parallel.bounds(32, 16));
        assertArrayEquals(new int[] {0, 32, 48}, Parallel.bounds(48, 16));
        assertArrayEquals(new int[] {0, 32, 64}, Parallel.bounds(64, 16));
        assertArrayEquals(new int[] {0, 64, 112}, Parallel.bounds(112, 16));
        assertArrayEquals(new int[] {0, 64, 128}, Parallel.bounds(128, 16));
        assertArrayEquals(new int[] {0, 32, 40}, Parallel.bounds(40, 8));
        assertArrayEquals(new int[] {0, 128, 256}, Parallel.bounds(256, 8));
        assertArrayEquals(new int[] {0, 64, 100}, Parallel.bounds(100, 1)); // other ranges: two chunks of a multiple of 16
    }

    private static void check(Variant variant, int batch) {
        ModelSpec spec = ModelSpec.of(2, 24, 0.0, 1e-3, 6, Impl.FAST);
        int steps = 9;
        Random random = new Random(4);
        INDArray tokens = Nd4j.create(batch, steps);
        INDArray mask = Nd4j.ones(batch, steps);
        for (int b = 0; b < batch; b++) {
            int length = 1 + random.nextInt(steps);
            for (int t = 0; t < steps; t++) {
                tokens.putScalar(b, t, random.nextInt(20));
                if (t >= length) {
                    mask.putScalar(b, t, 0);
                }
            }
        }
        INDArray labels = Nd4j.zeros(batch, 3);
        for (int b = 0; b < batch; b++) {
            labels.putScalar(b, random.nextInt(3), 1);
        }
        float[][] results = new float[3][];
        for (int threads = 1; threads <= 3; threads++) {
            MultiLayerNetwork net = ModelFactory.network(ModelFactory.build(variant, spec, Input.tokens(20), Output.classes(3), 3), spec, 3,
                    threads);
            net.setInput(tokens);
            net.setLabels(labels);
            net.setLayerMaskArrays(mask, null);
            net.computeGradientAndScore();
            INDArray gradient = net.gradient().gradient().dup();
            INDArray out = net.output(tokens, false, mask, null);
            results[threads - 1] = Nd4j.concat(0, gradient.ravel(), out.ravel()).toFloatVector();
        }
        assertArrayEquals(results[0], results[1], 0f, variant + ", batch " + batch + ": 1 vs 2 threads");
        assertArrayEquals(results[0], results[2], 0f, variant + ", batch " + batch + ": 1 vs 3 threads");
    }
}
