package rnnsuite.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The IMDB movie-review corpus (Maas et al., 2011) in its standard {@code aclImdb} layout:
 * {@code train|test/pos|neg/*.txt}, 25,000 + 25,000 reviews, labels {@code neg}, {@code pos} (pos is the
 * positive class). Read from a local folder ({@code data.path}, default {@code data/aclImdb}); the
 * {@code download imdb} command fetches it once. The official train/test halves are pooled and split
 * like every dataset here (stratified, from the split seed), so all variants see the suite's split.
 * HTML line breaks ({@code <br />}) are turned into spaces.
 */
public final class ImdbCorpus {

    public static final String DEFAULT_PATH = "data/aclImdb";
    static final String SOURCE = "IMDB reviews (Maas et al. 2011, aclImdb_v1), https://ai.stanford.edu/~amaas/data/sentiment/";

    private ImdbCorpus() {
    }

    public static TextCorpus load(DataSpec spec) {
        Path root = Path.of(spec.path() == null ? DEFAULT_PATH : spec.path());
        if (!Files.isDirectory(root.resolve("train")) && !Files.isDirectory(root.resolve("test"))) {
            throw new IllegalArgumentException("IMDB not found at " + root + " (no train/ or test/ folder): fetch it with "
                    + "`mvn -q compile exec:java -Dexec.args=\"download imdb\"` or point data.path at an aclImdb folder");
        }
        List<LabeledText> examples = new ArrayList<>();
        int skipped = 0;
        for (String part : List.of("train", "test")) {
            for (String label : List.of("neg", "pos")) {
                Path dir = root.resolve(part).resolve(label);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                        String text = read(file).replace("<br />", " ").trim();
                        if (text.isEmpty()) {
                            skipped++;
                            continue;
                        }
                        examples.add(new LabeledText(part + "/" + label + "/" + file.getFileName(), text, label));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
                }
            }
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("IMDB folder " + root + " holds no review: expected train|test/pos|neg/*.txt");
        }
        return new TextCorpus(Dataset.IMDB.id(), SOURCE + ", from " + root, examples, skipped);
    }

    private static String read(Path file) throws IOException {
        // Reviews are UTF-8; a stray byte becomes U+FFFD (the String constructor replaces malformed input)
        // rather than stopping 50,000 files on one.
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
