package rnnsuite.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small generated corpora for tests. */
public final class TestCorpora {

    private TestCorpora() {
    }

    /**
     * Two classes told apart by their words: class "a" documents use words a0..a9, class "b" documents
     * b0..b9, both mixed with shared filler words; lengths vary from 1 to 30 tokens.
     */
    public static TextCorpus twoClasses(int perClassA, int perClassB, long seed) {
        Random random = new Random(seed);
        List<LabeledText> docs = new ArrayList<>();
        int id = 0;
        for (String label : List.of("a", "b")) {
            int n = label.equals("a") ? perClassA : perClassB;
            for (int i = 0; i < n; i++) {
                int len = 1 + random.nextInt(30);
                StringBuilder text = new StringBuilder();
                for (int t = 0; t < len; t++) {
                    text.append(random.nextBoolean() ? label + random.nextInt(10) : "filler" + random.nextInt(5)).append(' ');
                }
                docs.add(new LabeledText("doc" + id++, text.toString().trim(), label));
            }
        }
        return new TextCorpus("generated", "generated for tests", docs);
    }
}
