package rnnsuite.experiments.search;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import rnnsuite.data.Dataset;

/**
 * A plan's {@code search} section: tune every recurrent arm at the same budget, choose on the validation
 * split, then compare each arm's best configuration with its recipe over {@code final_seeds} seeds.
 *
 * <pre>
 * search:
 *   method: asha            # random | asha (successive halving) | hyperband (brackets of it); default asha
 *   trials: 9               # candidate configurations per arm (and length); hyperband decides its own
 *   objective: val_accuracy # val_loss, val_accuracy, or the dataset's own (val_bpc, val_nll_per_frame, ...); default by task
 *   seed: 1                 # the draws, and the seed every candidate trains with (at least 1)
 *   min_epochs: 1           # asha: the first rung
 *   max_epochs: 9           # the last rung (random: every candidate); default train.epochs
 *   eta: 3                  # asha: the best 1/eta of a rung go on, at eta times the epochs
 *   final_seeds: 5          # seeds 1..n for the final comparison
 *   compare_recipe: true    # re-train each arm's recipe beside its winner on the final seeds (false: the winner only)
 *   space:
 *     model:
 *       learning_rate: {log_uniform: [1.0e-4, 3.0e-2]}
 *       dropout: {choice: [0, 0.25, 0.5]}
 *     train:
 *       batch_size: {choice: [32, 64]}
 * </pre>
 *
 * @param objective what the search ranks candidates by: one of the plan's dataset's validation metrics
 * @param space     searched plan keys ({@code model.<key>}, {@code train.<key>}) in the plan's order
 * @param compareRecipe whether the final comparison re-trains each arm's recipe beside its winner; a study that only
 *                  asks how the tuned cells compare halves its final runs without it
 */
public record SearchSpec(String method, int trials, Objective objective, long seed, int minEpochs, int maxEpochs, int eta,
                         int finalSeeds, Map<String, Distribution> space, boolean compareRecipe) {

    private static final List<String> KEYS =
            List.of("method", "trials", "objective", "seed", "min_epochs", "max_epochs", "eta", "final_seeds", "compare_recipe",
                    "space");

    /** A problem with the search section, at a key path (for the plan's line number). */
    public static final class SpecException extends IllegalArgumentException {
        private final List<String> path;

        public SpecException(List<String> path, String message) {
            super(message);
            this.path = List.copyOf(path);
        }

        public List<String> path() {
            return path;
        }
    }

    public SearchSpec {
        space = Collections.unmodifiableMap(new LinkedHashMap<>(space));
    }

    /** The methods a plan may name. */
    public static final List<String> METHODS = List.of("random", "asha", "hyperband");

    /** The method this search runs: random search, successive halving or Hyperband. */
    public SearchMethod searchMethod() {
        return switch (method) {
            case "random" -> new RandomSearch(trials, maxEpochs);
            case "asha" -> new SuccessiveHalving(trials, minEpochs, maxEpochs, eta);
            case "hyperband" -> new Hyperband(minEpochs, maxEpochs, eta);
            default -> throw new IllegalStateException("search method '" + method + "' passed validation"); // parse checks METHODS
        };
    }

    /** The seeds of the final comparison: 1 … final_seeds. */
    public List<Long> finalSeedList() {
        return LongStream.rangeClosed(1, finalSeeds).boxed().toList();
    }

    /**
     * The candidates' values, plan key → value, the same for every arm (so arms are compared on the same
     * configurations). One stream from the seed, candidate after candidate: more trials keep the earlier ones.
     */
    public List<Map<String, JsonNode>> draws() {
        // One stream, candidate after candidate and parameter after parameter in the plan's order.
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, JsonNode>> draws = new ArrayList<>();
        for (int i = 0; i < trials; i++) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            space.forEach((key, distribution) -> values.put(key, distribution.draw(random)));
            draws.add(values);
        }
        return draws;
    }

    /**
     * Reads the section; every problem names its key path.
     *
     * @param planEpochs   the plan's train.epochs, the default max_epochs
     * @param dataset      the plan's dataset: its metrics are the objectives there are
     */
    public static SearchSpec parse(JsonNode node, int planEpochs, Dataset dataset) {
        List<String> at = List.of("search");
        if (!node.isObject()) {
            throw new SpecException(at, "'search' must be a map of keys: method, trials, objective, space, ...");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new SpecException(List.of("search", key), "unknown key 'search." + key + "'; keys allowed here: "
                        + String.join(", ", KEYS));
            }
        }
        String method = text(node, "method", "asha");
        if (!METHODS.contains(method)) {
            throw new SpecException(List.of("search", "method"), "unknown search method '" + method + "': use "
                    + String.join(" or ", METHODS));
        }
        int trials = whole(node, "trials", 9);
        if (trials < 1) {
            throw new SpecException(List.of("search", "trials"), "search.trials must be at least 1, got " + trials);
        }
        String objectiveName = text(node, "objective", dataset.headlineMetric().validationColumn());
        Objective objective;
        try {
            objective = Objective.parse(objectiveName, dataset);
        } catch (IllegalArgumentException e) {
            throw new SpecException(List.of("search", "objective"), e.getMessage());
        }
        long seed = whole(node, "seed", 1);
        if (seed < 1) {
            throw new SpecException(List.of("search", "seed"), "search.seed must be at least 1 (ND4J treats seed 0 as no seed), got " + seed);
        }
        int minEpochs = whole(node, "min_epochs", 1);
        int maxEpochs = whole(node, "max_epochs", planEpochs);
        int eta = whole(node, "eta", 3);
        int finalSeeds = whole(node, "final_seeds", 5);
        if (minEpochs < 1) {
            throw new SpecException(List.of("search", "min_epochs"), "search.min_epochs must be at least 1, got " + minEpochs);
        }
        if (minEpochs > maxEpochs) {
            throw new SpecException(List.of("search", node.has("min_epochs") ? "min_epochs" : "max_epochs"),
                    "search.min_epochs (" + minEpochs + ") must not exceed search.max_epochs (" + maxEpochs + ")");
        }
        if (eta < 2) {
            throw new SpecException(List.of("search", "eta"), "search.eta must be at least 2 (the best 1/eta go on), got " + eta);
        }
        if (finalSeeds < 1) {
            throw new SpecException(List.of("search", "final_seeds"), "search.final_seeds must be at least 1, got " + finalSeeds);
        }
        if (method.equals("hyperband")) {
            if (node.has("trials")) {
                throw new SpecException(List.of("search", "trials"), "hyperband draws its candidates per bracket from min_epochs, "
                        + "max_epochs and eta: remove search.trials");
            }
            trials = new Hyperband(minEpochs, maxEpochs, eta).candidates();
        }
        JsonNode compare = node.get("compare_recipe");
        if (compare != null && !compare.isNull() && !compare.isBoolean()) {
            throw new SpecException(List.of("search", "compare_recipe"), "search.compare_recipe must be true or false, got " + compare);
        }
        return new SearchSpec(method, trials, objective, seed, minEpochs, maxEpochs, eta, finalSeeds, space(node.get("space")),
                compare == null || compare.isNull() || compare.booleanValue());
    }

    private static Map<String, Distribution> space(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new SpecException(List.of("search", "space"), "search.space must name at least one parameter, e.g. "
                    + "space: {model: {learning_rate: {log_uniform: [1.0e-4, 3.0e-2]}}}");
        }
        Map<String, Distribution> space = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> sections = node.fields(); sections.hasNext(); ) {
            Map.Entry<String, JsonNode> section = sections.next();
            List<String> at = List.of("search", "space", section.getKey());
            if (!section.getKey().equals("model") && !section.getKey().equals("train")) {
                throw new SpecException(at, "search.space holds model and train parameters, not '" + section.getKey() + "'");
            }
            if (!section.getValue().isObject()) {
                throw new SpecException(at, "search.space." + section.getKey() + " must be a map of parameters");
            }
            for (Iterator<Map.Entry<String, JsonNode>> params = section.getValue().fields(); params.hasNext(); ) {
                Map.Entry<String, JsonNode> param = params.next();
                String key = section.getKey() + "." + param.getKey();
                List<String> path = List.of("search", "space", section.getKey(), param.getKey());
                if (key.equals("train.epochs")) {
                    throw new SpecException(path, "train.epochs is set by the search method: use search.min_epochs and max_epochs");
                }
                try {
                    space.put(key, Distribution.parse(param.getValue()));
                } catch (IllegalArgumentException e) {
                    throw new SpecException(path, "search.space." + key + ": " + e.getMessage());
                }
            }
        }
        return space;
    }

    private static String text(JsonNode node, String key, String otherwise) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isTextual()) {
            throw new SpecException(List.of("search", key), "search." + key + " must be a word, got " + v);
        }
        return v.textValue().trim();
    }

    private static int whole(JsonNode node, String key, int otherwise) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw new SpecException(List.of("search", key), "search." + key + " must be a whole number, got " + v);
        }
        return v.intValue();
    }
}
