package rnnsuite.data;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The datasets a plan may name, each with its task and the metrics it is scored by. The one list of names: a
 * plan's dataset is checked against it when the plan is read, the loader dispatches on it, and a new dataset is
 * one constant here and its loader.
 */
public enum Dataset {
    /** The embedded SpamAssassin public mail corpus: ham or spam. */
    SPAMASSASSIN("spamassassin", Task.CLASSIFICATION, true, "accuracy"),
    /** IMDB movie reviews, downloaded once: positive or negative. */
    IMDB("imdb", Task.CLASSIFICATION, true, "accuracy"),
    /** A user's CSV or TSV file of labelled texts. */
    CSV("csv", Task.CLASSIFICATION, true, "accuracy"),
    /** Generated: recall the first of T symbols (classification). */
    RECALL("recall", Task.CLASSIFICATION, true, "accuracy"),
    /** Generated: the adding problem (regression). */
    ADDING("adding", Task.REGRESSION, true, "loss"),
    /** Generated: copy memory (Bai et al. 2018): recall 10 symbols after T blanks, a class at every step. */
    COPY("copy", Task.STEP_CLASSES, true, "nats_per_step",
            new Metric("nats_per_step", "cross-entropy per step, nats", false, x -> x)),
    /** The embedded JSB Chorales: the next frame of 88 notes, each a yes or no. The chorales set the lengths. */
    JSB("jsb", Task.STEP_LABELS, false, "nll_per_frame",
            new Metric("nll_per_frame", "negative log-likelihood per frame", false, x -> x)),
    /** The embedded tiny Shakespeare: the next character. */
    CHARS("chars", Task.STEP_CLASSES, true, "bpc", Metric.CHARACTERS),
    /** A user's UTF-8 text file: the next character. */
    TEXT("text", Task.STEP_CLASSES, true, "bpc", Metric.CHARACTERS);

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

    /**
     * A metric a dataset is scored by beyond loss and accuracy, computed from the loss (nats per step, or the NLL
     * per frame): runs.csv has it as {@code test_<name>}, epochs.csv as {@code val_<name>}, a search as objective
     * {@code val_<name>}.
     */
    public record Metric(String name, String label, boolean higherIsBetter, DoubleUnaryOperator fromLoss) {

        static final Metric[] CHARACTERS = {
            new Metric("bpc", "bits per character", false, x -> x / Math.log(2)),
            new Metric("nats_per_char", "nats per character", false, x -> x),
            new Metric("perplexity", "perplexity per character", false, Math::exp)};
    }

    private final String id;
    private final Task task;
    private final boolean lengths;
    private final String headline;
    private final List<Metric> metrics;

    Dataset(String id, Task task, boolean lengths, String headline, Metric... metrics) {
        this.id = id;
        this.task = task;
        this.lengths = lengths;
        this.headline = headline;
        this.metrics = List.of(metrics);
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
        return lengths;
    }

    /** A number to predict per sequence, scored by its MSE (no accuracy). */
    public boolean regression() {
        return task == Task.REGRESSION;
    }

    /** The metric reports lead with: {@code accuracy}, {@code loss} or one of {@link #metrics()}. */
    public String headline() {
        return headline;
    }

    /** What a metric ({@code accuracy}, {@code loss} or one of {@link #metrics()}) is called in reports and logs. */
    public String label(String metric) {
        if (metric.equals("accuracy")) {
            return "accuracy";
        }
        if (metric.equals("loss")) {
            return switch (task) {
                case REGRESSION -> "MSE";
                case STEP_LABELS -> "negative log-likelihood per frame";
                case STEP_CLASSES -> "cross-entropy per step";
                case CLASSIFICATION -> "loss";
            };
        }
        return metrics.stream().filter(m -> m.name().equals(metric)).map(Metric::label).findFirst().orElse(metric);
    }

    /** The metrics beyond loss and accuracy, in report order. */
    public List<Metric> metrics() {
        return metrics;
    }

    /** Whether a higher value of a metric ({@code accuracy}, {@code loss} or one of {@link #metrics()}) is better. */
    public boolean higherIsBetter(String metric) {
        return metric.equals("accuracy") || metrics.stream().anyMatch(m -> m.name().equals(metric) && m.higherIsBetter());
    }

    /** The objectives a search may take on this dataset: validation loss, accuracy where defined, and the metrics. */
    public List<String> objectives() {
        List<String> names = new ArrayList<>(List.of("val_loss"));
        if (task.hasAccuracy()) {
            names.add("val_accuracy");
        }
        metrics.forEach(m -> names.add("val_" + m.name()));
        return names;
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
