package rnnsuite.data;

/** One labelled document as a corpus delivers it: an id for tracing, the raw text, the class label. */
public record LabeledText(String id, String text, String label) {
}
