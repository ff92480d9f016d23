package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import rnnsuite.data.Dataset;

/** The simple models a report compares the recurrent stack with, on the same split: the lines to beat. */
public enum Baseline {
    /** Always the most frequent training class. */
    MAJORITY("majority"),
    /** TF-IDF bag of words (deeplearning4j-nlp's vectorizer) into one softmax layer: logistic regression. */
    TFIDF_LOGREG("tfidf_logreg"),
    /** Copy memory without memory: blanks, then a uniform guess over the 8 symbols at the last 10 steps. */
    MEMORYLESS("memoryless"),
    /** Each note of a frame on with its training-set frequency, independently of the frames before. */
    NOTE_FREQUENCY("note_frequency"),
    /** A character n-gram model of the training text (order 5, Witten-Bell interpolation). */
    NGRAM("ngram");

    /** Whether the baseline trains a model that a run saves (TF-IDF); the others are recomputed from the data. */
    public boolean hasModel() {
        return this == TFIDF_LOGREG;
    }

    /** The baselines a dataset's plans run beside the cells (when {@code baselines} is on). */
    public static List<Baseline> forDataset(Dataset dataset) {
        return dataset.baselines().stream().map(Baseline::parse).toList();
    }

    private final String id;

    Baseline(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Baseline parse(String name) {
        return Ids.parse(values(), Baseline::id, name, "baseline");
    }

    @Override
    public String toString() {
        return id;
    }
}
