package rnnsuite.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import rnnsuite.io.Json;

/**
 * The forget-gate bias of the cells that have one (LSTM, peephole LSTM, minLSTM): constants, chrono
 * initialisation, the same numbers with stock (minLSTM: reference) and fast layers.
 */
class ForgetBiasTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static ModelSpec spec(String forgetBias, Impl impl) throws Exception {
        String yaml = "{layers: 2, units: 16, dropout: 0, impl: " + impl.id() + (forgetBias == null ? "" : ", forget_bias: " + forgetBias) + "}";
        return YAML.readValue(yaml, ModelSpec.class);
    }

    private static MultiLayerNetwork network(Variant variant, ModelSpec spec) {
        return ModelFactory.network(ModelFactory.build(variant, spec, Input.vectors(3), Output.classes(2), 5), spec, 5);
    }

    /** The [forget | input gate] blocks of each gated layer's bias (DL4J's LSTMs [a | f | o | i], minLSTM [f | i | h̃]). */
    private static float[][] gateBiases(MultiLayerNetwork net, int layer, int units) {
        float[] b = net.getLayer(layer).getParam("b").ravel().toFloatVector();
        boolean min = b.length == 3 * units;
        float[] f = new float[units];
        float[] i = new float[units];
        System.arraycopy(b, min ? 0 : units, f, 0, units);
        System.arraycopy(b, (min ? 1 : 3) * units, i, 0, units);
        return new float[][] {f, i};
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"LSTM", "PEEPHOLE_LSTM", "MIN_LSTM"})
    void chronoDrawsLogUniformForgetBiasesWithTheInputGateOpposite(Variant variant) throws Exception {
        MultiLayerNetwork net = network(variant, spec("{init: chrono, t_max: 50}", Impl.STOCK));
        for (int layer = 0; layer < 2; layer++) {
            float[][] g = gateBiases(net, layer, 16);
            double min = Double.MAX_VALUE;
            double max = -Double.MAX_VALUE;
            for (int u = 0; u < 16; u++) {
                assertTrue(g[0][u] >= 0 && g[0][u] <= Math.log(49) + 1e-6, "b_f = " + g[0][u]);
                assertEquals(-g[0][u], g[1][u], 0, "b_i = −b_f");
                min = Math.min(min, g[0][u]);
                max = Math.max(max, g[0][u]);
            }
            assertTrue(max - min > 1, "spread over the units: " + min + " … " + max);
        }
        // A different layer draws different values; the same seed draws the same ones.
        assertTrue(gateBiases(net, 0, 16)[0][0] != gateBiases(net, 1, 16)[0][0]);
        assertArrayEquals(net.params().toFloatVector(), network(variant, spec("{init: chrono, t_max: 50}", Impl.STOCK)).params().toFloatVector());
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"LSTM", "PEEPHOLE_LSTM", "MIN_LSTM"})
    void stockAndFastLayersStartAndTrainAlikeWithChrono(Variant variant) throws Exception {
        MultiLayerNetwork stock = network(variant, spec("chrono", Impl.STOCK).forLength(40));
        MultiLayerNetwork fast = network(variant, spec("chrono", Impl.FAST).forLength(40));
        assertArrayEquals(stock.params().toFloatVector(), fast.params().toFloatVector(), "same initial parameters");

        Random random = new Random(3);
        INDArray x = Nd4j.rand(new int[] {8, 3, 12}).subi(0.5);
        INDArray y = Nd4j.zeros(8, 2);
        for (int b = 0; b < 8; b++) {
            y.putScalar(b, random.nextInt(2), 1);
        }
        float[] a = stock.output(x).ravel().toFloatVector();
        float[] c = fast.output(x).ravel().toFloatVector();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], c[i], 5e-6, "output " + i);
        }
        for (int step = 0; step < 3; step++) {
            stock.fit(new DataSet(x, y));
            fast.fit(new DataSet(x, y));
        }
        float[] ps = stock.params().toFloatVector();
        float[] pf = fast.params().toFloatVector();
        for (int i = 0; i < ps.length; i++) {
            assertEquals(ps[i], pf[i], 1e-4, "parameter " + i + " after three Adam steps");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"LSTM", "MIN_LSTM"})
    void aConstantSetsEveryForgetBiasAndTheDefaultStaysOne(Variant variant) throws Exception {
        float[][] g = gateBiases(network(variant, spec("2.5", Impl.FAST)), 0, 16);
        for (int u = 0; u < 16; u++) {
            assertEquals(2.5f, g[0][u]);
            assertEquals(0f, g[1][u]);
        }
        float[][] d = gateBiases(network(variant, spec(null, Impl.FAST)), 1, 16);
        assertEquals(1f, d[0][3]);
    }

    @Test
    void planFormsRoundTripAndTheDefaultLeavesRunIdsAlone() throws Exception {
        assertNull(spec("1", Impl.FAST).forgetBias(), "forget_bias: 1 is the default, stored as absent");
        assertEquals(spec(null, Impl.FAST), spec("1.0", Impl.FAST));
        assertTrue(!Json.MAPPER.writeValueAsString(spec(null, Impl.FAST)).contains("forget_bias"));
        for (String form : new String[] {"2.5", "chrono", "{init: chrono, t_max: 200}"}) {
            ModelSpec s = spec(form, Impl.FAST);
            assertEquals(s, Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(s), ModelSpec.class), form);
        }
        assertEquals(new ForgetBias("chrono", null, 80), spec("chrono", Impl.FAST).forLength(80).forgetBias());
        assertEquals(new ForgetBias("chrono", null, 200), spec("{init: chrono, t_max: 200}", Impl.FAST).forLength(80).forgetBias());
        Exception e = assertThrows(Exception.class, () -> spec("warm", Impl.FAST));
        assertTrue(e.getMessage().contains("number or chrono"), e.getMessage());
    }
}
