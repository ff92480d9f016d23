package rnnsuite.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.Arrays;
import rnnsuite.data.Corpora;
import rnnsuite.data.DataSpec;
import rnnsuite.data.SyntheticTasks;
import rnnsuite.experiments.search.Distribution;
import rnnsuite.experiments.search.SearchSpec;
import rnnsuite.model.Baseline;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Variant;
import rnnsuite.train.TrainSpec;
import rnnsuite.train.Trial;

/**
 * An experiment plan, read from a YAML file in {@code experiments/}: which variants, which seeds, what
 * data, model and training settings, optionally a sweep over sequence lengths and extra arms. Unset
 * values take the classic model's defaults; unknown keys, wrong types and impossible values are refused
 * with the file and line.
 *
 * @param name        results go to {@code results/<name>/}; defaults to the file name without extension
 * @param description one line for the report's header
 * @param lengths     a sweep over {@code data.max_len} (the dependency length T of the synthetic tasks);
 *                    empty for a single length
 * @param arms        extra arms beyond one per variant: a named variant with its own model/train settings
 * @param baselines   whether text classification plans also run the majority-class and TF-IDF
 *                    logistic-regression baselines (default true)
 * @param search      a hyperparameter search over the recurrent arms ({@link SearchSpec}), or null; with one,
 *                    the plan's seeds are the search's final seeds
 */
public record Plan(
        String name,
        String description,
        List<Variant> variants,
        List<Long> seeds,
        DataSpec data,
        ModelSpec model,
        TrainSpec train,
        List<Integer> lengths,
        List<Arm> arms,
        Boolean baselines,
        SearchSpec search) {

    /** A labelled variant (or baseline) with the settings it trains under; results are grouped by its name. */
    public record Arm(String name, Variant variant, Baseline baseline, ModelSpec model, TrainSpec train) {
    }

    /** The plan {@code mvn exec:java} runs without arguments. */
    public static final Path DEFAULT = Path.of("experiments", "default.yaml");

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private static final String NAME_PATTERN = "[A-Za-z0-9._-]+";

    public Plan {
        description = description == null ? "" : description;
        variants = variants == null ? List.of(Variant.SIMPLE_RNN, Variant.LSTM) : List.copyOf(variants);
        seeds = seeds == null ? List.of(1L) : List.copyOf(seeds);
        data = data == null ? DataSpec.defaults() : data;
        model = model == null ? ModelSpec.defaults() : model;
        train = train == null ? TrainSpec.defaults() : train;
        lengths = lengths == null ? List.of() : List.copyOf(lengths);
        arms = arms == null ? List.of() : List.copyOf(arms);
        baselines = baselines == null ? Boolean.TRUE : baselines;
        if (search != null) {
            seeds = search.finalSeedList();
        }
        if (name != null && !name.matches(NAME_PATTERN)) {
            throw new IllegalArgumentException("name '" + name + "' may only hold letters, digits, '.', '_' and '-' (it names the results folder)");
        }
        if (variants.isEmpty() && arms.isEmpty()) {
            throw new IllegalArgumentException("variants is empty: name at least one of " + Variant.choices());
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds is empty: name at least one seed");
        }
        if (variants.stream().distinct().count() != variants.size() || seeds.stream().distinct().count() != seeds.size()
                || lengths.stream().distinct().count() != lengths.size()) {
            throw new IllegalArgumentException("variants, seeds and lengths must not repeat a value: " + variants + ", "
                    + seeds + ", " + lengths);
        }
        for (long seed : seeds) {
            if (seed < 1) {
                // Nd4j's generator takes seed 0 as "no seed": runs would not repeat.
                throw new IllegalArgumentException("seeds must be at least 1 (ND4J treats seed 0 as no seed), got " + seed);
            }
        }
        for (int length : lengths) {
            if (length < 1) {
                throw new IllegalArgumentException("lengths must be at least 1, got " + length);
            }
        }
        List<String> labels = new ArrayList<>(variants.stream().map(Variant::id).toList());
        Arrays.stream(Baseline.values()).forEach(b -> labels.add(b.id()));
        for (Arm arm : arms) {
            if (arm.name() == null || !arm.name().matches(NAME_PATTERN)) {
                throw new IllegalArgumentException("every arm needs a name of letters, digits, '.', '_' and '-', got '" + arm.name() + "'");
            }
            if (arm.variant() == null) {
                throw new IllegalArgumentException("arm '" + arm.name() + "' needs a variant: " + Variant.choices());
            }
            if (labels.contains(arm.name())) {
                throw new IllegalArgumentException("arm name '" + arm.name() + "' is already used (by a variant or another arm)");
            }
            labels.add(arm.name());
        }
    }

    /** One arm per variant with the plan's settings, the extra arms, then the baselines (text classification). */
    public List<Arm> allArms() {
        List<Arm> all = new ArrayList<>();
        variants.forEach(v -> all.add(new Arm(v.id(), v, null, model, train)));
        all.addAll(arms);
        if (baselines && Corpora.NAMES.contains(data.dataset())) {
            for (Baseline b : Baseline.values()) {
                all.add(new Arm(b.id(), null, b, model, train));
            }
        }
        return all;
    }

    /** The sequence lengths the plan trains at: the sweep, or data.max_len alone. */
    public List<Integer> runLengths() {
        return lengths.isEmpty() ? List.of(data.maxLen()) : lengths;
    }

    /** Every (length, arm, seed) combination, lengths outermost so each length's data is made once. */
    public List<Trial> trials() {
        List<Trial> trials = new ArrayList<>();
        for (int length : runLengths()) {
            DataSpec d = data.withMaxLen(length);
            for (Arm arm : allArms()) {
                for (long seed : seeds) {
                    trials.add(new Trial(name, arm.name(), arm.variant(), arm.baseline(), seed, d, arm.model().forLength(length),
                            arm.train(), !lengths.isEmpty()));
                }
            }
        }
        return trials;
    }

    public Plan withName(String newName) {
        return new Plan(newName, description, variants, seeds, data, model, train, lengths, arms, baselines, search);
    }

    /**
     * The plan's settings for one variant alone (its extra arms included), whether or not the plan lists
     * it: how the per-variant IDE mains run a variant the default plan leaves out (peephole LSTM, GRU, ...).
     */
    public Plan only(Variant variant) {
        return new Plan(name, description, List.of(variant), seeds, data, model, train, lengths,
                arms.stream().filter(a -> a.variant() == variant).toList(), baselines, search);
    }

    /** The same plan for some variants alone (their extra arms included). */
    public Plan onlyVariants(List<Variant> keep) {
        return new Plan(name, description, variants.stream().filter(keep::contains).toList(), seeds, data, model, train,
                lengths, arms.stream().filter(a -> keep.contains(a.variant())).toList(), baselines, search);
    }

    /** The YAML shape of a plan: arms keep their model/train sections raw, to be merged over the plan's. */
    private record PlanFile(String name, String description, List<Variant> variants, List<Long> seeds, DataSpec data,
                            JsonNode model, JsonNode train, List<Integer> lengths, List<ArmFile> arms, Boolean baselines,
                            JsonNode search) {
    }

    private record ArmFile(String name, Variant variant, JsonNode model, JsonNode train) {
    }

    /** Reads a plan file; any problem becomes a {@link PlanException} that names the file and line. */
    public static Plan load(Path file) {
        return load(file, List.of());
    }

    /**
     * Reads a plan file with command-line overrides {@code key.path=value} applied on top (the value is
     * read as YAML: {@code train.epochs=3}, {@code seeds=[1,2]}, {@code model.gradient_clipping={method: norm,
     * threshold: 1}}), so an override is checked exactly like the file.
     */
    public static Plan load(Path file, List<String> overrides) {
        String fileName = file.getFileName().toString();
        String defaultName = fileName.replaceFirst("\\.(ya?ml)$", "");
        String text = "";
        try {
            text = Files.readString(file);
            if (text.isBlank()) {
                throw new PlanException("plan " + file + " is empty: see experiments/default.yaml for the keys a plan takes");
            }
            JsonNode root = MAPPER.readTree(text);
            if (!(root instanceof ObjectNode tree)) {
                throw new PlanException("plan " + file + " is not a map of keys: see experiments/default.yaml");
            }
            for (String override : overrides) {
                apply(tree, override);
            }
            PlanFile f = MAPPER.treeToValue(tree, PlanFile.class);
            ModelSpec model = section(f.model(), null, ModelSpec.class, "model");
            TrainSpec train = section(f.train(), null, TrainSpec.class, "train");
            List<Arm> arms = new ArrayList<>();
            if (f.arms() != null) {
                for (int i = 0; i < f.arms().size(); i++) {
                    ArmFile a = f.arms().get(i);
                    arms.add(new Arm(a.name(), a.variant(), null,
                            section(f.model(), a.model(), ModelSpec.class, "arms[" + i + "].model"),
                            section(f.train(), a.train(), TrainSpec.class, "arms[" + i + "].train")));
                }
            }
            SearchSpec search = null;
            if (f.search() != null && !f.search().isNull()) {
                if (f.seeds() != null) {
                    throw new SearchSpec.SpecException(List.of("seeds"), "a plan with a search takes its seeds from "
                            + "search.final_seeds (1..n): remove seeds, or set search.final_seeds");
                }
                DataSpec data = f.data() == null ? DataSpec.defaults() : f.data();
                search = SearchSpec.parse(f.search(), train.epochs(), data.dataset().equals(SyntheticTasks.ADDING));
                checkSpace(search, f.model(), f.train());
            }
            Plan plan = new Plan(f.name(), f.description(), f.variants(), f.seeds(), f.data(), model, train, f.lengths(), arms,
                    f.baselines(), search);
            return plan.name() == null ? plan.withName(defaultName) : plan;
        } catch (PlanException e) {
            throw e;
        } catch (SearchSpec.SpecException e) {
            int lineNo = line(text, e.path());
            throw new PlanException("plan " + file + (lineNo > 0 ? ", line " + lineNo : "") + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new PlanException("plan file " + file + " not found: give a path to a YAML plan such as " + DEFAULT
                    + " (run from the project root)");
        } catch (SectionException e) {
            throw new PlanException("plan " + file + explain(e.cause, text, e.prefix));
        } catch (JsonProcessingException e) {
            throw new PlanException("plan " + file + explain(e, text, ""));
        } catch (IllegalArgumentException e) {
            throw new PlanException("plan " + file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new PlanException("cannot read plan " + file + ": " + e.getMessage());
        }
    }

    /**
     * Turns Jackson's message into one sentence a user can act on. Jackson buffers a record's fields before
     * it builds the record, so its own location points past the section; the line is looked up by key path.
     */
    private static String explain(JsonProcessingException e, String text, String prefix) {
        List<String> keys = new ArrayList<>(e instanceof JsonMappingException m ? keys(m) : List.of());
        if (!prefix.isEmpty()) {
            keys.addAll(0, List.of(prefix.replace("[", ".[").split("\\.")));
        }
        String path = String.join(".", keys).replace(".[", "[");
        int lineNo = keys.isEmpty() ? -1 : line(text, keys);
        if (lineNo < 1 && e.getLocation() != null) {
            lineNo = e.getLocation().getLineNr();
        }
        String line = lineNo < 1 ? "" : ", line " + lineNo;
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return line + ": unknown key '" + path + "'; keys allowed here: " + known;
        }
        Throwable cause = e.getCause();
        if (e instanceof ValueInstantiationException || cause instanceof IllegalArgumentException) {
            // Our own validation: its message already names the key and the rule.
            return ": " + (cause != null ? cause.getMessage() : e.getOriginalMessage());
        }
        if (e instanceof InvalidFormatException f) {
            return line + ": '" + path + "' cannot be '" + f.getValue() + "' (expected " + describe(f.getTargetType()) + ")";
        }
        if (e instanceof MismatchedInputException m && !path.isEmpty()) {
            return line + ": '" + path + "' has the wrong type (expected " + describe(m.getTargetType()) + ")";
        }
        return line + ": " + e.getOriginalMessage();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type.getSimpleName();
    }

    /** The 1-based line where the key path first appears (block or flow style), or -1. */
    static int line(String text, List<String> keys) {
        String[] lines = text.split("\n", -1);
        int from = 0;
        int found = -1;
        for (String key : keys) {
            if (key.startsWith("[")) {
                continue;
            }
            Pattern p = Pattern.compile("(^|[\\s{,])" + Pattern.quote(key) + "\\s*:");
            found = -1;
            for (int i = from; i < lines.length; i++) {
                if (p.matcher(lines[i].replaceFirst("#.*", "")).find()) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                return -1;
            }
            from = found;
        }
        return found < 0 ? -1 : found + 1;
    }

    private static void apply(ObjectNode tree, String override) throws JsonProcessingException {
        int eq = override.indexOf('=');
        String path = eq < 0 ? "" : override.substring(0, eq).trim();
        if (!path.matches("[a-z_]+(\\.[a-z_]+)*")) {
            throw new PlanException("override '" + override + "' is not key.path=value (for example train.epochs=3)");
        }
        String[] keys = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(keys[i]);
            }
            node = (ObjectNode) child;
        }
        String value = override.substring(eq + 1);
        node.set(keys[keys.length - 1], value.isBlank() ? MAPPER.nullNode() : MAPPER.readTree(value));
    }

    /**
     * Refuses a searched key the plan does not have, or a value it does not take (each choice, each end of
     * a range), with the key's line: a bad space fails before any training.
     */
    private static void checkSpace(SearchSpec search, JsonNode planModel, JsonNode planTrain) {
        for (Map.Entry<String, Distribution> param : search.space().entrySet()) {
            String[] key = param.getKey().split("\\.", 2);
            List<String> path = List.of("search", "space", key[0], key[1]);
            boolean model = key[0].equals("model");
            Class<?> type = model ? ModelSpec.class : TrainSpec.class;
            for (JsonNode value : param.getValue().examples()) {
                try {
                    section(model ? planModel : planTrain, MAPPER.createObjectNode().set(key[1], value), type, param.getKey());
                } catch (SectionException e) {
                    if (e.cause instanceof UnrecognizedPropertyException u) {
                        String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                                .map(Object::toString).filter(k -> !k.equals("epochs")).sorted().collect(Collectors.joining(", "));
                        throw new SearchSpec.SpecException(path, "unknown parameter '" + param.getKey() + "'; " + key[0]
                                + " parameters: " + known);
                    }
                    String why = e.cause.getCause() instanceof IllegalArgumentException i ? i.getMessage() : e.cause.getOriginalMessage();
                    throw new SearchSpec.SpecException(path, "search.space." + param.getKey() + " can draw " + value
                            + ", which the plan key does not take: " + why);
                }
            }
        }
    }

    /** An arm with a search candidate's values (plan key → value) over its settings and {@code epochs} epochs. */
    public static Arm configure(Arm arm, Map<String, JsonNode> values, int epochs) {
        ObjectNode model = MAPPER.valueToTree(arm.model());
        ObjectNode train = MAPPER.valueToTree(arm.train());
        values.forEach((key, value) -> {
            String[] k = key.split("\\.", 2);
            (k[0].equals("model") ? model : train).set(k[1], value);
        });
        train.put("epochs", epochs);
        try {
            return new Arm(arm.name(), arm.variant(), null, MAPPER.treeToValue(model, ModelSpec.class),
                    MAPPER.treeToValue(train, TrainSpec.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("search candidate " + values + " gives invalid settings: " + e.getOriginalMessage(), e);
        }
    }

    /** The recurrent arms a search tunes: one per variant, then the extra arms (baselines are not tuned). */
    public List<Arm> tunedArms() {
        return allArms().stream().filter(a -> a.variant() != null).toList();
    }

    /** A plan section (model or train), an arm's own section merged over the plan's, key by key. */
    private static <T> T section(JsonNode planSection, JsonNode armSection, Class<T> type, String where) throws SectionException {
        ObjectNode merged = MAPPER.createObjectNode();
        for (JsonNode part : new JsonNode[] {planSection, armSection}) {
            if (part != null && !part.isNull()) {
                if (!part.isObject()) {
                    throw new SectionException(where, MismatchedInputException.from(null, type, "'" + where + "' must be a map of keys"));
                }
                merged.setAll((ObjectNode) part);
            }
        }
        try {
            return MAPPER.treeToValue(merged, type);
        } catch (JsonProcessingException e) {
            throw new SectionException(where, e);
        }
    }

    /** A section's parse error with the section's place in the file. */
    private static final class SectionException extends Exception {
        final String prefix;
        final JsonProcessingException cause;

        SectionException(String prefix, JsonProcessingException cause) {
            super(cause);
            this.prefix = prefix;
            this.cause = cause;
        }
    }

    private static List<String> keys(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .toList();
    }
}
