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
 * The forget-gate bias of the cells that have one (LSTM, peephole LSTM, minLSTM) and the update-gate bias of the
 * GRU and minGRU: constants, chrono initialisation, the same numbers with stock (the suite's cells: reference) and
 * fast layers; and the IndRNN's bound on its recurrent weights.
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

    private static ModelSpec updateSpec(String updateBias, Impl impl) throws Exception {
        return YAML.readValue("{layers: 2, units: 16, dropout: 0, impl: " + impl.id() + ", update_bias: " + updateBias + "}", ModelSpec.class);
    }

    /** The update gate's bias block of a layer: the GRU's b_iz (the second of its six blocks), the minGRU's first. */
    private static float[] updateBiases(MultiLayerNetwork net, int layer, int units) {
        float[] b = net.getLayer(layer).getParam("b").ravel().toFloatVector();
        float[] z = new float[units];
        System.arraycopy(b, b.length == 6 * units ? units : 0, z, 0, units);
        return z;
    }

    @Test
    void theUpdateBiasKeepsTheStateOfTheGruAndTheMinGruAndNothingElse() throws Exception {
        // GRU: z weighs h_{t-1}, so b_z = +2.5; minGRU: z weighs the candidate, so b_z = −2.5; both keep σ(2.5) of the state
        float[] gru = updateBiases(network(Variant.GRU, updateSpec("2.5", Impl.FAST)), 0, 16);
        float[] min = updateBiases(network(Variant.MIN_GRU, updateSpec("2.5", Impl.FAST)), 1, 16);
        for (int u = 0; u < 16; u++) {
            assertEquals(2.5f, gru[u]);
            assertEquals(-2.5f, min[u]);
        }
        float[] gruBias = network(Variant.GRU, updateSpec("2.5", Impl.FAST)).getLayer(0).getParam("b").ravel().toFloatVector();
        assertEquals(2.5f * 16, sum(gruBias), 1e-4, "only b_iz is set");
        // the default is 0, as before the option; the other cells ignore it, the GRU ignores forget_bias
        assertEquals(0f, updateBiases(network(Variant.GRU, spec(null, Impl.FAST)), 0, 16)[5]);
        assertEquals(0f, sum(network(Variant.GRU, spec("3", Impl.FAST)).getLayer(0).getParam("b").ravel().toFloatVector()));
        assertArrayEquals(network(Variant.LSTM, spec(null, Impl.FAST)).params().toFloatVector(),
                network(Variant.LSTM, updateSpec("2.5", Impl.FAST)).params().toFloatVector(), "the LSTM has no update gate");
        assertNull(updateSpec("0", Impl.FAST).updateBias(), "update_bias: 0 is the default, stored as absent");
        assertTrue(!Json.MAPPER.writeValueAsString(spec(null, Impl.FAST)).contains("update_bias"), "run ids stay as they were");
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"GRU", "MIN_GRU"})
    void chronoUpdateBiasesSpreadTheMemorySpansAndReferenceAndFastAgree(Variant variant) throws Exception {
        float sign = variant == Variant.GRU ? 1 : -1;
        MultiLayerNetwork net = network(variant, updateSpec("chrono", Impl.FAST).forLength(50));
        float[] z = updateBiases(net, 0, 16);
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (float v : z) {
            double keep = sign * v;
            assertTrue(keep >= 0 && keep <= Math.log(49) + 1e-6, variant + ": b = " + v);
            lo = Math.min(lo, keep);
            hi = Math.max(hi, keep);
        }
        assertTrue(hi - lo > 1, "spread over the units: " + lo + " … " + hi);
        MultiLayerNetwork reference = network(variant, updateSpec("chrono", Impl.STOCK).forLength(50));
        assertArrayEquals(net.params().toFloatVector(), reference.params().toFloatVector(), "same initial parameters");
    }

    @Test
    void indRnnRecurrentWeightsStartAndStayWithinTheirBound() {
        int steps = 20;
        double bound = Math.pow(2, 1.0 / steps);
        ModelSpec spec = ModelSpec.of(2, 16, 0.0, 0.5, null, Impl.FAST); // a learning rate that would push |u| past it
        MultiLayerNetwork net = ModelFactory.network(ModelFactory.build(Variant.IND_RNN, spec, Input.vectors(3), Output.classes(2), 5, steps), spec, 5);
        float[] u = net.getLayer(0).getParam("RW").ravel().toFloatVector();
        assertEquals(16, u.length);
        for (float v : u) {
            assertTrue(v >= 0 && v < bound, "u starts in [0, 2^(1/T)): " + v);
        }
        Random random = new Random(8);
        INDArray x = Nd4j.rand(new int[] {8, 3, steps}).muli(3);
        INDArray y = Nd4j.zeros(8, 2);
        for (int b = 0; b < 8; b++) {
            y.putScalar(b, random.nextInt(2), 1);
        }
        float[] before = net.getLayer(0).getParam("RW").ravel().toFloatVector();
        for (int step = 0; step < 5; step++) {
            net.fit(new DataSet(x, y));
        }
        float[] after = net.getLayer(0).getParam("RW").ravel().toFloatVector();
        boolean moved = false;
        for (int i = 0; i < after.length; i++) {
            assertTrue(Math.abs(after[i]) <= bound + 1e-6, "|u| ≤ 2^(1/T) after training: " + after[i]);
            moved |= after[i] != before[i];
        }
        assertTrue(moved, "u trains");
    }

    private static float sum(float[] values) {
        float s = 0;
        for (float v : values) {
            s += v;
        }
        return s;
    }
}
