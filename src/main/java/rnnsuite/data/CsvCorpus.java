package rnnsuite.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Any CSV or TSV file of labelled texts, read with Apache Commons CSV: UTF-8, RFC 4180 quoting (quoted
 * fields may hold separators, quotes and newlines), text and label columns by header name or 0-based
 * index. Label values become classes in sorted order (for two labels the second is the positive class).
 * Rows whose text or label is empty are counted and reported, not silently dropped; anything malformed
 * stops with the file, the line and the problem.
 */
public final class CsvCorpus {


    private CsvCorpus() {
    }

    public static TextCorpus load(DataSpec spec) {
        if (spec.path() == null || spec.path().isBlank()) {
            throw new IllegalArgumentException("dataset csv needs data.path: the CSV/TSV file to read (and text_column, label_column)");
        }
        Path file = Path.of(spec.path());
        char separator = separator(spec, file);
        CSVFormat.Builder builder = CSVFormat.RFC4180.builder().setDelimiter(separator).setIgnoreEmptyLines(true);
        CSVFormat format = spec.header() ? builder.setHeader().setSkipHeaderRecord(true).build() : builder.build();
        List<LabeledText> examples = new ArrayList<>();
        int skipped = 0;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new java.io.InputStreamReader(Files.newInputStream(file), decoder);
             CSVParser parser = format.parse(reader)) {
            int text = -1;
            int label = -1;
            if (spec.header()) {
                Map<String, Integer> names = parser.getHeaderMap();
                if (names == null || names.isEmpty()) {
                    throw new IllegalArgumentException("data file " + file + " is empty: expected a header row and labelled texts");
                }
                text = column(spec.textColumn(), names, file, "text_column");
                label = column(spec.labelColumn(), names, file, "label_column");
            } else {
                text = index(spec.textColumn(), file, "text_column");
                label = index(spec.labelColumn(), file, "label_column");
            }
            for (CSVRecord row : parser) {
                int needed = Math.max(text, label) + 1;
                if (row.size() < needed) {
                    throw new IllegalArgumentException("data file " + file + ", line " + parser.getCurrentLineNumber()
                            + ": " + row.size() + " field(s), but the text and label columns need " + needed
                            + " (check data.separator: '" + printable(separator) + "')");
                }
                String t = row.get(text).trim();
                String l = row.get(label).trim();
                if (t.isEmpty() || l.isEmpty()) {
                    skipped++;
                    continue;
                }
                examples.add(new LabeledText(file.getFileName() + ":" + row.getRecordNumber(), t, l));
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("data file " + file + " not found: check data.path (relative paths start at the project root)");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("data file " + file + " cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("data file " + file + " is not UTF-8 text: convert it to UTF-8");
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("data file " + file + " is malformed: " + rootMessage(e));
        } catch (IOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw new IllegalArgumentException("data file " + file + " is not UTF-8 text: convert it to UTF-8");
            }
            throw new IllegalArgumentException("data file " + file + " cannot be read: " + e.getMessage());
        }
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("data file " + file + " has no row with both a text and a label"
                    + (skipped > 0 ? " (" + skipped + " row(s) with an empty text or label)" : ""));
        }
        return new TextCorpus(Dataset.CSV.id(), "CSV file " + file, examples, skipped);
    }

    private static char separator(DataSpec spec, Path file) {
        if (spec.separator() != null) {
            return spec.separator().equals("\\t") ? '\t' : spec.separator().charAt(0);
        }
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".tsv") || name.endsWith(".tab") ? '\t' : ',';
    }

    private static int column(String wanted, Map<String, Integer> names, Path file, String key) {
        Integer byName = names.get(wanted);
        if (byName != null) {
            return byName;
        }
        if (wanted.matches("\\d+")) {
            return Integer.parseInt(wanted);
        }
        throw new IllegalArgumentException("data." + key + " '" + wanted + "' is not a column of " + file
                + ": the header has " + names.keySet() + " (or give a 0-based index)");
    }

    private static int index(String wanted, Path file, String key) {
        if (!wanted.matches("\\d+")) {
            throw new IllegalArgumentException("data." + key + " must be a 0-based column index when data.header is false, got '"
                    + wanted + "' for " + file);
        }
        return Integer.parseInt(wanted);
    }

    private static String printable(char c) {
        return c == '\t' ? "\\t" : String.valueOf(c);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
