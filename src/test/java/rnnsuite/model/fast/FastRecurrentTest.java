package rnnsuite.model.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import rnnsuite.model.Impl;
import rnnsuite.model.Input;
import rnnsuite.model.ModelFactory;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Output;
import rnnsuite.model.Variant;

/**
 * The fast layers against DL4J's stock layers (for the GRU and min cells, which DL4J lacks, against the
 * per-step ND4J reference implementation, itself checked by RecurrentCellTest): same parameters and input, so the same outputs,
 * loss and gradients up to float32 rounding. Tolerance: every element within 5e-5 of the stock value
 * relative to the largest magnitude in that array (sums in a different order differ in the last bits).
 * Dropout is off, so both networks compute the same function.
 */
class FastRecurrentTest {

    private static final double TOLERANCE = 5e-5;

    static Stream<Arguments> cases() {
        // batch 5 and 7 units exercise partial vectors; batch 37 and 20 units full vectors plus a tail.
        Stream.Builder<Arguments> cases = Stream.builder();
        for (Variant variant : Variant.values()) {
            for (boolean masked : new boolean[] {false, true}) {
                cases.add(Arguments.of(variant, masked, 5, 7, 1));
                cases.add(Arguments.of(variant, masked, 37, 20, 2));
            }
        }
        return cases.build();
    }

    /** The suite's own classifier (embedding → recurrent stack → last step → softmax), both implementations. */
    @ParameterizedTest(name = "{0} masked={1} batch={2} units={3} threads={4}")
    @MethodSource("cases")
    void classifierMatchesStock(Variant variant, boolean masked, int batch, int units, int threads) {
        int vocab = 30;
        int steps = 9;
        ModelSpec spec = ModelSpec.of(3, units, 0.0, 1e-3, 6, Impl.STOCK);
        MultiLayerNetwork stock = net(ModelFactory.build(variant, spec, Input.tokens(vocab), Output.classes(3), 7));
        MultiLayerNetwork fast = net(ModelFactory.build(variant, spec.withImpl(Impl.FAST), Input.tokens(vocab), Output.classes(3), 7));
        FastRecurrent.useThreads(fast, threads);
        fast.setParams(stock.params());

        Random random = new Random(batch * 31L + units);
        INDArray tokens = Nd4j.create(batch, steps);
        INDArray mask = masked ? lengthsMask(batch, steps, random) : null;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                tokens.putScalar(b, t, random.nextInt(vocab));
            }
        }
        INDArray labels = oneHot(batch, 3, random);

        assertClose(stock.output(tokens, false, mask, null), fast.output(tokens, false, mask, null), "output");
        compareGradients(stock, fast, tokens, labels, mask, null);
    }

    /** Outputs and error signals at every step (RnnOutputLayer), so every step's backward path is checked. */
    @ParameterizedTest(name = "{0} masked={1} batch={2} units={3} threads={4}")
    @MethodSource("cases")
    void everyStepMatchesStock(Variant variant, boolean masked, int batch, int units, int threads) {
        int features = 4;
        int steps = 7;
        MultiLayerNetwork stock = net(sequenceModel(variant, Impl.STOCK, features, units));
        MultiLayerNetwork fast = net(sequenceModel(variant, Impl.FAST, features, units));
        FastRecurrent.useThreads(fast, threads);
        fast.setParams(stock.params());

        Random random = new Random(units * 17L + batch);
        INDArray x = uniform(random, batch, features, steps).subi(0.5).muli(3);
        INDArray y = uniform(random, batch, 2, steps);
        INDArray mask = masked ? lengthsMask(batch, steps, random) : null;

        assertClose(stock.output(x, false, mask, null), fast.output(x, false, mask, null), "per-step output");
        compareGradients(stock, fast, x, y, mask, mask);
    }

    /**
     * A first layer fed the network's input skips dL/dinput by the factory's default: the parameters' gradients are the
     * same bits as with it, the network's input gradient is null, and it comes back when asked for.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(Variant.class)
    void theFirstLayerSkipsTheInputGradientNobodyReads(Variant variant) {
        ModelSpec spec = ModelSpec.of(2, 8, 0.0, 1e-3, 6, Impl.FAST);
        MultiLayerNetwork net = ModelFactory.network(ModelFactory.build(variant, spec, Input.vectors(3), Output.classes(2), 5), spec, 5);
        Random random = new Random(3);
        INDArray x = uniform(random, 7, 3, 6);
        INDArray y = oneHot(7, 2, random);
        var skipped = net.calculateGradients(x, y, null, null);
        float[] parameterGradients = skipped.getFirst().gradient().toFloatVector();
        assertNull(skipped.getSecond(), "input gradient while skipped");
        assertEquals(false, FastRecurrent.inputGradient(net, true), "the factory's default");
        var full = net.calculateGradients(x, y, null, null);
        assertArrayEquals(new long[] {7, 3, 6}, full.getSecond().shape(), "input gradient when asked for");
        assertTrue(full.getSecond().norm2Number().doubleValue() > 0, "a real input gradient");
        assertArrayEquals(parameterGradients, full.getFirst().gradient().toFloatVector(), "parameter gradients");
    }

    @Test
    void trainingStepsStayTogether() {
        ModelSpec spec = ModelSpec.of(2, 16, 0.0, 1e-2, 5, Impl.STOCK);
        MultiLayerNetwork stock = net(ModelFactory.build(Variant.LSTM, spec, Input.tokens(20), Output.classes(2), 3));
        MultiLayerNetwork fast = net(ModelFactory.build(Variant.LSTM, spec.withImpl(Impl.FAST), Input.tokens(20), Output.classes(2), 3));
        fast.setParams(stock.params());
        Random random = new Random(5);
        INDArray tokens = Nd4j.create(16, 8);
        for (int b = 0; b < 16; b++) {
            for (int t = 0; t < 8; t++) {
                tokens.putScalar(b, t, random.nextInt(20));
            }
        }
        INDArray labels = oneHot(16, 2, random);
        for (int i = 0; i < 5; i++) {
            stock.fit(tokens, labels);
            fast.fit(tokens, labels);
        }
        assertClose(stock.params(), fast.params(), 1e-4, "parameters after 5 Adam steps");
        assertTrue(Math.abs(stock.score() - fast.score()) < 1e-4, stock.score() + " vs " + fast.score());
    }

    @Test
    void unsupportedCellSettingsAreRefusedWhenTheNetworkIsBuilt() {
        Layer relu = new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder().nIn(3).nOut(4)
                .activation(Activation.RELU).build();
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().list()
                .layer(new FastRecurrent(relu))
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(4).nOut(1).activation(Activation.IDENTITY).build())
                .build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net(conf));
        assertTrue(e.getMessage().contains("tanh"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FastRecurrent(new RnnOutputLayer.Builder().nIn(1).nOut(1).build()));
    }

    @Test
    void theConfigurationSurvivesJson() {
        ModelSpec spec = ModelSpec.of(2, 8, 0.5, 1e-3, 4, Impl.FAST);
        MultiLayerConfiguration conf = ModelFactory.build(Variant.PEEPHOLE_LSTM, spec, Input.tokens(10), Output.classes(2), 1);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        assertEquals(net(conf).numParams(), net(back).numParams());
    }

    // ------------------------------------------------------------------ helpers

    private static MultiLayerConfiguration sequenceModel(Variant variant, Impl impl, int features, int units) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder().seed(11).updater(new Sgd(0.1)).list();
        for (int i = 0; i < 2; i++) {
            // the cells DL4J lacks: RecurrentCell, fast or its reference implementation
            org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer.Builder<?> cell =
                    variant.layerBuilder(rnnsuite.model.ModelSpec.defaults(), impl == Impl.FAST, 0);
            Layer layer = cell.nIn(i == 0 ? features : units).nOut(units).activation(Activation.TANH).build();
            list.layer(impl == Impl.FAST && !(layer instanceof RecurrentCell) ? new FastRecurrent(layer) : layer);
        }
        list.layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(units).nOut(2).activation(Activation.IDENTITY)
                .dataFormat(org.deeplearning4j.nn.conf.RNNFormat.NCW).build());
        return list.build();
    }

    private static MultiLayerNetwork net(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static void compareGradients(MultiLayerNetwork stock, MultiLayerNetwork fast, INDArray x, INDArray y,
                                         INDArray featureMask, INDArray labelMask) {
        double[] scores = new double[2];
        INDArray[] gradients = new INDArray[2];
        MultiLayerNetwork[] nets = {stock, fast};
        for (int i = 0; i < 2; i++) {
            nets[i].setInput(x);
            nets[i].setLabels(y);
            nets[i].setLayerMaskArrays(featureMask, labelMask);
            nets[i].computeGradientAndScore();
            scores[i] = nets[i].score();
            gradients[i] = nets[i].gradient().gradient().dup();
            nets[i].clearLayerMaskArrays();
        }
        assertEquals(scores[0], scores[1], 1e-5 * Math.max(1, Math.abs(scores[0])), "loss");
        assertArrayEquals(stock.params().shape(), gradients[1].shape());
        // Per parameter block, so a zero-gradient block is not hidden by a large one elsewhere.
        long offset = 0;
        for (int layer = 0; layer < stock.getnLayers(); layer++) {
            for (var entry : stock.getLayer(layer).paramTable().entrySet()) {
                long n = entry.getValue().length();
                INDArray a = gradients[0].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n));
                INDArray b = gradients[1].get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + n));
                assertClose(a, b, "gradient of layer " + layer + " " + entry.getKey());
                offset += n;
            }
        }
    }

    private static void assertClose(INDArray expected, INDArray actual, String what) {
        assertClose(expected, actual, TOLERANCE, what);
    }

    private static void assertClose(INDArray expected, INDArray actual, double tolerance, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + " shape");
        double scale = Math.max(1e-6, expected.amaxNumber().doubleValue());
        double diff = expected.sub(actual).amaxNumber().doubleValue();
        assertTrue(diff <= tolerance * scale, what + ": max difference " + diff + " at scale " + scale);
    }

    private static INDArray uniform(Random random, int... shape) {
        INDArray a = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, shape[0], shape[1], shape[2]);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, random.nextDouble());
        }
        return a;
    }

    /** Each example real for a random length 1..steps, then padding. */
    private static INDArray lengthsMask(int batch, int steps, Random random) {
        INDArray mask = Nd4j.zeros(batch, steps);
        for (int b = 0; b < batch; b++) {
            int length = 1 + random.nextInt(steps);
            for (int t = 0; t < length; t++) {
                mask.putScalar(b, t, 1);
            }
        }
        return mask;
    }

    private static INDArray oneHot(int batch, int classes, Random random) {
        INDArray labels = Nd4j.zeros(batch, classes);
        for (int b = 0; b < batch; b++) {
            labels.putScalar(b, random.nextInt(classes), 1);
        }
        return labels;
    }
}
