package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import rnnsuite.model.fast.GateLayout;

/**
 * How a cell's keeping gate starts its bias: the forget gate of the LSTMs and the minLSTM ({@code forget_bias},
 * default 1, Keras' {@code unit_forget_bias}) or the update gate of the GRU and the minGRU ({@code update_bias},
 * default 0, as Keras and PyTorch: their state halves at every step at first). A positive value keeps more of the
 * state: the GRU's z (the weight of h_{t-1}) starts at σ(b), the minGRU's z (the weight of the candidate) at σ(−b).
 * {@code constant}: every unit at the same value. {@code chrono}: chrono initialisation (Tallec &amp; Ollivier 2018,
 * <em>Can recurrent neural networks warp time?</em>): b ~ log U(1, T_max − 1) per unit, and where the cell has an
 * input gate (the LSTMs, minLSTM) its bias b_i = −b, so the units' memory spans reach from one step to T_max;
 * {@code t_max} defaults to the plan's sequence length. A cell without that gate ignores the setting.
 *
 * <p>In a plan: {@code forget_bias: 2.5}, {@code update_bias: chrono} or {@code forget_bias: {init: chrono, t_max: 200}}.
 */
public record ForgetBias(String init, Double value, Integer tMax) {

    /** The forget gate's default: every bias at 1. */
    public static final ForgetBias ONE = new ForgetBias("constant", 1.0, null);
    /** The update gate's default: every bias at 0. */
    public static final ForgetBias ZERO = new ForgetBias("constant", 0.0, null);

    public ForgetBias {
        if ("constant".equals(init)) {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("a gate bias (forget_bias, update_bias): a constant needs a finite value, got " + value);
            }
            tMax = null;
        } else if ("chrono".equals(init)) {
            value = null;
            if (tMax != null && tMax < 2) {
                throw new IllegalArgumentException("a gate bias's t_max must be at least 2, got " + tMax);
            }
        } else {
            throw new IllegalArgumentException("a gate bias (forget_bias, update_bias) must be a number or chrono, got '" + init + "'");
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
                    throw new IllegalArgumentException("a gate bias: unknown key '" + key + "'; keys allowed: init, value, t_max");
                }
            }
            if (!node.path("init").isTextual() || node.has("value") && !node.get("value").isNumber()
                    || node.has("t_max") && !node.get("t_max").canConvertToExactIntegral()) {
                throw new IllegalArgumentException("a gate bias: init is constant or chrono, value a number, t_max a whole number");
            }
            return new ForgetBias(node.get("init").textValue().trim(), node.has("value") ? node.get("value").doubleValue() : null,
                    node.has("t_max") ? node.get("t_max").intValue() : null);
        }
        throw new IllegalArgumentException("a gate bias (forget_bias, update_bias) must be a number or chrono, got " + node);
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
     * Chrono initialisation of a freshly initialised network's keeping gates of one kind ({@code gate}: the layers
     * whose cells' forget or update gate this setting is; {@code layouts} tells a layer's), each layer from its own
     * stream of the seed. A constant bias is already set by the layer configuration.
     */
    void applyTo(MultiLayerNetwork net, long seed, GateLayout.Keep gate,
                 java.util.function.Function<org.deeplearning4j.nn.conf.layers.Layer, GateLayout> layouts) {
        if (!chrono()) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x6368726f6e6fL); // "chrono"
        for (UnwrappedLayer unwrapped : UnwrappedLayer.of(net)) {
            org.deeplearning4j.nn.api.Layer inner = unwrapped.layer();
            GateLayout layout = layouts.apply(unwrapped.conf());
            if (layout == null || layout.keep() != gate) {
                continue;
            }
            INDArray bias = inner.getParam("b");
            int units = (int) (bias.length() / layout.biasBlocks());
            SplittableRandom layerRandom = random.split();
            for (int u = 0; u < units; u++) {
                // log U(1, T_max − 1); with T_max = 2 the range is empty and the bias 0.
                double b = Math.log(1 + layerRandom.nextDouble() * Math.max(0, tMax - 2));
                bias.putScalar((long) layout.keepBlock() * units + u, layout.keepNegated() ? -b : b);
                if (layout.writeBlock() >= 0) {
                    bias.putScalar((long) layout.writeBlock() * units + u, -b);
                }
            }
        }
    }
}
