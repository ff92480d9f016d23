package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import rnnsuite.experiments.search.Objective;
import rnnsuite.train.EpochResult;
import rnnsuite.train.TestMetrics;

/** Each metric is one entry: looked up by name, read from a run's record through it, and a name no entry has fails. */
class MetricTest {

    @Test
    void everyDatasetHasItsHeadlineAndItsMetricsByName() {
        for (Dataset d : Dataset.values()) {
            assertEquals(d.headline(), d.headlineMetric().name(), d.id());
            assertEquals("loss", d.metrics().get(0).name(), d + " leads with its loss");
            for (Metric m : d.metrics()) {
                assertEquals(m, d.metric(m.name()));
                assertEquals("test_" + m.name(), m.testColumn());
                assertEquals("val_" + m.name(), m.validationColumn());
            }
            assertEquals(d.task().hasAccuracy(), d.metrics().contains(Metric.ACCURACY), d.id());
        }
        assertEquals("MSE", Dataset.ADDING.label("loss"));
        assertEquals("negative log-likelihood per frame", Dataset.JSB.headlineMetric().label());
        assertEquals("bits per character", Dataset.CHARS.label("bpc"));
        assertEquals("bits", Dataset.CHARS.metric("bpc").unit());
        assertEquals(List.of("loss", "accuracy", "precision", "recall", "f1", "auc"),
                Dataset.SPAMASSASSIN.metrics().stream().map(Metric::name).toList());
        assertTrue(Dataset.SPAMASSASSIN.higherIsBetter("f1") && Dataset.SPAMASSASSIN.higherIsBetter("auc"));
        assertFalse(Dataset.CHARS.higherIsBetter("perplexity"));
    }

    @Test
    void aMistypedMetricIsAnErrorNamingThoseThereAre() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.CHARS.metric("bcp"));
        assertEquals("unknown metric 'bcp' for dataset chars: it has loss, accuracy, bpc, nats_per_char, perplexity", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.ADDING.label("accuracy"), "a regression has no accuracy");
        assertThrows(IllegalArgumentException.class, () -> Dataset.JSB.higherIsBetter("f1"));
    }

    @Test
    void searchesRankOnlyByWhatEveryEpochMeasures() {
        assertEquals(List.of("val_loss", "val_accuracy"), Dataset.RECALL.objectives());
        assertEquals(List.of("val_loss"), Dataset.ADDING.objectives());
        assertEquals(List.of("val_loss", "val_nll_per_frame"), Dataset.JSB.objectives());
        assertEquals(List.of("val_loss", "val_accuracy", "val_bpc", "val_nats_per_char", "val_perplexity"), Dataset.TEXT.objectives());
        assertThrows(IllegalArgumentException.class, () -> new Objective(Metric.F1));
        Objective bpc = Objective.parse("val_bpc", Dataset.CHARS);
        assertFalse(bpc.maximise());
        assertTrue(Objective.parse("val_accuracy", Dataset.IMDB).maximise());
    }

    @Test
    void aRecordIsReadThroughTheEntry() {
        TestMetrics test = new TestMetrics(0.5, 0.75, 0.6, 0.7, 0.65, 0.9, List.of("a", "b"), new long[0][0],
                Map.of("bpc", 0.72));
        List<Double> classic = Metric.CLASSIC.stream().map(test::value).toList();
        assertEquals(List.of(0.5, 0.75, 0.6, 0.7, 0.65, 0.9), classic);
        assertEquals(0.72, test.value(Dataset.CHARS.metric("bpc")));
        assertTrue(Double.isNaN(test.value(Dataset.CHARS.metric("perplexity"))), "a record made before the metric existed");

        EpochResult epoch = new EpochResult(3, 1.0, 0.8, 0.6, 2.0, 0.1, 0.2, Map.of("nll_per_frame", 8.4));
        assertEquals(0.8, epoch.validation(Metric.LOSS));
        assertEquals(0.6, epoch.validation(Metric.ACCURACY));
        assertEquals(8.4, epoch.validation(Dataset.JSB.metric("nll_per_frame")));
        assertThrows(IllegalArgumentException.class, () -> epoch.validation(Metric.AUC), "no AUC after each epoch");
    }

    @Test
    void whatADatasetSupportsIsAskedOfItsDescription() {
        for (Dataset d : Dataset.values()) {
            assertEquals(1.0, d.defaultSplit().stream().mapToDouble(Double::doubleValue).sum(), 1e-12, d.id());
            assertEquals(d == Dataset.CHARS || d == Dataset.TEXT, d.samplesText(), d.id());
        }
        assertEquals(List.of(0.9, 0.05, 0.05), new DataSpec("chars", null, null, null, null, null, null, null, null, null,
                null, null, null).split(), "a character text mostly trains");
        assertEquals(List.of(0.7, 0.15, 0.15), DataSpec.defaults().split());
        assertFalse(Dataset.JSB.sweepsLengths(), "the chorales set their lengths");
    }

    @Test
    void aConversionFromTheLossGoesWithItsReading() {
        assertThrows(IllegalArgumentException.class, () -> new Metric("x", "x", "", false, Metric.Reading.LOSS, v -> v));
        assertThrows(IllegalArgumentException.class, () -> new Metric("x", "x", "", false, Metric.Reading.FROM_LOSS, null));
        assertEquals(1.0, Dataset.CHARS.metric("bpc").fromLoss().applyAsDouble(Math.log(2)), 1e-12);
    }
}
