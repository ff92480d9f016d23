package rnnsuite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import rnnsuite.io.Json;
import rnnsuite.model.fast.GateLayout;

/**
 * {@code model.init: pytorch}: every cell's weights and biases drawn as PyTorch's modules draw them (bounds, the sum of
 * two biases, the spread of a uniform), the output layer as an {@code nn.Linear}, the embedding standard normal; a
 * keeping-gate bias the plan sets still applies; the same seed gives the same network; Keras' stays the default.
 */
class InitialisationTest {

    private static final int UNITS = 64;

    private static MultiLayerNetwork network(Variant variant, Map<String, Object> model) {
        ModelSpec spec = Json.MAPPER.convertValue(model, ModelSpec.class);
        return ModelFactory.network(ModelFactory.build(variant, spec, Input.tokens(40), new Output.StepClasses(40), 1, 20), spec, 3, 1);
    }

    private static Layer inner(Layer layer) {
        return layer instanceof LastTimeStepLayer last ? last.getUnderlying() : layer;
    }

    @Test
    void everyCellStartsAsPyTorchDrawsIt() {
        for (Variant variant : Variant.values()) {
            MultiLayerNetwork net = network(variant, Map.of("init", "pytorch", "layers", 2, "units", UNITS, "embedding_size", 32));
            GateLayout layout = variant.layout();
            INDArray embedding = net.getLayer(0).getParam("W");
            assertEquals(1, embedding.stdNumber().doubleValue(), 0.05, "nn.Embedding: standard normal");
            for (int l = 1; l <= 2; l++) {
                Layer layer = inner(net.getLayer(l));
                INDArray w = layer.getParam("W");
                double bound = 1 / Math.sqrt(layout.hasRecurrentWeights() ? UNITS : w.rows());
                String what = variant + " layer " + l;
                assertTrue(w.amaxNumber().doubleValue() <= bound, what + " W within its bound");
                // a uniform on ±k has standard deviation k/√3
                assertEquals(bound / Math.sqrt(3), w.stdNumber().doubleValue(), 0.05 * bound, what + " W uniform");
                if (layout.hasRecurrentWeights()) {
                    INDArray rw = layer.getParam("RW");
                    assertTrue(rw.amaxNumber().doubleValue() <= bound, what + " RW within its bound");
                    assertEquals(bound / Math.sqrt(3), rw.stdNumber().doubleValue(), 0.1 * bound, what + " RW uniform, not orthogonal");
                }
                INDArray b = layer.getParam("b");
                boolean summed = layout.hasRecurrentWeights() && layout.biasBlocks() != 2 * layout.inputBlocks();
                double spread = summed ? bound * Math.sqrt(2.0 / 3) : bound / Math.sqrt(3);
                assertTrue(b.amaxNumber().doubleValue() <= (summed ? 2 : 1) * bound, what + " b within its bound");
                assertEquals(spread, b.stdNumber().doubleValue(), 0.2 * spread, what + " b: " + (summed ? "b_ih + b_hh" : "one draw"));
                assertEquals(0, b.meanNumber().doubleValue(), 0.5 * spread, what + " b zero-mean (no forget bias 1)");
            }
            INDArray out = net.getLayer(3).getParam("W");
            double bound = 1 / Math.sqrt(out.rows());
            assertTrue(out.amaxNumber().doubleValue() <= bound && net.getLayer(3).getParam("b").amaxNumber().doubleValue() <= bound,
                    variant + ": the output layer is an nn.Linear");
            assertEquals(network(variant, Map.of("init", "pytorch", "layers", 2, "units", UNITS, "embedding_size", 32)).params(),
                    net.params(), variant + ": the same seed, the same network");
        }
    }

    @Test
    void aKeepingBiasThePlanSetsStillApplies() {
        MultiLayerNetwork lstm = network(Variant.LSTM, Map.of("init", "pytorch", "layers", 1, "units", 8, "forget_bias", 2.5));
        INDArray b = inner(lstm.getLayer(1)).getParam("b");
        for (int u = 0; u < 8; u++) {
            assertEquals(2.5, b.getDouble(8 + u), 1e-6, "forget block");
        }
        assertTrue(b.getDouble(0) != 0 && Math.abs(b.getDouble(0)) < 2 / Math.sqrt(8), "the other gates keep PyTorch's draw");
        MultiLayerNetwork minGru = network(Variant.MIN_GRU, Map.of("init", "pytorch", "layers", 1, "units", 8, "update_bias", 1.5));
        assertEquals(-1.5, inner(minGru.getLayer(1)).getParam("b").getDouble(0), 1e-6, "the minGRU's z weighs the candidate");
    }

    @Test
    void kerasStaysTheDefaultAndItsIdsTheSame() {
        ModelSpec keras = Json.MAPPER.convertValue(Map.of("init", "keras"), ModelSpec.class);
        assertEquals(ModelSpec.defaults(), keras, "keras is the default, written as nothing");
        assertFalse(Json.MAPPER.valueToTree(keras).has("init"));
        assertEquals("pytorch", Json.MAPPER.valueToTree(Json.MAPPER.convertValue(Map.of("init", "pytorch"), ModelSpec.class))
                .get("init").asText());
        MultiLayerNetwork lstm = network(Variant.LSTM, Map.of("layers", 1, "units", 8));
        assertEquals(1.0, inner(lstm.getLayer(1)).getParam("b").getDouble(8), 1e-6, "Keras: forget bias 1");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> Json.MAPPER.convertValue(Map.of("init", "torch"), ModelSpec.class));
        assertTrue(bad.getMessage().contains("keras, pytorch"), bad.getMessage());
    }
}
