package rnnsuite.data;

import java.util.List;
import java.util.TreeSet;

/**
 * A named collection of labelled texts, before any split or tokenisation.
 *
 * @param name     the dataset name plans use (e.g. {@code spamassassin})
 * @param source   where the texts come from, for the dataset card and attribution
 * @param examples the documents, in the corpus' own stable order
 * @param skipped  rows the source had with an empty text or label (counted, reported, not used)
 */
public record TextCorpus(String name, String source, List<LabeledText> examples, int skipped) {

    public TextCorpus(String name, String source, List<LabeledText> examples) {
        this(name, source, examples, 0);
    }

    public TextCorpus {
        examples = List.copyOf(examples);
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("dataset '" + name + "' has no examples");
        }
    }

    /** The class labels in sorted order; a label's index is its class id (for binary tasks, index 1 is the positive class). */
    public List<String> classes() {
        TreeSet<String> labels = new TreeSet<>();
        examples.forEach(e -> labels.add(e.label()));
        return List.copyOf(labels);
    }
}
