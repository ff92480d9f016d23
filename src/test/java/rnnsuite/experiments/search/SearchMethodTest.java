package rnnsuite.experiments.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Seeded draws, successive halving's rungs, promotions and budget, random search's budget. */
class SearchMethodTest {

    private static SearchSpec spec(String yaml) throws Exception {
        return SearchSpec.parse(new YAMLMapper().readTree(yaml), 10, false);
    }

    private static final String SPACE = """
            space:
              model:
                learning_rate: {log_uniform: [1.0e-4, 3.0e-2]}
                dropout: {uniform: [0, 0.5]}
                units: {choice: [64, 128, 256]}
            """;

    @Test
    void drawsAreSeededStayInTheirRangesAndMoreTrialsKeepTheEarlierOnes() throws Exception {
        List<Map<String, JsonNode>> a = spec("trials: 30\nseed: 7\n" + SPACE).draws();
        List<Map<String, JsonNode>> b = spec("trials: 30\nseed: 7\n" + SPACE).draws();
        List<Map<String, JsonNode>> more = spec("trials: 40\nseed: 7\n" + SPACE).draws();
        List<Map<String, JsonNode>> other = spec("trials: 30\nseed: 8\n" + SPACE).draws();
        assertEquals(a, b);
        assertEquals(a, more.subList(0, 30));
        assertNotEquals(a, other);
        for (Map<String, JsonNode> d : a) {
            double lr = d.get("model.learning_rate").doubleValue();
            assertTrue(lr >= 1e-4 && lr <= 3e-2, "learning rate " + lr);
            double dropout = d.get("model.dropout").doubleValue();
            assertTrue(dropout >= 0 && dropout < 0.5, "dropout " + dropout);
            assertTrue(List.of(64, 128, 256).contains(d.get("model.units").intValue()));
        }
        // Uniform in log space: about half the rates lie below the geometric middle, every choice turns up.
        double middle = Math.sqrt(1e-4 * 3e-2);
        long below = spec("trials: 400\n" + SPACE).draws().stream().filter(d -> d.get("model.learning_rate").doubleValue() < middle).count();
        assertTrue(below > 160 && below < 240, below + " of 400 below the geometric middle");
        assertEquals(3, a.stream().map(d -> d.get("model.units").intValue()).distinct().count());
    }

    @Test
    void successiveHalvingPromotesExactlyTheTopOneEtaOfARung() {
        SuccessiveHalving sh = new SuccessiveHalving(1, 9, 3);
        assertEquals(List.of(1, 3, 9), sh.rungs());
        assertEquals(List.of(2, 6, 10), new SuccessiveHalving(2, 10, 3).rungs()); // the last rung is max_epochs
        assertEquals(List.of(27, 9, 3), sh.candidatesPerRung(27));
        assertEquals(27 * 1 + 9 * 2 + 3 * 6, sh.budgetEpochs(27)); // a promoted candidate continues: 63 epochs
        assertEquals(27 * 9, new RandomSearch(9).budgetEpochs(27));

        List<Integer> numbers = IntStream.range(0, 9).boxed().toList();
        List<Double> accuracy = List.of(0.5, 0.9, 0.1, 0.7, Double.NaN, 0.95, 0.3, 0.9, 0.2);
        List<Double> same = java.util.Collections.nCopies(9, 1.0);
        assertEquals(List.of(5, 1, 7), sh.promote(0, numbers, accuracy, same, true)); // top 9/3; the tie 0.9 goes to the lower number
        List<Double> tieLoss = List.of(1.0, 0.4, 1.0, 1.0, 1.0, 1.0, 1.0, 0.3, 1.0);
        assertEquals(List.of(5, 7, 1), sh.promote(0, numbers, accuracy, tieLoss, true)); // ...or to the lower validation loss
        List<Double> loss = accuracy;
        assertEquals(List.of(2, 8, 6), sh.promote(0, numbers, loss, loss, false)); // lowest loss first, NaN never promoted
        assertEquals(List.of(5), sh.promote(1, List.of(1, 5, 7), List.of(0.9, 0.95, 0.9), List.of(1.0, 1.0, 1.0), true));
        assertEquals(List.of(), sh.promote(2, List.of(5), List.of(0.95), List.of(1.0), true)); // the last rung promotes no one
        assertEquals(List.of(3), new SuccessiveHalving(1, 4, 3).promote(0, List.of(0, 3), List.of(0.1, 0.2), List.of(1.0, 1.0), true)); // at least one
        assertEquals(List.of(), new RandomSearch(5).promote(0, numbers, accuracy, same, true));
    }

    @Test
    void badSectionsNameTheirKey() {
        SearchSpec.SpecException e = assertThrows(SearchSpec.SpecException.class, () -> spec("eta: 1\n" + SPACE));
        assertEquals(List.of("search", "eta"), e.path());
        e = assertThrows(SearchSpec.SpecException.class, () -> spec("space: {model: {learning_rate: {log_uniform: [0, 0.1]}}}"));
        assertEquals(List.of("search", "space", "model", "learning_rate"), e.path());
        assertTrue(e.getMessage().contains("cannot touch 0"), e.getMessage());
        e = assertThrows(SearchSpec.SpecException.class, () -> SearchSpec.parse(new YAMLMapper().readTree(
                "objective: val_accuracy\n" + SPACE), 10, true));
        assertTrue(e.getMessage().contains("regression"), e.getMessage());
    }
}
