package rnnsuite.data;

import java.util.List;
import java.util.Locale;

/** Looks text corpora up by the name a plan gives. One place, so a new corpus is one line here. */
public final class Corpora {

    public static final List<String> NAMES = List.of(SpamAssassin.NAME);

    private Corpora() {
    }

    public static TextCorpus load(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (key.equals(SpamAssassin.NAME)) {
            return SpamAssassin.load();
        }
        throw new IllegalArgumentException("unknown dataset '" + name + "': known datasets are " + DatasetLoader.NAMES);
    }
}
