package rnnsuite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import rnnsuite.model.fast.FastRecurrent;
import rnnsuite.model.fast.RecurrentCell;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelFactoryTest {

    private static final int VOCAB = 50;
    private static final int CLASSES = 3;
    private static final ModelSpec SPEC = ModelSpec.of(3, 16, 0.5, 1e-3, 8, Impl.STOCK);

    private static MultiLayerConfiguration conf(Variant variant) {
        return conf(variant, SPEC);
    }

    private static MultiLayerConfiguration conf(Variant variant, ModelSpec spec) {
        return ModelFactory.build(variant, spec, Input.tokens(VOCAB), Output.classes(CLASSES), 42);
    }

    /** The recurrent layer itself, unwrapped from LastTimeStep and FastRecurrent. */
    private static Layer cellOf(Layer layer) {
        while (layer instanceof BaseWrapperLayer wrapper) {
            layer = wrapper.getUnderlying();
        }
        return layer;
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void variantsDifferOnlyInTheRecurrentLayerType(Impl impl) {
        Map<Variant, Class<?>> cells = Map.of(Variant.SIMPLE_RNN, SimpleRnn.class, Variant.LSTM, LSTM.class,
                Variant.PEEPHOLE_LSTM, GravesLSTM.class, Variant.GRU, RecurrentCell.class, Variant.MIN_GRU, RecurrentCell.class,
                Variant.MIN_LSTM, RecurrentCell.class, Variant.IND_RNN, RecurrentCell.class);
        ModelSpec spec = SPEC.withImpl(impl);
        MultiLayerConfiguration reference = conf(Variant.LSTM, spec);
        for (Variant variant : Variant.values()) {
            MultiLayerConfiguration c = conf(variant, spec);
            assertEquals(reference.getConfs().size(), c.getConfs().size());
            for (int i = 0; i < c.getConfs().size(); i++) {
                Layer layer = c.getConf(i).getLayer();
                Layer ref = reference.getConf(i).getLayer();
                if (i >= 1 && i <= SPEC.layers()) {
                    Layer cell = cellOf(layer);
                    assertEquals(cells.get(variant), cell.getClass(), variant + " layer " + i);
                    BaseRecurrentLayer a = (BaseRecurrentLayer) cell;
                    BaseRecurrentLayer b = (BaseRecurrentLayer) cellOf(ref);
                    assertEquals(b.getNIn(), a.getNIn());
                    assertEquals(b.getNOut(), a.getNOut());
                    assertEquals(b.getActivationFn(), a.getActivationFn());
                    assertEquals(b.getIDropout(), a.getIDropout());
                    assertEquals(b.getWeightInitFn(), a.getWeightInitFn());
                    assertEquals(b.getWeightInitFnRecurrent(), a.getWeightInitFnRecurrent());
                    assertEquals(b.getIUpdater(), a.getIUpdater());
                    assertEquals(i == SPEC.layers(), layer instanceof LastTimeStep, "only the last one returns its last step");
                    Layer inner = layer instanceof LastTimeStep last ? last.getUnderlying() : layer;
                    if (inner instanceof RecurrentCell rc) { // DL4J lacks these cells: the suite's layer, fast or reference
                        assertEquals(variant.id(), rc.getKind().name().toLowerCase(), "kind");
                        assertEquals(impl == Impl.FAST, rc.isFast(), "impl " + impl);
                    } else {
                        assertEquals(impl == Impl.FAST, inner instanceof FastRecurrent, "impl " + impl);
                    }
                } else {
                    assertEquals(ref, layer, "layer " + i + " is shared verbatim");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void parameterCountsMatchTheClosedForm(Impl impl) {
        int v = VOCAB;
        int e = SPEC.embeddingSize();
        int h = SPEC.units();
        long embedding = (long) v * e;
        long output = (long) h * CLASSES + CLASSES;
        long simple = 0;
        long lstm = 0;
        for (int layer = 0; layer < SPEC.layers(); layer++) {
            int nIn = layer == 0 ? e : h;
            simple += (long) nIn * h + (long) h * h + h;
            lstm += 4L * ((long) nIn * h + (long) h * h + h);
        }
        long peephole = lstm + 3L * h * SPEC.layers();
        ModelSpec spec = SPEC.withImpl(impl);
        assertEquals(embedding + simple + output, network(Variant.SIMPLE_RNN, spec).numParams());
        assertEquals(embedding + lstm + output, network(Variant.LSTM, spec).numParams());
        assertEquals(embedding + peephole + output, network(Variant.PEEPHOLE_LSTM, spec).numParams());
        // every cell: its description's layout gives the count the network has
        for (Variant variant : Variant.values()) {
            long cells = 0;
            for (int layer = 0; layer < SPEC.layers(); layer++) {
                cells += variant.layout().parameters(layer == 0 ? e : h, h);
            }
            assertEquals(embedding + cells + output, network(variant, spec).numParams(), variant.id());
        }
    }

    private static MultiLayerNetwork network(Variant variant) {
        return network(variant, SPEC);
    }

    private static MultiLayerNetwork network(Variant variant, ModelSpec spec) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf(variant, spec));
        net.init();
        return net;
    }

    @Test
    void dropoutSitsWhereKerasPutsIt() {
        // Keras: emb → rnn → Dropout(0.5) → rnn → Dropout(0.5) → rnn → Dropout(0.5) → Dense.
        // DL4J drops a layer's input, so layers 2..3 (recurrent) and 4 (output) carry dropOut(retain 0.5);
        // the embedding and the first recurrent layer carry none.
        List<Layer> layers = conf(Variant.SIMPLE_RNN).getConfs().stream().map(c -> cellOf(c.getLayer())).toList();
        assertInstanceOf(EmbeddingSequenceLayer.class, layers.get(0));
        assertInstanceOf(OutputLayer.class, layers.get(4));
        assertNull(layers.get(0).getIDropout());
        assertNull(layers.get(1).getIDropout());
        for (int i = 2; i <= 4; i++) {
            IDropout d = layers.get(i).getIDropout();
            assertInstanceOf(Dropout.class, d, "layer " + i);
            assertEquals(0.5, ((Dropout) d).getP(), 1e-12, "retain probability = 1 - Keras rate");
        }
        ModelSpec noDropout = ModelSpec.of(3, 16, 0.0, 1e-3, 8, null);
        ModelFactory.build(Variant.LSTM, noDropout, Input.tokens(VOCAB), Output.classes(CLASSES), 1).getConfs()
                .forEach(c -> assertNull(cellOf(c.getLayer()).getIDropout()));
    }

    @ParameterizedTest
    @EnumSource(Impl.class)
    void dropoutIsActiveInTrainingOnly(Impl impl) {
        MultiLayerNetwork net = network(Variant.SIMPLE_RNN, SPEC.withImpl(impl));
        INDArray tokens = Nd4j.createFromArray(new float[][] {{3, 4, 5, 6}, {7, 8, 9, 10}});
        INDArray inference1 = net.output(tokens, false);
        INDArray inference2 = net.output(tokens, false);
        assertEquals(inference1, inference2, "no dropout at inference");
        INDArray training = net.output(tokens, true);
        assertNotEquals(inference1, training, "dropout changes the training forward pass");
    }

    @Test
    void embeddingIsLinearAndTheHeadIsSoftmax() {
        MultiLayerConfiguration c = conf(Variant.LSTM);
        assertEquals("identity", ((BaseLayer) c.getConf(0).getLayer()).getActivationFn().toString());
        assertEquals("softmax", ((BaseLayer) c.getConf(4).getLayer()).getActivationFn().toString());
        assertEquals(VOCAB, ((EmbeddingSequenceLayer) c.getConf(0).getLayer()).getNIn(), "vocabulary size is kept");
    }

    @Test
    void recurrentWeightsStartOrthogonal() {
        INDArray r = network(Variant.SIMPLE_RNN).getLayer(1).getParam("RW");
        assertEquals(SPEC.units(), r.rows());
        INDArray product = r.mmul(r.transpose());
        assertTrue(product.equalsWithEps(Nd4j.eye(SPEC.units()), 1e-4), "R Rᵀ = I");
        INDArray lstmR = network(Variant.LSTM).getLayer(2).getParam("RW");
        assertTrue(lstmR.mmul(lstmR.transpose()).equalsWithEps(Nd4j.eye(SPEC.units()), 1e-4), "wide R: orthonormal rows");
    }

    @Test
    void aRegressionHeadIsLinearWithMeanSquaredError() {
        MultiLayerConfiguration c = ModelFactory.build(Variant.LSTM, SPEC, Input.vectors(2), Output.regression(1), 1);
        OutputLayer out = (OutputLayer) c.getConf(c.getConfs().size() - 1).getLayer();
        assertEquals("identity", out.getActivationFn().toString());
        assertEquals(1, out.getNOut());
        assertTrue(out.getLossFn().toString().contains("MSE"), out.getLossFn().toString());
        assertEquals(3 + 1, c.getConfs().size(), "no embedding for vector input");
    }

    @Test
    void clippingReachesEveryLayer() {
        ModelSpec clipped = ModelSpec.of(2, 8, 0.0, 1e-3, 4, Impl.FAST).withClipping(new Clipping("norm", 1.0));
        MultiLayerConfiguration c = ModelFactory.build(Variant.SIMPLE_RNN, clipped, Input.vectors(3), Output.classes(2), 1);
        for (var layer : c.getConfs()) {
            Layer l = cellOf(layer.getLayer());
            assertEquals(org.deeplearning4j.nn.conf.GradientNormalization.ClipL2PerParamType, l.getGradientNormalization());
            assertEquals(1.0, l.getGradientNormalizationThreshold());
        }
        for (var layer : conf(Variant.SIMPLE_RNN).getConfs()) {
            assertEquals(org.deeplearning4j.nn.conf.GradientNormalization.None, cellOf(layer.getLayer()).getGradientNormalization());
        }
    }

    @Test
    void unknownVariantNamesTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Variant.parse("transformer"));
        assertTrue(e.getMessage().contains("simple_rnn, lstm, peephole_lstm, gru, min_gru, min_lstm"), e.getMessage());
        assertEquals(Variant.MIN_LSTM, Variant.parse("min_lstm"));
        assertEquals(Variant.PEEPHOLE_LSTM, Variant.parse(" Peephole_LSTM "));
    }

    @Test
    void impossibleModelValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.of(0, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.of(null, null, 1.0, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.of(null, null, null, -1.0, null, null));
        assertEquals(Impl.FAST, ModelSpec.defaults().impl(), "the fast implementation is the default");
        assertThrows(IllegalArgumentException.class, () -> Impl.parse("cuda"));
    }

    /**
     * Input weights (D × gates·H) are Glorot-uniform in Keras' range, ±√(6 / (D + gates·H)), for every cell but the two
     * LSTMs, whose DL4J initialisers use ±√(6 / (D + 2H)) (docs/model.md says so): the range measured as the largest
     * weight and the spread of a uniform draw.
     */
    @ParameterizedTest
    @EnumSource(Variant.class)
    void inputWeightsAreGlorotInKerasRangeButTheLstmsKeepDl4js(Variant variant) {
        int inputs = 100;
        int units = 128;
        ModelSpec spec = ModelSpec.of(1, units, 0.0, 1e-3, 8, Impl.FAST);
        MultiLayerNetwork net = ModelFactory.network(ModelFactory.build(variant, spec, Input.vectors(inputs), Output.classes(3), 1), spec, 1);
        INDArray w = net.getLayer(0).paramTable().get("W");
        long width = w.size(1);
        boolean lstm = variant == Variant.LSTM || variant == Variant.PEEPHOLE_LSTM;
        double bound = Math.sqrt(6.0 / (inputs + (lstm ? 2 * units : width)));
        assertEquals(inputs, w.size(0));
        assertTrue(w.amaxNumber().doubleValue() <= bound * (1 + 1e-6), variant + ": inside ±" + bound);
        assertEquals(bound / Math.sqrt(3), w.stdNumber().doubleValue(), 0.02 * bound, variant + ": a uniform draw over the whole range");
    }
}
