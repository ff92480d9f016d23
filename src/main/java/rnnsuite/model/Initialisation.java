package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import rnnsuite.model.fast.GateLayout;

/**
 * {@code model.init}: whose conventions a network starts from, so a run can match a paper written with either
 * framework. {@code keras} (the default, the seed article's): Glorot-uniform input weights, orthogonal recurrent
 * weights, zero biases with the forget-gate bias at 1, an embedding uniform in ±0.05 ({@link ModelFactory}).
 * {@code pytorch}: the defaults of {@code nn.RNN}/{@code nn.GRU}/{@code nn.LSTM}, every weight and bias uniform in
 * ±1/√H; those modules have two biases (b_ih and b_hh), so a cell with one bias vector gets their sum, and the
 * GRU, which keeps both, each; the min cells are {@code nn.Linear} layers in their reference code, uniform in
 * ±1/√(fan in); the output layer is an {@code nn.Linear}, the embedding an {@code nn.Embedding} (standard normal).
 * A {@code forget_bias} or {@code update_bias} the plan sets is applied over either.
 */
public enum Initialisation {
    KERAS("keras"),
    PYTORCH("pytorch");

    private final String id;

    Initialisation(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Initialisation parse(String name) {
        return Ids.parse(values(), Initialisation::id, name, "model.init");
    }

    /**
     * Redraws a freshly initialised network's parameters under these conventions (Keras' are the layers' own), from
     * the seed's own stream; {@code layouts} tells a recurrent layer's cell, and {@code forget}, {@code update} are the
     * keeping-gate biases the plan set (null: the convention's).
     */
    void applyTo(MultiLayerNetwork net, long seed, Function<org.deeplearning4j.nn.conf.layers.Layer, GateLayout> layouts,
                 ForgetBias forget, ForgetBias update) {
        if (this == KERAS) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x7079746f726368L); // "pytorch"
        for (UnwrappedLayer unwrapped : UnwrappedLayer.of(net)) {
            org.deeplearning4j.nn.api.Layer inner = unwrapped.layer();
            var conf = unwrapped.conf();
            GateLayout layout = layouts.apply(conf);
            if (conf instanceof EmbeddingSequenceLayer) {
                INDArray w = inner.getParam("W");
                for (long i = 0; i < w.length(); i++) {
                    w.putScalar(i, random.nextGaussian());
                }
            } else if (layout != null) {
                INDArray w = inner.getParam("W");
                INDArray b = inner.getParam("b");
                int units = (int) (b.length() / layout.biasBlocks());
                // a recurrent module's bound is 1/√H; a min cell's Linear layers' 1/√(fan in)
                double bound = 1 / Math.sqrt(layout.hasRecurrentWeights() ? units : w.rows());
                uniform(w, bound, random);
                if (layout.hasRecurrentWeights()) {
                    uniform(inner.getParam("RW"), bound, random);
                }
                boolean bothBiases = layout.biasBlocks() == 2 * layout.inputBlocks();
                for (long i = 0; i < b.length(); i++) {
                    double value = bound * (2 * random.nextDouble() - 1);
                    if (layout.hasRecurrentWeights() && !bothBiases) {
                        value += bound * (2 * random.nextDouble() - 1); // b_ih + b_hh in one vector
                    }
                    b.putScalar(i, value);
                }
                ForgetBias set = layout.keep() == GateLayout.Keep.FORGET ? forget : layout.keep() == GateLayout.Keep.UPDATE ? update : null;
                if (set != null && !set.chrono()) { // chrono is drawn afterwards, over this
                    for (int u = 0; u < units; u++) {
                        b.putScalar((long) layout.keepBlock() * units + u, layout.keepNegated() ? -set.value() : set.value());
                    }
                }
            } else if (conf instanceof BaseOutputLayer) {
                INDArray w = inner.getParam("W");
                double bound = 1 / Math.sqrt(w.rows());
                uniform(w, bound, random);
                uniform(inner.getParam("b"), bound, random);
            }
        }
    }

    private static void uniform(INDArray values, double bound, SplittableRandom random) {
        for (long i = 0; i < values.length(); i++) {
            values.putScalar(i, bound * (2 * random.nextDouble() - 1));
        }
    }

    @Override
    public String toString() {
        return id;
    }
}
