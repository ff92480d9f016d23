package rnnsuite.data;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.models.embeddings.loader.WordVectorSerializer;
import org.deeplearning4j.models.embeddings.wordvectors.WordVectors;
import org.deeplearning4j.models.word2vec.Word2Vec;
import org.deeplearning4j.text.sentenceiterator.CollectionSentenceIterator;
import org.deeplearning4j.text.tokenization.tokenizerfactory.DefaultTokenizerFactory;

/**
 * Word2Vec input features with deeplearning4j-nlp, in place of the learned embedding: vectors trained
 * on the training split only (no leakage: validation and test text is never seen) or loaded from a file
 * in word2vec text or binary format. The recurrent stack then reads sequences of vectors
 * ({@code input_shape = (max_length, num_features)}, as in the seed article). Words without a vector,
 * padding and out-of-vocabulary ids read as zeros.
 */
public final class WordVectorInput {

    /** The cache key of a word-vector view: the data's spec, the vectors' file (null: trained) and size. */
    private record View(DataSpec spec, String path, int size) {
    }

    private WordVectorInput() {
    }

    /**
     * The same splits as word-vector sequences.
     *
     * @param path vectors to load, or null to train them on the training split
     * @param size dimensions of trained vectors (ignored when loading)
     */
    public static PreparedData apply(PreparedData data, String path, int size) {
        if (!data.tokens() || !data.spec().kind().wordVectors()) {
            throw new IllegalArgumentException("model.input word2vec needs a dataset of word tokens ("
                    + String.join(", ", java.util.Arrays.stream(Dataset.values()).filter(Dataset::wordVectors).map(Dataset::id).toList())
                    + "), not " + data.spec().dataset());
        }
        // every seed and arm of a plan shares the vectors of its split (PreparedCache)
        return PreparedCache.get(new View(data.spec(), path, size), () -> {
            WordVectors vectors = path == null ? train(data, size) : load(Path.of(path));
            float[][] matrix = matrix(vectors, data.vocabulary());
            return new PreparedData(data.spec(), data.classes(), null, matrix[0].length,
                    new EmbeddedSplit((TokenSplit) data.train(), matrix), new EmbeddedSplit((TokenSplit) data.validation(), matrix),
                    new EmbeddedSplit((TokenSplit) data.test(), matrix), data.summary(), data.trainingTokens());
        });
    }

    /** Word2Vec (skip-gram) on the training documents, one worker so the split seed fixes the vectors. */
    static WordVectors train(PreparedData data, int size) {
        List<String> sentences = data.trainingTokens().stream().map(doc -> String.join(" ", doc)).toList();
        Word2Vec w2v = new Word2Vec.Builder()
                .minWordFrequency(data.spec().minFreq())
                .layerSize(size)
                .windowSize(5)
                .epochs(5)
                .seed(data.spec().splitSeed())
                .workers(1)
                .iterate(new CollectionSentenceIterator(sentences))
                .tokenizerFactory(new DefaultTokenizerFactory()) // the documents are tokens already
                .build();
        w2v.fit();
        return w2v;
    }

    static WordVectors load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("word vectors file " + file + " not found: check model.word2vec_path "
                    + "(word2vec text or binary format), or leave it out to train vectors on the training split");
        }
        try {
            return WordVectorSerializer.readWord2VecModel(new File(file.toString()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("word vectors file " + file + " is not in word2vec text or binary format: "
                    + e.getMessage());
        }
    }

    /** One row per vocabulary id: the word's vector, or zeros. */
    static float[][] matrix(WordVectors vectors, Vocabulary vocabulary) {
        int dims = vectors.getWordVector(vectors.vocab().wordAtIndex(0)).length;
        float[][] matrix = new float[vocabulary.size()][dims];
        for (int id = 2; id < vocabulary.size(); id++) {
            String word = vocabulary.word(id);
            if (vectors.hasWord(word)) {
                double[] v = vectors.getWordVector(word);
                for (int d = 0; d < dims; d++) {
                    matrix[id][d] = (float) v[d];
                }
            }
        }
        return matrix;
    }
}
