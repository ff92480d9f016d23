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
import rnnsuite.data.DataSpec;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Variant;
import rnnsuite.train.EpochResult;
import rnnsuite.train.RunRecord;
import rnnsuite.train.TrainSpec;
import rnnsuite.train.TrainingOutcome;
import rnnsuite.train.Trial;

/** Seeded draws, successive halving's rungs, promotions and budget, random search's budget. */
class SearchMethodTest {

    private static SearchSpec spec(String yaml) throws Exception {
        return SearchSpec.parse(new YAMLMapper().readTree(yaml), 10, rnnsuite.data.Dataset.RECALL);
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

        double[] accuracy = {0.5, 0.9, 0.1, 0.7, Double.NaN, 0.95, 0.3, 0.9, 0.2};
        double[] same = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        Objective acc = Objective.VAL_ACCURACY;
        assertEquals(List.of(5, 1, 7), sh.promote(0, rung(accuracy, same), acc)); // top 9/3; the tie 0.9 goes to the lower number
        double[] tieLoss = {1.0, 0.4, 1.0, 1.0, 1.0, 1.0, 1.0, 0.3, 1.0};
        assertEquals(List.of(5, 7, 1), sh.promote(0, rung(accuracy, tieLoss), acc)); // ...or to the lower validation loss
        assertEquals(List.of(2, 8, 6), sh.promote(0, rung(same, accuracy), Objective.VAL_LOSS)); // lowest loss first, NaN never promoted
        assertEquals(List.of(5), sh.promote(1, List.of(candidate(1, 0.9, 1), candidate(5, 0.95, 1), candidate(7, 0.9, 1)), acc));
        assertEquals(List.of(), sh.promote(2, List.of(candidate(5, 0.95, 1)), acc)); // the last rung promotes no one
        assertEquals(List.of(3), new SuccessiveHalving(1, 4, 3).promote(0, List.of(candidate(0, 0.1, 1), candidate(3, 0.2, 1)), acc)); // at least one
        assertEquals(List.of(), new RandomSearch(5).promote(0, rung(accuracy, same), acc));
    }

    @Test
    void theWinnerIsTheBestOfTheHighestRungReached() {
        RunRecord early = candidate(0, 1.0, 0.1, 1); // the best score, but only at the first rung
        RunRecord a = candidate(1, 0.8, 0.5, 3);
        RunRecord b = candidate(2, 0.8, 0.4, 3); // ties a on accuracy, lower loss
        assertEquals(2, Ranking.winner(List.of(early, a, b), Objective.VAL_ACCURACY).trial().candidate().number());
        assertEquals(List.of(2, 1), Ranking.rank(List.of(a, b), Objective.VAL_ACCURACY).stream()
                .map(r -> r.trial().candidate().number()).toList());
    }

    /** A rung of candidates 0..n−1 with these validation accuracies and losses. */
    private static List<RunRecord> rung(double[] accuracy, double[] loss) {
        return IntStream.range(0, accuracy.length).mapToObj(i -> candidate(i, accuracy[i], loss[i])).toList();
    }

    private static RunRecord candidate(int number, double valAccuracy, double valLoss) {
        return candidate(number, valAccuracy, valLoss, 1);
    }

    private static RunRecord candidate(int number, double valAccuracy, double valLoss, int epochs) {
        Trial trial = new Trial("p", "lstm", Variant.LSTM, null, 1, DataSpec.defaults(), ModelSpec.defaults(),
                new TrainSpec(epochs, null, null), false, new Trial.Candidate(number, java.util.Map.of(), null, null));
        TrainingOutcome outcome = new TrainingOutcome(0, List.of(new EpochResult(epochs, 0, valLoss, valAccuracy, 0, 0, 0)),
                null, 0, 0, null, null);
        return new RunRecord(trial, "fast", "test", outcome);
    }

    @Test
    void badSectionsNameTheirKey() throws Exception {
        SearchSpec.SpecException e = assertThrows(SearchSpec.SpecException.class, () -> spec("eta: 1\n" + SPACE));
        assertEquals(List.of("search", "eta"), e.path());
        e = assertThrows(SearchSpec.SpecException.class, () -> spec("space: {model: {learning_rate: {log_uniform: [0, 0.1]}}}"));
        assertEquals(List.of("search", "space", "model", "learning_rate"), e.path());
        assertTrue(e.getMessage().contains("cannot touch 0"), e.getMessage());
        e = assertThrows(SearchSpec.SpecException.class, () -> SearchSpec.parse(new YAMLMapper().readTree(
                "objective: val_accuracy\n" + SPACE), 10, rnnsuite.data.Dataset.ADDING));
        assertTrue(e.getMessage().contains("does not exist for dataset adding") && e.getMessage().contains("val_loss"), e.getMessage());
        e = assertThrows(SearchSpec.SpecException.class, () -> SearchSpec.parse(new YAMLMapper().readTree(
                "objective: val_accuracy\n" + SPACE), 10, rnnsuite.data.Dataset.JSB));
        assertTrue(e.getMessage().contains("val_nll_per_frame"), e.getMessage());
        assertEquals("val_bpc", SearchSpec.parse(new YAMLMapper().readTree(SPACE), 10, rnnsuite.data.Dataset.CHARS).objective().id(),
                "a character model is tuned on bits per character by default");
        assertEquals(new Objective(rnnsuite.data.Dataset.CHARS.metric("bpc")), SearchSpec.parse(new YAMLMapper().readTree(SPACE), 10,
                rnnsuite.data.Dataset.CHARS).objective());
    }
}
