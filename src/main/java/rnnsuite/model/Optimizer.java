package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;

/** The rule that turns a step's gradient into the parameters' update, at the spec's learning rate. */
public enum Optimizer {
    /** Adam with Keras' and PyTorch's defaults (β 0.9 / 0.999, ε 1e-8): the suite's default. */
    ADAM("adam", "Adam", 2, "Adam's two moments") {
        @Override
        IUpdater updater(double learningRate) {
            return new Adam(learningRate);
        }
    },
    /**
     * RMSProp as PyTorch's {@code torch.optim.RMSprop} defaults it (squared-gradient average decay 0.99, ε 1e-8, no
     * momentum), the optimiser Chung et al. 2014 trained with. DL4J's own default decay is 0.95.
     */
    RMSPROP("rmsprop", "RMSProp", 1, "RMSProp's squared-gradient average") {
        @Override
        IUpdater updater(double learningRate) {
            return new RmsProp(learningRate, 0.99, 1e-8);
        }
    };

    private final String id;
    private final String label;
    private final int stateCopies;
    private final String state;

    Optimizer(String id, String label, int stateCopies, String state) {
        this.id = id;
        this.label = label;
        this.stateCopies = stateCopies;
        this.state = state;
    }

    /** Its name in prose. */
    public String label() {
        return label;
    }

    /** How many numbers the rule keeps per parameter between steps (what memory checks count). */
    public int stateCopies() {
        return stateCopies;
    }

    /** What it keeps, in words. */
    public String state() {
        return state;
    }

    abstract IUpdater updater(double learningRate);

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Optimizer parse(String name) {
        return Ids.parse(values(), Optimizer::id, name, "optimizer");
    }
}
