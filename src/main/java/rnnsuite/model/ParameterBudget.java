package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import rnnsuite.model.fast.GateLayout;

/**
 * {@code model.params}: the whole network's trainable parameters, which fix each cell's units instead of
 * {@code model.units}, so cells compare at one size as the field does (Chung et al. 2014: about 20 K for every cell;
 * Collins et al. 2017: fixed budgets). The units are the whole number whose network comes nearest the budget, and
 * must come within {@link #TOLERANCE} of it. In a plan: {@code params: 20000}, {@code 20k} or {@code 1.2M}.
 */
public record ParameterBudget(long count) {

    /** How far the nearest network may lie from the budget. */
    public static final double TOLERANCE = 0.02;

    public ParameterBudget {
        if (count < 1) {
            throw new IllegalArgumentException("model.params must be a positive count, got " + count);
        }
    }

    /** A whole number, or one with k or M after it ({@code 20k}, {@code 1.2M}). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ParameterBudget parse(JsonNode node) {
        if (node.isNumber()) {
            return of(node.doubleValue(), node.asText());
        }
        if (node.isTextual()) {
            String text = node.textValue().trim();
            double scale = text.endsWith("k") || text.endsWith("K") ? 1e3 : text.endsWith("M") || text.endsWith("m") ? 1e6 : 1;
            String number = scale == 1 ? text : text.substring(0, text.length() - 1).trim();
            try {
                return of(Double.parseDouble(number) * scale, text);
            } catch (NumberFormatException e) {
                // said below
            }
        }
        throw new IllegalArgumentException("model.params must be a count such as 20000, 20k or 1.2M, got " + node);
    }

    private static ParameterBudget of(double value, String written) {
        if (!(value >= 1 && value < Long.MAX_VALUE) || Math.rint(value) != value && value < 1e3) {
            throw new IllegalArgumentException("model.params must be a positive whole count such as 20000, 20k or 1.2M, got " + written);
        }
        return new ParameterBudget(Math.round(value));
    }

    @JsonValue
    public long json() {
        return count;
    }

    /**
     * Trainable parameters of the factory's network: an embedding of {@code vocabulary} × {@code inputs} (0 rows for
     * vector input), {@code layers} layers of {@code units} cells of {@code gates} reading {@code inputs} numbers first,
     * and an output layer of {@code outputs} with its bias.
     */
    public static double count(GateLayout gates, int layers, double units, double vocabulary, double inputs, double outputs) {
        return vocabulary * inputs + gates.parameters(inputs, units) + (layers - 1) * gates.parameters(units, units)
                + units * outputs + outputs;
    }

    /**
     * The units that bring that network nearest this budget (it grows with the units, so a bisection finds them).
     *
     * @throws IllegalArgumentException when one unit already exceeds it, or no unit count comes within the tolerance
     */
    public int units(GateLayout gates, int layers, double vocabulary, double inputs, double outputs, String cell) {
        double one = count(gates, layers, 1, vocabulary, inputs, outputs);
        if (one > count * (1 + TOLERANCE)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "model.params %d is below what a %s network of one unit "
                    + "per layer has here (%.0f parameters%s): raise model.params or set model.units", count, cell, one,
                    vocabulary > 0 ? ", the embedding's " + String.format(Locale.ROOT, "%.0f", vocabulary * inputs) + " among them" : ""));
        }
        int units = nearestUnits(gates, layers, vocabulary, inputs, outputs);
        double off = count(gates, layers, units, vocabulary, inputs, outputs) / count - 1;
        if (Math.abs(off) > TOLERANCE) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "model.params %d: the nearest %s network has %d units "
                    + "per layer and %.0f parameters (%+.1f %%), more than %.0f %% off: choose another budget or set model.units",
                    count, cell, units, count(gates, layers, units, vocabulary, inputs, outputs), 100 * off, 100 * TOLERANCE));
        }
        return units;
    }

    /** The units (at least one) whose network comes nearest this budget, however near that is. */
    public int nearestUnits(GateLayout gates, int layers, double vocabulary, double inputs, double outputs) {
        int low = 1;
        int high = 1;
        while (high < 1 << 30 && count(gates, layers, high, vocabulary, inputs, outputs) < count) {
            high *= 2;
        }
        while (high - low > 1) { // count(low) < budget <= count(high), or low = high = 1
            int mid = (low + high) >>> 1;
            if (count(gates, layers, mid, vocabulary, inputs, outputs) < count) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return Math.abs(count(gates, layers, low, vocabulary, inputs, outputs) - count)
                <= Math.abs(count(gates, layers, high, vocabulary, inputs, outputs) - count) ? low : high;
    }

    /** Units for a stack with no input or output around it: a size to weigh costs by before the data is known. */
    public int nominalUnits(GateLayout gates, int layers) {
        return nearestUnits(gates, layers, 0, 0, 0);
    }

    /** "20 K", "1.2 M", as headers and reports write it. */
    public String describe() {
        return count >= 1_000_000 ? trim(count / 1e6) + " M" : count >= 1_000 ? trim(count / 1e3) + " K" : Long.toString(count);
    }

    private static String trim(double value) {
        String s = String.format(Locale.ROOT, "%.2f", value);
        return s.replaceAll("\\.?0+$", "");
    }
}
