package rnnsuite.model.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.DropOutInverted;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import rnnsuite.model.Impl;
import rnnsuite.model.Input;
import rnnsuite.model.ModelFactory;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Output;
import rnnsuite.model.Variant;

/** The fast layers draw DL4J's dropout themselves: the same masks, the same generator states, the same training. */
class DropoutMaskTest {

    @Test
    void masksAndGeneratorStatesAreNd4jsOwn() {
        Random random = new Random(3);
        for (long seed : new long[] {1, 42, 123456789L, -7}) {
            Nd4j.getRandom().setSeed(seed);
            for (int trial = 0; trial < 30; trial++) {
                double p = trial < 3 ? new double[] {0.5, 0.8, 0.1}[trial] : 0.01 + 0.98 * random.nextDouble();
                int length = 1 + random.nextInt(trial % 2 == 0 ? 40 : 5000); // partial vectors and whole ones
                long root = Nd4j.getRandom().rootState();
                long node = Nd4j.getRandom().nodeState();
                DropoutMask drawn = DropoutMask.draw(new Dropout(p), length);
                long[] after = {Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()};

                Nd4j.getRandom().setStates(root, node);
                INDArray expected = Nd4j.createUninitialized(DataType.FLOAT, new long[] {length}, 'f').assign(1.0);
                Nd4j.getExecutioner().exec(new DropOutInverted(expected, expected, p));
                assertArrayEquals(new long[] {Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState()}, after,
                        "generator state after a draw of " + length);

                float[] want = expected.toFloatVector();
                float[] lanes = new float[length + 16];
                for (int k = 0; k < length; k += 16) {
                    drawn.at(k).intoArray(lanes, k);
                }
                for (int k = 0; k < length; k++) {
                    assertEquals(Float.floatToIntBits(want[k]), Float.floatToIntBits(lanes[k]), "p " + p + ", element " + k + " (vector)");
                    assertEquals(Float.floatToIntBits(want[k]), Float.floatToIntBits(drawn.value(k)), "p " + p + ", element " + k);
                }
            }
        }
    }

    @Test
    void onlyAPlainFixedDropoutIsDrawnHere() {
        assertTrue(DropoutMask.drawable(new Dropout(0.5)));
        assertFalse(DropoutMask.drawable(null));
        assertFalse(DropoutMask.drawable(new Dropout(new ExponentialSchedule(ScheduleType.ITERATION, 0.5, 0.99))));
        assertFalse(DropoutMask.drawable(new Dropout(0.5) { }));
        assertFalse(DropoutMask.drawable(new org.deeplearning4j.nn.conf.dropout.GaussianDropout(0.5)));
    }

    /** Trained with the masks drawn here and with DL4J's (a Dropout subclass makes the layers leave it to DL4J): the same bits. */
    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"SIMPLE_RNN", "LSTM", "GRU", "MIN_LSTM"})
    void trainingIsBitwiseDl4jsOwnDropout(Variant variant) {
        float[] drawnHere = train(variant, false);
        float[] dl4j = train(variant, true);
        assertArrayEquals(dl4j, drawnHere, 0f, variant + ": parameters and outputs after training with dropout");
    }

    private static float[] train(Variant variant, boolean dl4jDraws) {
        ModelSpec spec = ModelSpec.of(3, 24, 0.4, 1e-2, 6, Impl.FAST);
        MultiLayerConfiguration conf = ModelFactory.build(variant, spec, Input.tokens(20), Output.classes(3), 11);
        int dropped = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            var layer = conf.getConf(i).getLayer();
            if (layer instanceof FastRecurrent wrapper) {
                layer = wrapper.getUnderlying();
            }
            if (layer.getIDropout() instanceof Dropout d && dl4jDraws) {
                layer.setIDropout(new Dropout(d.getP()) { });
            }
            dropped += layer.getIDropout() != null ? 1 : 0;
        }
        assertTrue(dropped >= 2, "the network has dropout on its recurrent layers");
        MultiLayerNetwork net = ModelFactory.network(conf, spec, 11, 1);
        Random random = new Random(8);
        int batch = 21;
        int steps = 7;
        INDArray tokens = Nd4j.create(batch, steps);
        INDArray mask = Nd4j.ones(batch, steps);
        INDArray labels = Nd4j.zeros(batch, 3);
        for (int b = 0; b < batch; b++) {
            int length = 1 + random.nextInt(steps);
            for (int t = 0; t < steps; t++) {
                tokens.putScalar(b, t, random.nextInt(20));
                mask.putScalar(b, t, t < length ? 1 : 0);
            }
            labels.putScalar(b, random.nextInt(3), 1);
        }
        for (int i = 0; i < 4; i++) {
            net.fit(new DataSet(tokens, labels, mask, null));
        }
        float[] trained = Nd4j.concat(0, net.params().ravel(), net.output(tokens, false, mask, null).ravel()).toFloatVector();
        // one more training pass, whose layer inputs stay set, shows who drew the masks (fit clears the inputs)
        net.setInput(tokens);
        net.setLabels(labels);
        net.setLayerMaskArrays(mask, null);
        net.computeGradientAndScore();
        long drewHere = java.util.Arrays.stream(net.getLayers())
                .filter(l -> l instanceof FastRecurrentLayer<?> f && f.drawnDropout() != null).count();
        assertEquals(dl4jDraws ? 0 : dropped - 1, drewHere, "recurrent layers that drew their own dropout (the output layer's is DL4J's)");
        return trained;
    }
}
