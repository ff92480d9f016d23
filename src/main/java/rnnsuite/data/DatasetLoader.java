package rnnsuite.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The shared dataset loader. Text: corpus → tokens → stratified split → vocabulary (training split
 * only) → truncated token ids. Synthetic long-range tasks: generated from the split seed
 * ({@link SyntheticTasks}). Every experiment gets its data here, so all variants see the same examples,
 * split, vocabulary and seed.
 */
public final class DatasetLoader {

    private DatasetLoader() {
    }

    /** How one dataset is made, and its sizes from the settings alone (the memory check's lower bound). */
    private record Loader(Function<DataSpec, PreparedData> load, Function<DataSpec, Dataset.Size> size) {
    }

    private static final Function<DataSpec, Dataset.Size> TEXT_SIZE = spec -> Dataset.Size.text(2, 1);
    private static final Function<DataSpec, Dataset.Size> CHARS_SIZE = spec -> Dataset.Size.text(3, spec.maxLen());

    /** Each dataset's loader: the one place a name meets its code. */
    private static final Map<Dataset, Loader> LOADERS = new EnumMap<>(Map.ofEntries(
            Map.entry(Dataset.SPAMASSASSIN, new Loader(spec -> prepare(SpamAssassin.load(), spec), TEXT_SIZE)),
            Map.entry(Dataset.IMDB, new Loader(spec -> prepare(ImdbCorpus.load(spec), spec), TEXT_SIZE)),
            Map.entry(Dataset.CSV, new Loader(spec -> prepare(CsvCorpus.load(spec), spec), TEXT_SIZE)),
            Map.entry(Dataset.RECALL, new Loader(SyntheticTasks::recall, SyntheticTasks::recallSize)),
            Map.entry(Dataset.ADDING, new Loader(SyntheticTasks::adding, SyntheticTasks::addingSize)),
            Map.entry(Dataset.COPY, new Loader(SequenceTasks::copy, SequenceTasks::copySize)),
            Map.entry(Dataset.SELECTIVE_COPY, new Loader(SelectiveCopy::generate, SelectiveCopy::size)),
            Map.entry(Dataset.JSB, music("JSB_Chorales.mat", "JSB Chorales (Boulanger-Lewandowski et al. 2012), 88-note "
                    + "piano rolls, the published 229/76/77 split,")),
            Map.entry(Dataset.NOTTINGHAM, music("Nottingham.mat", "Nottingham folk tunes (Boulanger-Lewandowski et al. "
                    + "2012), 88-note piano rolls, the published 694/173/170 split,")),
            Map.entry(Dataset.MUSEDATA, music("MuseData.mat", "MuseData classical pieces (Boulanger-Lewandowski et al. "
                    + "2012), 88-note piano rolls, the published 524/135/124 split,")),
            Map.entry(Dataset.PIANO_MIDI, music("Piano_midi.mat", "Piano-midi.de piano pieces (Boulanger-Lewandowski et "
                    + "al. 2012), 88-note piano rolls, the published 87/12/25 split,")),
            Map.entry(Dataset.PIANOROLL, new Loader(PianoRoll::file, PianoRoll::size)),
            Map.entry(Dataset.CHARS, new Loader(CharCorpus::embedded, CHARS_SIZE)),
            Map.entry(Dataset.TEXT, new Loader(CharCorpus::file, CHARS_SIZE))));

    private static Loader music(String file, String source) {
        return new Loader(spec -> PianoRoll.embedded(file, source, spec), PianoRoll::size);
    }

    /** Loads or generates the named dataset and prepares it as the spec says. */
    public static PreparedData load(DataSpec spec) {
        return loader(spec).load().apply(spec);
    }

    /**
     * The dataset's sizes from its settings alone, before it is made; a check across its keys (selective copying's
     * tokens within its length) fails here, before anything runs.
     */
    public static Dataset.Size size(DataSpec spec) {
        return loader(spec).size().apply(spec);
    }

    private static Loader loader(DataSpec spec) {
        Loader loader = LOADERS.get(spec.kind());
        if (loader == null) {
            throw new IllegalStateException("dataset " + spec.dataset() + " has no loader in DatasetLoader");
        }
        return loader;
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
