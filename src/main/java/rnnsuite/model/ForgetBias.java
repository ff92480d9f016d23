package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import rnnsuite.model.fast.RecurrentCell;

/**
 * How the cells with a forget gate (LSTM, peephole LSTM, minLSTM) start its bias. {@code constant}: every unit
 * at the same value (1, Keras' {@code unit_forget_bias}, is the default). {@code chrono}: chrono
 * initialisation (Tallec &amp; Ollivier 2018, <em>Can recurrent neural networks warp time?</em>):
 * b_f ~ log U(1, T_max − 1) per unit and the input gate's bias b_i = −b_f, so the units' memory spans
 * reach from one step to T_max; {@code t_max} defaults to the plan's sequence length. SimpleRnn, GRU and
 * minGRU have no forget gate and ignore the setting.
 *
 * <p>In a plan: {@code forget_bias: 1}, {@code forget_bias: 2.5}, {@code forget_bias: chrono} or
 * {@code forget_bias: {init: chrono, t_max: 200}}.
 */
public record ForgetBias(String init, Double value, Integer tMax) {

    /** The default: every forget-gate bias at 1. */
    public static final ForgetBias ONE = new ForgetBias("constant", 1.0, null);

    public ForgetBias {
        if ("constant".equals(init)) {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("model.forget_bias: a constant needs a finite value, got " + value);
            }
            tMax = null;
        } else if ("chrono".equals(init)) {
            value = null;
            if (tMax != null && tMax < 2) {
                throw new IllegalArgumentException("model.forget_bias.t_max must be at least 2, got " + tMax);
            }
        } else {
            throw new IllegalArgumentException("model.forget_bias must be a number or chrono, got '" + init + "'");
        }
    }

    /** A number, {@code chrono}, or {@code {init: constant|chrono, value: x, t_max: n}}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ForgetBias parse(JsonNode node) {
        if (node.isNumber()) {
            return new ForgetBias("constant", node.doubleValue(), null);
        }
        if (node.isTextual()) {
            return new ForgetBias(node.textValue().trim(), null, null);
        }
        if (node.isObject()) {
            for (var names = node.fieldNames(); names.hasNext(); ) {
                String key = names.next();
                if (!key.equals("init") && !key.equals("value") && !key.equals("t_max")) {
                    throw new IllegalArgumentException("model.forget_bias: unknown key '" + key + "'; keys allowed: init, value, t_max");
                }
            }
            if (!node.path("init").isTextual() || node.has("value") && !node.get("value").isNumber()
                    || node.has("t_max") && !node.get("t_max").canConvertToExactIntegral()) {
                throw new IllegalArgumentException("model.forget_bias: init is constant or chrono, value a number, t_max a whole number");
            }
            return new ForgetBias(node.get("init").textValue().trim(), node.has("value") ? node.get("value").doubleValue() : null,
                    node.has("t_max") ? node.get("t_max").intValue() : null);
        }
        throw new IllegalArgumentException("model.forget_bias must be a number or chrono, got " + node);
    }

    /** As a plan writes it: the number, {@code chrono}, or the map with {@code t_max}. */
    @JsonValue
    public Object json() {
        if (!chrono()) {
            return value;
        }
        if (tMax == null) {
            return "chrono";
        }
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("init", init);
        map.put("t_max", tMax);
        return map;
    }

    public boolean chrono() {
        return init.equals("chrono");
    }

    /** Chrono with no t_max takes the sequence length the run trains at. */
    public ForgetBias forLength(int length) {
        return chrono() && tMax == null ? new ForgetBias("chrono", null, Math.max(2, length)) : this;
    }

    /** For run records: "1.0", "chrono 100". */
    public String describe() {
        return chrono() ? "chrono" + (tMax == null ? "" : " " + tMax) : String.valueOf(value);
    }

    /**
     * Chrono initialisation of a freshly initialised network's gated layers (stock or fast: they share
     * DL4J's parameter layout, gate blocks [block input | forget | output | input gate] of the bias), each
     * layer from its own stream of the seed. A constant bias is already set by the layer configuration.
     */
    void applyTo(MultiLayerNetwork net, long seed) {
        if (!chrono()) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x6368726f6e6fL); // "chrono"
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            org.deeplearning4j.nn.api.Layer inner = layer instanceof LastTimeStepLayer last ? last.getUnderlying() : layer;
            var conf = inner.conf().getLayer();
            if (conf instanceof org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer wrapper) {
                conf = wrapper.getUnderlying();
            }
            // where the forget and input gates' biases start, in units: DL4J's LSTMs [a | f | o | i], minLSTM [f | i | h̃]
            int blocks;
            int forgetAt;
            int inputAt;
            if (conf instanceof org.deeplearning4j.nn.conf.layers.AbstractLSTM) {
                blocks = 4;
                forgetAt = 1;
                inputAt = 3;
            } else if (conf instanceof RecurrentCell cell && cell.getKind() == RecurrentCell.Kind.MIN_LSTM) {
                blocks = 3;
                forgetAt = 0;
                inputAt = 1;
            } else {
                continue;
            }
            INDArray bias = inner.getParam("b");
            int units = (int) (bias.length() / blocks);
            SplittableRandom layerRandom = random.split();
            for (int u = 0; u < units; u++) {
                // log U(1, T_max − 1); with T_max = 2 the range is empty and the bias 0.
                double bf = Math.log(1 + layerRandom.nextDouble() * Math.max(0, tMax - 2));
                bias.putScalar((long) forgetAt * units + u, bf);
                bias.putScalar((long) inputAt * units + u, -bf);
            }
        }
    }
}
