package rnnsuite.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import rnnsuite.data.DataSpec;
import rnnsuite.model.ModelSpec;
import rnnsuite.model.Variant;
import rnnsuite.train.TrainSpec;
import rnnsuite.train.Trial;

/**
 * An experiment plan, read from a YAML file in {@code experiments/}: which variants, which seeds, what
 * data, model and training settings. Unset values take the classic model's defaults; unknown keys,
 * wrong types and impossible values are refused with the file and line.
 *
 * @param name        results go to {@code results/<name>/}; defaults to the file name without extension
 * @param description one line for the report's header
 */
public record Plan(
        String name,
        String description,
        List<Variant> variants,
        List<Long> seeds,
        DataSpec data,
        ModelSpec model,
        TrainSpec train) {

    /** The plan {@code mvn exec:java} runs without arguments. */
    public static final Path DEFAULT = Path.of("experiments", "default.yaml");

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    public Plan {
        description = description == null ? "" : description;
        variants = variants == null ? List.of(Variant.SIMPLE_RNN, Variant.LSTM) : List.copyOf(variants);
        seeds = seeds == null ? List.of(1L) : List.copyOf(seeds);
        data = data == null ? DataSpec.defaults() : data;
        model = model == null ? ModelSpec.defaults() : model;
        train = train == null ? TrainSpec.defaults() : train;
        if (name != null && !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("name '" + name + "' may only hold letters, digits, '.', '_' and '-' (it names the results folder)");
        }
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("variants is empty: name at least one of simple_rnn, lstm, peephole_lstm");
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds is empty: name at least one seed");
        }
        if (variants.stream().distinct().count() != variants.size() || seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("variants and seeds must not repeat a value: " + variants + ", " + seeds);
        }
    }

    /** Every (variant, seed) pair, variants outermost, in the plan's order. */
    public List<Trial> trials() {
        List<Trial> trials = new ArrayList<>();
        for (Variant variant : variants) {
            for (long seed : seeds) {
                trials.add(new Trial(name, variant, seed, data, model, train));
            }
        }
        return trials;
    }

    public Plan withName(String newName) {
        return new Plan(newName, description, variants, seeds, data, model, train);
    }

    /** The same plan for one variant alone. */
    public Plan only(Variant variant) {
        return new Plan(name, description, List.of(variant), seeds, data, model, train);
    }

    /** Reads a plan file; any problem becomes a {@link PlanException} that names the file and line. */
    public static Plan load(Path file) {
        String fileName = file.getFileName().toString();
        String defaultName = fileName.replaceFirst("\\.(ya?ml)$", "");
        String text = "";
        try {
            text = Files.readString(file);
            if (text.isBlank()) {
                throw new PlanException("plan " + file + " is empty: see experiments/default.yaml for the keys a plan takes");
            }
            Plan plan = MAPPER.readValue(text, Plan.class);
            return plan.name() == null ? plan.withName(defaultName) : plan;
        } catch (NoSuchFileException e) {
            throw new PlanException("plan file " + file + " not found: give a path to a YAML plan such as " + DEFAULT
                    + " (run from the project root)");
        } catch (JsonProcessingException e) {
            throw new PlanException("plan " + file + explain(e, text));
        } catch (IOException e) {
            throw new PlanException("cannot read plan " + file + ": " + e.getMessage());
        }
    }

    /**
     * Turns Jackson's message into one sentence a user can act on. Jackson buffers a record's fields before
     * it builds the record, so its own location points past the section; the line is looked up by key path.
     */
    private static String explain(JsonProcessingException e, String text) {
        List<String> keys = e instanceof JsonMappingException m ? keys(m) : List.of();
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

    private static List<String> keys(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .toList();
    }
}
