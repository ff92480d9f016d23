package rnnsuite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import rnnsuite.data.DataSpec;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Variant;
import rnnsuite.train.RunRecord;
import rnnsuite.train.TrainSpec;
import rnnsuite.train.TrainingOutcome;
import rnnsuite.train.Trial;
import tech.tablesaw.api.Table;

/** The gradient table keeps a short probe whole and a long one at evenly spaced steps, the first and the last. */
class GradientTableTest {

    private static RunRecord probed(int steps) {
        Trial trial = new Trial("p", "lstm", Variant.LSTM, null, 1, DataSpec.defaults(), ModelSpec.defaults(),
                new TrainSpec(1, null, null), false, null);
        double[] untrained = IntStream.range(0, steps).mapToDouble(t -> t + 1).toArray();
        double[] trained = IntStream.range(0, steps).mapToDouble(t -> 2.0 * (t + 1)).toArray();
        return new RunRecord(trial, "fast", "test", new TrainingOutcome(0, List.of(), null, 0, 0, untrained, trained));
    }

    @Test
    void aShortProbeIsKeptWhole() {
        Table t = ResultTables.gradients(List.of(probed(ResultTables.PROBE_STEPS)));
        assertEquals(2 * ResultTables.PROBE_STEPS, t.rowCount());
        assertEquals(IntStream.range(0, ResultTables.PROBE_STEPS).boxed().toList(),
                t.where(t.stringColumn("stage").isEqualTo("trained")).intColumn("step").asList());
    }

    @Test
    void aLongProbeKeepsEvenlySpacedStepsWithTheFirstAndTheLast() {
        int steps = 4_273; // MuseData's longest piece
        Table t = ResultTables.gradients(List.of(probed(steps)));
        for (String stage : List.of("untrained", "trained")) {
            Table s = t.where(t.stringColumn("stage").isEqualTo(stage));
            List<Integer> kept = s.intColumn("step").asList();
            assertTrue(kept.size() <= ResultTables.PROBE_STEPS + 1, kept.size() + " rows");
            assertTrue(kept.size() > ResultTables.PROBE_STEPS / 2, kept.size() + " rows");
            assertEquals(0, kept.get(0));
            assertEquals(steps - 1, kept.get(kept.size() - 1));
            int stride = kept.get(1) - kept.get(0);
            for (int i = 1; i < kept.size() - 1; i++) {
                assertEquals(stride, kept.get(i) - kept.get(i - 1), "evenly spaced");
            }
            double scale = stage.equals("trained") ? 2 : 1;
            for (int i = 0; i < kept.size(); i++) {
                assertEquals(scale * (kept.get(i) + 1), s.doubleColumn("grad_norm").get(i), 1e-12, "each kept step's own norm");
            }
        }
    }
}
