package rnnsuite.data;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import rnnsuite.io.Json;

/**
 * What data a plan trains on and how it is encoded. Every field has a default, so a plan names only
 * what it changes. Validation happens here, so a bad value fails before any work starts.
 *
 * @param dataset      dataset name ({@link Dataset})
 * @param maxLen       text: sequences longer than this many tokens are truncated (the first tokens kept);
 *                     synthetic tasks: the sequence length T
 * @param minFreq      a training token needs this many occurrences to enter the vocabulary
 * @param maxVocab     vocabulary size cap, padding and out-of-vocabulary ids included
 * @param split        train, validation, test fractions
 * @param splitSeed    the seed of the stratified split (and of generated data), shared by every run of a plan
 * @param examples     synthetic tasks: how many sequences to generate
 * @param classes      recall task: number of classes (signal symbols)
 * @param path         csv: the file; imdb: the aclImdb folder (default data/aclImdb)
 * @param textColumn   csv: the text column, by header name or 0-based index (default "text")
 * @param labelColumn  csv: the label column, by header name or 0-based index (default "label")
 * @param header       csv: whether the first row names the columns (default true)
 * @param separator    csv: the field separator (default: tab for .tsv/.tab files, else comma)
 * @param options      the keys of the dataset's own options record (its {@link Dataset#optionsType()}), with their
 *                     defaults filled in: written flat beside the shared keys, in a plan and in a run's config.json
 */
public record DataSpec(
        String dataset,
        @JsonProperty("max_len") Integer maxLen,
        @JsonProperty("min_freq") Integer minFreq,
        @JsonProperty("max_vocab") Integer maxVocab,
        List<Double> split,
        @JsonProperty("split_seed") Long splitSeed,
        Integer examples,
        Integer classes,
        String path,
        @JsonProperty("text_column") String textColumn,
        @JsonProperty("label_column") String labelColumn,
        Boolean header,
        String separator,
        @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> options) {

    public DataSpec {
        dataset = dataset == null ? Dataset.SPAMASSASSIN.id() : dataset;
        Dataset.of(dataset); // an unknown name fails here, before anything is printed or run
        maxLen = maxLen == null ? 100 : maxLen;
        minFreq = minFreq == null ? 2 : minFreq;
        maxVocab = maxVocab == null ? 20_000 : maxVocab;
        split = split == null ? Dataset.of(dataset).defaultSplit() : List.copyOf(split);
        splitSeed = splitSeed == null ? 42L : splitSeed;
        examples = examples == null ? 3000 : examples;
        classes = classes == null ? 4 : classes;
        textColumn = textColumn == null ? "text" : textColumn;
        labelColumn = labelColumn == null ? "label" : labelColumn;
        header = header == null ? Boolean.TRUE : header;
        if (separator != null && separator.length() != 1 && !separator.equals("\\t")) {
            throw new IllegalArgumentException("data.separator must be one character (or \\t), got '" + separator + "'");
        }
        if (maxLen < 1) {
            throw new IllegalArgumentException("data.max_len must be at least 1, got " + maxLen);
        }
        if (minFreq < 1) {
            throw new IllegalArgumentException("data.min_freq must be at least 1, got " + minFreq);
        }
        if (maxVocab < 3) {
            throw new IllegalArgumentException("data.max_vocab must be at least 3 (padding, out-of-vocabulary, one word), got " + maxVocab);
        }
        StratifiedSplit.validate(split);
        if (examples < 10) {
            throw new IllegalArgumentException("data.examples must be at least 10, got " + examples);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("data.classes must be at least 2, got " + classes);
        }
        options = ownOptions(Dataset.of(dataset), options == null ? Map.of() : options);
    }

    public DataSpec(String dataset, Integer maxLen, Integer minFreq, Integer maxVocab, List<Double> split, Long splitSeed,
                    Integer examples, Integer classes, String path, String textColumn, String labelColumn, Boolean header,
                    String separator) {
        this(dataset, maxLen, minFreq, maxVocab, split, splitSeed, examples, classes, path, textColumn, labelColumn, header,
                separator, null);
    }

    /**
     * The dataset's own options as its record reads them, every key with its value or default, in key order; a key the
     * record lacks, or a value it refuses, fails naming {@code data.<key>}.
     */
    private static Map<String, JsonNode> ownOptions(Dataset dataset, Map<String, JsonNode> given) {
        Class<? extends Record> type = dataset.optionsType();
        if (type == null) {
            if (!given.isEmpty()) {
                throw unknown(dataset, given.keySet().iterator().next());
            }
            return Map.of();
        }
        for (String key : given.keySet()) {
            if (!dataset.ownKeys().contains(key)) {
                throw unknown(dataset, key);
            }
        }
        Record options;
        try {
            options = Json.MAPPER.convertValue(given, type);
        } catch (IllegalArgumentException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalArgumentException(cause instanceof IllegalArgumentException ? cause.getMessage()
                    : "data options of " + dataset.id() + ": " + cause.getMessage());
        }
        Map<String, JsonNode> all = new TreeMap<>();
        Json.MAPPER.valueToTree(options).properties().forEach(e -> all.put(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(all);
    }

    private static IllegalArgumentException unknown(Dataset dataset, String key) {
        List<String> allowed = new ArrayList<>(List.of("dataset"));
        allowed.addAll(dataset.keys());
        return new IllegalArgumentException("unknown key 'data." + key + "' for dataset " + dataset.id()
                + "; keys allowed here: " + String.join(", ", allowed));
    }

    /** A dataset's own options as its record. */
    public <T extends Record> T options(Class<T> type) {
        return Json.MAPPER.convertValue(options, type);
    }

    public static DataSpec defaults() {
        return new DataSpec(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public DataSpec withDataset(String value) {
        // another dataset's own options start from its defaults
        return new DataSpec(value, maxLen, minFreq, maxVocab, split, splitSeed, examples, classes, path, textColumn,
                labelColumn, header, separator, value.equals(dataset) ? options : null);
    }

    /** The dataset named, as its constant. */
    public Dataset kind() {
        return Dataset.of(dataset);
    }

    public DataSpec withMaxLen(int value) {
        return new DataSpec(dataset, value, minFreq, maxVocab, split, splitSeed, examples, classes, path, textColumn,
                labelColumn, header, separator, options);
    }
}
