package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static final List<List<String>> DOCS = List.of(
            List.of("the", "cat", "sat"),
            List.of("the", "dog", "sat"),
            List.of("the", "cat", "ran"));

    @Test
    void reservesPaddingAndOutOfVocabularyIds() {
        Vocabulary v = Vocabulary.build(DOCS, 1, 100);
        assertEquals(Vocabulary.PAD_TOKEN, v.word(Vocabulary.PAD));
        assertEquals(Vocabulary.OOV_TOKEN, v.word(Vocabulary.OOV));
        assertEquals(Vocabulary.OOV, v.id("unseen"));
        assertEquals(Vocabulary.OOV, v.id(Vocabulary.PAD_TOKEN), "the padding token is never produced by text");
    }

    @Test
    void ordersByFrequencyThenAlphabetically() {
        Vocabulary v = Vocabulary.build(DOCS, 1, 100);
        // the:3, cat:2, sat:2, dog:1, ran:1
        assertEquals(List.of("<pad>", "<oov>", "the", "cat", "sat", "dog", "ran"), v.words());
        assertEquals(2, v.id("the"));
    }

    @Test
    void minimumFrequencyAndSizeCapApply() {
        Vocabulary frequent = Vocabulary.build(DOCS, 2, 100);
        assertEquals(List.of("<pad>", "<oov>", "the", "cat", "sat"), frequent.words());
        assertFalse(frequent.contains("dog"));
        Vocabulary capped = Vocabulary.build(DOCS, 1, 4);
        assertEquals(4, capped.size());
        assertTrue(capped.contains("cat"));
        assertFalse(capped.contains("sat"));
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.build(DOCS, 1, 2));
    }
}
