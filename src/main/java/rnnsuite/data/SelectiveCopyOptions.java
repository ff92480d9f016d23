package rnnsuite.data;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Selective copying's own {@code data} keys ({@link SelectiveCopy}).
 *
 * @param tokens    K, the data tokens to copy (default 16, as Gu &amp; Dao)
 * @param vocabSize how many distinct data tokens (default 16)
 */
public record SelectiveCopyOptions(Integer tokens, @JsonProperty("vocab_size") Integer vocabSize) {
    public SelectiveCopyOptions {
        tokens = tokens == null ? 16 : tokens;
        vocabSize = vocabSize == null ? 16 : vocabSize;
        if (tokens < 1) {
            throw new IllegalArgumentException("data.tokens must be at least 1, got " + tokens);
        }
        if (vocabSize < 2) {
            throw new IllegalArgumentException("data.vocab_size must be at least 2, got " + vocabSize);
        }
    }
}
