package rnnsuite.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What data a plan trains on and how it is encoded. Every field has a default, so a plan names only
 * what it changes. Validation happens here, so a bad value fails before any work starts.
 *
 * @param dataset      corpus name ({@link Corpora#NAMES})
 * @param maxLen       sequences longer than this many tokens are truncated (the first tokens kept)
 * @param minFreq      a training token needs this many occurrences to enter the vocabulary
 * @param maxVocab     vocabulary size cap, padding and out-of-vocabulary ids included
 * @param split        train, validation, test fractions
 * @param splitSeed    the seed of the stratified split, shared by every run of a plan
 */
public record DataSpec(
        String dataset,
        @JsonProperty("max_len") Integer maxLen,
        @JsonProperty("min_freq") Integer minFreq,
        @JsonProperty("max_vocab") Integer maxVocab,
        List<Double> split,
        @JsonProperty("split_seed") Long splitSeed) {

    public DataSpec {
        dataset = dataset == null ? SpamAssassin.NAME : dataset;
        maxLen = maxLen == null ? 100 : maxLen;
        minFreq = minFreq == null ? 2 : minFreq;
        maxVocab = maxVocab == null ? 20_000 : maxVocab;
        split = split == null ? List.of(0.7, 0.15, 0.15) : List.copyOf(split);
        splitSeed = splitSeed == null ? 42L : splitSeed;
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
    }

    public static DataSpec defaults() {
        return new DataSpec(null, null, null, null, null, null);
    }

    public DataSpec withMaxLen(int value) {
        return new DataSpec(dataset, value, minFreq, maxVocab, split, splitSeed);
    }
}
