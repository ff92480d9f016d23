package rnnsuite.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvCorpusTest {

    @TempDir
    Path dir;

    private DataSpec spec(Path file, String text, String label, Boolean header, String separator) {
        return new DataSpec("csv", null, null, null, null, null, null, null, file == null ? null : file.toString(), text, label,
                header, separator);
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private String error(Path file, String text, String label, Boolean header) {
        return assertThrows(IllegalArgumentException.class, () -> CsvCorpus.load(spec(file, text, label, header, null))).getMessage();
    }

    @Test
    void quotedFieldsMayHoldSeparatorsQuotesAndNewlines() throws IOException {
        Path file = write("reviews.csv", "id,review,sentiment\n"
                + "1,\"Great, truly great\",pos\n"
                + "2,\"He said \"\"meh\"\"\nand left\",neg\n"
                + "3,Crème brûlée — naïve café,pos\n");
        TextCorpus c = CsvCorpus.load(spec(file, "review", "sentiment", null, null));
        assertEquals(3, c.examples().size());
        assertEquals("Great, truly great", c.examples().get(0).text());
        assertEquals("He said \"meh\"\nand left", c.examples().get(1).text());
        assertEquals("Crème brûlée — naïve café", c.examples().get(2).text(), "UTF-8");
        assertEquals(List.of("neg", "pos"), c.classes(), "labels become classes in sorted order");
    }

    @Test
    void columnsByIndexWithoutHeaderAndTabsForTsv() throws IOException {
        Path file = write("data.tsv", "spam\tbuy now, cheap\nham\tsee you at lunch\n");
        TextCorpus c = CsvCorpus.load(spec(file, "1", "0", false, null));
        assertEquals(2, c.examples().size());
        assertEquals("buy now, cheap", c.examples().get(0).text());
        assertEquals("spam", c.examples().get(0).label());
        Path semicolons = write("data.txt", "text;label\nhello;a\nbye;b\n");
        assertEquals(2, CsvCorpus.load(spec(semicolons, "text", "label", null, ";")).examples().size());
    }

    @Test
    void emptyTextsOrLabelsAreCountedAndReported() throws IOException {
        Path file = write("gaps.csv", "text,label\nfirst,a\n,b\nthird,\nfourth,b\n  ,a\n");
        TextCorpus c = CsvCorpus.load(spec(file, "text", "label", null, null));
        assertEquals(2, c.examples().size());
        assertEquals(3, c.skipped());
        DataSpec spec = new DataSpec("csv", 10, 1, null, List.of(0.34, 0.33, 0.33), 1L, null, null, file.toString(), null, null, null, null);
        Path bigger = write("more.csv", "text,label\n" + "x a,a\n".repeat(6) + "y b,b\n".repeat(6) + ",a\n");
        DatasetSummary summary = DatasetLoader.load(new DataSpec("csv", 10, 1, null, List.of(0.34, 0.33, 0.33), 1L, null,
                null, bigger.toString(), null, null, null, null)).summary();
        assertEquals(1, summary.skippedRows());
        assertTrue(summary.facts().stream().anyMatch(f -> f.contains("1 source row(s) skipped")), summary.facts().toString());
        assertTrue(spec.path().endsWith("gaps.csv"));
    }

    @Test
    void badFilesGetOneClearMessage() throws IOException {
        assertTrue(error(dir.resolve("missing.csv"), "text", "label", null).contains("not found"));
        assertTrue(error(write("empty.csv", ""), "text", "label", null).contains("is empty"));
        String unknown = error(write("cols.csv", "body,class\nx,y\n"), "text", "class", null);
        assertTrue(unknown.contains("'text' is not a column") && unknown.contains("[body, class]"), unknown);
        String malformed = error(write("quote.csv", "text,label\n\"never closed,a\nb,c\n"), "text", "label", null);
        assertTrue(malformed.contains("malformed"), malformed);
        String shortRow = error(write("short.csv", "text,label\nonly one field\n"), "0", "1", false);
        assertTrue(shortRow.contains("line") && shortRow.contains("separator"), shortRow);
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "text,label\ncaf\u00e9,a\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(error(latin1, "text", "label", null).contains("not UTF-8"));
        assertTrue(error(write("labels.csv", "text,label\n,\n"), "text", "label", null).contains("no row with both"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CsvCorpus.load(spec(null, "text", "label", null, null))).getMessage().contains("data.path"));
    }
}
