package rnnsuite.experiments;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
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
import rnnsuite.data.DataSpec;
import rnnsuite.data.Dataset;
import rnnsuite.experiments.search.Distribution;
import rnnsuite.experiments.search.SearchSpec;
import rnnsuite.model.Baseline;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Variant;
import rnnsuite.train.TrainSpec;
import rnnsuite.train.Trial;

/**
 * Reads a plan file (YAML) into a {@link Plan}, with command-line overrides on top; unknown keys, wrong types and
 * impossible values are refused in one sentence that names the file and the line, before anything runs.
 */
public final class PlanReader {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .addModule(new SimpleModule().addDeserializer(Double.class, new FiniteDouble(Double.class))
                    .addDeserializer(double.class, new FiniteDouble(double.class)))
            .build();

    private PlanReader() {
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
        String text = text(file);
        ObjectNode tree = tree(file, text);
        if (tree.has("tasks")) {
            throw new PlanException("plan " + file + " names tasks, so it is a study of tasks: run it with `run " + file
                    + "`, which reads it as one (every cell on every task)");
        }
        String defaultName = file.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
        return parse(tree, overrides, defaultName, "plan " + file, text);
    }

    /**
     * Reads a study of tasks: a plan file whose {@code tasks} list names each task's plan ({@code name}, {@code data},
     * and any {@code model}, {@code train}, {@code search}, {@code seeds}, {@code arms}, {@code lengths},
     * {@code description} of its own). The file's other keys are shared: {@code variants} (the cells, the same for
     * every task), and {@code seeds}, {@code model}, {@code train}, {@code search}, {@code baselines}, which a task's
     * own merge over key by key ({@code search: null} drops the shared search). The overrides apply to every task.
     */
    public static TaskStudy loadTasks(Path file, List<String> overrides) {
        String text = text(file);
        ObjectNode root = tree(file, text);
        String where = "plan " + file;
        JsonNode tasks = root.get("tasks");
        if (tasks == null || !tasks.isArray() || tasks.isEmpty()) {
            throw new PlanException(where + lineOf(text, "tasks") + ": tasks must be a list of tasks, each a map with a name "
                    + "and its data (docs/plans.md, a study of tasks)");
        }
        for (String key : List.of("data", "lengths", "arms")) {
            if (root.has(key)) {
                throw new PlanException(where + lineOf(text, key) + ": '" + key + "' belongs to a task, not to the study: "
                        + "move it into each task that needs it");
            }
        }
        if (root.hasNonNull("name") && !root.get("name").isTextual()) {
            throw new PlanException(where + lineOf(text, "name") + ": name must be text (it names the results folder)");
        }
        String name = root.hasNonNull("name") ? root.get("name").asText()
                : file.getFileName().toString().replaceFirst("\\.(ya?ml)$", "");
        String description = root.hasNonNull("description") ? root.get("description").asText() : "";
        List<Plan> plans = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            JsonNode task = tasks.get(i);
            if (!(task instanceof ObjectNode own) || !own.hasNonNull("name") || !own.get("name").isTextual()) {
                throw new PlanException(where + ": tasks[" + i + "] needs a name (it names the task's results folder) and "
                        + "its data, as {name: jsb, data: {dataset: jsb}}");
            }
            String taskName = own.get("name").asText();
            String taskWhere = where + ", task '" + taskName + "'";
            if (own.has("variants")) {
                throw new PlanException(taskWhere + ": the cells belong to the study, not a task (every cell runs every "
                        + "task): remove its variants and name the cells once, at the top of the file");
            }
            if (own.has("lengths")) {
                throw new PlanException(taskWhere + ": a task is ranked at one length: remove its lengths and give data.max_len "
                        + "(a sweep is a plan of its own)");
            }
            for (String section : List.of("model", "train")) {
                if (own.has(section) && !own.get(section).isObject()) {
                    throw new PlanException(taskWhere + ": '" + section + "' must be a map of keys that change the shared ones");
                }
            }
            if (!own.hasNonNull("data")) {
                throw new PlanException(taskWhere + ": a task needs its data, as data: {dataset: jsb}; datasets: "
                        + String.join(", ", Dataset.names()));
            }
            ObjectNode merged = root.deepCopy();
            merged.remove(List.of("tasks", "description"));
            own.fields().forEachRemaining(f -> {
                JsonNode shared = merged.get(f.getKey());
                boolean section = List.of("model", "train", "search").contains(f.getKey());
                if (section && shared instanceof ObjectNode base && f.getValue() instanceof ObjectNode mine) {
                    ObjectNode copy = base.deepCopy();
                    if (f.getKey().equals("model")) {
                        mine.fieldNames().forEachRemaining(key -> withoutOtherSize(copy, key));
                    }
                    copy.setAll(mine);
                    merged.set(f.getKey(), copy);
                } else if (f.getKey().equals("search") && f.getValue().isNull()) {
                    merged.remove("search");
                } else {
                    merged.set(f.getKey(), f.getValue());
                }
            });
            if (merged.hasNonNull("search") && !own.has("seeds")) {
                merged.remove("seeds"); // a task that tunes takes its seeds from search.final_seeds, not the shared seeds
            }
            if (!own.has("description")) {
                merged.put("description", description.isEmpty() ? taskName : description + ": " + taskName);
            }
            // a task's errors name the task; the line numbers of the merged tree would not be the file's
            plans.add(parse(merged, overrides, taskName, taskWhere, ""));
        }
        try {
            TaskStudy study = new TaskStudy(name, description, plans);
            if (study.cells().size() < 2) {
                throw new IllegalArgumentException("a study of tasks ranks the cells on each task, so variants needs at least 2 "
                        + "cells, got " + study.cells().stream().map(Variant::id).toList() + ": name more");
            }
            return study;
        } catch (IllegalArgumentException e) {
            throw new PlanException(where + ": " + e.getMessage());
        }
    }

    private static String lineOf(String text, String key) {
        int line = line(text, List.of(key));
        return line > 0 ? ", line " + line : "";
    }

    /** Whether a plan file is a study of tasks (it has a {@code tasks} list); false for one it cannot read. */
    public static boolean namesTasks(Path file) {
        try {
            return tree(file, text(file)).has("tasks");
        } catch (PlanException e) {
            return false;
        }
    }

    /** A plan file's text; a missing, unreadable or empty file is refused. */
    private static String text(Path file) {
        try {
            String text = Files.readString(file);
            if (text.isBlank()) {
                throw new PlanException("plan " + file + " is empty: see experiments/default.yaml for the keys a plan takes");
            }
            return text;
        } catch (NoSuchFileException e) {
            throw new PlanException("plan file " + file + " not found: give a path to a YAML plan such as " + Plan.DEFAULT
                    + " (run from the project root)");
        } catch (IOException e) {
            throw new PlanException("cannot read plan " + file + ": " + e.getMessage());
        }
    }

    /** A plan file's YAML as a map of keys, every number finite. */
    private static ObjectNode tree(Path file, String text) {
        try {
            JsonNode root = readYaml(text);
            if (!(root instanceof ObjectNode tree)) {
                throw new PlanException("plan " + file + " is not a map of keys: see experiments/default.yaml");
            }
            requireFinite(tree, List.of());
            return tree;
        } catch (NotFinite e) {
            int lineNo = e.line > 0 ? e.line : line(text, e.keys);
            throw new PlanException("plan " + file + (lineNo > 0 ? ", line " + lineNo : "") + ": " + e.getMessage());
        } catch (JsonProcessingException e) {
            throw new PlanException("plan " + file + explain(e, text, ""));
        } catch (IOException e) {
            throw new PlanException("cannot read plan " + file + ": " + e.getMessage());
        }
    }

    /**
     * A plan from its YAML tree with the overrides applied; any problem becomes a {@link PlanException} that starts with
     * {@code where} and, where {@code text} is the file the tree was read from, names the line.
     */
    private static Plan parse(ObjectNode tree, List<String> overrides, String defaultName, String where, String text) {
        try {
            dropOtherDatasetsKeys(tree, overrides);
            for (String override : overrides) {
                try {
                    apply(tree, override);
                } catch (NotFinite e) {
                    throw new PlanException(where + ": --set " + override + ": " + e.getMessage());
                }
            }
            PlanFile f = MAPPER.treeToValue(tree, PlanFile.class);
            if (f.data() != null && tree.get("data") instanceof ObjectNode written) {
                List<String> keys = new ArrayList<>();
                written.fieldNames().forEachRemaining(keys::add);
                f.data().kind().requireReads(keys);
            }
            ModelSpec model = section(f.model(), null, ModelSpec.class, "model");
            TrainSpec train = section(f.train(), null, TrainSpec.class, "train");
            List<Plan.Arm> arms = new ArrayList<>();
            if (f.arms() != null) {
                for (int i = 0; i < f.arms().size(); i++) {
                    ArmFile a = f.arms().get(i);
                    arms.add(new Plan.Arm(a.name(), a.variant(), null,
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
                search = SearchSpec.parse(f.search(), train.epochs(), data.kind());
                checkSpace(search, f.model(), f.train());
            }
            Plan plan = new Plan(f.name(), f.description(), f.variants(), f.seeds(), f.data(), model, train, f.lengths(), arms,
                    f.baselines(), search);
            return plan.name() == null ? plan.withName(defaultName) : plan;
        } catch (PlanException e) {
            throw e;
        } catch (NotFinite e) {
            int lineNo = e.line > 0 ? e.line : line(text, e.keys);
            throw new PlanException(where + (lineNo > 0 ? ", line " + lineNo : "") + ": " + e.getMessage());
        } catch (SearchSpec.SpecException e) {
            int lineNo = line(text, e.path());
            throw new PlanException(where + (lineNo > 0 ? ", line " + lineNo : "") + ": " + e.getMessage());
        } catch (SectionException e) {
            throw new PlanException(where + explain(e.cause, text, e.prefix));
        } catch (JsonProcessingException e) {
            throw new PlanException(where + explain(e, text, ""));
        } catch (IllegalArgumentException e) {
            throw new PlanException(where + ": " + e.getMessage());
        } catch (IOException e) {
            throw new PlanException(where + ": " + e.getMessage());
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
        if (e instanceof InvalidFormatException f && (f.getTargetType() == Double.class || f.getTargetType() == double.class)) {
            return line + ": '" + path + "' must be a finite number, got " + f.getValue();
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

    /**
     * When the command line names another dataset ({@code --data}), the file's {@code data} keys that dataset does not
     * read were the plan's settings for its own: they are left out. A key the command line sets is still checked.
     */
    private static void dropOtherDatasetsKeys(ObjectNode tree, List<String> overrides) {
        String named = null;
        for (String override : overrides) {
            if (override.startsWith("data.dataset=")) {
                named = override.substring("data.dataset=".length()).trim().replaceAll("^[\"']|[\"']$", "");
            }
        }
        if (named == null || !(tree.get("data") instanceof ObjectNode data) || !Dataset.names().contains(named)) {
            return;
        }
        List<String> reads = Dataset.of(named).keys();
        List<String> drop = new ArrayList<>();
        data.fieldNames().forEachRemaining(key -> {
            if (!key.equals("dataset") && !reads.contains(key)) {
                drop.add(key);
            }
        });
        data.remove(drop);
    }

    private static void apply(ObjectNode tree, String override) throws IOException {
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
        JsonNode parsed;
        try {
            parsed = value.isBlank() ? MAPPER.nullNode() : readYaml(value);
        } catch (NotFinite e) {
            throw e.under(List.of(keys));
        }
        requireFinite(parsed, List.of(keys));
        if (keys.length == 2 && keys[0].equals("model")) {
            withoutOtherSize(node, keys[1]);
        }
        node.set(keys[keys.length - 1], parsed);
    }

    /**
     * A model section about to take {@code key}: {@code units} and {@code params} both fix the size, so the one set later
     * (by an arm over the plan, {@code --set} over the file, a search over its arm) replaces the other.
     */
    private static void withoutOtherSize(ObjectNode model, String key) {
        if (key.equals("units")) {
            model.remove("params");
        } else if (key.equals("params")) {
            model.remove("units");
        }
    }

    /**
     * A number that is not finite where a plan has a number: YAML's {@code .nan}, {@code .inf} and {@code -.inf}, a
     * number past a double's range (1e400 reads as infinity), or the words NaN and Infinity where a number is taken.
     * No setting takes one, and Jackson's own words for it name no key.
     */
    private static final class NotFinite extends IllegalArgumentException {
        final List<String> keys;
        final String value;
        final int line;

        NotFinite(List<String> keys, String value, int line) {
            super("'" + path(keys) + "' must be a finite number, got " + value);
            this.keys = List.copyOf(keys);
            this.value = value;
            this.line = line;
        }

        /** The same below {@code prefix} (an override's key path). */
        NotFinite under(List<String> prefix) {
            List<String> all = new ArrayList<>(prefix);
            all.addAll(keys);
            return new NotFinite(all, value, -1);
        }
    }

    /** {@code a.b[0].c} from keys, indices as {@code [0]}. */
    private static String path(List<String> keys) {
        return String.join(".", keys).replace(".[", "[");
    }

    /** YAML text as a tree; YAML's .nan and .inf, which Jackson reads as malformed numbers, are refused with their key. */
    private static JsonNode readYaml(String yaml) throws IOException {
        try {
            return MAPPER.readTree(yaml);
        } catch (JsonParseException e) {
            JsonParser p = e.getProcessor();
            if (p != null && p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                List<String> keys = new ArrayList<>();
                for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
                    keys.add(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : c.getCurrentName());
                }
                throw new NotFinite(keys, p.getText(), e.getLocation() == null ? -1 : e.getLocation().getLineNr());
            }
            throw e;
        }
    }

    /** Refuses the first number under {@code node} that is not finite (1e400 reads as infinity). */
    private static void requireFinite(JsonNode node, List<String> keys) {
        if (node.isNumber() && !Double.isFinite(node.doubleValue()) && !node.isBigInteger()) {
            throw new NotFinite(keys, Double.isNaN(node.doubleValue()) ? "NaN" : "a number past a double's range (±1.8e308)", -1);
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> requireFinite(f.getValue(), append(keys, f.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireFinite(node.get(i), append(keys, "[" + i + "]"));
            }
        }
    }

    private static List<String> append(List<String> keys, String key) {
        List<String> all = new ArrayList<>(keys);
        all.add(key);
        return all;
    }

    /** Jackson's reading of a double (numbers, and strings such as "1e-3"), refusing NaN and the infinities. */
    private static final class FiniteDouble extends NumberDeserializers.DoubleDeserializer {
        FiniteDouble(Class<Double> type) {
            super(type, type.isPrimitive() ? 0.0 : null);
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Double value = super.deserialize(p, ctxt);
            if (value != null && !Double.isFinite(value)) {
                throw InvalidFormatException.from(p, "not a finite number", p.getText(), Double.class);
            }
            return value;
        }
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
    public static Plan.Arm configure(Plan.Arm arm, Map<String, JsonNode> values, int epochs) {
        ObjectNode model = MAPPER.valueToTree(arm.model());
        ObjectNode train = MAPPER.valueToTree(arm.train());
        values.forEach((key, value) -> {
            String[] k = key.split("\\.", 2);
            if (k[0].equals("model")) {
                withoutOtherSize(model, k[1]);
            }
            (k[0].equals("model") ? model : train).set(k[1], value);
        });
        train.put("epochs", epochs);
        try {
            return new Plan.Arm(arm.name(), arm.variant(), null, MAPPER.treeToValue(model, ModelSpec.class),
                    MAPPER.treeToValue(train, TrainSpec.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("search candidate " + values + " gives invalid settings: " + e.getOriginalMessage(), e);
        }
    }

    /** A plan section (model or train), an arm's own section merged over the plan's, key by key. */
    private static <T> T section(JsonNode planSection, JsonNode armSection, Class<T> type, String where) throws SectionException {
        ObjectNode merged = MAPPER.createObjectNode();
        for (JsonNode part : new JsonNode[] {planSection, armSection}) {
            if (part != null && !part.isNull()) {
                if (!part.isObject()) {
                    throw new SectionException(where, MismatchedInputException.from(null, type, "'" + where + "' must be a map of keys"));
                }
                if (part != planSection && !(part.has("units") && part.has("params"))) {
                    part.fieldNames().forEachRemaining(key -> withoutOtherSize(merged, key));
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
