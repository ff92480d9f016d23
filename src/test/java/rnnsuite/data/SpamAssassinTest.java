package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpamAssassinTest {

    @Test
    void embeddedCorpusHoldsAllFiveGroupsDeduplicated() {
        TextCorpus corpus = SpamAssassin.load();
        assertEquals(List.of("ham", "spam"), corpus.classes());
        assertEquals(5915, corpus.examples().size());
        long spam = corpus.examples().stream().filter(e -> e.label().equals("spam")).count();
        assertEquals(1807, spam);
        for (String group : List.of("easy-ham-1/", "easy-ham-2/", "hard-ham-1/", "spam-1/", "spam-2/")) {
            assertTrue(corpus.examples().stream().anyMatch(e -> e.id().startsWith(group)), group);
        }
        HashSet<String> texts = new HashSet<>();
        corpus.examples().forEach(e -> assertTrue(texts.add(e.text().toLowerCase()), "duplicate text " + e.id()));
        assertTrue(corpus.examples().stream().noneMatch(e -> e.text().toLowerCase().contains("<html")
                || e.text().toLowerCase().contains("<body")), "HTML markup is stripped");
        LabeledText first = corpus.examples().get(0);
        assertEquals("easy-ham-1/00001", first.id());
        assertTrue(first.text().startsWith("Re: New Sequences Window Date:"), "subject first, headers gone: " + first.text());
    }

    @Test
    void unknownDatasetNamesTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DatasetLoader.load(DataSpec.defaults().withDataset("imbd")));
        assertTrue(e.getMessage().contains("unknown dataset 'imbd'") && e.getMessage().contains("spamassassin"), e.getMessage());
    }
}
