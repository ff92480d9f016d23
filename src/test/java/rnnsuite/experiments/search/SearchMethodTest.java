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
        Bracket sh = new SuccessiveHalving(27, 1, 9, 3).brackets().get(0);
        assertEquals(List.of(1, 3, 9), sh.rungs());
        assertEquals(List.of(2, 6, 10), new SuccessiveHalving(9, 2, 10, 3).brackets().get(0).rungs()); // the last rung is max_epochs
        assertEquals(List.of(27, 9, 3), sh.candidatesPerRung());
        assertEquals(27 * 1 + 9 * 2 + 3 * 6, sh.budgetEpochs()); // a promoted candidate continues: 63 epochs
        assertEquals(27 * 9, new RandomSearch(27, 9).budgetEpochs());
        assertEquals(List.of(9, 3, 2), new SuccessiveHalving(9, 5, 40, 3).brackets().get(0).candidatesPerRung(),
                "at least two reach the last rung: the final choice is between two");

        double[] accuracy = {0.5, 0.9, 0.1, 0.7, Double.NaN, 0.95, 0.3, 0.9, 0.2};
        double[] same = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        Objective acc = Objective.VAL_ACCURACY;
        assertEquals(List.of(5, 1, 7), sh.promote(0, rung(accuracy, same), acc)); // top 9/3; the tie 0.9 goes to the lower number
        double[] tieLoss = {1.0, 0.4, 1.0, 1.0, 1.0, 1.0, 1.0, 0.3, 1.0};
        assertEquals(List.of(5, 7, 1), sh.promote(0, rung(accuracy, tieLoss), acc)); // ...or to the lower validation loss
        assertEquals(List.of(2, 8, 6), sh.promote(0, rung(same, accuracy), Objective.VAL_LOSS)); // lowest loss first, NaN never promoted
        assertEquals(List.of(5, 1), sh.promote(1, List.of(candidate(1, 0.9, 1), candidate(5, 0.95, 1), candidate(7, 0.9, 1)), acc));
        assertEquals(List.of(), sh.promote(2, List.of(candidate(5, 0.95, 1)), acc)); // the last rung promotes no one
        assertEquals(List.of(3, 0), new SuccessiveHalving(2, 1, 3, 3).brackets().get(0)
                .promote(0, List.of(candidate(0, 0.1, 1), candidate(3, 0.2, 1)), acc)); // into the last rung, two
        assertEquals(List.of(), new RandomSearch(9, 5).brackets().get(0).promote(0, rung(accuracy, same), acc));
    }

    @Test
    void candidatesRankByTheirBestScoreSoFarAndAStoppedOneGoesNoFurther() {
        Objective acc = Objective.VAL_ACCURACY;
        RunRecord peaked = run(0, 3, new double[] {0.9, 0.6, 0.5}); // best 0.9 at its first epoch, last 0.5
        RunRecord steady = run(1, 3, new double[] {0.6, 0.7, 0.8});
        RunRecord stopped = run(2, 5, new double[] {0.95, 0.7, 0.7}); // patience ran out after 3 of 5 epochs
        assertEquals(List.of(0, 1), numbers(Ranking.rank(List.of(steady, peaked), acc, true)), "by the best so far");
        assertEquals(List.of(1, 0), numbers(Ranking.rank(List.of(steady, peaked), acc, false)), "earlier searches: the last epoch");
        assertTrue(Ranking.stoppedEarly(stopped) && !Ranking.stoppedEarly(steady));
        Bracket b = new Bracket(0, 3, List.of(5, 10), 3);
        assertEquals(List.of(0, 1), b.promote(0, List.of(peaked, steady, stopped), acc), "a stopped candidate is finished: not promoted");
        assertEquals(List.of(2, 0, 1), numbers(Ranking.finished(List.of(peaked, steady, stopped), acc, 1, 3)),
                "finished: at max_epochs, or stopped early");
        assertEquals(List.of(2), numbers(Ranking.finished(List.of(peaked, steady, stopped), acc, 1, 5)),
                "three epochs of a search to five: only the stopped one is finished");
    }

    @Test
    void hyperbandsBracketsTradeCandidatesForEpochs() {
        Hyperband hb = new Hyperband(1, 27, 3);
        List<Bracket> brackets = hb.brackets();
        // Li et al. 2018, Table 1 with R = 27, η = 3: n = 27, 12, 6, 4 at r = 1, 3, 9, 27
        assertEquals(List.of(27, 12, 6, 4), brackets.stream().map(Bracket::candidates).toList());
        assertEquals(List.of(List.of(1, 3, 9, 27), List.of(3, 9, 27), List.of(9, 27), List.of(27)),
                brackets.stream().map(Bracket::rungs).toList());
        assertEquals(List.of(0, 27, 39, 45), brackets.stream().map(Bracket::first).toList(), "candidates numbered one after another");
        assertEquals(49, hb.candidates());
        assertEquals(List.of(27, 9, 3, 2), brackets.get(0).candidatesPerRung());
        assertEquals(27 * 1 + 9 * 2 + 3 * 6 + 2 * 18 + 12 * 3 + 4 * 6 + 2 * 18 + 6 * 9 + 2 * 18 + 4 * 27, hb.budgetEpochs());
        Hyperband small = new Hyperband(2, 8, 2);
        assertEquals(List.of(List.of(2, 4, 8), List.of(4, 8), List.of(8)), small.brackets().stream().map(Bracket::rungs).toList());
        assertEquals(List.of(4, 3, 3), small.brackets().stream().map(Bracket::candidates).toList());
    }

    private static List<Integer> numbers(List<RunRecord> records) {
        return records.stream().map(r -> r.trial().candidate().number()).toList();
    }

    /** A candidate set to train {@code epochs} that trained {@code accuracy.length}, with these validation accuracies. */
    private static RunRecord run(int number, int epochs, double[] accuracy) {
        Trial trial = new Trial("p", "lstm", Variant.LSTM, null, 1, DataSpec.defaults(), ModelSpec.defaults(),
                new TrainSpec(epochs, null, null), false, new Trial.Candidate(number, java.util.Map.of(), null, null));
        List<EpochResult> results = IntStream.range(0, accuracy.length)
                .mapToObj(e -> new EpochResult(e + 1, 0, 1 - accuracy[e], accuracy[e], 0, 0, 0)).toList();
        return new RunRecord(trial, "fast", "test", new TrainingOutcome(0, results, null, 0, 0, null, null));
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
