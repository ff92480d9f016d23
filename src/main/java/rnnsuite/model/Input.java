package rnnsuite.model;

/**
 * What the recurrent stack reads: token ids through a learned embedding, or sequences of feature
 * vectors ({@code input_shape = (max_length, num_features)} in the seed article's Keras model).
 */
public sealed interface Input {

    /** Token ids in [0, vocabularySize), embedded into {@link ModelSpec#embeddingSize()} dimensions. */
    record Tokens(int vocabularySize) implements Input {
    }

    /** {@code features} numbers per time step. */
    record Vectors(int features) implements Input {
    }

    static Input tokens(int vocabularySize) {
        return new Tokens(vocabularySize);
    }

    static Input vectors(int features) {
        return new Vectors(features);
    }
}
