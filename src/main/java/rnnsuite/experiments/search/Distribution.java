package rnnsuite.experiments.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How a searched hyperparameter is drawn: {@code log_uniform: [low, high]} (uniform in log space, for
 * rates), {@code uniform: [low, high]}, or {@code choice: [a, b, ...]} (each value equally likely; any
 * value the plan key takes, maps included).
 */
public sealed interface Distribution {

    JsonNode draw(SplittableRandom random);

    /** Values that show whether the plan key takes this distribution's values: the choices, or the range's ends. */
    List<JsonNode> examples();

    /** Whether the values are best read on a log axis. */
    default boolean logScale() {
        return false;
    }

    record LogUniform(double low, double high) implements Distribution {
        public LogUniform {
            if (!(low > 0)) {
                throw new IllegalArgumentException("log_uniform needs low > 0 (a log range cannot touch 0), got " + low);
            }
            if (!(low < high)) {
                throw new IllegalArgumentException("log_uniform needs low < high, got [" + low + ", " + high + "]");
            }
        }

        @Override
        public JsonNode draw(SplittableRandom random) {
            return DoubleNode.valueOf(Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low))));
        }

        @Override
        public List<JsonNode> examples() {
            return List.of(DoubleNode.valueOf(low), DoubleNode.valueOf(high));
        }

        @Override
        public boolean logScale() {
            return true;
        }
    }

    record Uniform(double low, double high) implements Distribution {
        public Uniform {
            if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
                throw new IllegalArgumentException("uniform needs finite low < high, got [" + low + ", " + high + "]");
            }
        }

        @Override
        public JsonNode draw(SplittableRandom random) {
            return DoubleNode.valueOf(low + random.nextDouble() * (high - low));
        }

        @Override
        public List<JsonNode> examples() {
            return List.of(DoubleNode.valueOf(low), DoubleNode.valueOf(low + 0.999 * (high - low)));
        }
    }

    record Choice(List<JsonNode> values) implements Distribution {
        public Choice {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("choice needs at least one value");
            }
            values = List.copyOf(values);
        }

        @Override
        public JsonNode draw(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }

        @Override
        public List<JsonNode> examples() {
            return values;
        }
    }

    /** {@code {log_uniform: [a, b]}}, {@code {uniform: [a, b]}} or {@code {choice: [...]}}. */
    static Distribution parse(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("a searched parameter takes one distribution: {log_uniform: [low, high]}, "
                    + "{uniform: [low, high]} or {choice: [values]}, got " + node);
        }
        String kind = node.fieldNames().next();
        JsonNode args = node.get(kind);
        return switch (kind) {
            case "log_uniform", "uniform" -> {
                if (!args.isArray() || args.size() != 2 || !args.get(0).isNumber() || !args.get(1).isNumber()) {
                    throw new IllegalArgumentException(kind + " takes [low, high], two numbers, got " + args);
                }
                yield kind.equals("uniform") ? new Uniform(args.get(0).doubleValue(), args.get(1).doubleValue())
                        : new LogUniform(args.get(0).doubleValue(), args.get(1).doubleValue());
            }
            case "choice" -> {
                if (!args.isArray()) {
                    throw new IllegalArgumentException("choice takes a list of values, got " + args);
                }
                List<JsonNode> values = new java.util.ArrayList<>();
                args.forEach(values::add);
                yield new Choice(values);
            }
            default -> throw new IllegalArgumentException("unknown distribution '" + kind
                    + "': use log_uniform, uniform or choice");
        };
    }
}
