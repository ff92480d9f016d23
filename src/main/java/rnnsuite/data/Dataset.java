package rnnsuite.data;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * The datasets a plan may name, with what kind of task each is. The one list of names: a plan's dataset is checked
 * against it when the plan is read, the loader dispatches on it, and a new dataset is one constant here and its
 * loader.
 */
public enum Dataset {
    /** The embedded SpamAssassin public mail corpus: ham or spam. */
    SPAMASSASSIN("spamassassin", true, false),
    /** IMDB movie reviews, downloaded once: positive or negative. */
    IMDB("imdb", true, false),
    /** A user's CSV or TSV file of labelled texts. */
    CSV("csv", true, false),
    /** Generated: recall the first of T symbols (classification). */
    RECALL("recall", false, false),
    /** Generated: the adding problem (regression). */
    ADDING("adding", false, true);

    private final String id;
    private final boolean text;
    private final boolean regression;

    Dataset(String id, boolean text, boolean regression) {
        this.id = id;
        this.text = text;
        this.regression = regression;
    }

    @JsonValue
    public String id() {
        return id;
    }

    /** Labelled texts (one class per document): the baselines run beside the cells. */
    public boolean text() {
        return text;
    }

    /** A number to predict per sequence, scored by its MSE (no accuracy). */
    public boolean regression() {
        return regression;
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
