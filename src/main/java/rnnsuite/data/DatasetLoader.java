package rnnsuite.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shared dataset loader. Text: corpus → tokens → stratified split → vocabulary (training split
 * only) → truncated token ids. Synthetic long-range tasks: generated from the split seed
 * ({@link SyntheticTasks}). Every experiment gets its data here, so all variants see the same examples,
 * split, vocabulary and seed.
 */
public final class DatasetLoader {

    private DatasetLoader() {
    }

    /** Loads or generates the named dataset and prepares it as the spec says. */
    public static PreparedData load(DataSpec spec) {
        return switch (spec.kind()) {
            case SPAMASSASSIN -> prepare(SpamAssassin.load(), spec);
            case IMDB -> prepare(ImdbCorpus.load(spec), spec);
            case CSV -> prepare(CsvCorpus.load(spec), spec);
            case RECALL -> SyntheticTasks.recall(spec);
            case ADDING -> SyntheticTasks.adding(spec);
            case COPY -> SequenceTasks.copy(spec);
            case JSB -> JsbChorales.load(spec);
            case CHARS, TEXT -> CharCorpus.load(spec);
        };
    }

    public static PreparedData prepare(TextCorpus corpus, DataSpec spec) {
        TextTokenizer tokenizer = new TextTokenizer();
        List<LabeledText> kept = new ArrayList<>();
        List<List<String>> docs = new ArrayList<>();
        int empty = 0;
        for (LabeledText example : corpus.examples()) {
            List<String> tokens = tokenizer.tokenize(example.text());
            if (tokens.isEmpty()) {
                empty++;
                continue;
            }
            kept.add(example);
            docs.add(tokens);
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + corpus.name() + "': no example has any token after tokenisation");
        }
        List<String> classes = new TextCorpus(corpus.name(), corpus.source(), kept).classes();
        if (classes.size() < 2) {
            throw new IllegalArgumentException("dataset '" + corpus.name() + "' has a single class " + classes
                    + ": classification needs at least two");
        }
        List<String> labels = kept.stream().map(LabeledText::label).toList();
        int[][] parts = StratifiedSplit.indices(labels, spec.split(), spec.splitSeed());

        List<List<String>> trainDocs = new ArrayList<>();
        for (int i : parts[0]) {
            trainDocs.add(docs.get(i));
        }
        Vocabulary vocabulary = Vocabulary.build(trainDocs, spec.minFreq(), spec.maxVocab());

        TokenSplit[] splits = new TokenSplit[3];
        int[][] counts = new int[3][classes.size()];
        long testTokens = 0;
        long testOov = 0;
        for (int s = 0; s < 3; s++) {
            int[] idx = parts[s];
            List<String> ids = new ArrayList<>(idx.length);
            int[][] tokens = new int[idx.length][];
            int[] y = new int[idx.length];
            for (int k = 0; k < idx.length; k++) {
                LabeledText example = kept.get(idx[k]);
                List<String> doc = docs.get(idx[k]);
                int len = Math.min(doc.size(), spec.maxLen());
                tokens[k] = new int[len];
                for (int t = 0; t < len; t++) {
                    tokens[k][t] = vocabulary.id(doc.get(t));
                }
                ids.add(example.id());
                y[k] = classes.indexOf(example.label());
                counts[s][y[k]]++;
                if (s == 2) {
                    testTokens += len;
                    testOov += Arrays.stream(tokens[k]).filter(id -> id == Vocabulary.OOV).count();
                }
            }
            splits[s] = new TokenSplit(StratifiedSplit.NAMES[s], ids, tokens, y, classes.size());
        }

        int[] lengths = docs.stream().mapToInt(List::size).sorted().toArray();
        int[] percentiles = DatasetSummary.lengthPercentiles(lengths);
        double truncated = Arrays.stream(lengths).filter(l -> l > spec.maxLen()).count() / (double) lengths.length;
        DatasetSummary summary = new DatasetSummary(corpus.name(), corpus.source(), classes, counts, spec.maxLen(),
                percentiles, truncated, vocabulary.size(), testTokens == 0 ? 0 : testOov / (double) testTokens, empty,
                DatasetSummary.majorityShare(counts[2]), corpus.skipped(), null);
        return new PreparedData(spec, classes, vocabulary, 0, splits[0], splits[1], splits[2], summary, List.copyOf(trainDocs));
    }
}
