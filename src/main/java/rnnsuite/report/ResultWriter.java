package rnnsuite.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import rnnsuite.io.AtomicFiles;
import rnnsuite.io.Json;
import rnnsuite.train.RunRecord;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Writes a study's results folder: runs.csv, epochs.csv, summary.csv, comparison.csv, confusion.csv,
 * gradients.csv, with a search trials.csv, best.csv and importance.csv, and report.html; and plotly.js and the index of studies
 * ({@link StudyIndex}) once into the folder above (the results root), which
 * every report there loads as {@code ../plotly.js}: one 10 MB copy however many plans (a study of tasks' reports, a level
 * deeper, load the same copy as {@code ../../plotly.js}). Each file is
 * written to a temporary name and renamed into place, so a reader (or an interrupted run) never sees a
 * half-written file.
 */
public final class ResultWriter {

    public static final String PLOTLY_JS = HtmlReport.PLOTLY_JS;
    /** The study header (dataset card, description, command) a report is rebuilt with. */
    public static final String STUDY = Study.FILE;
    /** A search's candidates, one row per candidate and rung. */
    public static final String TRIALS = "trials.csv";
    /** Character models' text, one row per run (character datasets only). */
    public static final String SAMPLES = "samples.csv";
    static final String PLOTLY_RESOURCE = "/META-INF/resources/webjars/plotly.js-dist/2.35.3/plotly.js";

    private ResultWriter() {
    }

    /**
     * Writes the study's files from its runs. A search's candidates (validation only) go to trials.csv,
     * best.csv and importance.csv; every other run to runs.csv and the tables built from it.
     */
    public static void write(Path dir, Study study, List<RunRecord> all) {
        try {
            Files.createDirectories(dir);
            Json.write(dir.resolve(STUDY), study);
            List<RunRecord> records = all.stream().filter(r -> r.trial().candidate() == null).toList();
            Table trials = null;
            if (study.tuning() != null) {
                trials = TuningTables.trials(all.stream().filter(r -> r.trial().candidate() != null).toList(), study.tuning());
                writeCsv(trials, dir.resolve(TRIALS));
            }
            Table runs = ResultTables.runs(records);
            Table epochs = ResultTables.epochs(records);
            Table confusion = ResultTables.confusion(records);
            Table gradients = ResultTables.gradients(records);
            writeCsv(runs, dir.resolve("runs.csv"));
            writeCsv(epochs, dir.resolve("epochs.csv"));
            writeCsv(confusion, dir.resolve("confusion.csv"));
            writeCsv(gradients, dir.resolve("gradients.csv"));
            Table samples = ResultTables.samples(records);
            if (samples.rowCount() > 0) {
                writeCsv(samples, dir.resolve(SAMPLES));
            }
            writeReport(dir, study, runs, epochs, confusion, gradients, trials, samples);
        } catch (IOException e) {
            throw failure(dir, e);
        }
    }


    /**
     * Rebuilds summary.csv, comparison.csv and report.html (and the results root's plotly.js) from a
     * results folder's runs.csv, epochs.csv, confusion.csv, gradients.csv and study.json.
     */
    public static void rebuild(Path dir) {
        try {
            Study study = Study.read(dir).orElseThrow(() -> new IllegalArgumentException("no " + STUDY + " in " + dir
                    + ": give a results folder a plan wrote, such as results/default"));
            writeReport(dir, study, readCsv(dir, "runs.csv", ResultTables.runs(List.of())),
                    readCsv(dir, "epochs.csv", ResultTables.epochs(List.of())),
                    readCsv(dir, "confusion.csv", ResultTables.confusion(List.of())),
                    readCsv(dir, "gradients.csv", ResultTables.gradients(List.of())),
                    study.tuning() == null ? null : readCsv(dir, TRIALS, TuningTables.trials(List.of(), study.tuning())),
                    Files.isRegularFile(dir.resolve(SAMPLES)) ? readCsv(dir, SAMPLES, ResultTables.samples(List.of()))
                            : ResultTables.samples(List.of()));
        } catch (IOException e) {
            throw failure(dir, e);
        }
    }

    private static void writeReport(Path dir, Study study, Table runs, Table epochs, Table confusion, Table gradients,
                                    Table trials, Table samples) throws IOException {
        Table summary = ResultTables.summary(runs);
        Table comparison = ResultTables.comparison(runs);
        writeCsv(summary, dir.resolve("summary.csv"));
        writeCsv(comparison, dir.resolve("comparison.csv"));
        Table best = null;
        Table importance = null;
        if (trials != null) {
            best = TuningTables.best(trials, study.tuning());
            importance = TuningTables.importance(trials, study.tuning());
            writeCsv(best, dir.resolve("best.csv"));
            writeCsv(importance, dir.resolve("importance.csv"));
        }
        // a task of a study of tasks shares the results root's copy with every other report there
        Path parent = dir.toAbsolutePath().getParent();
        boolean inStudyOfTasks = StudyIndex.isStudyOfTasks(parent) && parent.getParent() != null;
        copyPlotly(inStudyOfTasks ? parent.getParent() : parent);
        String html = HtmlReport.render(study, runs, epochs, summary, comparison, confusion, gradients,
                trials == null ? null : new SearchTables(trials, best, importance), samples,
                (inStudyOfTasks ? "../../" : "../") + PLOTLY_JS);
        AtomicFiles.write(dir.resolve("report.html"), html.getBytes(StandardCharsets.UTF_8));
        StudyIndex.write(parent); // a study of tasks' root index is the cross-task report's, rewritten after each task
    }

    /** A CSV this writer made, read back with the column types of its canonical (empty) table. */
    private static Table readCsv(Path dir, String name, Table shape) throws IOException {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + " (rebuilding a report needs the CSVs a plan wrote)");
        }
        // the canonical columns with their types; a dataset's own metrics (test_bpc, val_bpc, ...) are numbers
        String header;
        try (var lines = Files.lines(file)) {
            header = lines.findFirst().orElse("");
        }
        ColumnType[] types = java.util.Arrays.stream(header.split(",", -1)).map(c -> shape.columnNames().contains(c)
                ? shape.column(c).type() : c.matches("((last|best)_)?test_.*|val_.*") ? ColumnType.DOUBLE : ColumnType.STRING)
                .toArray(ColumnType[]::new);
        return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypes(types));
    }

    private static UncheckedIOException failure(Path dir, IOException e) {
        if (e instanceof AccessDeniedException) {
            return new UncheckedIOException("cannot write results to " + dir + ": permission denied; "
                    + "choose a writable folder with --results or fix its permissions", e);
        }
        if (e instanceof NoSuchFileException) {
            return new UncheckedIOException("missing " + e.getMessage(), e);
        }
        if (e instanceof FileSystemException f) {
            return new UncheckedIOException("cannot write results to " + dir + ": " + f.getReason()
                    + "; choose another folder with --results", e);
        }
        return new UncheckedIOException("cannot use results folder " + dir + ": " + e.getMessage(), e);
    }

    public static void writeCsv(Table table, Path file) throws IOException {
        StringWriter out = new StringWriter();
        table.write().csv(out);
        AtomicFiles.write(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** plotly.js travels with the reports (from the webjar), so report.html opens with no network. */
    static void copyPlotly(Path dir) throws IOException {
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
            AtomicFiles.write(target, bytes);
        }
    }
}
