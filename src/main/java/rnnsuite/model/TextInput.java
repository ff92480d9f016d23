package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How text reaches the recurrent stack. */
public enum TextInput {
    /** Token ids through a learned embedding layer (the default). */
    EMBEDDING("embedding"),
    /** Word2Vec vectors per token, trained on the training split or loaded from a file. */
    WORD2VEC("word2vec");

    private final String id;

    TextInput(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static TextInput parse(String name) {
        return Ids.parse(values(), TextInput::id, name, "input");
    }

    @Override
    public String toString() {
        return id;
    }
}
