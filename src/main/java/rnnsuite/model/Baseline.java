package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The simple models every text report compares the recurrent stack with, on the same split. */
public enum Baseline {
    /** Always the most frequent training class. */
    MAJORITY("majority"),
    /** TF-IDF bag of words (deeplearning4j-nlp's vectorizer) into one softmax layer: logistic regression. */
    TFIDF_LOGREG("tfidf_logreg");

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
