package rnnsuite.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.bagofwords.vectorizer.TfidfVectorizer;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * TF-IDF bag-of-words features from deeplearning4j-nlp's {@link TfidfVectorizer}, for the logistic-
 * regression baseline. The vectorizer is fitted on the training split only, over exactly what the
 * recurrent stack sees of each document: its first {@code max_len} tokens, in-vocabulary ones; each
 * document's vector is scaled to unit L2 norm.
 */
public final class BagOfWords {

    /** The cache key of a dataset's TF-IDF view. */
    private record View(DataSpec spec) {
    }

    private BagOfWords() {
    }

    /** The same splits as sparse TF-IDF rows; {@code features} is the vectorizer's vocabulary size. */
    public static PreparedData tfidf(PreparedData data) {
        if (!data.tokens()) {
            throw new IllegalArgumentException("the TF-IDF baseline needs a text dataset, not " + data.spec().dataset());
        }
        // every seed of the baseline shares the features of its split (PreparedCache)
        return PreparedCache.get(new View(data.spec()), () -> features(data));
    }

    private static PreparedData features(PreparedData data) {
        TokenSplit train = (TokenSplit) data.train();
        List<String> sentences = new java.util.ArrayList<>();
        for (int[] doc : train.tokens()) {
            sentences.add(String.join(" ", words(doc, data.vocabulary())));
        }
        TfidfVectorizer vectorizer = new TfidfVectorizer.Builder()
                .setMinWordFrequency(1)
                .setIterator(new CollectionSentenceIterator(sentences))
                .setTokenizerFactory(new DefaultTokenizerFactory())
                .allowParallelTokenization(false)
                .build();
        vectorizer.fit();
        int width = vectorizer.getVocabCache().numWords();
        return new PreparedData(data.spec(), data.classes(), null, width,
                sparse(train, vectorizer, data.vocabulary(), width), sparse((TokenSplit) data.validation(), vectorizer, data.vocabulary(), width),
                sparse((TokenSplit) data.test(), vectorizer, data.vocabulary(), width), data.summary(), data.trainingTokens());
    }

    private static List<String> words(int[] doc, Vocabulary vocabulary) {
        List<String> words = new java.util.ArrayList<>(doc.length);
        for (int id : doc) {
            if (id > Vocabulary.OOV) {
                words.add(vocabulary.word(id));
            }
        }
        return words;
    }

    private static SparseSplit sparse(TokenSplit split, TfidfVectorizer vectorizer, Vocabulary vocabulary, int width) {
        int n = split.size();
        int[][] indices = new int[n][];
        float[][] values = new float[n][];
        for (int e = 0; e < n; e++) {
            List<String> words = words(split.tokens()[e], vocabulary);
            Map<String, Integer> counts = new HashMap<>();
            words.forEach(w -> counts.merge(w, 1, Integer::sum));
            List<Map.Entry<String, Integer>> known = counts.entrySet().stream()
                    .filter(c -> vectorizer.getVocabCache().indexOf(c.getKey()) >= 0).toList();
            indices[e] = new int[known.size()];
            values[e] = new float[known.size()];
            double norm = 0;
            for (int k = 0; k < known.size(); k++) {
                indices[e][k] = vectorizer.getVocabCache().indexOf(known.get(k).getKey());
                double v = vectorizer.tfidfWord(known.get(k).getKey(), known.get(k).getValue(), words.size());
                values[e][k] = (float) v;
                norm += v * v;
            }
            // Unit length per document (as scikit-learn's TfidfVectorizer does by default): the raw
            // TF-IDF values are tiny and would leave a linear model barely moved after a few epochs.
            for (int k = 0; k < values[e].length && norm > 0; k++) {
                values[e][k] /= (float) Math.sqrt(norm);
            }
        }
        return new SparseSplit(split.name(), width, indices, values, split.labels(), split.numClasses());
    }

    /** Sparse rows served as dense {@code [batch, width]} mini-batches with one-hot labels. */
    public record SparseSplit(String name, int width, int[][] indices, float[][] values, int[] labels, int numClasses)
            implements SequenceSplit.Labelled {

        @Override
        public DataSet batch(int[] examples) {
            float[][] x = new float[examples.length][width];
            float[][] y = new float[examples.length][numClasses];
            for (int i = 0; i < examples.length; i++) {
                int e = examples[i];
                for (int k = 0; k < indices[e].length; k++) {
                    x[i][indices[e][k]] = values[e][k];
                }
                y[i][labels[e]] = 1f;
            }
            return new DataSet(Nd4j.create(x), Nd4j.create(y));
        }
    }
}
