package rnnsuite.data;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The datasets a plan may name, each with its task and the metrics it is scored by. The one list of names: a
 * plan's dataset is checked against it when the plan is read, the loader dispatches on it, and a new dataset is
 * one constant here and its loader.
 */
public enum Dataset {
    /** The embedded SpamAssassin public mail corpus: ham or spam. */
    SPAMASSASSIN("spamassassin", Task.CLASSIFICATION, Support.LENGTHS, "accuracy"),
    /** IMDB movie reviews, downloaded once: positive or negative. */
    IMDB("imdb", Task.CLASSIFICATION, Support.LENGTHS, "accuracy"),
    /** A user's CSV or TSV file of labelled texts. */
    CSV("csv", Task.CLASSIFICATION, Support.LENGTHS, "accuracy"),
    /** Generated: recall the first of T symbols (classification). */
    RECALL("recall", Task.CLASSIFICATION, Support.LENGTHS, "accuracy"),
    /** Generated: the adding problem (regression). */
    ADDING("adding", Task.REGRESSION, Support.LENGTHS, "loss"),
    /** Generated: copy memory (Bai et al. 2018): recall 10 symbols after T blanks, a class at every step. */
    COPY("copy", Task.STEP_CLASSES, Support.LENGTHS, "nats_per_step",
            Metric.fromLoss("nats_per_step", "cross-entropy per step, nats", "nats", x -> x)),
    /** The embedded JSB Chorales: the next frame of 88 notes, each a yes or no. The chorales set the lengths. */
    JSB("jsb", Task.STEP_LABELS, Support.NONE, "nll_per_frame",
            Metric.fromLoss("nll_per_frame", "negative log-likelihood per frame", "nats", x -> x)),
    /** The embedded tiny Shakespeare: the next character. */
    CHARS("chars", Task.STEP_CLASSES, Support.TEXT, "bpc", characterMetrics()),
    /** A user's UTF-8 text file: the next character. */
    TEXT("text", Task.STEP_CLASSES, Support.TEXT, "bpc", characterMetrics());

    /**
     * What a dataset supports beyond training and scoring, and the split a plan gets when it gives none.
     *
     * @param lengths whether {@code data.max_len} is a sequence length a plan may sweep (JSB's chorales set theirs)
     * @param samples whether a model of it writes text ({@code sample}, the report's samples): one contiguous text,
     *                which mostly trains (the first 90 %)
     */
    record Support(boolean lengths, boolean samples, List<Double> split) {
        static final Support NONE = new Support(false, false, List.of(0.7, 0.15, 0.15));
        static final Support LENGTHS = new Support(true, false, NONE.split());
        static final Support TEXT = new Support(true, true, List.of(0.9, 0.05, 0.05));
    }

    /** What a dataset asks of a network. */
    public enum Task {
        /** One class per sequence, read from the last step (softmax). */
        CLASSIFICATION,
        /** One number per sequence, read from the last step (identity output, mean squared error). */
        REGRESSION,
        /** A class at every step (softmax per step), scored over the real steps. */
        STEP_CLASSES,
        /** Independent yes-or-no labels at every step (a sigmoid each), scored over the real steps. */
        STEP_LABELS;

        /** An output at every step, not at the last. */
        public boolean perStep() {
            return this == STEP_CLASSES || this == STEP_LABELS;
        }

        /** Whether the network picks one class, so accuracy is defined. */
        public boolean hasAccuracy() {
            return this == CLASSIFICATION || this == STEP_CLASSES;
        }
    }

    /** A character model's own metrics, from the cross-entropy per character. */
    private static Metric[] characterMetrics() {
        return new Metric[] {
            Metric.fromLoss("bpc", "bits per character", "bits", x -> x / Math.log(2)),
            Metric.fromLoss("nats_per_char", "nats per character", "nats", x -> x),
            Metric.fromLoss("perplexity", "perplexity per character", "", Math::exp)};
    }

    private final String id;
    private final Task task;
    private final Support support;
    private final String headline;
    /** Every metric the dataset is scored by, in report order: the loss, accuracy where a class is picked, a
     *  classifier's precision, recall, F1 and AUC, then the dataset's own. */
    private final List<Metric> metrics;

    Dataset(String id, Task task, Support support, String headline, Metric... own) {
        this.id = id;
        this.task = task;
        this.support = support;
        this.headline = headline;
        List<Metric> all = new ArrayList<>(List.of(switch (task) {
            case REGRESSION -> Metric.loss("MSE", "");
            case STEP_LABELS -> Metric.loss("negative log-likelihood per frame", "nats");
            case STEP_CLASSES -> Metric.loss("cross-entropy per step", "nats");
            case CLASSIFICATION -> Metric.loss("loss", "nats");
        }));
        if (task.hasAccuracy()) {
            all.add(Metric.ACCURACY);
        }
        if (task == Task.CLASSIFICATION) {
            all.addAll(List.of(Metric.PRECISION, Metric.RECALL, Metric.F1, Metric.AUC));
        }
        all.addAll(List.of(own));
        this.metrics = List.copyOf(all);
        metric(headline); // a headline the dataset lacks fails at class load, in every test
    }

    @JsonValue
    public String id() {
        return id;
    }

    public Task task() {
        return task;
    }

    /** Whether {@code data.max_len} is a sequence length a plan may sweep ({@code lengths}); JSB's chorales set theirs. */
    public boolean sweepsLengths() {
        return support.lengths();
    }

    /** Whether a model of it writes text: {@code sample} and the report's samples. */
    public boolean samplesText() {
        return support.samples();
    }

    /** The train, validation and test shares a plan gets when it names none. */
    public List<Double> defaultSplit() {
        return support.split();
    }

    /** A number to predict per sequence, scored by its MSE (no accuracy). */
    public boolean regression() {
        return task == Task.REGRESSION;
    }

    /** The name of the metric reports lead with: {@code accuracy}, {@code loss} or one of the dataset's own. */
    public String headline() {
        return headline;
    }

    /** The metric reports lead with. */
    public Metric headlineMetric() {
        return metric(headline);
    }

    /** Every metric the dataset is scored by, in report order. */
    public List<Metric> metrics() {
        return metrics;
    }

    /** The dataset's own metrics, computed from the loss (bits per character, ...): none for most. */
    public List<Metric> ownMetrics() {
        return metrics.stream().filter(m -> m.reading() == Metric.Reading.FROM_LOSS).toList();
    }

    /** A metric by its name in the run records ({@code loss}, {@code accuracy}, {@code bpc}, ...); a name it lacks fails. */
    public Metric metric(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "unknown metric '" + name + "' for dataset " + id + ": it has " + String.join(", ", metrics.stream().map(Metric::name).toList())));
    }

    /** What a metric is called in reports and logs. */
    public String label(String metric) {
        return metric(metric).label();
    }

    /** Whether a higher value of a metric is better. */
    public boolean higherIsBetter(String metric) {
        return metric(metric).higherIsBetter();
    }

    /** The objectives a search may take on this dataset: the metrics every epoch's validation records, as val_ columns. */
    public List<String> objectives() {
        return metrics.stream().filter(m -> m.reading().perEpoch()).map(Metric::validationColumn).toList();
    }

    /** The names a plan may give. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Dataset::id).toList();
    }

    /** The dataset a plan names; an unknown name fails with the known ones. */
    public static Dataset of(String name) {
        return Arrays.stream(values()).filter(d -> d.id.equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown dataset '" + name + "': choose one of " + String.join(", ", names())));
    }

    @Override
    public String toString() {
        return id;
    }
}
