package rnnsuite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import rnnsuite.data.Dataset;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** The analysis a report renders, on small tables worked by hand. */
class StudyAnalysisTest {

    private static Table summary(String[] arms, int[] lengths, double[] means) {
        return Table.create("summary", StringColumn.create("arm", arms), IntColumn.create("max_len", lengths),
                DoubleColumn.create("test_accuracy_mean", means), DoubleColumn.create("test_loss_mean", means));
    }

    @Test
    void anArmSolvesTheLengthsWhereItsMeanPassesTheTasksThreshold() {
        Table summary = summary(new String[] {"lstm", "lstm", "lstm", "gru"}, new int[] {200, 50, 100, 50},
                new double[] {0.50, 0.99, 0.951, 0.949});
        assertEquals(List.of(50, 100), StudyAnalysis.solvedLengths(summary, Dataset.RECALL, "test_accuracy", "lstm"));
        assertEquals(List.of(), StudyAnalysis.solvedLengths(summary, Dataset.RECALL, "test_accuracy", "gru"));
        assertTrue(StudyAnalysis.solves(Dataset.ADDING, 0.009) && !StudyAnalysis.solves(Dataset.ADDING, 0.011), "an MSE at most 0.01");
        assertFalse(StudyAnalysis.solves(Dataset.COPY, 0.0), "no threshold for a per-step task");
        assertEquals("mean test accuracy ≥ 0.95", StudyAnalysis.solvedRule(Dataset.RECALL));
    }

    @Test
    void aTunedArmIsComparedWithItsRecipeTunedMinusRecipe() {
        Table summary = summary(new String[] {"lstm", "lstm_tuned", "gru"}, new int[] {100, 100, 100}, new double[] {0.8, 0.9, 0.7});
        Table comparison = Table.create("comparison", StringColumn.create("metric", new String[] {"test_accuracy", "test_loss"}),
                StringColumn.create("arm_a", new String[] {"lstm", "lstm"}), StringColumn.create("arm_b", new String[] {"lstm_tuned", "lstm_tuned"}),
                IntColumn.create("max_len", new int[] {100, 100}), DoubleColumn.create("mean_diff", new double[] {-0.1, 0.3}),
                DoubleColumn.create("diff_ci95_low", new double[] {-0.15, 0.1}), DoubleColumn.create("diff_ci95_high", new double[] {-0.05, 0.5}),
                DoubleColumn.create("p_paired_t", new double[] {0.01, 0.2}), DoubleColumn.create("p_wilcoxon", new double[] {0.25, 0.5}));
        List<StudyAnalysis.TunedPair> pairs = StudyAnalysis.tunedPairs(summary, comparison, "test_accuracy");
        assertEquals(1, pairs.size(), "gru has no tuned arm");
        StudyAnalysis.TunedPair pair = pairs.get(0);
        assertEquals("lstm", pair.arm());
        assertEquals(0, pair.recipeRow());
        assertEquals(1, pair.tunedRow());
        assertEquals(new StudyAnalysis.Difference(0.1, 0.05, 0.15, 0.01, 0.25), pair.difference());
        assertNull(StudyAnalysis.tunedPairs(summary, comparison.dropRows(0), "test_accuracy").get(0).difference(),
                "no comparison on that metric");
    }
}
