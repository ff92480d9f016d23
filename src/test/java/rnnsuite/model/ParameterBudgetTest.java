package rnnsuite.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import rnnsuite.io.Json;

/**
 * {@code model.params}: every cell's network, built by the factory, has the count the budget asks within 2 %, and the
 * count the sizing works out is the one DL4J's network has; budgets no unit count meets are refused with the fix.
 */
class ParameterBudgetTest {

    @Test
    void everyCellMeetsItsBudgetWithinTwoPercent() {
        List<Input> inputs = List.of(Input.vectors(88), Input.tokens(65));
        List<Output> outputs = List.of(new Output.StepLabels(88), new Output.StepClasses(65));
        for (Variant variant : Variant.values()) {
            for (int i = 0; i < inputs.size(); i++) {
                for (int layers : new int[] {1, 2}) {
                    for (String budget : new String[] {"20k", "300k"}) {
                        ModelSpec spec = Json.MAPPER.convertValue(java.util.Map.of("layers", layers, "params", budget,
                                "embedding_size", 16), ModelSpec.class);
                        assertNull(spec.units(), "a budget leaves the units to the data");
                        ModelSpec sized = spec.sized(variant.cell(), inputs.get(i), outputs.get(i));
                        MultiLayerNetwork net = ModelFactory.network(ModelFactory.build(variant, spec, inputs.get(i),
                                outputs.get(i), 1, 20), spec, 1, 1);
                        long target = spec.params().count();
                        String what = variant + " " + layers + " layer(s) " + inputs.get(i) + " at " + budget;
                        assertTrue(Math.abs(net.numParams() - target) <= 0.02 * target, what + ": " + net.numParams());
                        double counted = ParameterBudget.count(variant.layout(), layers, sized.units(),
                                inputs.get(i) instanceof Input.Tokens t ? t.vocabularySize() : 0,
                                inputs.get(i) instanceof Input.Vectors v ? v.features() : 16, outputs.get(i).width());
                        assertEquals(net.numParams(), Math.round(counted), what + ": the sizing's count is DL4J's");
                        // the nearest: one unit more or fewer is no nearer
                        for (int other : new int[] {sized.units() - 1, sized.units() + 1}) {
                            double c = ParameterBudget.count(variant.layout(), layers, other,
                                    inputs.get(i) instanceof Input.Tokens t ? t.vocabularySize() : 0,
                                    inputs.get(i) instanceof Input.Vectors v ? v.features() : 16, outputs.get(i).width());
                            assertTrue(Math.abs(c - target) >= Math.abs(counted - target), what + ": " + other + " units is nearer");
                        }
                    }
                }
            }
        }
    }

    @Test
    void budgetsReadAsCounts() {
        assertEquals(20_000, ParameterBudget.parse(TextNode.valueOf("20k")).count());
        assertEquals(1_200_000, ParameterBudget.parse(TextNode.valueOf("1.2M")).count());
        assertEquals(300_000, ParameterBudget.parse(Json.MAPPER.valueToTree(300000)).count());
        assertEquals("20 K", new ParameterBudget(20_000).describe());
        assertEquals("1.2 M", new ParameterBudget(1_200_000).describe());
        for (String bad : new String[] {"lots", "-5", "0", "1.5", "k"}) {
            assertThrows(IllegalArgumentException.class, () -> ParameterBudget.parse(TextNode.valueOf(bad)), bad);
        }
    }

    @Test
    void impossibleBudgetsAreRefusedWithTheFix() {
        ParameterBudget tiny = new ParameterBudget(300);
        IllegalArgumentException below = assertThrows(IllegalArgumentException.class,
                () -> tiny.units(Variant.LSTM.layout(), 2, 0, 88, 88, "lstm"));
        assertTrue(below.getMessage().contains("below what a lstm network of one unit") && below.getMessage().contains("raise model.params"),
                below.getMessage());
        IllegalArgumentException coarse = assertThrows(IllegalArgumentException.class,
                () -> new ParameterBudget(300).units(Variant.SIMPLE_RNN.layout(), 1, 0, 88, 88, "simple_rnn"));
        assertTrue(coarse.getMessage().contains("more than 2 % off"), coarse.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> Json.MAPPER.convertValue(java.util.Map.of("units", 64, "params", 20000), ModelSpec.class));
        assertTrue(both.getMessage().contains("model.units and model.params both fix"), both.getMessage());
    }

    @Test
    void aSpecWithoutABudgetKeepsItsJson() {
        String json = Json.MAPPER.valueToTree(ModelSpec.defaults()).toString();
        assertTrue(!json.contains("params") && json.contains("\"units\":128"), json);
        ModelSpec budgeted = Json.MAPPER.convertValue(java.util.Map.of("params", "20k"), ModelSpec.class);
        String written = Json.MAPPER.valueToTree(budgeted).toString();
        assertTrue(written.contains("\"params\":20000") && !written.contains("units"), written);
        assertEquals(budgeted, Json.MAPPER.convertValue(Json.MAPPER.valueToTree(budgeted), ModelSpec.class));
    }
}
