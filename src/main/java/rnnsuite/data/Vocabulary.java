package rnnsuite.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token ids for the embedding layer. Id 0 is padding, id 1 stands for every out-of-vocabulary token;
 * the rest are the training split's tokens seen at least {@code minFrequency} times, most frequent
 * first (ties in alphabetical order, so the ids are a pure function of the training texts), capped
 * at {@code maxSize} ids in all.
 *
 * <p>Written here rather than taken from deeplearning4j-nlp's VocabCache: that cache is built for
 * Word2Vec (Huffman codes, element frequencies across threads) and does not give reserved ids.
 */
public final class Vocabulary {

    public static final int PAD = 0;
    public static final int OOV = 1;
    public static final String PAD_TOKEN = "<pad>";
    public static final String OOV_TOKEN = "<oov>";

    private final List<String> words;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> words) {
        this.words = List.copyOf(words);
        this.ids = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            ids.put(words.get(i), i);
        }
    }

    /** Builds the vocabulary from tokenised training documents only. */
    public static Vocabulary build(Iterable<List<String>> trainingDocs, int minFrequency, int maxSize) {
        if (maxSize < 3) {
            throw new IllegalArgumentException("vocabulary size cap must be at least 3 (padding, out-of-vocabulary, one word), got " + maxSize);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> doc : trainingDocs) {
            for (String token : doc) {
                counts.merge(token, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue() < minFrequency);
        entries.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        List<String> words = new ArrayList<>(List.of(PAD_TOKEN, OOV_TOKEN));
        for (Map.Entry<String, Integer> e : entries) {
            if (words.size() >= maxSize) {
                break;
            }
            words.add(e.getKey());
        }
        return new Vocabulary(words);
    }

    /** The id of a token, {@link #OOV} if unknown. */
    public int id(String token) {
        Integer id = ids.get(token);
        return id == null || id == PAD ? OOV : id;
    }

    public boolean contains(String token) {
        Integer id = ids.get(token);
        return id != null && id > OOV;
    }

    public String word(int id) {
        return words.get(id);
    }

    /** Number of ids, padding and out-of-vocabulary included: the embedding layer's input size. */
    public int size() {
        return words.size();
    }

    public List<String> words() {
        return Collections.unmodifiableList(words);
    }
}
