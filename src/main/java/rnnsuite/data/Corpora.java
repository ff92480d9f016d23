package rnnsuite.data;

import java.util.List;
import java.util.Locale;

/** Looks text corpora up by the name a plan gives. One place, so a new corpus is one line here. */
public final class Corpora {

    public static final List<String> NAMES = List.of(SpamAssassin.NAME, ImdbCorpus.NAME, CsvCorpus.NAME);

    private Corpora() {
    }

    /** The text corpus a data spec names (its path and column settings included). */
    public static TextCorpus load(DataSpec spec) {
        String key = spec.dataset() == null ? "" : spec.dataset().trim().toLowerCase(Locale.ROOT);
        return switch (key) {
            case SpamAssassin.NAME -> SpamAssassin.load();
            case ImdbCorpus.NAME -> ImdbCorpus.load(spec);
            case CsvCorpus.NAME -> CsvCorpus.load(spec);
            default -> throw new IllegalArgumentException("unknown dataset '" + spec.dataset() + "': known datasets are "
                    + DatasetLoader.NAMES);
        };
    }
}
