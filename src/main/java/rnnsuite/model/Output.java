package rnnsuite.model;

/** What the network predicts from the last recurrent step. */
public sealed interface Output {

    /** A softmax over classes, trained with categorical cross-entropy. */
    record Classes(int count) implements Output {
    }

    /** {@code values} real numbers (identity output), trained with mean squared error. */
    record Regression(int values) implements Output {
    }

    static Output classes(int count) {
        return new Classes(count);
    }

    static Output regression(int values) {
        return new Regression(values);
    }
}
