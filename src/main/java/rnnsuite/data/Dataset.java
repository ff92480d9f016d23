package rnnsuite.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The datasets a plan may name, each one description of its task: how it is loaded, which {@code data} keys it
 * reads (and its own options record, where it has options no other dataset reads), what it asks of a network, the
 * metrics it is scored by, the baselines beside it and what it supports. Everything else asks the description; a new
 * dataset is one constant here, its loader and the loader's line in {@link DatasetLoader} (which binds each name to
 * how it is made and sized: the loaders read a {@link DataSpec}, which reads this, so this cannot name them).
 */
public enum Dataset {
    /** The embedded SpamAssassin public mail corpus: ham or spam. */
    SPAMASSASSIN("spamassassin", text()),
    /** IMDB movie reviews, downloaded once: positive or negative. */
    IMDB("imdb", text().reads("path")),
    /** A user's CSV or TSV file of labelled texts. */
    CSV("csv", text().reads("path", "text_column", "label_column", "header", "separator")),
    /** Generated: recall the first of T symbols (classification). */
    RECALL("recall", Description.of(Task.CLASSIFICATION, "accuracy").reads(generated()).reads("classes")),
    /** Generated: the adding problem (regression). */
    ADDING("adding", Description.of(Task.REGRESSION, "loss").reads(generated())),
    /** Generated: copy memory (Bai et al. 2018): recall 10 symbols after T blanks, a class at every step. */
    COPY("copy", Description.of(Task.STEP_CLASSES, "nats_per_step").reads(generated()).baselines("memoryless")
            .metrics(Metric.fromLoss("nats_per_step", "cross-entropy per step, nats", "nats", x -> x))),
    /** Generated: selective copying (Gu &amp; Dao 2023): copy K tokens at random places among L blanks, in order. */
    SELECTIVE_COPY("selective_copy", Description.of(Task.STEP_CLASSES, "accuracy").reads(generated())
            .options(SelectiveCopyOptions.class)
            .metrics(Metric.fromLoss("nats_per_token", "cross-entropy per answer token, nats", "nats", x -> x))),
    /** The embedded JSB Chorales: the next frame of 88 notes, each a yes or no. The chorales set the lengths. */
    JSB("jsb", music()),
    /** The embedded Nottingham folk tunes, as piano rolls. */
    NOTTINGHAM("nottingham", music()),
    /** The embedded MuseData classical pieces, as piano rolls (up to 4,273 frames). */
    MUSEDATA("musedata", music()),
    /** The embedded Piano-midi.de pieces, as piano rolls (up to 3,857 frames). */
    PIANO_MIDI("piano_midi", music()),
    /** A user's piano-roll file in the same layout: {@code --data pianoroll:FILE}. */
    PIANOROLL("pianoroll", music().reads("path")),
    /** The embedded tiny Shakespeare: the next character. */
    CHARS("chars", characters()),
    /** A user's UTF-8 text file: the next character. */
    TEXT("text", characters().reads("path"));

    /** The keys every generated task reads: its length, how many sequences, their split and the seed that makes them. */
    private static String[] generated() {
        return new String[] {"max_len", "examples", "split", "split_seed"};
    }

    /** A labelled text: tokens truncated at max_len, a vocabulary of the training split, a stratified split. */
    private static Description text() {
        return Description.of(Task.CLASSIFICATION, "accuracy")
                .reads("max_len", "min_freq", "max_vocab", "split", "split_seed")
                .baselines("majority", "tfidf_logreg").supports(Support.WORDS);
    }

    /** Piano rolls: the next frame of 88 notes; the pieces keep their lengths and the file its split. */
    private static Description music() {
        return Description.of(Task.STEP_LABELS, "nll_per_frame").supports(Support.NONE).baselines("note_frequency")
                .metrics(Metric.fromLoss("nll_per_frame", "negative log-likelihood per frame", "nats", x -> x));
    }

    /** The next character of one contiguous text, in windows of max_len. */
    private static Description characters() {
        return Description.of(Task.STEP_CLASSES, "bpc")
                .reads("max_len", "split")
                .supports(Support.TEXT).baselines("ngram")
                .metrics(Metric.fromLoss("bpc", "bits per character", "bits", x -> x / Math.log(2)),
                        Metric.fromLoss("nats_per_char", "nats per character", "nats", x -> x),
                        Metric.fromLoss("perplexity", "perplexity per character", "", Math::exp));
    }

    /**
     * What one dataset is, built by its constant: the output it asks for, the {@code data} keys it reads, its own
     * options (a record, read from the keys no other dataset has), its headline and own metrics, the baselines run
     * beside it and what it supports. How it is loaded and sized is its loader's ({@link DatasetLoader}).
     */
    public record Description(Task task, List<String> keys, Class<? extends Record> options, String headline,
                              List<Metric> own, List<String> baselines, Support support) {

        public static Description of(Task task, String headline) {
            return new Description(task, List.of(), null, headline, List.of(), List.of(), Support.LENGTHS);
        }

        /** Shared {@code data} keys it reads besides {@code dataset}; any other written in a plan is refused. */
        public Description reads(String... more) {
            List<String> all = new ArrayList<>(keys);
            all.addAll(List.of(more));
            return new Description(task, List.copyOf(all), options, headline, own, baselines, support);
        }

        /** Its own options: the record's fields, read from {@code data} keys no shared field has. */
        public Description options(Class<? extends Record> type) {
            return new Description(task, keys, type, headline, own, baselines, support);
        }

        public Description metrics(Metric... more) {
            return new Description(task, keys, options, headline, List.of(more), baselines, support);
        }

        public Description baselines(String... ids) {
            return new Description(task, keys, options, headline, own, List.of(ids), support);
        }

        public Description supports(Support value) {
            return new Description(task, keys, options, headline, own, baselines, value);
        }
    }

    /**
     * A dataset's sizes from its {@code data} settings alone, before it is made; what the data decides is taken at
     * its least (a text's vocabulary of padding, out-of-vocabulary and one word; one step).
     *
     * @param vocabulary token ids an embedding needs rows for, 0 when the input is vectors
     * @param inputs     numbers per step when the input is vectors
     * @param outputs    classes or labels per output
     * @param steps      the longest sequence
     * @param examples   a generated dataset's sequences, held on the heap (0 for data read from a file)
     * @param row        numbers per generated sequence
     */
    public record Size(double vocabulary, double inputs, double outputs, double steps, double examples, double row) {
        /** Text: tokens through an embedding, its vocabulary and lengths unknown until it is read. */
        static Size text(double outputs, double steps) {
            return new Size(3, 0, outputs, steps, 0, 0);
        }
    }

    /**
     * What a dataset supports beyond training and scoring, and the split a plan gets when it gives none.
     *
     * @param lengths whether {@code data.max_len} is a sequence length a plan may sweep (music sets their own)
     * @param samples whether a model of it writes text ({@code sample}, the report's samples): one contiguous text,
     *                which mostly trains (the first 90 %)
     * @param wordVectors whether its tokens may become word vectors ({@code model.input: word2vec})
     */
    public record Support(boolean lengths, boolean samples, boolean wordVectors, List<Double> split) {
        public static final Support NONE = new Support(false, false, false, List.of(0.7, 0.15, 0.15));
        public static final Support LENGTHS = new Support(true, false, false, NONE.split());
        static final Support WORDS = new Support(true, false, true, NONE.split());
        static final Support TEXT = new Support(true, true, false, List.of(0.9, 0.05, 0.05));
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

    private final String id;
    private final Description description;
    /** The data keys it reads besides dataset: the shared ones, then its own options'. */
    private final List<String> keys;
    private final List<String> ownKeys;
    /** Every metric the dataset is scored by, in report order: the loss, accuracy where a class is picked, a
     *  classifier's precision, recall, F1 and AUC, then the dataset's own. */
    private final List<Metric> metrics;

    Dataset(String id, Description description) {
        this.id = id;
        this.description = description;
        this.ownKeys = description.options() == null ? List.of() : Arrays.stream(description.options().getRecordComponents())
                .map(c -> {
                    JsonProperty name = c.getAccessor().getAnnotation(JsonProperty.class);
                    return name != null && !name.value().isEmpty() ? name.value() : c.getName();
                }).toList();
        List<String> read = new ArrayList<>(description.keys());
        read.addAll(ownKeys);
        this.keys = List.copyOf(read);
        Task task = description.task();
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
        all.addAll(description.own());
        this.metrics = List.copyOf(all);
        metric(description.headline()); // a headline the dataset lacks fails at class load, in every test
    }

    /** The ids of the baselines a plan runs beside the cells (when {@code baselines} is on). */
    public List<String> baselines() {
        return description.baselines();
    }

    /** Whether its tokens may become word vectors ({@code model.input: word2vec}). */
    public boolean wordVectors() {
        return description.support().wordVectors();
    }

    /** Its own options record, or null where it reads only shared keys. */
    public Class<? extends Record> optionsType() {
        return description.options();
    }

    /** The {@code data} keys it reads besides {@code dataset}: the shared ones, then its own options'. */
    public List<String> keys() {
        return keys;
    }

    /**
     * Refuses a {@code data} key a plan wrote that this dataset does not read (a shared key another dataset reads, such
     * as {@code classes} on {@code jsb}), naming those it does read.
     */
    public void requireReads(Collection<String> written) {
        for (String key : written) {
            if (!key.equals("dataset") && !keys.contains(key)) {
                throw new IllegalArgumentException("data." + key + " is not an option of dataset " + id + ": "
                        + (keys.isEmpty() ? "it takes none besides dataset" : "it takes " + String.join(", ", keys))
                        + "; remove data." + key);
            }
        }
    }

    /** The {@code data} keys of its own options record. */
    public List<String> ownKeys() {
        return ownKeys;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public Task task() {
        return description.task();
    }

    /** Whether {@code data.max_len} is a sequence length a plan may sweep ({@code lengths}); JSB's chorales set theirs. */
    public boolean sweepsLengths() {
        return description.support().lengths();
    }

    /** Whether a model of it writes text: {@code sample} and the report's samples. */
    public boolean samplesText() {
        return description.support().samples();
    }

    /** The train, validation and test shares a plan gets when it names none. */
    public List<Double> defaultSplit() {
        return description.support().split();
    }

    /** A number to predict per sequence, scored by its MSE (no accuracy). */
    public boolean regression() {
        return task() == Task.REGRESSION;
    }

    /** The name of the metric reports lead with: {@code accuracy}, {@code loss} or one of the dataset's own. */
    public String headline() {
        return description.headline();
    }

    /** The metric reports lead with. */
    public Metric headlineMetric() {
        return metric(description.headline());
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
