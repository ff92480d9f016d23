package rnnsuite.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import rnnsuite.train.RunRecord;
import tech.tablesaw.api.Table;

/**
 * Writes a study's results folder: runs.csv, epochs.csv, summary.csv, comparison.csv, confusion.csv,
 * gradients.csv and report.html; and plotly.js once into the folder above (the results root), which
 * every report there loads as {@code ../plotly.js}: one 10 MB copy however many plans. Each file is
 * written to a temporary name and renamed into place, so a reader (or an interrupted run) never sees a
 * half-written file.
 */
public final class ResultWriter {

    public static final String PLOTLY_JS = "plotly.js";
    /** How a report refers to plotly.js: in the results root, one level up. */
    static final String PLOTLY_SRC = "../" + PLOTLY_JS;
    static final String PLOTLY_RESOURCE = "/META-INF/resources/webjars/plotly.js-dist/2.35.3/plotly.js";

    private ResultWriter() {
    }

    public static void write(Path dir, Study study, List<RunRecord> records) {
        try {
            Files.createDirectories(dir);
            Table runs = ResultTables.runs(records);
            Table epochs = ResultTables.epochs(records);
            Table summary = ResultTables.summary(runs);
            Table comparison = ResultTables.comparison(runs);
            Table confusion = ResultTables.confusion(records);
            Table gradients = ResultTables.gradients(records);
            writeCsv(runs, dir.resolve("runs.csv"));
            writeCsv(epochs, dir.resolve("epochs.csv"));
            writeCsv(summary, dir.resolve("summary.csv"));
            writeCsv(comparison, dir.resolve("comparison.csv"));
            writeCsv(confusion, dir.resolve("confusion.csv"));
            writeCsv(gradients, dir.resolve("gradients.csv"));
            copyPlotly(dir.toAbsolutePath().getParent());
            String html = HtmlReport.render(study, runs, epochs, summary, comparison, confusion, gradients);
            writeAtomically(dir.resolve("report.html"), html.getBytes(StandardCharsets.UTF_8));
        } catch (AccessDeniedException e) {
            throw new UncheckedIOException("cannot write results to " + dir + ": permission denied; "
                    + "choose a writable folder with --results or fix its permissions", e);
        } catch (FileSystemException e) {
            throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getReason()
                    + "; choose another folder with --results", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write results to " + dir + ": " + e.getMessage(), e);
        }
    }

    public static void writeCsv(Table table, Path file) throws IOException {
        StringWriter out = new StringWriter();
        table.write().csv(out);
        writeAtomically(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void writeAtomically(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** plotly.js travels with the reports (from the webjar), so report.html opens with no network. */
    private static void copyPlotly(Path dir) throws IOException {
        Path target = dir.resolve(PLOTLY_JS);
        try (InputStream in = ResultWriter.class.getResourceAsStream(PLOTLY_RESOURCE)) {
            if (in == null) {
                throw new IOException("plotly.js is missing from the classpath (" + PLOTLY_RESOURCE + "): "
                        + "the org.webjars.npm:plotly.js-dist dependency must be on the classpath");
            }
            byte[] bytes = in.readAllBytes();
            if (Files.exists(target) && Files.size(target) == bytes.length) {
                return;
            }
            writeAtomically(target, bytes);
        }
    }
}
