package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;

/** The rule that turns a step's gradient into the parameters' update, at the spec's learning rate. */
public enum Optimizer {
    /** Adam with Keras' and PyTorch's defaults (β 0.9 / 0.999, ε 1e-8): the suite's default. */
    ADAM("adam") {
        @Override
        IUpdater updater(double learningRate) {
            return new Adam(learningRate);
        }
    },
    /**
     * RMSProp as PyTorch's {@code torch.optim.RMSprop} defaults it (squared-gradient average decay 0.99, ε 1e-8, no
     * momentum), the optimiser Chung et al. 2014 trained with. DL4J's own default decay is 0.95.
     */
    RMSPROP("rmsprop") {
        @Override
        IUpdater updater(double learningRate) {
            return new RmsProp(learningRate, 0.99, 1e-8);
        }
    };

    private final String id;

    Optimizer(String id) {
        this.id = id;
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
