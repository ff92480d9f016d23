package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import org.deeplearning4j.nn.conf.GradientNormalization;

/**
 * Gradient clipping, off by default to stay faithful to the seed. {@code norm}: each parameter array's
 * gradient is rescaled to L2 norm at most {@code threshold} (Keras' {@code clipnorm}, per variable;
 * DL4J's ClipL2PerParamType); {@code value}: each gradient element is clipped to ±threshold (Keras'
 * {@code clipvalue}; DL4J's ClipElementWiseAbsoluteValue).
 */
public record Clipping(String method, Double threshold) {

    public static final Clipping NONE = new Clipping("none", null);

    public Clipping {
        method = method == null ? "none" : method.trim().toLowerCase(Locale.ROOT);
        if (!method.equals("none") && !method.equals("norm") && !method.equals("value")) {
            throw new IllegalArgumentException("model.gradient_clipping.method must be none, norm or value, got '" + method + "'");
        }
        if (!method.equals("none") && (threshold == null || !(threshold > 0))) {
            throw new IllegalArgumentException("model.gradient_clipping.threshold must be a positive number for method "
                    + method + ", got " + threshold);
        }
    }

    /** Also accepts the plain word: {@code gradient_clipping: none}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Clipping parse(String method) {
        return new Clipping(method, null);
    }

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public static Clipping of(@JsonProperty("method") String method, @JsonProperty("threshold") Double threshold) {
        return new Clipping(method, threshold);
    }

    public boolean enabled() {
        return !method.equals("none");
    }

    GradientNormalization dl4j() {
        return switch (method) {
            case "norm" -> GradientNormalization.ClipL2PerParamType;
            case "value" -> GradientNormalization.ClipElementWiseAbsoluteValue;
            default -> GradientNormalization.None;
        };
    }

    /** For run records: "none", "norm 1.0", "value 0.5". */
    public String describe() {
        return enabled() ? method + " " + threshold : "none";
    }
}
