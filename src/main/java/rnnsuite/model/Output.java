package rnnsuite.model;

/** What the network predicts: from the last recurrent step, or at every step. */
public sealed interface Output {

    /** A softmax over classes, trained with categorical cross-entropy. */
    record Classes(int count) implements Output {
    }

    /** {@code values} real numbers (identity output), trained with mean squared error. */
    record Regression(int values) implements Output {
    }

    /** A softmax over classes at every step, trained with categorical cross-entropy over the real steps. */
    record StepClasses(int count) implements Output {
    }

    /** {@code count} independent yes-or-no labels at every step (a sigmoid each), trained with binary cross-entropy. */
    record StepLabels(int count) implements Output {
    }

    /** The output layer's width: classes, values or labels. */
    default int width() {
        if (this instanceof Classes c) {
            return c.count();
        }
        if (this instanceof Regression r) {
            return r.values();
        }
        return this instanceof StepClasses s ? s.count() : ((StepLabels) this).count();
    }

    /** Whether the network answers at every step (no last-step layer). */
    default boolean perStep() {
        return this instanceof StepClasses || this instanceof StepLabels;
    }

    static Output classes(int count) {
        return new Classes(count);
    }

    static Output regression(int values) {
        return new Regression(values);
    }
}
