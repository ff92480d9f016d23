package rnnsuite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Every figure the README and the docs quote from a committed reference study, recomputed from its CSV under
 * {@code results/reference/}: each claim renders its text from the CSV (rounded as {@link String#format} rounds,
 * half up on the digits the CSV holds) and the document must contain it. A claim fails when either side changes
 * the figure — a rerun committed over the reference, or an edit to the text.
 *
 * <p>Whitespace is compared collapsed (a sentence may wrap anywhere); minus signs are the documents' U+2212.
 */
class QuotedFiguresTest {

    private static final Path REFERENCE = Path.of("results", "reference");
    private static final List<String> CELLS = List.of("simple_rnn", "gru", "lstm", "min_gru", "min_lstm", "peephole_lstm");
    /** Solved, as in HtmlReport: mean test accuracy at least this on recall, mean test MSE at most this on adding. */
    private static final double SOLVED_ACCURACY = 0.95;
    private static final double SOLVED_MSE = 0.01;
    /** Every text network's embedding (20,000 ids × 100) and softmax layer (128 units → 2 classes): not recurrent. */
    private static final double EMBEDDING_AND_SOFTMAX = 20_000 * 100 + 128 * 2 + 2;
    /** The recipe's learning rate (Adam 1e-3), which the tuned winners are compared with. */
    private static final double RECIPE_LEARNING_RATE = 1e-3;
    private static final String[] WORDS = {"no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};

    private static final String README = "README.md";
    private static final String CELLS_MD = "docs/cells.md";
    private static final String MEMORY_MD = "docs/memory-study.md";
    private static final String TUNING_MD = "docs/tuning.md";
    private static final String SETUP_MD = "docs/setup-and-default-study.md";
    private static final String SEQUENCE_MD = "docs/sequence-tasks.md";
    private static final String ALL_TASKS_MD = "docs/all-tasks.md";
    private static final List<String> ALL_CELLS = List.of("simple_rnn", "gru", "lstm", "peephole_lstm", "min_gru", "min_lstm",
            "ind_rnn");
    /** The cross-task study's tasks, as the doc's table names them, and how it writes each task's metric. */
    private static final List<String[]> ALL_TASKS = List.of(new String[] {"spam", "SpamAssassin, accuracy ↑", "%.3f"},
            new String[] {"recall", "recall T = 50, accuracy ↑", "%.3f"}, new String[] {"adding", "adding T = 50, MSE ↓", "%.4f"},
            new String[] {"copy", "copy memory T = 50, nats/step ↓", "%.4f"},
            new String[] {"selective-copy", "selective copying L = 64, accuracy ↑", "%.3f"},
            new String[] {"jsb", "JSB Chorales, NLL/frame ↓", "%.2f"}, new String[] {"nottingham", "Nottingham, NLL/frame ↓", "%.2f"},
            new String[] {"musedata", "MuseData, NLL/frame ↓", "%.2f"}, new String[] {"piano-midi", "Piano-midi, NLL/frame ↓", "%.2f"},
            new String[] {"chars", "tiny Shakespeare, bits/char ↓", "%.3f"});
    private static final List<String> SEQUENCE_CELLS = List.of("simple_rnn", "gru", "lstm", "min_gru", "min_lstm");
    private static final Map<String, String> CELL_NAMES = Map.of("simple_rnn", "SimpleRnn", "gru", "GRU", "lstm", "LSTM",
            "min_gru", "minGRU", "min_lstm", "minLSTM");

    /** A figure a document quotes: the text it must contain, rendered from {@code values}, and where they come from. */
    record Claim(String doc, String template, String source, Supplier<Object[]> values) {
    }

    // ------------------------------------------------------------------------------------------------ the claims

    static List<Claim> claims() {
        List<Claim> c = new ArrayList<>();
        readme(c);
        cells(c);
        memoryRecall(c);
        memoryAdding(c);
        clipping(c);
        tuning(c);
        setup(c);
        sequence(c);
        tcnProtocol(c);
        nottinghamTcn(c);
        tcnOneLayer(c);
        tcnPyTorch(c);
        tcnInit(c);
        charsLong(c);
        charsPyTorch(c);
        charsInit(c);
        charsConverge(c);
        sequenceReadme(c);
        sequenceFindings(c);
        allTasks(c);
        musicBudget(c);
        return c;
    }

    private static void readme(List<Claim> c) {
        String s = "cells/summary.csv";
        c.add(claim(README, "GRU %.3f ± %.3f, LSTM", s, Map.of("arm", "gru"), "test_accuracy_mean", "test_accuracy_std"));
        c.add(claim(README, "LSTM %.3f ± %.3f, minGRU", s, Map.of("arm", "lstm"), "test_accuracy_mean", "test_accuracy_std"));
        c.add(claim(README, "minGRU %.3f ± %.3f, minLSTM", s, Map.of("arm", "min_gru"), "test_accuracy_mean", "test_accuracy_std"));
        c.add(claim(README, "minLSTM %.3f ± %.3f, SimpleRnn", s, Map.of("arm", "min_lstm"), "test_accuracy_mean", "test_accuracy_std"));
        c.add(claim(README, "SimpleRnn %.3f ± %.3f test accuracy", s, Map.of("arm", "simple_rnn"), "test_accuracy_mean", "test_accuracy_std"));
        c.add(claim(README, "test accuracy; TF-IDF %.3f ± %.3f.", s, Map.of("arm", "tfidf_logreg"), "test_accuracy_mean", "test_accuracy_std"));
        c.add(derived(README, "lose %.3f (minGRU) and %.3f (minLSTM) to the GRU", "cells/comparison.csv",
                () -> new Object[] {diff("cells", "gru", "min_gru", 80, "test_accuracy").diff(),
                        diff("cells", "gru", "min_lstm", 80, "test_accuracy").diff()}));
        c.add(derived(README, "The GRU ties the baseline at %s of the LSTM's time per epoch", s,
                () -> new Object[] {quarters(mean("cells", "gru", 80, "seconds_per_epoch") / mean("cells", "lstm", 80, "seconds_per_epoch"))}));
        c.add(derived(README, "Recall of the first symbol: SimpleRnn T = %d (and some seeds to %d); GRU, LSTM and peephole LSTM "
                + "T = %s; minGRU and minLSTM only T = %s", "memory-recall/summary.csv, runs.csv",
                () -> new Object[] {longestSolved("memory-recall", "simple_rnn"), longestSolvedBySomeSeed("memory-recall", "simple_rnn"),
                        same(longestSolved("memory-recall", "gru"), longestSolved("memory-recall", "lstm"),
                                longestSolved("memory-recall", "peephole_lstm")),
                        same(longestSolved("memory-recall", "min_gru"), longestSolved("memory-recall", "min_lstm"))}));
        c.add(derived(README, "‖∂L/∂x₀‖/‖∂L/∂x₄₉‖ ≈ %s for minGRU against %s for the LSTM", "memory-recall/gradients.csv",
                () -> new Object[] {power(Math.round(meanLog("memory-recall", "min_gru", 50, "untrained"))),
                        power(Math.round(meanLog("memory-recall", "lstm", 50, "untrained")))}));
        c.add(derived(README, "the GRU solves T = %d (LSTM − GRU %+.3f MSE, p = %.4f), minGRU and minLSTM T = %s, the LSTMs "
                + "T = %s, the SimpleRnn %s", "memory-adding/summary.csv, comparison.csv", () -> {
                    Diff d = diff("memory-adding", "lstm", "gru", 100, "test_loss");
                    int simple = longestSolved("memory-adding", "simple_rnn");
                    return new Object[] {longestSolved("memory-adding", "gru"), d.diff(), d.p(),
                            same(longestSolved("memory-adding", "min_gru"), longestSolved("memory-adding", "min_lstm")),
                            same(longestSolved("memory-adding", "lstm"), longestSolved("memory-adding", "peephole_lstm")),
                            simple == 0 ? "nothing" : "T = " + simple};
                }));
        c.add(derived(README, "SimpleRnn and LSTM both solve recall at T = 50 and 100 on %s", "tuned-recall/runs.csv",
                () -> new Object[] {everySeed("tuned-recall", List.of("simple_rnn_tuned", "lstm_tuned"), List.of(50, 100))}));
        c.add(derived(README, "(chrono initialisation alone: %.3f → %.3f at T = 100)", "chrono-recall/summary.csv",
                () -> new Object[] {mean("chrono-recall", "lstm", 100, "test_accuracy"), mean("chrono-recall", "lstm_chrono", 100, "test_accuracy")}));
    }

    private static void cells(List<Claim> c) {
        String s = "cells/summary.csv";
        c.add(cellsRow("| SimpleRnn | %.3f ± %.3f | %.3f | %.3f | %.1f | %.0f k |", "simple_rnn"));
        c.add(cellsRow("| **GRU** | **%.3f ± %.3f** | %.3f | %.3f | %.1f | %.0f k |", "gru"));
        c.add(cellsRow("| LSTM | %.3f ± %.3f | %.3f | %.3f | %.1f | %.0f k |", "lstm"));
        c.add(cellsRow("| minGRU | %.3f ± %.3f | %.3f | %.3f | %.1f | %.0f k |", "min_gru"));
        c.add(cellsRow("| minLSTM | %.3f ± %.3f | %.3f | %.3f | %.1f | %.0f k |", "min_lstm"));
        c.add(claim(CELLS_MD, "| TF-IDF + logistic regression | %.3f ± %.3f | %.3f | %.3f | %.1f | — |", s, Map.of("arm", "tfidf_logreg"),
                "test_accuracy_mean", "test_accuracy_std", "test_f1_mean", "test_auc_mean", "seconds_per_epoch_mean"));
        c.add(claim(CELLS_MD, "| majority class | %.3f | %.0f | %.1f | — | — |", s, Map.of("arm", "majority"),
                "test_accuracy_mean", "test_f1_mean", "test_auc_mean"));
        c.add(diffClaim(CELLS_MD, "GRU − TF-IDF %+.3f [%.3f, %.3f], paired t-test p = %.2f", "cells", "gru", "tfidf_logreg", 80, "test_accuracy"));
        c.add(diffClaim(CELLS_MD, "GRU − LSTM %+.3f [%.3f, %.3f], p = %.2f", "cells", "gru", "lstm", 80, "test_accuracy"));
        c.add(diffClaim(CELLS_MD, "minGRU − LSTM %+.3f [%.3f, %.3f], p = %.2f", "cells", "min_gru", "lstm", 80, "test_accuracy"));
        c.add(diffClaim(CELLS_MD, "GRU − minGRU %+.3f [%.3f, %.3f], p = %.3f", "cells", "gru", "min_gru", 80, "test_accuracy"));
        c.add(derived(CELLS_MD, "(minGRU − TF-IDF %+.3f, p = %.4f; minLSTM %+.3f, p = %.4f)", "cells/comparison.csv", () -> {
            Diff g = diff("cells", "min_gru", "tfidf_logreg", 80, "test_accuracy");
            Diff l = diff("cells", "min_lstm", "tfidf_logreg", 80, "test_accuracy");
            return new Object[] {g.diff(), g.p(), l.diff(), l.p()};
        }));
        c.add(derived(CELLS_MD, "GRU − LSTM +0.014 [−0.034, 0.061], p = 0.35, at %s of the LSTM's time per epoch", s,
                () -> new Object[] {quarters(mean("cells", "gru", 80, "seconds_per_epoch") / mean("cells", "lstm", 80, "seconds_per_epoch"))}));
        c.add(derived(CELLS_MD, "(training loss below 0.001 by epoch 8 in %s of their six runs, below %.3f in all) and their "
                + "validation loss rises from epoch %d on", "cells/epochs.csv", () -> {
                    List<Map<String, String>> min = rows("cells/epochs.csv", r -> r.get("arm").startsWith("min_"));
                    long below = min.stream().filter(r -> integer(r, "epoch") == 8 && number(r, "train_loss") < 0.001).count();
                    double worst = min.stream().filter(r -> integer(r, "epoch") >= 8).mapToDouble(r -> number(r, "train_loss")).max().orElseThrow();
                    int lowest = min.stream().collect(Collectors.groupingBy(r -> r.get("run_id"))).values().stream()
                            .mapToInt(run -> integer(run.stream().min(Comparator.comparingDouble(r -> number(r, "val_loss"))).orElseThrow(), "epoch"))
                            .max().orElseThrow();
                    assertEquals(60, min.size(), "six runs of 10 epochs");
                    return new Object[] {WORDS[(int) below], Math.ceil(worst * 1000) / 1000, lowest + 1};
                }));
    }

    private static Claim cellsRow(String template, String arm) {
        return derived(CELLS_MD, template, "cells/summary.csv", () -> {
            Map<String, String> r = row("cells/summary.csv", Map.of("arm", arm));
            return new Object[] {number(r, "test_accuracy_mean"), number(r, "test_accuracy_std"), number(r, "test_f1_mean"),
                    number(r, "test_auc_mean"), number(r, "seconds_per_epoch_mean"), (number(r, "params_mean") - EMBEDDING_AND_SOFTMAX) / 1000};
        });
    }

    private static void memoryRecall(List<Claim> c) {
        String study = "memory-recall";
        c.add(derived(MEMORY_MD, "| memory-recall, GRU, minGRU and minLSTM added | %d more (%d) |", study + "/runs.csv", () -> new Object[] {
                rows(study + "/runs.csv", r -> Set.of("gru", "min_gru", "min_lstm").contains(r.get("arm"))).size(), rows(study + "/runs.csv").size()}));
        for (int t : new int[] {10, 25, 50, 100, 200, 400}) {
            c.add(derived(MEMORY_MD, "%s", study + "/summary.csv, runs.csv", () -> new Object[] {recallRow(t)}));
        }
        c.add(derived(MEMORY_MD, "%s", study + "/summary.csv", () -> new Object[] {longestRow(study, "")}));
        c.add(derived(MEMORY_MD, "| seconds per epoch at T = 100 | %.1f | %.1f ¹ | %.1f | %.1f ¹ | %.1f ¹ | %.1f |", study + "/summary.csv",
                () -> CELLS.stream().map(a -> mean(study, a, 100, "seconds_per_epoch")).toArray()));
        c.add(derived(MEMORY_MD, "at T = 50 it is at chance on every seed (%.3f), where the LSTM solved %s seed of three "
                + "(GRU − LSTM %+.3f [%.3f, %.3f], p = %.2f)", study + "/summary.csv, runs.csv, comparison.csv", () -> {
                    Diff d = diff(study, "gru", "lstm", 50, "test_accuracy");
                    return new Object[] {mean(study, "gru", 50, "test_accuracy"), WORDS[solvedSeeds(study, "lstm", 50)], d.diff(), d.low(), d.high(), d.p()};
                }));
        c.add(derived(MEMORY_MD, "(minGRU − GRU at T = 25: %+.3f [%.3f, %.3f], p = %s; minGRU − minLSTM: %+.3f, p = %.2f)",
                study + "/comparison.csv", () -> {
                    Diff g = diff(study, "min_gru", "gru", 25, "test_accuracy");
                    Diff l = diff(study, "min_gru", "min_lstm", 25, "test_accuracy");
                    return new Object[] {g.diff(), g.low(), g.high(), timesTen(g.p()), l.diff(), l.p()};
                }));
        for (int t : new int[] {10, 25, 50, 100}) {
            c.add(derived(MEMORY_MD, "| " + t + " | %s | %s | %s | %s | %s | %s |", study + "/gradients.csv",
                    () -> CELLS.stream().map(a -> untrainedCell(study, a, t, "%+.2f", "0 in float")).toArray()));
        }
        c.add(derived(MEMORY_MD, "After training the min cells' ratio at T = 25 is still %s (minGRU) and %s (minLSTM) on every seed, "
                + "where every cell that solved T = 25 turned it positive (GRU %s)", study + "/gradients.csv",
                () -> new Object[] {range(study, "min_gru", 25, "%.1f"), range(study, "min_lstm", 25, "%.1f"), range(study, "gru", 25, "%+.1f")}));
        c.add(derived(MEMORY_MD, "SimpleRnn − LSTM: T = 50 p = %.2f, T = 100 p = %.2f, T = 200 p = %.2f, T = 400 p = %.2f; "
                + "SimpleRnn − peephole at T = 50: p = %s", study + "/comparison.csv",
                () -> new Object[] {diff(study, "simple_rnn", "lstm", 50, "test_accuracy").p(), diff(study, "simple_rnn", "lstm", 100, "test_accuracy").p(),
                        diff(study, "simple_rnn", "lstm", 200, "test_accuracy").p(), diff(study, "simple_rnn", "lstm", 400, "test_accuracy").p(),
                        timesTen(diff(study, "simple_rnn", "peephole_lstm", 50, "test_accuracy").p())}));
        for (int t : new int[] {25, 50, 100, 200}) {
            c.add(derived(MEMORY_MD, "| " + t + " | %s | %s | %s | %s | %s |", study + "/gradients.csv", () -> new Object[] {
                    untrainedCell(study, "simple_rnn", t, "%+.2f", "0"), untrainedCell(study, "lstm", t, "%+.2f", "0"),
                    untrainedCell(study, "peephole_lstm", t, "%+.2f", "0"), trainedSeeds(study, "simple_rnn", t), trainedSeeds(study, "lstm", t)}));
        }
        c.add(derived(MEMORY_MD, "| 400 | %s | %s | %s |", study + "/gradients.csv", () -> new Object[] {
                untrainedCell(study, "simple_rnn", 400, "%+.1f", "0"), untrainedCell(study, "lstm", 400, "%+.1f", "‖∂L/∂x₀‖ = 0 in float"),
                untrainedCell(study, "peephole_lstm", 400, "%+.1f", "0 as well")}));
        c.add(derived(MEMORY_MD, "at T = 100 the SimpleRnn's seed 1 solved the task with a ratio of %+.2f and seed 3 failed (it stayed "
                + "at chance, then its validation loss blew up in epoch 10: test accuracy %.2f) with %+.2f",
                study + "/gradients.csv, runs.csv", () -> {
                    double[] ratios = ratios(study, "simple_rnn", 100, "trained");
                    return new Object[] {ratios[0], number(row(study + "/runs.csv", Map.of("arm", "simple_rnn", "max_len", "100", "seed", "3")),
                            "test_accuracy"), ratios[2]};
                }));
    }

    /** A row of the recall table: mean ± sd per cell, bold where solved, the seeds in brackets where they split. */
    private static String recallRow(int t) {
        String study = "memory-recall";
        List<String> cells = new ArrayList<>();
        for (String arm : CELLS) {
            double mean = mean(study, arm, t, "test_accuracy");
            double sd = number(summaryRow(study, arm, t), "test_accuracy_std");
            String cell = format("%.3f", mean) + " ± " + (sd == 0 ? "0" : format("%.3f", sd));
            if (mean >= SOLVED_ACCURACY) {
                cell = "**" + cell + "**";
            }
            double[] seeds = seeds(study, arm, t, "test_accuracy");
            long solved = Arrays.stream(seeds).filter(v -> v >= SOLVED_ACCURACY).count();
            if (solved > 0 && solved < seeds.length) {
                cell += Arrays.stream(seeds).mapToObj(v -> v == 1 ? "1.0" : format("%.2f", v)).collect(Collectors.joining(", ", " (", ")"));
            }
            cells.add(cell);
        }
        return "| " + t + " | " + String.join(" | ", cells) + " |";
    }

    private static void memoryAdding(List<Claim> c) {
        String study = "memory-adding";
        c.add(derived(MEMORY_MD, "| memory-adding, GRU, minGRU and minLSTM added | %d more (%d) |", study + "/runs.csv", () -> new Object[] {
                rows(study + "/runs.csv", r -> Set.of("gru", "min_gru", "min_lstm").contains(r.get("arm"))).size(), rows(study + "/runs.csv").size()}));
        c.add(addingRow("| 10 | %.3f ± %.3f | **%.4f ± %.4f** | **%.4f ± %.4f** | **%.4f ± %.4f** | **%.4f ± %.4f** | **%.4f ± %.4f** |", 10));
        c.add(addingRow("| 25 | %.3f ± %.3f | **%.4f ± %.4f** | **%.4f ± %.4f** | **%.4f ± %.4f** | **%.4f ± %.4f** | **%.4f ± %.4f** |", 25));
        c.add(addingRow("| 50 | %.3f ± %.3f | **%.4f ± %.4f** | %.4f ± %.4f (%.3f, %.4f, %.4f) | **%.4f ± %.4f** (%.4f, %.4f, %.4f) "
                + "| **%.4f ± %.4f** | %.3f ± %.3f (%.3f, %.4f, %.5f) |", 50, "lstm", "min_gru", "peephole_lstm"));
        c.add(addingRow("| 100 | %.3f ± %.3f | **%.4f ± %.4f** | %.3f ± %.3f | %.3f ± %.3f | %.3f ± %.3f (%.3f, %.3f, %.3f) | %.3f ± %.3f |",
                100, "min_lstm"));
        c.add(addingRow("| 200 | %.3f ± %.3f | %.3f ± %.3f | %.3f ± %.3f | %.3f ± %.3f | %.3f ± %.3f | %.3f ± %.3f |", 200));
        c.add(derived(MEMORY_MD, "%s", study + "/summary.csv", () -> new Object[] {longestRow(study, "none")}));
        c.add(derived(MEMORY_MD, "| seconds per epoch at T = 200 | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |", study + "/summary.csv",
                () -> CELLS.stream().map(a -> mean(study, a, 200, "seconds_per_epoch")).toArray()));
        c.add(derived(MEMORY_MD, "The GRU solves the adding problem up to T = %d on %s (%.4f, %.4f, %.4f)", study + "/runs.csv", () -> {
            double[] s = seeds(study, "gru", 100, "test_loss");
            return new Object[] {longestSolved(study, "gru"), solvedSeeds(study, "gru", 100) == s.length ? "every seed" : "some seeds", s[0], s[1], s[2]};
        }));
        c.add(diffClaim(MEMORY_MD, "GRU − LSTM at T = 100 %+.3f [%.3f, %.3f], paired t-test p = %.4f", study, "gru", "lstm", 100, "test_loss"));
        c.add(derived(MEMORY_MD, "minLSTM on every seed, minGRU, like the LSTM, on %s of three (its seed 1: %.4f)", study + "/runs.csv",
                () -> {
                    assertEquals(3, solvedSeeds(study, "min_lstm", 50), "minLSTM solves T = 50 on every seed");
                    assertEquals(solvedSeeds(study, "lstm", 50), solvedSeeds(study, "min_gru", 50), "minGRU solves T = 50 on as many seeds as the LSTM");
                    return new Object[] {WORDS[solvedSeeds(study, "min_gru", 50)], seeds(study, "min_gru", 50, "test_loss")[0]};
                }));
        c.add(derived(MEMORY_MD, "baseline at T = 100 (%.3f; minLSTM − LSTM %+.3f, p = %.4f), minGRU partly (%.3f)",
                study + "/summary.csv, comparison.csv", () -> {
                    Diff d = diff(study, "min_lstm", "lstm", 100, "test_loss");
                    return new Object[] {mean(study, "min_lstm", 100, "test_loss"), d.diff(), d.p(), mean(study, "min_gru", 100, "test_loss")};
                }));
        c.add(derived(MEMORY_MD, "at T = 100 is %.1f for the GRU and %.0f for minLSTM (minGRU's first-step gradient underflows to zero) against "
                + "%s for the LSTMs; trained, the GRU's is %s to %s and minLSTM's %s–%s — the first step as visible as the last — while the "
                + "LSTMs' fell to %s to %s", study + "/gradients.csv", () -> {
                    assertEquals(Double.NEGATIVE_INFINITY, meanLog(study, "min_gru", 100, "untrained"), "minGRU's first-step gradient is 0");
                    double[] gru = ratios(study, "gru", 100, "trained");
                    double[] minLstm = ratios(study, "min_lstm", 100, "trained");
                    double[] lstms = concat(ratios(study, "lstm", 100, "trained"), ratios(study, "peephole_lstm", 100, "trained"));
                    return new Object[] {meanLog(study, "gru", 100, "untrained"), meanLog(study, "min_lstm", 100, "untrained"),
                            same(format("%.1f", meanLog(study, "lstm", 100, "untrained")), format("%.1f", meanLog(study, "peephole_lstm", 100, "untrained"))),
                            format("%.1f", min(gru)), format("%.1f", max(gru)), format("%.1f", min(minLstm)), format("%.1f", max(minLstm)),
                            format("%.0f", max(lstms)), format("%.0f", min(lstms))};
                }));
        c.add(derived(MEMORY_MD, "The min cells train at %.0f–%.0f s per epoch at T = 25 against %.1f for the GRU (one thread, two runs side by "
                + "side), %.0f–%.0f s against %.0f at T = 200", study + "/summary.csv", () -> new Object[] {
                        mean(study, "min_gru", 25, "seconds_per_epoch"), mean(study, "min_lstm", 25, "seconds_per_epoch"), mean(study, "gru", 25, "seconds_per_epoch"),
                        mean(study, "min_gru", 200, "seconds_per_epoch"), mean(study, "min_lstm", 200, "seconds_per_epoch"), mean(study, "gru", 200, "seconds_per_epoch")}));
        c.add(derived(MEMORY_MD, "both LSTMs solve T = 10 and 25 on every seed and T = 50 on %s seeds of three", study + "/runs.csv", () -> {
            for (String arm : List.of("lstm", "peephole_lstm")) {
                assertEquals(3, solvedSeeds(study, arm, 10), arm + " solves T = 10 on every seed");
                assertEquals(3, solvedSeeds(study, arm, 25), arm + " solves T = 25 on every seed");
            }
            return new Object[] {same(WORDS[solvedSeeds(study, "lstm", 50)], WORDS[solvedSeeds(study, "peephole_lstm", 50)])};
        }));
        c.add(derived(MEMORY_MD, "SimpleRnn − LSTM, paired t-test: T = 10 p = %.2f, T = 25 p = %.3f, T = 50 p = %.3f", study + "/comparison.csv",
                () -> new Object[] {diff(study, "simple_rnn", "lstm", 10, "test_loss").p(), diff(study, "simple_rnn", "lstm", 25, "test_loss").p(),
                        diff(study, "simple_rnn", "lstm", 50, "test_loss").p()}));
        c.add(derived(MEMORY_MD, "is %.1f for the SimpleRnn and %s for both LSTMs at T = 100, %.1f and %.1f (peephole %.1f) at T = 200; after "
                + "training the LSTMs' falls further (%s to %s at T = 100, %s to %s at T = 200)", study + "/gradients.csv", () -> {
                    double[] at100 = concat(ratios(study, "lstm", 100, "trained"), ratios(study, "peephole_lstm", 100, "trained"));
                    double[] at200 = concat(ratios(study, "lstm", 200, "trained"), ratios(study, "peephole_lstm", 200, "trained"));
                    return new Object[] {meanLog(study, "simple_rnn", 100, "untrained"),
                            same(format("%.1f", meanLog(study, "lstm", 100, "untrained")), format("%.1f", meanLog(study, "peephole_lstm", 100, "untrained"))),
                            meanLog(study, "simple_rnn", 200, "untrained"), meanLog(study, "lstm", 200, "untrained"),
                            meanLog(study, "peephole_lstm", 200, "untrained"),
                            format("%.0f", max(at100)), format("%.0f", min(at100)), format("%.0f", max(at200)), format("%.0f", min(at200))};
                }));
    }

    /** A row of the adding table: mean and sd of each cell in the table's order, followed by its seeds for {@code withSeeds}. */
    private static Claim addingRow(String template, int t, String... withSeeds) {
        String study = "memory-adding";
        return derived(MEMORY_MD, template, study + "/summary.csv, runs.csv", () -> {
            List<Object> values = new ArrayList<>();
            for (String arm : CELLS) {
                values.add(mean(study, arm, t, "test_loss"));
                values.add(number(summaryRow(study, arm, t), "test_loss_std"));
                if (Arrays.asList(withSeeds).contains(arm)) {
                    Arrays.stream(seeds(study, arm, t, "test_loss")).boxed().forEach(values::add);
                }
            }
            return values.toArray();
        });
    }

    private static void clipping(List<Claim> c) {
        String s = "clipping/summary.csv";
        c.add(derived(MEMORY_MD, "LSTM %.3f ± %.3f; SimpleRnn %.3f ± %.3f; SimpleRnn with gradient clipping (per-parameter L2 norm 1.0) "
                + "%.3f ± %.3f. The LSTM is better than the plain SimpleRnn (paired t-test p = %.3f); clipping does not make a significant "
                + "difference (p = %.2f)", "clipping/summary.csv, comparison.csv", () -> {
                    List<Object> v = new ArrayList<>();
                    for (String arm : List.of("lstm", "simple_rnn", "simple_rnn_clipped")) {
                        Map<String, String> r = row(s, Map.of("arm", arm));
                        v.add(number(r, "test_accuracy_mean"));
                        v.add(number(r, "test_accuracy_std"));
                    }
                    v.add(diff("clipping", "lstm", "simple_rnn", 80, "test_accuracy").p());
                    v.add(diff("clipping", "simple_rnn", "simple_rnn_clipped", 80, "test_accuracy").p());
                    return v.toArray();
                }));
        c.add(derived(MEMORY_MD, "| clipping | %d (%d recurrent + %d baseline) |", "clipping/runs.csv", () -> {
            List<Map<String, String>> runs = rows("clipping/runs.csv");
            long baselines = runs.stream().filter(r -> Set.of("majority", "tfidf_logreg").contains(r.get("variant"))).count();
            return new Object[] {runs.size(), runs.size() - (int) baselines, (int) baselines};
        }));
        c.add(derived(MEMORY_MD, "seed 1's SimpleRnn stays near the majority class (validation accuracy %.2f–%.2f) for all 10 epochs",
                "clipping/epochs.csv", () -> {
                    double[] acc = epochs("simple_rnn", 1, "val_accuracy");
                    assertEquals(10, acc.length);
                    return new Object[] {min(acc), max(acc)};
                }));
        c.add(derived(MEMORY_MD, "seed 2's SimpleRnn reached %.3f validation accuracy, then in epoch 10 its training loss jumped from %.3f "
                + "to %.3f and validation accuracy fell to %.2f", "clipping/epochs.csv", () -> {
                    double[] acc = epochs("simple_rnn", 2, "val_accuracy");
                    double[] loss = epochs("simple_rnn", 2, "train_loss");
                    return new Object[] {max(acc), loss[8], loss[9], acc[9]};
                }));
        c.add(derived(MEMORY_MD, "The unclipped SimpleRnn's largest gradient norm in a step was %,.0f (LSTM: at most %,.0f)", "clipping/epochs.csv",
                () -> new Object[] {max(column("clipping/epochs.csv", r -> r.get("arm").equals("simple_rnn"), "grad_norm_max")),
                        max(column("clipping/epochs.csv", r -> r.get("arm").equals("lstm"), "grad_norm_max"))}));
        c.add(derived(MEMORY_MD, "the clipped SimpleRnn's seed 3 still saw its loss climb from %.3f to %.3f over epochs 4–6 and recover to %.3f",
                "clipping/epochs.csv", () -> {
                    double[] loss = epochs("simple_rnn_clipped", 3, "train_loss");
                    return new Object[] {loss[3], loss[5], loss[9]};
                }));
        c.add(derived(MEMORY_MD, "The LSTM trains stably (its largest within-run rise: %.3f → %.3f)", "clipping/epochs.csv", () -> {
            double[] best = {0, 0};
            for (int seed = 1; seed <= 3; seed++) {
                double[] loss = epochs("lstm", seed, "train_loss");
                for (int e = 1; e < loss.length; e++) {
                    if (loss[e] - loss[e - 1] > best[1] - best[0]) {
                        best = new double[] {loss[e - 1], loss[e]};
                    }
                }
            }
            return new Object[] {best[0], best[1]};
        }));
    }

    private static void tuning(List<Claim> c) {
        // In short, and the README's findings.
        c.add(derived(TUNING_MD, "(recipe LSTM: %.3f and %.3f; recipe SimpleRnn: %.3f and %.3f)", "tuned-recall/summary.csv", () -> new Object[] {
                mean("tuned-recall", "lstm", 50, "test_accuracy"), mean("tuned-recall", "lstm", 100, "test_accuracy"),
                mean("tuned-recall", "simple_rnn", 50, "test_accuracy"), mean("tuned-recall", "simple_rnn", 100, "test_accuracy")}));
        c.add(derived(TUNING_MD, "scores 1.000 at both lengths (%+.3f [%.3f, %.3f] at T = 100, p = %s)", "chrono-recall/comparison.csv", () -> {
            Diff d = diff("chrono-recall", "lstm_chrono", "lstm", 100, "test_accuracy");
            return new Object[] {d.diff(), d.low(), d.high(), exponent(d.p())};
        }));
        c.add(derived(TUNING_MD, "the tuned LSTM (%.3f ± %.3f) reaches the TF-IDF baseline (%.3f ± %.3f) but does not pass it (%+.3f [%.3f, %.3f], "
                + "p = %.3f); the tuned SimpleRnn gains %+.3f over its recipe and stays %.3f below TF-IDF", "tuned-default/summary.csv, comparison.csv",
                () -> {
                    Diff d = diff("tuned-default", "lstm_tuned", "tfidf_logreg", 80, "test_accuracy");
                    Map<String, String> lstm = summaryRow("tuned-default", "lstm_tuned", 80);
                    Map<String, String> tfidf = summaryRow("tuned-default", "tfidf_logreg", 80);
                    return new Object[] {number(lstm, "test_accuracy_mean"), number(lstm, "test_accuracy_std"), number(tfidf, "test_accuracy_mean"),
                            number(tfidf, "test_accuracy_std"), d.diff(), d.low(), d.high(), d.p(),
                            diff("tuned-default", "simple_rnn_tuned", "simple_rnn", 80, "test_accuracy").diff(),
                            -diff("tuned-default", "simple_rnn_tuned", "tfidf_logreg", 80, "test_accuracy").diff()};
                }));

        // The recall table.
        String tr = "tuned-recall";
        c.add(derived(TUNING_MD, "| SimpleRnn | 50 | %.3f ± %.0f | %.3f ± %.0f | %.0f | – | %s |", tr + "/summary.csv, comparison.csv, best.csv", () -> {
            Map<String, String> recipe = summaryRow(tr, "simple_rnn", 50);
            Map<String, String> tuned = summaryRow(tr, "simple_rnn_tuned", 50);
            return new Object[] {number(recipe, "test_accuracy_mean"), number(recipe, "test_accuracy_std"), number(tuned, "test_accuracy_mean"),
                    number(tuned, "test_accuracy_std"), diff(tr, "simple_rnn_tuned", "simple_rnn", 50, "test_accuracy").diff(), winner(tr, "simple_rnn", 50, false)};
        }));
        c.add(tunedRow("| LSTM | 50 | %.3f ± %.3f | **%.3f ± %.0f** | %+.3f [%.3f, %.3f] | %.3f | %s |", "lstm", 50, false));
        c.add(tunedRow("| SimpleRnn | 100 | %.3f ± %.3f | **%.3f ± %.0f** | %+.3f [%.3f, %.3f] | %.3f | %s |", "simple_rnn", 100, false));
        c.add(tunedRow("| LSTM | 100 | %.3f ± %.3f | **%.3f ± %.0f** | %+.3f [%.3f, %.3f] | %s | %s |", "lstm", 100, true));
        c.add(derived(TUNING_MD, "ran the same %d candidate runs and chose the same four winners", tr + "/trials.csv, best.csv", () -> {
            assertEquals(4, rows(tr + "/best.csv").size(), "four winners");
            return new Object[] {rows(tr + "/trials.csv").size()};
        }));
        c.add(derived(TUNING_MD, "The only LSTM candidates that learned the task (%s, at both lengths)", tr + "/trials.csv", () -> {
            String at50 = learned(50);
            return new Object[] {same(at50, learned(100))};
        }));
        c.add(derived(TUNING_MD, "no candidate with the recipe's forget bias of 1 got above %.3f at T = 50 or %.3f at T = 100 in any rung, whatever "
                + "its learning rate (%s … %s)", tr + "/trials.csv", () -> {
                    Predicate<Map<String, String>> biasOne = r -> r.get("arm").equals("lstm") && r.get("model.forget_bias").equals("1");
                    double[] rates = column(tr + "/trials.csv", biasOne, "model.learning_rate");
                    return new Object[] {max(column(tr + "/trials.csv", biasOne.and(r -> r.get("max_len").equals("50")), "objective")),
                            max(column(tr + "/trials.csv", biasOne.and(r -> r.get("max_len").equals("100")), "objective")),
                            exponent(min(rates)), exponent(max(rates))};
                }));
        c.add(derived(TUNING_MD, "(η² on the 2-epoch rung: dropout %.2f, layers %.2f, forget bias %.2f, units %.2f at T = 100)", tr + "/importance.csv",
                () -> Stream.of("model.dropout", "model.layers", "model.forget_bias", "model.units")
                        .map(p -> number(row(tr + "/importance.csv", Map.of("arm", "lstm", "max_len", "100", "parameter", p)), "variance_share")).toArray()));
        c.add(derived(TUNING_MD, "(`experiments/chrono-recall.yaml`: the recipe's LSTM with one change, `forget_bias: chrono`, beside the unchanged "
                + "recipe; %d runs", "chrono-recall/runs.csv", () -> new Object[] {rows("chrono-recall/runs.csv").size()}));
        c.add(derived(TUNING_MD, "LSTM from %.3f ± %.3f to **%.3f** on %s at T = 50 (%+.3f [%.3f, %.3f], p = %.3f) and from chance (%.3f ± %.3f) "
                + "to **%.3f** at T = 100 (%+.3f [%.3f, %.3f], p = %s)", "chrono-recall/summary.csv, runs.csv, comparison.csv", () -> {
                    String ch = "chrono-recall";
                    Diff d50 = diff(ch, "lstm_chrono", "lstm", 50, "test_accuracy");
                    Diff d100 = diff(ch, "lstm_chrono", "lstm", 100, "test_accuracy");
                    return new Object[] {mean(ch, "lstm", 50, "test_accuracy"), number(summaryRow(ch, "lstm", 50), "test_accuracy_std"),
                            mean(ch, "lstm_chrono", 50, "test_accuracy"), everySeed(ch, List.of("lstm_chrono"), List.of(50)),
                            d50.diff(), d50.low(), d50.high(), d50.p(),
                            mean(ch, "lstm", 100, "test_accuracy"), number(summaryRow(ch, "lstm", 100), "test_accuracy_std"),
                            mean(ch, "lstm_chrono", 100, "test_accuracy"), d100.diff(), d100.low(), d100.high(), exponent(d100.p())};
                }));
        c.add(derived(TUNING_MD, "The SimpleRnn's T = 100 winner is a single layer, no dropout, a learning rate %s times below the recipe's: the "
                + "recipe's three layers with dropout 0.5 are what held it at %.2f ± %.2f", tr + "/best.csv, summary.csv", () -> {
                    Map<String, String> best = row(tr + "/best.csv", Map.of("arm", "simple_rnn", "max_len", "100"));
                    assertEquals(1, integer(best, "model.layers"), "a single layer");
                    assertEquals(0, number(best, "model.dropout"), "no dropout");
                    return new Object[] {WORDS[(int) Math.round(RECIPE_LEARNING_RATE / number(best, "model.learning_rate"))],
                            mean(tr, "simple_rnn", 100, "test_accuracy"), number(summaryRow(tr, "simple_rnn", 100), "test_accuracy_std")};
                }));
        c.add(derived(TUNING_MD, "the tuned LSTM at T = 100 is 2 × 256 units (%.1f s/epoch against the recipe's %.1f); at T = 50 it is 2 × 64 "
                + "(%.1f s/epoch, %.1f times cheaper than the recipe)", tr + "/summary.csv", () -> {
                    double tuned50 = mean(tr, "lstm_tuned", 50, "seconds_per_epoch");
                    return new Object[] {mean(tr, "lstm_tuned", 100, "seconds_per_epoch"), mean(tr, "lstm", 100, "seconds_per_epoch"),
                            tuned50, mean(tr, "lstm", 50, "seconds_per_epoch") / tuned50};
                }));

        // The SpamAssassin table.
        String td = "tuned-default";
        c.add(defaultRow("| SimpleRnn, recipe | %.3f ± %.3f | %.3f | %.1f | %+.3f [%.3f, %.3f], %.3f |", "simple_rnn"));
        c.add(defaultRow("| SimpleRnn, tuned: %s | %.3f ± %.3f | %.3f | %.1f | %+.3f [%.3f, %.3f], %.3f |", "simple_rnn_tuned"));
        c.add(defaultRow("| LSTM, recipe | %.3f ± %.3f | %.3f | %.1f | %+.3f [%.3f, %.3f], %.2f |", "lstm"));
        c.add(defaultRow("| LSTM, tuned: %s | **%.3f ± %.3f** | %.3f | %.1f | **%+.3f [%.3f, %.3f], %.3f** |", "lstm_tuned"));
        c.add(claim(TUNING_MD, "| TF-IDF logistic regression | %.3f ± %.3f | %.3f | %.1f | – |", td + "/summary.csv", Map.of("arm", "tfidf_logreg"),
                "test_accuracy_mean", "test_accuracy_std", "test_f1_mean", "seconds_per_epoch_mean"));
        c.add(claim(TUNING_MD, "| majority class | %.3f | %.0f | – | – |", td + "/summary.csv", Map.of("arm", "majority"),
                "test_accuracy_mean", "test_f1_mean"));
        c.add(derived(TUNING_MD, "+0.002, an interval that straddles 0, at %.0f times its cost per epoch. The tuned SimpleRnn gains %+.3f [%.3f, %.3f] "
                + "(p = %.3f) over its recipe and still stays %.3f below TF-IDF", td + "/summary.csv, comparison.csv", () -> {
                    Diff d = diff(td, "simple_rnn_tuned", "simple_rnn", 80, "test_accuracy");
                    return new Object[] {mean(td, "lstm_tuned", 80, "seconds_per_epoch") / mean(td, "tfidf_logreg", 80, "seconds_per_epoch"),
                            d.diff(), d.low(), d.high(), d.p(), -diff(td, "simple_rnn_tuned", "tfidf_logreg", 80, "test_accuracy").diff()};
                }));
        c.add(derived(TUNING_MD, "tuned LSTM − tuned SimpleRnn = %+.3f [%.3f, %.3f], p = %.3f — the textbook order holds on text, but the recipe's "
                + "gap of %.2f", td + "/comparison.csv", () -> {
                    Diff d = diff(td, "lstm_tuned", "simple_rnn_tuned", 80, "test_accuracy");
                    return new Object[] {d.diff(), d.low(), d.high(), d.p(), diff(td, "lstm", "simple_rnn", 80, "test_accuracy").diff()};
                }));
        c.add(derived(TUNING_MD, "%d of its %d candidates passed 0.967 validation accuracy after 2 epochs (only the learning rate of %s failed, %.2f), "
                + "so tuning moved it by %+.3f [%.3f, %.3f], p = %.2f", td + "/trials.csv, comparison.csv", () -> {
                    List<Map<String, String>> first = rows(td + "/trials.csv", r -> r.get("arm").equals("lstm") && r.get("rung").equals("0"));
                    List<Map<String, String>> failed = first.stream().filter(r -> number(r, "objective") < 0.967).toList();
                    assertEquals(1, failed.size(), "one LSTM candidate below 0.967");
                    Diff d = diff(td, "lstm_tuned", "lstm", 80, "test_accuracy");
                    return new Object[] {first.size() - failed.size(), first.size(), exponent(number(failed.get(0), "model.learning_rate")),
                            number(failed.get(0), "objective"), d.diff(), d.low(), d.high(), d.p()};
                }));
        c.add(derived(TUNING_MD, "its candidates spread from %.2f to %.2f, and its winner is the recipe's 3 × 128 with a learning rate %s times lower",
                td + "/trials.csv, best.csv", () -> {
                    double[] objectives = column(td + "/trials.csv", r -> r.get("arm").equals("simple_rnn"), "objective");
                    Map<String, String> best = row(td + "/best.csv", Map.of("arm", "simple_rnn"));
                    return new Object[] {min(objectives), max(objectives),
                            WORDS[(int) Math.round(RECIPE_LEARNING_RATE / number(best, "model.learning_rate"))]};
                }));
    }

    private static Claim tunedRow(String template, String arm, int t, boolean exponentP) {
        String tr = "tuned-recall";
        return derived(TUNING_MD, template, tr + "/summary.csv, comparison.csv, best.csv", () -> {
            Map<String, String> recipe = summaryRow(tr, arm, t);
            Map<String, String> tuned = summaryRow(tr, arm + "_tuned", t);
            Diff d = diff(tr, arm + "_tuned", arm, t, "test_accuracy");
            return new Object[] {number(recipe, "test_accuracy_mean"), number(recipe, "test_accuracy_std"), number(tuned, "test_accuracy_mean"),
                    number(tuned, "test_accuracy_std"), d.diff(), d.low(), d.high(), exponentP ? exponent(d.p()) : d.p(), winner(tr, arm, t, true)};
        });
    }

    private static Claim defaultRow(String template, String arm) {
        String td = "tuned-default";
        return derived(TUNING_MD, template, td + "/summary.csv, comparison.csv, best.csv", () -> {
            Map<String, String> r = summaryRow(td, arm, 80);
            Diff d = diff(td, arm, "tfidf_logreg", 80, "test_accuracy");
            List<Object> v = new ArrayList<>();
            if (arm.endsWith("_tuned")) {
                v.add(winner(td, arm.replace("_tuned", ""), 80, false));
            }
            v.addAll(List.of(number(r, "test_accuracy_mean"), number(r, "test_accuracy_std"), number(r, "test_f1_mean"),
                    number(r, "seconds_per_epoch_mean"), d.diff(), d.low(), d.high(), d.p()));
            return v.toArray();
        });
    }

    /** The LSTM candidates that reached the solved accuracy in some rung at length t, as "5 and 8". */
    private static String learned(int t) {
        return rows("tuned-recall/trials.csv", r -> r.get("arm").equals("lstm") && integer(r, "max_len") == t
                && number(r, "objective") >= SOLVED_ACCURACY).stream()
                .map(r -> integer(r, "candidate")).collect(Collectors.toCollection(TreeSet::new)).stream()
                .map(String::valueOf).collect(Collectors.joining(" and "));
    }

    private static void setup(List<Claim> c) {
        // The default study's LSTM and SimpleRnn on the AVX-512 host are the clipping study's lstm and simple_rnn arms (same plan
        // settings, seeds and natives), committed as clipping/.
        String s = "clipping/summary.csv";
        c.add(claim(SETUP_MD, "| LSTM | %.3f ± %.3f | %.3f | %.3f |", s, Map.of("arm", "lstm"),
                "test_accuracy_mean", "test_accuracy_std", "test_f1_mean", "test_auc_mean"));
        c.add(claim(SETUP_MD, "| SimpleRnn | %.3f ± %.3f | %.3f | %.3f |", s, Map.of("arm", "simple_rnn"),
                "test_accuracy_mean", "test_accuracy_std", "test_f1_mean", "test_auc_mean"));
        c.add(claim(SETUP_MD, "| TF-IDF logistic regression | %.3f ± %.3f | %.3f | %.3f |", s, Map.of("arm", "tfidf_logreg"),
                "test_accuracy_mean", "test_accuracy_std", "test_f1_mean", "test_auc_mean"));
        c.add(claim(SETUP_MD, "| majority class (ham) | %.3f | %.0f | %.1f |", s, Map.of("arm", "majority"),
                "test_accuracy_mean", "test_f1_mean", "test_auc_mean"));
    }

    // ---------------------------------------------------------------------------------------------------- the tests

    @TestFactory
    Stream<DynamicTest> everyQuotedFigureIsWhatItsCsvGives() {
        Map<String, String> docs = new HashMap<>();
        return claims().stream().map(claim -> DynamicTest.dynamicTest(claim.doc() + ": " + claim.template(), () -> {
            String text = docs.computeIfAbsent(claim.doc(), QuotedFiguresTest::readDoc);
            String expected = render(claim.template(), claim.values().get());
            if (!text.contains(collapse(expected))) {
                fail(claim.doc() + " should say \"" + expected + "\" (from results/reference/" + claim.source() + "; template \""
                        + claim.template() + "\")");
            }
        }));
    }

    @Test
    void theClaimsCoverTheReadmeAndEveryStudyDoc() {
        List<Claim> all = claims();
        assertTrue(all.size() >= 40, "claims: " + all.size());
        Set<String> docs = all.stream().map(Claim::doc).collect(Collectors.toSet());
        assertEquals(Set.of(README, CELLS_MD, MEMORY_MD, TUNING_MD, SETUP_MD, SEQUENCE_MD, ALL_TASKS_MD), docs);
    }

    @Test
    void renderingRoundsHalfUpAndWritesTheDocumentsMinus() {
        assertEquals("0.047 ± 0.028", render("%.3f ± %.3f", 0.0465, 0.02824));
        assertEquals("0.046 −0.003 [−0.018, 0.013]", render("%.3f %+.3f [%.3f, %.3f]", 0.046474, -0.00263, -0.01806, 0.01279));
        assertEquals("p = 1.7·10⁻⁴, 1.6e-5, 10⁻¹²", render("p = %s, %s, %s", timesTen(1.7311e-4), exponent(1.6049e-5), power(-12)));
        assertEquals("16,221 and T-1", render("%,.0f and T-1", 16220.6));
    }

    // -------------------------------------------------------------------------------------------- building claims

    /** A figure read from one row of a CSV: {@code filter} must match exactly one row; {@code columns} fill the template in order. */
    static Claim claim(String doc, String template, String csv, Map<String, String> filter, String... columns) {
        return new Claim(doc, template, csv + " " + filter, () -> {
            Map<String, String> r = row(csv, filter);
            return Arrays.stream(columns).map(col -> (Object) number(r, col)).toArray();
        });
    }

    /** A figure computed from CSV rows: a difference, a count of seeds, an extreme over epochs. */
    static Claim derived(String doc, String template, String source, Supplier<Object[]> values) {
        return new Claim(doc, template, source, values);
    }

    /** arm_a − arm_b as the document names them: comparison.csv's row, turned round when it holds arm_b − arm_a. */
    private static Claim diffClaim(String doc, String template, String study, String a, String b, int t, String metric) {
        return derived(doc, template, study + "/comparison.csv", () -> {
            Diff d = diff(study, a, b, t, metric);
            return new Object[] {d.diff(), d.low(), d.high(), d.p()};
        });
    }

    record Diff(double diff, double low, double high, double p) {
    }

    static Diff diff(String study, String a, String b, int t, String metric) {
        String csv = study + "/comparison.csv";
        List<Map<String, String>> forward = rows(csv, r -> r.get("arm_a").equals(a) && r.get("arm_b").equals(b)
                && integer(r, "max_len") == t && r.get("metric").equals(metric));
        if (forward.size() == 1) {
            Map<String, String> r = forward.get(0);
            return new Diff(number(r, "mean_diff"), number(r, "diff_ci95_low"), number(r, "diff_ci95_high"), number(r, "p_paired_t"));
        }
        Map<String, String> r = row(csv, Map.of("arm_a", b, "arm_b", a, "max_len", String.valueOf(t), "metric", metric));
        // 0.0 − x, not −x: a difference of 0 stays 0 (String.format writes −0.0 as "-0").
        return new Diff(0.0 - number(r, "mean_diff"), 0.0 - number(r, "diff_ci95_high"), 0.0 - number(r, "diff_ci95_low"), number(r, "p_paired_t"));
    }

    private static void sequence(List<Claim> c) {
        Map<String, String> jsbPublished = Map.of("simple_rnn", "8.91", "gru", "8.43", "lstm", "8.45", "min_gru", "—", "min_lstm", "—");
        Map<String, String> copyPublished = Map.of("simple_rnn", "0.0202", "gru", "0.0197", "lstm", "0.0204", "min_gru", "—", "min_lstm", "—");
        for (String arm : SEQUENCE_CELLS) {
            c.add(derived(SEQUENCE_MD, "| " + CELL_NAMES.get(arm) + " | %.2f ± %.2f | %.2f ± %.2f | %.2f ± %.2f [%.2f, %.2f] | %.2f ± %.2f "
                    + "| %.0f K / %.0f K | " + jsbPublished.get(arm) + " |", "seq-jsb/summary.csv, runs.csv", () -> {
                        Map<String, String> r = row("seq-jsb/summary.csv", Map.of("arm", arm));
                        Map<String, String> t = row("seq-jsb/summary.csv", Map.of("arm", arm + "_tuned"));
                        double[] last = column("seq-jsb/runs.csv", e -> e.get("arm").equals(arm), "last_test_nll_per_frame");
                        double[] tunedLast = column("seq-jsb/runs.csv", e -> e.get("arm").equals(arm + "_tuned"), "last_test_nll_per_frame");
                        return new Object[] {number(r, "test_nll_per_frame_mean"), number(r, "test_nll_per_frame_std"), mean(last), sd(last),
                                number(t, "test_nll_per_frame_mean"), number(t, "test_nll_per_frame_std"),
                                number(t, "test_nll_per_frame_ci95_low"), number(t, "test_nll_per_frame_ci95_high"), mean(tunedLast),
                                sd(tunedLast), number(r, "params_mean") / 1000, number(t, "params_mean") / 1000};
                    }));
            c.add(derived(SEQUENCE_MD, "| " + CELL_NAMES.get(arm) + " | %.4f ± %.4f | %.4f ± %.4f [%.4f, %.4f] | %.4f ± %.4f | %.3f | %.0f K / "
                    + "%.0f K | " + copyPublished.get(arm) + " |", "seq-copy/summary.csv, runs.csv", () -> {
                        Map<String, String> r = row("seq-copy/summary.csv", Map.of("arm", arm));
                        Map<String, String> t = row("seq-copy/summary.csv", Map.of("arm", arm + "_tuned"));
                        double[] last = column("seq-copy/runs.csv", e -> e.get("arm").equals(arm + "_tuned"), "last_test_nats_per_step");
                        return new Object[] {number(r, "test_nats_per_step_mean"), number(r, "test_nats_per_step_std"),
                                number(t, "test_nats_per_step_mean"), number(t, "test_nats_per_step_std"),
                                number(t, "test_nats_per_step_ci95_low"), number(t, "test_nats_per_step_ci95_high"), mean(last), sd(last),
                                number(t, "test_accuracy_mean"), number(r, "params_mean") / 1000, number(t, "params_mean") / 1000};
                    }));
            c.add(derived(SEQUENCE_MD, "| " + CELL_NAMES.get(arm) + " | %.3f ± %.3f | %.0f K |", "memory-adding/summary.csv",
                    () -> new Object[] {mean("memory-adding", arm, 200, "test_loss"), number(summaryRow("memory-adding", arm, 200), "test_loss_std"),
                            mean("memory-adding", arm, 200, "params") / 1000}));
        }
        for (String arm : SEQUENCE_CELLS) {
            c.add(derived(SEQUENCE_MD, "| " + CELL_NAMES.get(arm) + " | %.3f ± %.3f | %.3f ± %.3f | %.3f ± %.3f | %.3f | %.0f K / %.0f K |",
                    "seq-chars/summary.csv", () -> {
                        Map<String, String> r = row("seq-chars/summary.csv", Map.of("arm", arm));
                        Map<String, String> t = row("seq-chars/summary.csv", Map.of("arm", arm + "_tuned"));
                        return new Object[] {number(r, "test_bpc_mean"), number(r, "test_bpc_std"), number(t, "test_bpc_mean"),
                                number(t, "test_bpc_std"), number(t, "test_nats_per_char_mean"), number(t, "test_nats_per_char_std"),
                                number(t, "test_accuracy_mean"), number(r, "params_mean") / 1000, number(t, "params_mean") / 1000};
                    }));
        }
        c.add(claim(SEQUENCE_MD, "(our tuned minGRU and minLSTM: %.3f and", "seq-chars/summary.csv", Map.of("arm", "min_gru_tuned"),
                "test_nats_per_char_mean"));
        c.add(claim(SEQUENCE_MD, "and %.3f nats per character)", "seq-chars/summary.csv", Map.of("arm", "min_lstm_tuned"),
                "test_nats_per_char_mean"));
        c.add(claim(SEQUENCE_MD, "| order-5 n-gram, Witten-Bell (baseline) | %.3f | | %.3f | %.3f |", "seq-chars/summary.csv",
                Map.of("arm", "ngram"), "test_bpc_mean", "test_nats_per_char_mean", "test_accuracy_mean"));
        c.add(claim(SEQUENCE_MD, "| note frequency (baseline) | %.2f |", "seq-jsb/summary.csv", Map.of("arm", "note_frequency"),
                "test_nll_per_frame_mean"));
        c.add(claim(SEQUENCE_MD, "| memoryless (the line to beat) | %.4f | | | %.3f |", "seq-copy/summary.csv", Map.of("arm", "memoryless"),
                "test_nats_per_step_mean", "test_accuracy_mean"));
    }

    /** The JSB study at the published size and protocol: its table and findings. */
    private static void tcnProtocol(List<Claim> c) {
        Map<String, String> published = Map.of("simple_rnn", "8.91", "gru", "8.43", "lstm", "8.45");
        String runs = "seq-jsb-tcn/runs.csv";
        for (String arm : List.of("simple_rnn", "gru", "lstm")) {
            c.add(sizedRow("seq-jsb-tcn", arm, arm, 300_000, 5, published.get(arm)));
        }
        c.add(derived(SEQUENCE_MD, "The GRU comes within %.2f of its figure and beats the SimpleRnn by %.2f [%.2f, %.2f]\n  (paired over the "
                + "five seeds, p = %s)", "seq-jsb-tcn/summary.csv, comparison.csv", () -> {
                    Diff d = diff("seq-jsb-tcn", "simple_rnn", "gru", 100, "test_nll_per_frame");
                    double gru = number(row("seq-jsb-tcn/summary.csv", Map.of("arm", "gru")), "test_nll_per_frame_mean");
                    return new Object[] {gru - 8.43, d.diff(), d.low(), d.high(),
                            exponent(d.p())};
                }));
        c.add(derived(SEQUENCE_MD, "the SimpleRnn meets its published figure (%.2f against 8.91)", "seq-jsb-tcn/summary.csv",
                () -> new Object[] {number(row("seq-jsb-tcn/summary.csv", Map.of("arm", "simple_rnn")), "test_nll_per_frame_mean")}));
        c.add(derived(SEQUENCE_MD, "every seed's best epoch is its %dth or %dth", runs, () -> {
            double[] best = column(runs, e -> e.get("arm").equals("lstm"), "best_epoch");
            double[] trained = column(runs, e -> e.get("arm").equals("lstm"), "epochs_trained");
            assertEquals(60, min(trained), "every LSTM run trained all 60 epochs");
            return new Object[] {(int) min(best), (int) max(best)};
        }));
    }

    /** Nottingham at the published size and protocol: its table. */
    private static void nottinghamTcn(List<Claim> c) {
        c.add(sizedRow("nottingham-tcn", "gru", "gru", 1_000_000, 3, "3.46"));
        c.add(sizedRow("nottingham-tcn", "lstm", "lstm", 1_000_000, 3, "3.29"));
        c.add(sizedRowAs("nottingham-tcn", "lstm_100", "LSTM, up to 100 epochs", 1_000_000, 3, "3.29"));
        c.add(sizedRowAs("nottingham-tcn", "lstm_rate2", "LSTM, Adam 2·10⁻³, up to 100 epochs", 1_000_000, 3, "3.29"));
        String summary = "nottingham-tcn/summary.csv";
        String runs = "nottingham-tcn/runs.csv";
        Supplier<Object[]> longer = () -> {
            Map<String, String> r = row(summary, Map.of("arm", "lstm_100"));
            double[] trained = column(runs, e -> e.get("arm").equals("lstm_100"), "epochs_trained");
            assertTrue(max(trained) < 100, "every run stopped by itself");
            return new Object[] {range(trained), number(r, "test_nll_per_frame_mean"), number(r, "test_nll_per_frame_ci95_low"),
                    number(r, "test_nll_per_frame_ci95_high"), number(r, "test_nll_per_frame_mean") - 3.29};
        };
        c.add(derived(SEQUENCE_MD, "**Allowed 100 epochs (the `lstm_100` arm), the LSTM stops by itself at epochs %s and comes to %.2f "
                + "[%.2f, %.2f],\n  %.3f above 3.29:**", runs + ", summary.csv", longer));
        c.add(derived(ALL_TASKS_MD, "allowed 100 epochs it stops by itself at %s and comes to\n%.2f [%.2f, %.2f], %.3f above", runs
                + ", summary.csv", longer));
        c.add(derived(SEQUENCE_MD, "two seeds had passed their best epoch before 60 (%d and %d: the rate cuts had left nothing to\n  gain) and "
                + "end where they were; seed 2 goes on from %.2f to %.2f (best epoch %d)", runs, () -> {
                    Map<String, Map<String, String>> by = new HashMap<>();
                    for (String seed : List.of("1", "2", "3")) {
                        Map<String, String> longRun = row(runs, Map.of("arm", "lstm_100", "seed", seed));
                        Map<String, String> capped = row(runs, Map.of("arm", "lstm", "seed", seed));
                        boolean passed = integer(longRun, "best_epoch") < 60;
                        assertEquals(passed, number(longRun, "test_nll_per_frame") == number(capped, "test_nll_per_frame"),
                                "seed " + seed + ": unchanged exactly when its best epoch came before 60");
                        by.put(seed, longRun);
                    }
                    assertTrue(integer(by.get("1"), "best_epoch") < 60 && integer(by.get("3"), "best_epoch") < 60
                            && integer(by.get("2"), "best_epoch") >= 60, "seeds 1 and 3 passed their best before 60, seed 2 not");
                    return new Object[] {integer(by.get("1"), "best_epoch"), integer(by.get("3"), "best_epoch"),
                            number(row(runs, Map.of("arm", "lstm", "seed", "2")), "test_nll_per_frame"),
                            number(by.get("2"), "test_nll_per_frame"), integer(by.get("2"), "best_epoch")};
                }));
        Supplier<Object[]> faster = () -> {
            Map<String, String> r = row(summary, Map.of("arm", "lstm_rate2"));
            double[] test = column(runs, e -> e.get("arm").equals("lstm_rate2"), "test_nll_per_frame");
            assertTrue(max(test) < 3.29, "every seed below 3.29");
            return new Object[] {number(r, "test_nll_per_frame_mean"), number(r, "test_nll_per_frame_ci95_low"),
                    number(r, "test_nll_per_frame_ci95_high")};
        };
        c.add(derived(SEQUENCE_MD, "the LSTM comes to %.2f [%.2f, %.2f],\n  every seed below 3.29", runs + ", summary.csv", faster));
        c.add(derived(ALL_TASKS_MD, "the arm validation picks, it comes to %.2f [%.2f, %.2f],\nevery seed below 3.29", runs
                + ", summary.csv", faster));
        String epochs = "nottingham-tcn/epochs.csv";
        c.add(derived(SEQUENCE_MD, "every seed below 3.29 (%.2f–%.2f):** it leaves the note-frequency plateau sooner (validation after 20 "
                + "epochs\n  %.2f–%.2f, against %.2f–%.2f at 10⁻³), has its best epoch at %s and stops by itself at %s", runs + ", "
                + epochs, () -> {
                    double[] test = column(runs, e -> e.get("arm").equals("lstm_rate2"), "test_nll_per_frame");
                    double[] fast = column(epochs, e -> e.get("arm").equals("lstm_rate2") && e.get("epoch").equals("20"), "val_nll_per_frame");
                    double[] slow = column(epochs, e -> e.get("arm").equals("lstm") && e.get("epoch").equals("20"), "val_nll_per_frame");
                    double[] trained = column(runs, e -> e.get("arm").equals("lstm_rate2"), "epochs_trained");
                    assertTrue(max(trained) < 100, "every run stopped by itself");
                    return new Object[] {min(test), max(test), min(fast), max(fast), min(slow), max(slow),
                            range(column(runs, e -> e.get("arm").equals("lstm_rate2"), "best_epoch")), range(trained)};
                }));
        c.add(derived(SEQUENCE_MD, "Its validation mean is %.2f against the `lstm_100` arm's %.2f (`epochs.csv`), so the\n  tuned LSTM is "
                + "this arm: %.2f below Bai et al.'s 3.29 and level with the GRU (the GRU %.2f [%s, %.2f] above it,\n  paired, p = %.2f)",
                epochs + ", comparison.csv", () -> {
                    double fast = meanBestValidation(epochs, "lstm_rate2");
                    double slow = meanBestValidation(epochs, "lstm_100");
                    assertTrue(fast < slow, "validation picks the faster rate");
                    Diff d = diff("nottingham-tcn", "gru", "lstm_rate2", 100, "test_nll_per_frame");
                    return new Object[] {fast, slow, 3.29 - number(row(summary, Map.of("arm", "lstm_rate2")), "test_nll_per_frame_mean"),
                            d.diff(), String.format(Locale.ROOT, "%.2f", d.low()).replace('-', '−'), d.high(), d.p()};
                }));
        c.add(claim(SEQUENCE_MD, "| note frequency (baseline) | | | %.2f | | |", summary,
                Map.of("arm", "note_frequency"), "test_nll_per_frame_mean"));
        c.add(derived(ALL_TASKS_MD, "the GRU at %.2f [%.2f, %.2f] NLL per frame against Bai et al.'s 3.46, every seed below it; the LSTM at %.2f\n"
                + "[%.2f, %.2f] against 3.29, its best epochs %s of 60", "nottingham-tcn/summary.csv, runs.csv", () -> {
                    Map<String, String> g = row(summary, Map.of("arm", "gru"));
                    Map<String, String> l = row(summary, Map.of("arm", "lstm"));
                    assertTrue(max(column(runs, e -> e.get("arm").equals("gru"), "test_nll_per_frame")) < 3.46);
                    return new Object[] {number(g, "test_nll_per_frame_mean"), number(g, "test_nll_per_frame_ci95_low"),
                            number(g, "test_nll_per_frame_ci95_high"), number(l, "test_nll_per_frame_mean"),
                            number(l, "test_nll_per_frame_ci95_low"), number(l, "test_nll_per_frame_ci95_high"),
                            range(column(runs, e -> e.get("arm").equals("lstm"), "best_epoch"))};
                }));
        c.add(derived(README, "Nottingham at\n  1 M: GRU %.2f (3.46), LSTM %.2f (3.29)", summary, () -> Stream.of("gru", "lstm_rate2")
                .map(arm -> number(row(summary, Map.of("arm", arm)), "test_nll_per_frame_mean")).toArray()));
        c.add(derived(SEQUENCE_MD, "**The GRU beats its published figure on every seed** (%s against 3.46)", runs, () -> {
            double[] gru = column(runs, e -> e.get("arm").equals("gru"), "test_nll_per_frame");
            assertTrue(max(gru) < 3.46, "every GRU seed below 3.46");
            return new Object[] {String.format(Locale.ROOT, "%.2f–%.2f", min(gru), max(gru))};
        }));
        c.add(derived(SEQUENCE_MD, "**the LSTM comes to %.2f of its** (%.2f [%.2f, %.2f] against 3.29, the figure inside the\n  interval; "
                + "seeds %s)", runs + ", summary.csv", () -> {
                    Map<String, String> r = row(summary, Map.of("arm", "lstm"));
                    double[] lstm = column(runs, e -> e.get("arm").equals("lstm"), "test_nll_per_frame");
                    assertTrue(number(r, "test_nll_per_frame_ci95_low") < 3.29 && 3.29 < number(r, "test_nll_per_frame_ci95_high"));
                    return new Object[] {number(r, "test_nll_per_frame_mean") - 3.29, number(r, "test_nll_per_frame_mean"),
                            number(r, "test_nll_per_frame_ci95_low"), number(r, "test_nll_per_frame_ci95_high"),
                            String.format(Locale.ROOT, "%.2f–%.2f", min(lstm), max(lstm))};
                }));
        c.add(derived(SEQUENCE_MD, "At Adam 10⁻³ the GRU leads the LSTM by %.2f [%.3f, %.2f] (paired over the three seeds, p = %.3f)",
                "nottingham-tcn/comparison.csv", () -> {
                    Diff d = diff("nottingham-tcn", "lstm", "gru", 100, "test_nll_per_frame");
                    return new Object[] {d.diff(), d.low(), d.high(), d.p()};
                }));
        c.add(derived(SEQUENCE_MD, "(validation after 20 epochs: the GRU %s on every seed, the LSTM\n  %s)", epochs, () -> Stream.of("gru", "lstm")
                .map(arm -> column(epochs, e -> e.get("arm").equals(arm) && e.get("epoch").equals("20"), "val_nll_per_frame"))
                .map(v -> {
                    assertEquals(3, v.length);
                    String lo = String.format(Locale.ROOT, "%.2f", min(v));
                    String hi = String.format(Locale.ROOT, "%.2f", max(v));
                    return lo.equals(hi) ? lo : lo + "–" + hi;
                }).toArray()));
        c.add(derived(SEQUENCE_MD, "31–37 epochs of a 2-core machine (%d–%d min a run, two at a time)", runs, () -> {
            double[] seconds = column(runs, e -> e.get("arm").equals("gru"), "train_seconds");
            return new Object[] {Math.round(min(seconds) / 60), Math.round(max(seconds) / 60)};
        }));
    }

    /**
     * A row of a study at a published size (sequence-tasks.md): the cell's units, parameters, test NLL per frame over its
     * seeds with the interval, its best epochs of the epochs trained, and the published figure.
     */
    private static Claim sizedRow(String study, String arm, String cell, int budget, int seeds, String published) {
        return sizedRowAs(study, arm, CELL_NAMES.get(cell), budget, seeds, published);
    }

    /** The same under its own label. */
    private static Claim sizedRowAs(String study, String arm, String label, int budget, int seeds, String published) {
        String runs = study + "/runs.csv";
        return derived(SEQUENCE_MD, "| " + label + " | %d | %,d | %.2f ± %.2f [%.2f, %.2f] | %s of %s | "
                + published + " |", runs + ", summary.csv", () -> {
                    Map<String, String> r = row(study + "/summary.csv", Map.of("arm", arm));
                    double[] units = column(runs, e -> e.get("arm").equals(arm), "units");
                    assertEquals(min(units), max(units), arm + ": one size on every seed");
                    assertEquals(seeds, units.length, arm + ": one run per seed");
                    double params = number(r, "params_mean");
                    assertEquals(budget, params, 0.02 * budget, arm + ": within 2 % of the budget");
                    return new Object[] {(int) units[0], Math.round(params), number(r, "test_nll_per_frame_mean"),
                            number(r, "test_nll_per_frame_std"), number(r, "test_nll_per_frame_ci95_low"),
                            number(r, "test_nll_per_frame_ci95_high"), range(column(runs, e -> e.get("arm").equals(arm), "best_epoch")),
                            range(column(runs, e -> e.get("arm").equals(arm), "epochs_trained"))};
                });
    }

    /** PyTorch's LSTM started from the suite's input-weight range and from Keras', beside the suite's seed 1, after 2 epochs. */
    private static void charsInit(List<Claim> c) {
        String csv = "seq-chars-long/pytorch-init.csv";
        c.add(derived(SEQUENCE_MD, "LSTM validates at %.2f bits per character after 2 epochs against %.2f from Keras' range, the suite's seed 1 at\n"
                + "%.2f (its `epochs.csv`)", csv + ", seq-chars-long/epochs.csv", () -> {
                    Map<String, String> suite = row(csv, Map.of("init", "suite"));
                    Map<String, String> keras = row(csv, Map.of("init", "keras"));
                    for (Map<String, String> r : List.of(suite, keras)) {
                        assertEquals(List.of("lstm", "2", "1", "whole"), List.of(r.get("cell"), r.get("epochs_trained"), r.get("seed"),
                                r.get("orthogonal")));
                    }
                    double ours = number(row("seq-chars-long/epochs.csv", Map.of("arm", "lstm", "seed", "1", "epoch", "2")), "val_bpc");
                    return new Object[] {number(suite, "best_val"), number(keras, "best_val"), ours};
                }));
    }

    /** Tiny Shakespeare until validation stops improving: its table, which runs stopped on their own, how still the rest were. */
    private static void charsConverge(List<Claim> c) {
        String runs = "seq-chars-converge/runs.csv";
        String summary = "seq-chars-converge/summary.csv";
        for (String arm : List.of("gru", "lstm")) {
            c.add(derived(SEQUENCE_MD, "| " + CELL_NAMES.get(arm) + " | %.3f ± %.3f [%.3f, %.3f] | %.3f | %s of %s | %.4f |",
                    runs + ", summary.csv, epochs.csv", () -> {
                        Map<String, String> r = row(summary, Map.of("arm", arm));
                        assertEquals(5, integer(r, "runs"), arm + ": 5 seeds");
                        return new Object[] {number(r, "test_bpc_mean"), number(r, "test_bpc_std"), number(r, "test_bpc_ci95_low"),
                                number(r, "test_bpc_ci95_high"), number(r, "test_accuracy_mean"),
                                range(column(runs, e -> e.get("arm").equals(arm), "best_epoch")),
                                range(column(runs, e -> e.get("arm").equals(arm), "epochs_trained")),
                                convergeRuns(arm).stream().mapToDouble(v -> lastGain(v)).max().orElseThrow()};
                    }));
        }
        c.add(derived(SEQUENCE_MD, "Every GRU run and %s LSTM runs stopped on their own; %s LSTM runs reached the 50-epoch cap with their best\n"
                + "epoch at %d or %d, their best validation score then moving by at most %.4f bits per character", runs + ", epochs.csv", () -> {
                    double[] gruTrained = column(runs, e -> e.get("arm").equals("gru"), "epochs_trained");
                    assertTrue(max(gruTrained) < 50, "every GRU run stopped before the cap");
                    List<Map<String, String>> capped = rows(runs, e -> e.get("arm").equals("lstm") && integer(e, "epochs_trained") == 50);
                    double[] best = capped.stream().mapToDouble(e -> number(e, "best_epoch")).toArray();
                    double gain = convergeRuns("lstm").stream().filter(v -> v.length == 50).mapToDouble(v -> lastGain(v)).max().orElseThrow();
                    String[] words = {"no", "one", "two", "three", "four", "five"};
                    return new Object[] {words[5 - capped.size()], words[capped.size()], (int) min(best), (int) max(best), gain};
                }));
        c.add(derived(SEQUENCE_MD, "the GRU still leads the LSTM, by %.3f [%.3f, %.3f] bits per character (paired over\nthe five seeds, "
                + "p = %s), about as at 16 epochs (%.3f); the runs gained %.3f–%.3f on validation since their\n16th epoch",
                "seq-chars-converge/comparison.csv, epochs.csv, seq-chars-long/comparison.csv", () -> {
                    Diff d = diff("seq-chars-converge", "lstm", "gru", 100, "test_bpc");
                    double[] gained = Stream.of("gru", "lstm").flatMap(arm -> convergeRuns(arm).stream())
                            .mapToDouble(v -> v[15] - min(v)).toArray();
                    return new Object[] {d.diff(), d.low(), d.high(), exponent(d.p()), diff("seq-chars-long", "lstm", "gru", 100, "test_bpc").diff(),
                            min(gained), max(gained)};
                }));
        String pytorch = "seq-chars-converge/pytorch.csv";
        c.add(derived(SEQUENCE_MD, "PyTorch 1.13 trained the same way reaches %.3f (GRU) and %.3f (LSTM) bits per character at its best\n"
                + "validation epochs (%d and %d of %d and %d), the suite's seed 1 %.3f and %.3f: %.3f and %.3f apart, inside the\n0.05 the suite is held to", pytorch + ", runs.csv", () -> {
                    Map<String, String> g = pytorchSeed1(pytorch, "gru", "suite");
                    Map<String, String> l = pytorchSeed1(pytorch, "lstm", "suite");
                    assertEquals("plateau", g.get("lr_rule"));
                    assertEquals("plateau", l.get("lr_rule"));
                    return new Object[] {number(g, "best_test"), number(l, "best_test"), integer(g, "best_epoch"), integer(l, "best_epoch"),
                            integer(g, "epochs_trained"), integer(l, "epochs_trained"), convergeSeed1("gru"), convergeSeed1("lstm"),
                            Math.abs(number(g, "best_test") - convergeSeed1("gru")), Math.abs(number(l, "best_test") - convergeSeed1("lstm"))};
                }));
        c.add(derived(SEQUENCE_MD, "The %.3f is\nwithin the spread of the suite's own GRU seeds (%.3f–%.3f), and PyTorch's GRU leads its LSTM too (by %.3f)",
                pytorch + ", runs.csv", () -> {
                    double gap = Math.abs(number(row(pytorch, Map.of("cell", "gru")), "best_test") - convergeSeed1("gru"));
                    double[] seeds = column(runs, e -> e.get("arm").equals("gru"), "test_bpc");
                    assertTrue(max(seeds) - min(seeds) > gap, "the gap is smaller than the seeds' spread");
                    return new Object[] {gap, min(seeds), max(seeds),
                            number(row(pytorch, Map.of("cell", "lstm")), "best_test") - number(row(pytorch, Map.of("cell", "gru")), "best_test")};
                }));
        c.add(derived(README, "until validation stops (≤ 50 epochs, 5 seeds) the GRU reaches %.3f and the LSTM %.3f", summary,
                () -> new Object[] {number(row(summary, Map.of("arm", "gru")), "test_bpc_mean"),
                    number(row(summary, Map.of("arm", "lstm")), "test_bpc_mean")}));
    }

    /** The convergence study's seed-1 test bits per character of a cell: what PyTorch's seed 1 stands beside. */
    private static double convergeSeed1(String arm) {
        return number(row("seq-chars-converge/runs.csv", Map.of("arm", arm, "seed", "1")), "test_bpc");
    }

    /** Each run's validation bits per character, epoch by epoch, of a cell of the convergence study. */
    private static List<double[]> convergeRuns(String arm) {
        Map<String, List<Map<String, String>>> byRun = new java.util.TreeMap<>();
        rows("seq-chars-converge/epochs.csv", e -> e.get("arm").equals(arm)).forEach(e -> byRun.computeIfAbsent(e.get("run_id"),
                k -> new ArrayList<>()).add(e));
        assertEquals(5, byRun.size(), arm + ": five runs");
        return byRun.values().stream().map(epochs -> epochs.stream().sorted(java.util.Comparator.comparingInt(e -> integer(e, "epoch")))
                .mapToDouble(e -> number(e, "val_bpc")).toArray()).toList();
    }

    /** How much a run's best validation score improved over its last 5 epochs. */
    private static double lastGain(double[] v) {
        return min(java.util.Arrays.copyOfRange(v, 0, v.length - 5)) - min(v);
    }

    /** The same plan's one-layer arms: their table, how the recipe was chosen, and what it changes. */
    private static void tcnOneLayer(List<Claim> c) {
        Map<String, String> published = Map.of("simple_rnn", "8.91", "gru", "8.43", "lstm", "8.45");
        String summary = "seq-jsb-tcn/summary.csv";
        for (String cell : List.of("simple_rnn", "gru", "lstm")) {
            c.add(sizedRow("seq-jsb-tcn", cell + "_1layer", cell, 300_000, 5, published.get(cell)));
        }
        String explored = "seq-jsb-tcn/gru-exploration.csv";
        c.add(derived(SEQUENCE_MD, "(validation %.2f against %.2f under the TCN rule, the rate 3·10⁻³)", explored, () -> new Object[] {
            mean(column(explored, e -> e.get("round").equals("1") && e.get("arm").equals("gru_1l"), "best_val_nll_per_frame")),
            mean(column(explored, e -> e.get("round").equals("1") && e.get("arm").equals("gru"), "best_val_nll_per_frame"))}));
        c.add(derived(SEQUENCE_MD, "then batch 4 and dropout 0.5 (%.3f, the lowest)", explored, () -> {
            Map<String, List<Double>> byConfig = new java.util.TreeMap<>();
            for (Map<String, String> e : rows(explored)) {
                byConfig.computeIfAbsent(e.get("round") + "/" + e.get("arm"), k -> new ArrayList<>()).add(number(e, "best_val_nll_per_frame"));
            }
            assertEquals(12, byConfig.size(), "12 configurations");
            double chosen = byConfig.get("3/gru_d50").stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            for (List<Double> v : byConfig.values()) {
                assertTrue(chosen <= v.stream().mapToDouble(Double::doubleValue).average().orElseThrow(), "the lowest mean validation");
            }
            Map<String, String> d50 = rows(explored, e -> e.get("arm").equals("gru_d50")).get(0);
            assertEquals(List.of("1", "0.5", "0.003", "4", "plateau patience 4"), List.of(d50.get("layers"), d50.get("dropout"),
                    d50.get("learning_rate"), d50.get("batch_size"), d50.get("lr_schedule")), "the recipe the arms take");
            return new Object[] {chosen};
        }));
        c.add(derived(SEQUENCE_MD, "The GRU's mean, %.3f, is at Bai et al.'s 8.43; its interval [%.2f, %.2f] holds the figure", summary, () -> {
            Map<String, String> r = row(summary, Map.of("arm", "gru_1layer"));
            assertTrue(number(r, "test_nll_per_frame_mean") <= 8.43 && number(r, "test_nll_per_frame_ci95_high") > 8.43);
            return new Object[] {number(r, "test_nll_per_frame_mean"), number(r, "test_nll_per_frame_ci95_low"),
                    number(r, "test_nll_per_frame_ci95_high")};
        }));
        c.add(derived(SEQUENCE_MD, "The LSTM is below its figure (8.45) with its whole interval, the SimpleRnn below its (8.91) by %.2f", summary,
                () -> {
                    assertTrue(number(row(summary, Map.of("arm", "lstm_1layer")), "test_nll_per_frame_ci95_high") < 8.45);
                    return new Object[] {8.91 - number(row(summary, Map.of("arm", "simple_rnn_1layer")), "test_nll_per_frame_mean")};
                }));
        c.add(derived(SEQUENCE_MD, "The LSTM leads the GRU by %.3f [%.3f, %.3f] (paired over the five seeds, p = %s), the GRU the SimpleRnn by\n"
                + "  %.2f [%.2f, %.2f]", "seq-jsb-tcn/comparison.csv", () -> {
                    Diff lg = diff("seq-jsb-tcn", "gru_1layer", "lstm_1layer", 100, "test_nll_per_frame");
                    Diff gs = diff("seq-jsb-tcn", "simple_rnn_1layer", "gru_1layer", 100, "test_nll_per_frame");
                    return new Object[] {lg.diff(), lg.low(), lg.high(), exponent(lg.p()),
                            gs.diff(), gs.low(), gs.high()};
                }));
        c.add(derived(SEQUENCE_MD, "the GRU by %.2f [%.2f, %.2f], the LSTM by\n  %.2f [%.2f, %.2f] (two layers at batch 8 and Adam 10⁻³ ran out of "
                + "epochs), the SimpleRnn by %.2f [%.2f, %.2f]", "seq-jsb-tcn/comparison.csv", () -> Stream.of("gru", "lstm", "simple_rnn")
                        .flatMap(cell -> {
                            Diff d = diff("seq-jsb-tcn", cell, cell + "_1layer", 100, "test_nll_per_frame");
                            return Stream.of((Object) d.diff(), d.low(), d.high());
                        }).toArray()));
        c.add(derived(SEQUENCE_MD, "At the published 300 K in one layer the GRU reaches its figure too (%.2f [%.2f, %.2f]), the LSTM %.2f\n  and the "
                + "SimpleRnn %.2f", summary, () -> {
                    Map<String, String> g = row(summary, Map.of("arm", "gru_1layer"));
                    return new Object[] {number(g, "test_nll_per_frame_mean"), number(g, "test_nll_per_frame_ci95_low"),
                            number(g, "test_nll_per_frame_ci95_high"), number(row(summary, Map.of("arm", "lstm_1layer")), "test_nll_per_frame_mean"),
                            number(row(summary, Map.of("arm", "simple_rnn_1layer")), "test_nll_per_frame_mean")};
                }));
        c.add(derived(ALL_TASKS_MD, "in one layer the GRU at %.2f NLL per frame, Bai et al.'s 8.43, the LSTM at\n%.2f against 8.45, the SimpleRnn at "
                + "%.2f against 8.91; in two layers the GRU %.2f, the LSTM %.2f", summary, () -> Stream.of("gru_1layer", "lstm_1layer",
                        "simple_rnn_1layer", "gru", "lstm").map(a -> (Object) number(row(summary, Map.of("arm", a)), "test_nll_per_frame_mean"))
                        .toArray()));
        c.add(derived(README, "at 300 K in one layer the GRU %.2f", summary,
                () -> new Object[] {number(row(summary, Map.of("arm", "gru_1layer")), "test_nll_per_frame_mean")}));
    }

    /** PyTorch beside the suite on the same JSB protocol: each row of pytorch.csv, and the suite's interval beside two. */
    private static void tcnPyTorch(List<Claim> c) {
        String csv = "seq-jsb-tcn/pytorch.csv";
        Map<String, String> names = Map.of("pytorch", "PyTorch's initialisation", "keras", "Keras' initialisation",
                "frame", "loss per frame", "sequence", "loss per sequence");
        for (Map<String, String> run : rows(csv)) {
            String cell = run.get("cell");
            String label = "| " + CELL_NAMES.get(cell) + ", " + names.get(run.get("init")) + ", " + names.get(run.get("loss")) + " | ";
            boolean beside = run.get("loss").equals("sequence");
            c.add(derived(SEQUENCE_MD, label + "%.2f | %d of %d | " + (beside ? "%.2f [%.2f, %.2f] |" : "|"), csv, () -> {
                List<Object> values = new ArrayList<>(List.of(number(run, "best_test"), (int) number(run, "best_epoch"),
                        (int) number(run, "epochs_trained")));
                if (beside) {
                    Map<String, String> suite = row("seq-jsb-tcn/summary.csv", Map.of("arm", cell));
                    values.addAll(List.of(number(suite, "test_nll_per_frame_mean"), number(suite, "test_nll_per_frame_ci95_low"),
                            number(suite, "test_nll_per_frame_ci95_high")));
                }
                return values.toArray();
            }));
        }
        c.add(derived(SEQUENCE_MD, "PyTorch lands beside the suite: the LSTM at %.2f against the\nsuite's interval [%.2f, %.2f], the "
                + "GRU at %.2f against [%.2f, %.2f]", csv, () -> {
                    Map<String, String> lstm = row(csv, Map.of("cell", "lstm", "loss", "sequence"));
                    Map<String, String> gru = row(csv, Map.of("cell", "gru", "loss", "sequence"));
                    Map<String, String> l = row("seq-jsb-tcn/summary.csv", Map.of("arm", "lstm"));
                    Map<String, String> g = row("seq-jsb-tcn/summary.csv", Map.of("arm", "gru"));
                    return new Object[] {number(lstm, "best_test"), number(l, "test_nll_per_frame_ci95_low"),
                            number(l, "test_nll_per_frame_ci95_high"), number(gru, "best_test"), number(g, "test_nll_per_frame_ci95_low"),
                            number(g, "test_nll_per_frame_ci95_high")};
                }));
    }

    /** What PyTorch's initialisation does to the GRU and the LSTM in the same plan. */
    private static void tcnInit(List<Claim> c) {
        c.add(derived(SEQUENCE_MD, "the GRU scores %.2f ± %.2f and the LSTM %.2f ± %.2f, worse\nthan from Keras' start by %.2f [%.2f, %.2f] "
                + "(p = %s) and %.2f [%.2f, %.2f] (p = %s)", "seq-jsb-tcn/summary.csv, comparison.csv", () -> {
                    Map<String, String> g = row("seq-jsb-tcn/summary.csv", Map.of("arm", "gru_pytorch_init"));
                    Map<String, String> l = row("seq-jsb-tcn/summary.csv", Map.of("arm", "lstm_pytorch_init"));
                    Diff dg = diff("seq-jsb-tcn", "gru_pytorch_init", "gru", 100, "test_nll_per_frame");
                    Diff dl = diff("seq-jsb-tcn", "lstm_pytorch_init", "lstm", 100, "test_nll_per_frame");
                    assertTrue(dg.low() > 0 && dl.low() > 0, "both worse, the intervals above zero");
                    return new Object[] {number(g, "test_nll_per_frame_mean"), number(g, "test_nll_per_frame_std"),
                            number(l, "test_nll_per_frame_mean"), number(l, "test_nll_per_frame_std"), dg.diff(), dg.low(), dg.high(),
                            exponent(dg.p()), dl.diff(), dl.low(), dl.high(),
                            exponent(dl.p())};
                }));
    }

    /** The cross-task table: each entry's mean ± the half-width of its 95 % interval and its rank, then the tests. */
    private static void allTasks(List<Claim> c) {
        String table = "all-tasks/cross-task.csv";
        String tests = "all-tasks/rank-tests.csv";
        for (String[] task : ALL_TASKS) {
            c.add(derived(ALL_TASKS_MD, "| " + task[1] + " |" + " %s (%s) |".repeat(ALL_CELLS.size()), table, () -> {
                List<Object> values = new ArrayList<>();
                for (String cell : ALL_CELLS) {
                    Map<String, String> r = row(table, Map.of("task", task[0], "cell", cell));
                    assertTrue(integer(r, "runs") >= 5, task[0] + " " + cell + ": at least 5 seeds");
                    values.add(render(task[2] + " ± " + task[2], number(r, "mean"),
                            (number(r, "ci95_high") - number(r, "ci95_low")) / 2));
                    double rank = number(r, "rank");
                    values.add(rank == Math.rint(rank) ? String.valueOf((int) rank) : String.valueOf(rank));
                }
                return values.toArray();
            }));
        }
        c.add(derived(ALL_TASKS_MD, "| mean rank |" + " %.2f |".repeat(ALL_CELLS.size()), tests, () -> ALL_CELLS.stream()
                .map(cell -> (Object) number(row(tests, Map.of("cell", cell)), "mean_rank")).toArray()));
        c.add(derived(ALL_TASKS_MD, "Friedman's χ² = %.2f (p = %.4f) and Iman and Davenport's F = %.2f (p = %.4f) over N = %d tasks and "
                + "k = %d cells; Nemenyi's critical difference at α = 0.05 is %.2f", tests, () -> {
                    Map<String, String> r = row(tests, Map.of("cell", "gru"));
                    return new Object[] {number(r, "friedman_chi2"), number(r, "friedman_p"), number(r, "iman_davenport_f"),
                            number(r, "iman_davenport_p"), integer(r, "tasks"), integer(r, "cells"), number(r, "nemenyi_cd")};
                }));
        c.add(derived(README, "on ten tasks (5 seeds): IndRNN, GRU and minLSTM lead (mean ranks %.2f, %.2f, %.2f) and are not told apart; "
                + "SimpleRnn, LSTM and peephole LSTM rank below IndRNN (Friedman p = %.4f, then Holm)", tests, () -> {
                    Map<String, String> ind = row(tests, Map.of("cell", "ind_rnn"));
                    assertEquals("ind_rnn", ind.get("holm_control"));
                    assertEquals(ALL_TASKS.size(), integer(ind, "tasks"));
                    for (String cell : List.of("gru", "min_lstm")) {
                        assertFalse(Boolean.parseBoolean(row(tests, Map.of("cell", cell)).get("differs_from_control")), cell);
                    }
                    for (String cell : List.of("simple_rnn", "lstm", "peephole_lstm")) {
                        assertTrue(Boolean.parseBoolean(row(tests, Map.of("cell", cell)).get("differs_from_control")), cell);
                    }
                    return new Object[] {number(ind, "mean_rank"), number(row(tests, Map.of("cell", "gru")), "mean_rank"),
                            number(row(tests, Map.of("cell", "min_lstm")), "mean_rank"), number(ind, "friedman_p")};
                }));
        Map<String, String> names = Map.of("simple_rnn", "SimpleRnn", "gru", "GRU", "lstm", "LSTM", "peephole_lstm", "peephole LSTM",
                "min_gru", "minGRU", "min_lstm", "minLSTM", "ind_rnn", "IndRNN");
        for (String cell : ALL_CELLS) {
            c.add(derived(ALL_TASKS_MD, "| " + names.get(cell) + " | %.2f | %s | %s |", tests, () -> {
                Map<String, String> r = row(tests, Map.of("cell", cell));
                boolean control = r.get("holm_control").equals(cell);
                return new Object[] {number(r, "mean_rank"), control ? "(the control)" : format("%.3f", number(r, "holm_adjusted_p")),
                        control ? "–" : Boolean.parseBoolean(r.get("differs_from_control")) ? "yes" : "no"};
            }));
        }
    }

    /**
     * Chung et al.'s three cells at 20 K trained to convergence (the suite, seeds 1 and 2), the cross-task study's
     * 8-epoch means beside them, and PyTorch 1.13's runs of the same network under each optimiser and noise.
     */
    private static void musicBudget(List<Claim> c) {
        List<String> cells = List.of("simple_rnn", "gru", "lstm");
        Map<String, String> labels = Map.of("jsb", "JSB", "nottingham", "Nottingham", "musedata", "MuseData", "piano-midi", "Piano-midi");
        for (String task : List.of("jsb", "nottingham", "musedata", "piano-midi")) {
            String label = labels.get(task);
            String runs = "music-budget/" + task + "/runs.csv";
            c.add(derived(ALL_TASKS_MD, "| " + label + ": the suite to convergence, Adam (seeds 1 / 2) |" + " %.2f / %.2f |".repeat(3), runs,
                    () -> cells.stream().flatMap(cell -> java.util.stream.Stream.of("1", "2")
                            .map(seed -> (Object) number(row(runs, Map.of("arm", cell, "seed", seed)), "test_nll_per_frame"))).toArray()));
            c.add(derived(ALL_TASKS_MD, "| " + label + ": the cross-task study, 8 epochs (mean of 5 seeds) |" + " %.2f |".repeat(3),
                    "all-tasks/cross-task.csv", () -> cells.stream()
                            .map(cell -> (Object) number(row("all-tasks/cross-task.csv", Map.of("task", task, "cell", cell)), "mean")).toArray()));
        }
        // PyTorch, seed 1: GRU and LSTM under Adam as the suite, then Chung et al.'s RMSProp with weight noise and each alone
        String[][] pytorch = {
                {"jsb", "JSB", "adam", "0.0", "Adam 5·10⁻³, as the suite", "gru,lstm"},
                {"jsb", "JSB", "rmsprop", "0.0", "RMSProp 10⁻³", "gru"},
                {"jsb", "JSB", "adam", "0.075", "Adam 5·10⁻³ + weight noise 0.075", "gru"},
                {"jsb", "JSB", "rmsprop", "0.075", "RMSProp 10⁻³ + weight noise 0.075, as Chung et al.", "gru,lstm"},
                {"nottingham", "Nottingham", "rmsprop", "0.075", "RMSProp 10⁻³ + weight noise 0.075, as Chung et al.", "gru,lstm",
                        "pytorch-lstm.csv"},
                {"musedata", "MuseData", "adam", "0.0", "Adam 5·10⁻³, as the suite", "gru"},
                {"musedata", "MuseData", "rmsprop", "0.075", "RMSProp 10⁻³ + weight noise 0.075, as Chung et al.", "gru,lstm"},
                {"piano-midi", "Piano-midi", "adam", "0.0", "Adam 5·10⁻³, as the suite", "gru"},
                {"piano-midi", "Piano-midi", "rmsprop", "0.075", "RMSProp 10⁻³ + weight noise 0.075, as Chung et al.", "gru"}};
        for (String[] p : pytorch) {
            String csv = "music-budget/" + p[0] + "/pytorch.csv";
            // a seventh entry: the CSV the row's LSTM is in, where not the GRU's
            String lstmCsv = p.length > 6 ? "music-budget/" + p[0] + "/" + p[6] : csv;
            List<String> ran = List.of(p[5].split(","));
            StringBuilder template = new StringBuilder("| " + p[1] + ": PyTorch, " + p[4] + " (seed 1) |");
            for (String cell : cells) {
                template.append(ran.contains(cell) ? " %.2f |" : " |");
            }
            c.add(derived(ALL_TASKS_MD, template.toString(), csv.equals(lstmCsv) ? csv : csv + ", " + lstmCsv, () -> ran.stream()
                    .map(cell -> (Object) number(row(cell.equals("lstm") ? lstmCsv : csv,
                            Map.of("cell", cell, "optimizer", p[2], "weight_noise", p[3], "seed", "1")), "test")).toArray()));
        }
        // the suite itself with Chung et al.'s recipe (music-chung), seeds 1-5
        for (String[] t : new String[][] {{"jsb", "JSB"}, {"piano-midi", "Piano-midi"}}) {
            String chung = "music-chung/" + t[0] + "/summary.csv";
            c.add(derived(ALL_TASKS_MD, "| " + t[1] + ": the suite, RMSProp 10⁻³ + weight noise 0.075, as Chung et al. (mean of 5 seeds) | |"
                    + " %.2f |".repeat(2), chung, () -> Stream.of("gru", "lstm").map(cell -> {
                        Map<String, String> r = row(chung, Map.of("arm", cell));
                        assertEquals(5, integer(r, "runs"));
                        return (Object) number(r, "test_nll_per_frame_mean");
                    }).toArray()));
        }
        String jsbChung = "music-chung/jsb/summary.csv";
        String jsbChungRuns = "music-chung/jsb/runs.csv";
        c.add(derived(ALL_TASKS_MD, "puts the GRU at %.2f\n  [%.2f, %.2f], their 8.54 inside the interval (PyTorch's seed 1: %.2f), from %.2f and %.2f "
                + "under Adam, and the LSTM\n  at %.2f [%.2f, %.2f], below their 8.67 on every seed (under Adam %.2f–%.2f)",
                jsbChung + ", runs.csv, music-budget/jsb/runs.csv, pytorch.csv", () -> {
                    Map<String, String> g = row(jsbChung, Map.of("arm", "gru"));
                    Map<String, String> l = row(jsbChung, Map.of("arm", "lstm"));
                    assertTrue(number(g, "test_nll_per_frame_ci95_low") < 8.54 && 8.54 < number(g, "test_nll_per_frame_ci95_high"));
                    assertTrue(max(column(jsbChungRuns, e -> e.get("arm").equals("lstm"), "test_nll_per_frame")) < 8.67);
                    double torch = number(row("music-budget/jsb/pytorch.csv", Map.of("cell", "gru", "optimizer", "rmsprop",
                            "weight_noise", "0.075", "seed", "1")), "test");
                    double[] adamLstm = column("music-budget/jsb/runs.csv", e -> e.get("arm").equals("lstm"), "test_nll_per_frame");
                    return new Object[] {number(g, "test_nll_per_frame_mean"), number(g, "test_nll_per_frame_ci95_low"),
                            number(g, "test_nll_per_frame_ci95_high"), torch,
                            number(row("music-budget/jsb/runs.csv", Map.of("arm", "gru", "seed", "1")), "test_nll_per_frame"),
                            number(row("music-budget/jsb/runs.csv", Map.of("arm", "gru", "seed", "2")), "test_nll_per_frame"),
                            number(l, "test_nll_per_frame_mean"), number(l, "test_nll_per_frame_ci95_low"),
                            number(l, "test_nll_per_frame_ci95_high"), min(adamLstm), max(adamLstm)};
                }));
        String pianoChung = "music-chung/piano-midi/runs.csv";
        c.add(derived(ALL_TASKS_MD, "its GRU at %.2f [%.2f, %.2f], below 8.82 on every seed, still improving at the cap\n  (best epochs %s "
                + "of 150). Its LSTM learns on two seeds of five (%.2f and %.2f, below their 9.03) and on three\n  never leaves the "
                + "note-frequency plateau (%.2f–%.2f against the baseline's %.2f; early stopping ends them at\n  epochs %s)",
                pianoChung + ", summary.csv", () -> {
                    Map<String, String> g = row("music-chung/piano-midi/summary.csv", Map.of("arm", "gru"));
                    assertTrue(max(column(pianoChung, e -> e.get("arm").equals("gru"), "test_nll_per_frame")) < 8.82);
                    double baseline = number(row(pianoChung, Map.of("arm", "note_frequency", "seed", "1")), "test_nll_per_frame");
                    double[] learnt = column(pianoChung, e -> e.get("arm").equals("lstm")
                            && Double.parseDouble(e.get("test_nll_per_frame")) < 9.03, "test_nll_per_frame");
                    Predicate<Map<String, String>> stuckRun = e -> e.get("arm").equals("lstm")
                            && Double.parseDouble(e.get("test_nll_per_frame")) > baseline - 0.2;
                    double[] stuck = column(pianoChung, stuckRun, "test_nll_per_frame");
                    assertEquals(2, learnt.length);
                    assertEquals(3, stuck.length);
                    double[] stopped = column(pianoChung, stuckRun, "epochs_trained");
                    assertTrue(max(stopped) < 150, "early stopping ended every stuck run");
                    Arrays.sort(learnt);
                    return new Object[] {number(g, "test_nll_per_frame_mean"), number(g, "test_nll_per_frame_ci95_low"),
                            number(g, "test_nll_per_frame_ci95_high"),
                            range(column(pianoChung, e -> e.get("arm").equals("gru"), "best_epoch")), learnt[0], learnt[1],
                            min(stuck), max(stuck), baseline, range(stopped)};
                }));
        String piano = "music-budget/piano-midi/pytorch.csv";
        String pianoRuns = "music-budget/piano-midi/runs.csv";
        c.add(derived(ALL_TASKS_MD, "PyTorch with the same\n  network and budget lands between the suite's two seeds (%.2f); with Chung's "
                + "RMSProp and weight noise its GRU\n  reaches %.2f in %d epochs (still improving), below their 8.82", piano + ", " + pianoRuns, () -> {
                    double torch = number(row(piano, Map.of("cell", "gru", "optimizer", "adam")), "test");
                    double[] suite = column(pianoRuns, e -> e.get("arm").equals("gru"), "test_nll_per_frame");
                    assertTrue(min(suite) < torch && torch < max(suite), "PyTorch between the suite's seeds");
                    Map<String, String> r = row(piano, Map.of("cell", "gru", "optimizer", "rmsprop", "weight_noise", "0.075"));
                    assertTrue(number(r, "test") < 8.82);
                    assertEquals(integer(r, "epochs_trained"), integer(r, "best_epoch"), "best epoch the last: still improving");
                    return new Object[] {torch, number(r, "test"), integer(r, "epochs_trained")};
                }));
        String nott = "music-budget/nottingham/pytorch-as-suite.csv";
        String nottRuns = "music-budget/nottingham/runs.csv";
        String nottLstm = "music-budget/nottingham/pytorch-lstm.csv";
        c.add(derived(ALL_TASKS_MD, "| Nottingham: PyTorch, Adam 5·10⁻³, as the suite (seed 1) | | %.2f | %.2f |", nott + ", " + nottLstm,
                () -> new Object[] {number(row(nott, Map.of("cell", "gru", "optimizer", "adam", "seed", "1")), "test"),
                        number(row(nottLstm, Map.of("cell", "lstm", "optimizer", "adam", "seed", "1")), "test")}));
        // PyTorch's LSTM as the suite against the suite's better LSTM seed, on Nottingham and on JSB
        c.add(derived(ALL_TASKS_MD, "and the LSTM at\n  %.2f, %.2f below the suite's better seed (%.2f; on JSB PyTorch's LSTM lands %.2f above "
                + "the suite's better seed instead", nottLstm + ", " + nottRuns + ", music-budget/jsb/pytorch.csv, runs.csv", () -> {
                    double torch = number(row(nottLstm, Map.of("cell", "lstm", "optimizer", "adam")), "test");
                    double suite = min(column(nottRuns, e -> e.get("arm").equals("lstm"), "test_nll_per_frame"));
                    double jsbTorch = number(row("music-budget/jsb/pytorch.csv", Map.of("cell", "lstm", "optimizer", "adam")), "test");
                    double jsbSuite = min(column("music-budget/jsb/runs.csv", e -> e.get("arm").equals("lstm"), "test_nll_per_frame"));
                    return new Object[] {torch, suite - torch, suite, jsbTorch - jsbSuite};
                }));
        c.add(derived(ALL_TASKS_MD, "puts the GRU at %.2f, between the suite's two seeds (%.2f, %.2f), and the LSTM at", nott + ", " + nottRuns,
                torchBetweenSeeds(nott, Map.of("cell", "gru", "optimizer", "adam"), nottRuns)));
        String muse = "music-budget/musedata/pytorch.csv";
        String museRuns = "music-budget/musedata/runs.csv";
        c.add(derived(ALL_TASKS_MD, "puts the GRU at %.2f, between the suite's two seeds\n  (%.2f, %.2f)", muse + ", " + museRuns,
                torchBetweenSeeds(muse, Map.of("cell", "gru", "optimizer", "adam", "batching", "length"), museRuns)));
        c.add(derived(ALL_TASKS_MD, "takes PyTorch's GRU to %.2f in %d\n  epochs, about half of the gap to their 5.99, and it is still "
                + "improving at the cap (best epoch %d", muse, () -> {
                    Map<String, String> r = row(muse, Map.of("cell", "gru", "optimizer", "rmsprop", "weight_noise", "0.075"));
                    double adam = number(row(muse, Map.of("cell", "gru", "optimizer", "adam")), "test");
                    double closed = (adam - number(r, "test")) / (adam - 5.99);
                    assertTrue(closed > 0.4 && closed < 0.6, "about half: " + closed);
                    return new Object[] {number(r, "test"), integer(r, "epochs_trained"), integer(r, "best_epoch")};
                }));
        c.add(derived(ALL_TASKS_MD, "recipe in PyTorch gives the GRU %.2f and the LSTM %.2f after %d epochs (both still falling slowly, best "
                + "epochs\n  %d and %d: they allowed 500)", "music-budget/nottingham/pytorch.csv, " + nottLstm, () -> {
                    Map<String, String> gru = row("music-budget/nottingham/pytorch.csv", Map.of("cell", "gru", "optimizer", "rmsprop"));
                    Map<String, String> lstm = row(nottLstm, Map.of("cell", "lstm", "optimizer", "rmsprop", "weight_noise", "0.075"));
                    assertEquals(integer(gru, "epochs_trained"), integer(lstm, "epochs_trained"), "the same budget");
                    return new Object[] {number(gru, "test"), number(lstm, "test"), integer(lstm, "epochs_trained"),
                            integer(gru, "best_epoch"), integer(lstm, "best_epoch")};
                }));
        c.add(derived(ALL_TASKS_MD, "PyTorch's LSTM with it stands at %.2f\n  (still improving at the cap), where the suite's LSTM under Adam "
                + "stands at %.2f–%.2f; both %.1f–%.1f above Chung's 6.23", muse + ", " + museRuns, () -> {
                    Map<String, String> r = row(muse, Map.of("cell", "lstm", "optimizer", "rmsprop", "weight_noise", "0.075"));
                    assertEquals(integer(r, "epochs_trained"), integer(r, "best_epoch"), "best epoch the last: still improving");
                    double[] suite = column(museRuns, e -> e.get("arm").equals("lstm"), "test_nll_per_frame");
                    double torch = number(r, "test");
                    return new Object[] {torch, min(suite), max(suite), Math.min(torch, min(suite)) - 6.23,
                            Math.max(torch, max(suite)) - 6.23};
                }));
    }

    /** PyTorch's GRU run (the row of {@code torchCsv} that {@code filter} picks) and the suite's GRU seeds 1 and 2, it between them. */
    private static Supplier<Object[]> torchBetweenSeeds(String torchCsv, Map<String, String> filter, String suiteRuns) {
        return () -> {
            double torch = number(row(torchCsv, filter), "test");
            double s1 = number(row(suiteRuns, Map.of("arm", "gru", "seed", "1")), "test_nll_per_frame");
            double s2 = number(row(suiteRuns, Map.of("arm", "gru", "seed", "2")), "test_nll_per_frame");
            assertTrue(Math.min(s1, s2) < torch && torch < Math.max(s1, s2), "PyTorch between the suite's seeds");
            return new Object[] {torch, s1, s2};
        };
    }

    /** Tiny Shakespeare for up to 16 epochs with early stopping: its table, and how far each cell is from converged. */
    private static void charsLong(List<Claim> c) {
        String runs = "seq-chars-long/runs.csv";
        for (String arm : SEQUENCE_CELLS) {
            c.add(derived(SEQUENCE_MD, "| " + CELL_NAMES.get(arm) + " | %.3f ± %.3f [%.3f, %.3f] | %.3f | %s of %s | %.3f |",
                    "seq-chars-long/runs.csv, summary.csv, epochs.csv", () -> {
                        Map<String, String> r = row("seq-chars-long/summary.csv", Map.of("arm", arm));
                        return new Object[] {number(r, "test_bpc_mean"), number(r, "test_bpc_std"), number(r, "test_bpc_ci95_low"),
                                number(r, "test_bpc_ci95_high"), number(r, "test_accuracy_mean"),
                                range(column(runs, e -> e.get("arm").equals(arm), "best_epoch")),
                                range(column(runs, e -> e.get("arm").equals(arm), "epochs_trained")), lastFall(arm)};
                    }));
        }
        c.add(claim(SEQUENCE_MD, "| order-5 n-gram, Witten-Bell (baseline) | %.3f | %.3f | | |", "seq-chars-long/summary.csv",
                Map.of("arm", "ngram"), "test_bpc_mean", "test_accuracy_mean"));
        c.add(derived(SEQUENCE_MD, "The GRU leads the LSTM by %.3f [%.3f, %.3f] bits per character (paired over the five seeds, "
                + "p = %s)", "seq-chars-long/comparison.csv", () -> {
                    Diff d = diff("seq-chars-long", "lstm", "gru", 100, "test_bpc");
                    return new Object[] {d.diff(), d.low(), d.high(), exponent(d.p())};
                }));
    }

    /** A PyTorch character run's row: seed 1, the loss summed over each sequence as DL4J's, the given initialisation. */
    private static Map<String, String> pytorchSeed1(String csv, String cell, String init) {
        Map<String, String> r = row(csv, Map.of("cell", cell));
        assertEquals(init, r.get("init"));
        assertEquals("sequence", r.get("loss"));
        assertEquals("1", r.get("seed"));
        return r;
    }

    /** PyTorch 1.13 on the same character task and budget, seed 1, beside the suite's seed 1. */
    private static void charsPyTorch(List<Claim> c) {
        String csv = "seq-chars-long/pytorch.csv";
        c.add(derived(SEQUENCE_MD, "GRU %.3f and LSTM %.3f bits per character at their best validation epochs (%d and %d of %d and "
                + "%d), beside the suite's seed 1, %.3f and %.3f", csv + ", runs.csv", () -> {
                    Map<String, String> g = pytorchSeed1(csv, "gru", "keras");
                    Map<String, String> l = pytorchSeed1(csv, "lstm", "keras");
                    return new Object[] {number(g, "best_test"), number(l, "best_test"), integer(g, "best_epoch"), integer(l, "best_epoch"),
                            integer(g, "epochs_trained"), integer(l, "epochs_trained"),
                            number(row("seq-chars-long/runs.csv", Map.of("arm", "gru", "seed", "1")), "test_bpc"),
                            number(row("seq-chars-long/runs.csv", Map.of("arm", "lstm", "seed", "1")), "test_bpc")};
                }));
    }

    /** How much a seq-chars-long arm's validation bits per character fell per epoch over its runs' last 3 epochs (mean over seeds). */
    private static double lastFall(String arm) {
        Map<String, List<Map<String, String>>> byRun = new java.util.TreeMap<>();
        rows("seq-chars-long/epochs.csv", e -> e.get("arm").equals(arm)).forEach(e -> byRun.computeIfAbsent(e.get("run_id"),
                k -> new ArrayList<>()).add(e));
        double sum = 0;
        for (List<Map<String, String>> epochs : byRun.values()) {
            List<Map<String, String>> sorted = epochs.stream().sorted(java.util.Comparator.comparingInt(e -> integer(e, "epoch"))).toList();
            sum += (number(sorted.get(sorted.size() - 4), "val_bpc") - number(sorted.get(sorted.size() - 1), "val_bpc")) / 3;
        }
        return sum / byRun.size();
    }

    /** The mean over an arm's seeds of each run's lowest validation NLL per frame: what picks one arm of several. */
    private static double meanBestValidation(String epochs, String arm) {
        Map<String, Double> best = new HashMap<>();
        for (Map<String, String> r : rows(epochs, e -> e.get("arm").equals(arm))) {
            best.merge(r.get("seed"), number(r, "val_nll_per_frame"), Math::min);
        }
        assertEquals(3, best.size(), arm + ": three seeds");
        return best.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    /** "13–19", or "60" where every value is the same. */
    private static String range(double[] values) {
        return min(values) == max(values) ? String.valueOf((int) min(values)) : (int) min(values) + "–" + (int) max(values);
    }

    private static void sequenceReadme(List<Claim> c) {
        c.add(derived(README, "the LSTM reaches %.2f NLL per frame (published 8.45), the GRU %.2f (8.43), the SimpleRnn %.2f (8.91), "
                + "minGRU and minLSTM %.2f and %.2f with a quarter of the LSTM's parameters", "seq-jsb/summary.csv", () -> {
                    double quarter = number(row("seq-jsb/summary.csv", Map.of("arm", "min_lstm_tuned")), "params_mean")
                            / number(row("seq-jsb/summary.csv", Map.of("arm", "lstm_tuned")), "params_mean");
                    assertEquals(0.25, quarter, 0.05, "a quarter of the tuned LSTM's parameters");
                    return Stream.of("lstm", "gru", "simple_rnn", "min_gru", "min_lstm").map(a -> (Object) number(
                            row("seq-jsb/summary.csv", Map.of("arm", a + "_tuned")), "test_nll_per_frame_mean")).toArray();
                }));
        c.add(derived(README, "only the tuned GRU learns to copy (%.4f nats per step against the memoryless %.4f); every other cell "
                + "stays on the line or just below it (the recipe SimpleRnn %.4f)", "seq-copy/summary.csv", () -> {
                    double line = number(row("seq-copy/summary.csv", Map.of("arm", "memoryless")), "test_nats_per_step_mean");
                    for (String arm : SEQUENCE_CELLS) {
                        for (String a : List.of(arm, arm + "_tuned")) {
                            double v = number(row("seq-copy/summary.csv", Map.of("arm", a)), "test_nats_per_step_mean");
                            assertTrue(a.equals("gru_tuned") ? v < 0.7 * line : v > 0.9 * line, a + ": " + v);
                        }
                    }
                    return new Object[] {number(row("seq-copy/summary.csv", Map.of("arm", "gru_tuned")), "test_nats_per_step_mean"), line,
                            number(row("seq-copy/summary.csv", Map.of("arm", "simple_rnn")), "test_nats_per_step_mean")};
                }));
    }

    private static void sequenceFindings(List<Claim> c) {
        c.add(derived(SEQUENCE_MD, "Tuned, the GRU reaches\n  %.3f ± %.3f bits per character and the LSTM %.3f ± %.3f, against %.3f for an "
                + "order-5 Witten-Bell n-gram\n  of the training text; the tuned SimpleRnn ties the n-gram (%.3f) and minGRU and minLSTM "
                + "stay above it (%.3f,\n  %.3f). Under the recipe only the GRU beats it (%.3f).", "seq-chars/summary.csv", () -> {
                    double ngram = charsBpc("ngram");
                    for (String arm : SEQUENCE_CELLS) {
                        assertEquals(arm.equals("gru"), charsBpc(arm) < ngram, arm + " under the recipe");
                    }
                    return new Object[] {charsBpc("gru_tuned"), number(row("seq-chars/summary.csv", Map.of("arm", "gru_tuned")), "test_bpc_std"),
                            charsBpc("lstm_tuned"), number(row("seq-chars/summary.csv", Map.of("arm", "lstm_tuned")), "test_bpc_std"), ngram,
                            charsBpc("simple_rnn_tuned"), charsBpc("min_gru_tuned"), charsBpc("min_lstm_tuned"), charsBpc("gru")};
                }));
        c.add(derived(SEQUENCE_MD, "(lowest at epoch %d in all %d)", "seq-chars/epochs.csv", () -> {
            Map<String, List<Map<String, String>>> byRun = rows("seq-chars/epochs.csv").stream()
                    .filter(e -> !e.get("run_id").matches(".*-c\\d+-e\\d+-.*"))
                    .collect(Collectors.groupingBy(e -> e.get("run_id"), java.util.TreeMap::new, Collectors.toList()));
            Set<Integer> lowest = byRun.values().stream().map(es -> Integer.parseInt(es.stream()
                    .min(java.util.Comparator.comparingDouble(e -> Double.parseDouble(e.get("val_loss")))).orElseThrow().get("epoch")))
                    .collect(Collectors.toSet());
            assertEquals(1, lowest.size(), "every final run's lowest validation loss at the same epoch: " + lowest);
            return new Object[] {lowest.iterator().next(), byRun.size()};
        }));
        c.add(derived(README, "only the tuned GRU (%.3f bits per character) and\n  LSTM (%.3f) beat an order-5 n-gram (%.3f)",
                "seq-chars/summary.csv", () -> {
                    double ngram = charsBpc("ngram");
                    for (String arm : SEQUENCE_CELLS) {
                        assertEquals(arm.equals("gru") || arm.equals("lstm"), charsBpc(arm + "_tuned") < ngram - 0.01, arm + " tuned");
                    }
                    return new Object[] {charsBpc("gru_tuned"), charsBpc("lstm_tuned"), ngram};
                }));
        c.add(derived(SEQUENCE_MD, "the LSTM beats its published figure (%.2f [%.2f, %.2f] against 8.45, at %.0f K parameters) and the\n"
                + "  SimpleRnn its (%.2f against 8.91); the GRU does not (%.2f [%.2f, %.2f] against 8.43). minGRU and minLSTM reach\n"
                + "  %.2f with a quarter", "seq-jsb/summary.csv", () -> {
                    Map<String, String> l = row("seq-jsb/summary.csv", Map.of("arm", "lstm_tuned"));
                    Map<String, String> g = row("seq-jsb/summary.csv", Map.of("arm", "gru_tuned"));
                    double minGru = number(row("seq-jsb/summary.csv", Map.of("arm", "min_gru_tuned")), "test_nll_per_frame_mean");
                    double minLstm = number(row("seq-jsb/summary.csv", Map.of("arm", "min_lstm_tuned")), "test_nll_per_frame_mean");
                    assertEquals(String.format(java.util.Locale.ROOT, "%.2f", minGru), String.format(java.util.Locale.ROOT, "%.2f", minLstm));
                    return new Object[] {number(l, "test_nll_per_frame_mean"), number(l, "test_nll_per_frame_ci95_low"),
                            number(l, "test_nll_per_frame_ci95_high"), number(l, "params_mean") / 1000,
                            number(row("seq-jsb/summary.csv", Map.of("arm", "simple_rnn_tuned")), "test_nll_per_frame_mean"),
                            number(g, "test_nll_per_frame_mean"), number(g, "test_nll_per_frame_ci95_low"),
                            number(g, "test_nll_per_frame_ci95_high"), minLstm};
                }));
        c.add(derived(SEQUENCE_MD, "The tuned LSTM leads every other tuned cell; the nearest, minLSTM, by %.2f [%.2f, %.2f] (paired over the "
                + "five\n  seeds, p = %s)", "seq-jsb/comparison.csv", () -> {
                    List<String> others = SEQUENCE_CELLS.stream().filter(a -> !a.equals("lstm")).map(a -> a + "_tuned").toList();
                    Diff nearest = null;
                    String which = null;
                    for (String other : others) {
                        Diff d = diff("seq-jsb", other, "lstm_tuned", 100, "test_nll_per_frame");
                        assertTrue(d.low() > 0, other + " is worse than the tuned LSTM, its interval above zero");
                        if (nearest == null || d.diff() < nearest.diff()) {
                            nearest = d;
                            which = other;
                        }
                    }
                    assertEquals("min_lstm_tuned", which);
                    return new Object[] {nearest.diff(), nearest.low(), nearest.high(),
                            exponent(nearest.p())};
                }));
        c.add(derived(SEQUENCE_MD, "Under the recipe the LSTM is the worst cell (%.2f), and its best epoch is its last on %s seeds of %s",
                "seq-jsb/runs.csv, summary.csv", () -> {
                    for (String a : SEQUENCE_CELLS) {
                        assertTrue(a.equals("lstm") || number(row("seq-jsb/summary.csv", Map.of("arm", a)), "test_nll_per_frame_mean")
                                < number(row("seq-jsb/summary.csv", Map.of("arm", "lstm")), "test_nll_per_frame_mean"), a);
                    }
                    List<Map<String, String>> lstm = rows("seq-jsb/runs.csv", e -> e.get("arm").equals("lstm"));
                    long last = lstm.stream().filter(e -> e.get("best_epoch").equals(e.get("epochs_trained"))).count();
                    String[] words = {"none", "one", "two", "three", "four", "five"};
                    return new Object[] {number(row("seq-jsb/summary.csv", Map.of("arm", "lstm")), "test_nll_per_frame_mean"),
                            words[(int) last], words[lstm.size()]};
                }));
        c.add(derived(SEQUENCE_MD, "it scores\n  %.4f nats per step (next-symbol accuracy %.3f against the memoryless %.3f). Every other cell, tuned or "
                + "not,\n  ends on the memoryless line or just below it (the recipe SimpleRnn %.4f and GRU %.4f and the tuned SimpleRnn "
                + "%.4f: some of the symbols)",
                "seq-copy/summary.csv", () -> {
                    double line = number(row("seq-copy/summary.csv", Map.of("arm", "memoryless")), "test_nats_per_step_mean");
                    for (String arm : SEQUENCE_CELLS) {
                        for (String a : List.of(arm, arm + "_tuned")) {
                            double v = number(row("seq-copy/summary.csv", Map.of("arm", a)), "test_nats_per_step_mean");
                            assertTrue(a.equals("gru_tuned") || a.startsWith("simple_rnn") || a.equals("gru") ? v < line
                                    : Math.abs(v - line) < 0.001, a + ": " + v);
                        }
                    }
                    Map<String, String> g = row("seq-copy/summary.csv", Map.of("arm", "gru_tuned"));
                    return new Object[] {number(g, "test_nats_per_step_mean"), number(g, "test_accuracy_mean"),
                            number(row("seq-copy/summary.csv", Map.of("arm", "memoryless")), "test_accuracy_mean"),
                            number(row("seq-copy/summary.csv", Map.of("arm", "simple_rnn")), "test_nats_per_step_mean"),
                            number(row("seq-copy/summary.csv", Map.of("arm", "gru")), "test_nats_per_step_mean"),
                            number(row("seq-copy/summary.csv", Map.of("arm", "simple_rnn_tuned")), "test_nats_per_step_mean")};
                }));
    }

    private static double charsBpc(String arm) {
        return number(row("seq-chars/summary.csv", Map.of("arm", arm)), "test_bpc_mean");
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    /** The sample standard deviation, as summary.csv has it. */
    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }

    // ------------------------------------------------------------------------------------------------- the studies

    private static Map<String, String> summaryRow(String study, String arm, int t) {
        return row(study + "/summary.csv", Map.of("arm", arm, "max_len", String.valueOf(t)));
    }

    private static double mean(String study, String arm, int t, String metric) {
        return number(summaryRow(study, arm, t), metric + "_mean");
    }

    /** The metric of each seed's run, in seed order. */
    private static double[] seeds(String study, String arm, int t, String metric) {
        return rows(study + "/runs.csv", r -> r.get("arm").equals(arm) && integer(r, "max_len") == t).stream()
                .sorted(Comparator.comparingInt(r -> integer(r, "seed"))).mapToDouble(r -> number(r, metric)).toArray();
    }

    private static boolean recall(String study) {
        return !study.contains("adding");
    }

    private static boolean solved(String study, double value) {
        return recall(study) ? value >= SOLVED_ACCURACY : value <= SOLVED_MSE;
    }

    private static String metric(String study) {
        return recall(study) ? "test_accuracy" : "test_loss";
    }

    private static int solvedSeeds(String study, String arm, int t) {
        return (int) Arrays.stream(seeds(study, arm, t, metric(study))).filter(v -> solved(study, v)).count();
    }

    private static List<Integer> lengths(String study, String arm) {
        return rows(study + "/summary.csv", r -> r.get("arm").equals(arm)).stream().map(r -> integer(r, "max_len")).sorted().toList();
    }

    /** The longest T whose mean over seeds is solved, 0 if none. */
    private static int longestSolved(String study, String arm) {
        return lengths(study, arm).stream().filter(t -> solved(study, mean(study, arm, t, metric(study)))).mapToInt(t -> t).max().orElse(0);
    }

    private static int longestSolvedBySomeSeed(String study, String arm) {
        return lengths(study, arm).stream().filter(t -> solvedSeeds(study, arm, t) > 0).mapToInt(t -> t).max().orElse(0);
    }

    /** The table's "longest T solved" row, the longest in bold. */
    private static String longestRow(String study, String none) {
        List<Integer> longest = CELLS.stream().map(a -> longestSolved(study, a)).toList();
        int best = longest.stream().mapToInt(t -> t).max().orElseThrow();
        return longest.stream().map(t -> t == 0 ? none : t == best ? "**" + t + "**" : String.valueOf(t))
                .collect(Collectors.joining(" | ", "| longest T solved | ", " |"));
    }

    /** "every seed" when each arm solves each length on every seed, else how many runs do. */
    private static String everySeed(String study, List<String> arms, List<Integer> lengths) {
        int solved = 0;
        int runs = 0;
        for (String arm : arms) {
            for (int t : lengths) {
                solved += solvedSeeds(study, arm, t);
                runs += seeds(study, arm, t, metric(study)).length;
            }
        }
        return solved == runs ? "every seed" : solved + " of " + runs + " runs";
    }

    private static String winner(String study, String arm, int t, boolean boldChrono) {
        Map<String, String> b = row(study + "/best.csv", Map.of("arm", arm, "max_len", String.valueOf(t)));
        List<String> parts = new ArrayList<>();
        parts.add(integer(b, "model.layers") + " × " + integer(b, "model.units"));
        parts.add("lr " + exponent(number(b, "model.learning_rate")));
        double dropout = number(b, "model.dropout");
        parts.add(dropout == 0 ? "no dropout" : "dropout " + format("%.1f", dropout));
        Matcher clip = Pattern.compile("\\{method: norm, threshold: (\\S+)}").matcher(b.get("model.gradient_clipping"));
        if (clip.matches()) {
            parts.add("clip norm " + clip.group(1));
        }
        if (b.get("model.forget_bias").equals("chrono")) {
            parts.add(boldChrono ? "**chrono**" : "chrono");
        }
        parts.add("batch " + integer(b, "train.batch_size"));
        return String.join(", ", parts);
    }

    private static double[] epochs(String arm, int seed, String column) {
        return rows("clipping/epochs.csv", r -> r.get("arm").equals(arm) && integer(r, "seed") == seed).stream()
                .sorted(Comparator.comparingInt(r -> integer(r, "epoch"))).mapToDouble(r -> number(r, column)).toArray();
    }

    // ------------------------------------------------------------------------------------------- the gradient probe

    private static final Map<String, Map<String, Double>> PROBES = new ConcurrentHashMap<>();

    /** log₁₀(‖∂L/∂x₀‖ / ‖∂L/∂x_{T−1}‖) of each seed, in seed order; −∞ where the first step's norm is 0 in float. */
    private static double[] ratios(String study, String arm, int t, String stage) {
        Map<String, Double> probe = PROBES.computeIfAbsent(study, s -> {
            Map<String, Double> ends = new HashMap<>();
            for (Map<String, String> r : rows(s + "/gradients.csv")) {
                int step = integer(r, "step");
                if (step == 0 || step == integer(r, "max_len") - 1) {
                    ends.put(r.get("arm") + "|" + r.get("max_len") + "|" + r.get("seed") + "|" + r.get("stage") + "|" + (step == 0 ? "first" : "last"),
                            number(r, "grad_norm"));
                }
            }
            return ends;
        });
        int[] seeds = rows(study + "/runs.csv", r -> r.get("arm").equals(arm) && integer(r, "max_len") == t).stream()
                .mapToInt(r -> integer(r, "seed")).sorted().toArray();
        return Arrays.stream(seeds).mapToDouble(seed -> {
            String key = arm + "|" + t + "|" + seed + "|" + stage + "|";
            Double first = probe.get(key + "first");
            Double last = probe.get(key + "last");
            assertTrue(first != null && last != null, "gradients.csv of " + study + " holds " + key);
            return Math.log10(first / last);
        }).toArray();
    }

    /** The mean over seeds of the log ratio (−∞ if any seed's first-step gradient is 0). */
    private static double meanLog(String study, String arm, int t, String stage) {
        return Arrays.stream(ratios(study, arm, t, stage)).average().orElseThrow();
    }

    private static String untrainedCell(String study, String arm, int t, String pattern, String zero) {
        double m = meanLog(study, arm, t, "untrained");
        return Double.isInfinite(m) ? zero : format(pattern, m);
    }

    /** Trained ratios per seed, "(0)" for a first-step gradient of 0. */
    private static String trainedSeeds(String study, String arm, int t) {
        return Arrays.stream(ratios(study, arm, t, "trained")).mapToObj(v -> Double.isInfinite(v) ? "(0)" : format("%+.2f", v))
                .collect(Collectors.joining(", "));
    }

    /** The trained ratios' range over seeds as "high to low" — or as "low to high" when the document reads it so (signs differ). */
    private static String range(String study, String arm, int t, String pattern) {
        double[] r = ratios(study, arm, t, "trained");
        String lo = format(pattern, min(r));
        String hi = format(pattern, max(r));
        return max(r) < 0 ? hi + " to " + lo : lo + " to " + hi;
    }

    // ------------------------------------------------------------------------------------------------------ reading

    private static final Map<String, List<Map<String, String>>> TABLES = new ConcurrentHashMap<>();

    /** Every row of a committed CSV (path under results/reference/), each cell as the text the CSV holds. */
    static List<Map<String, String>> rows(String csv) {
        return TABLES.computeIfAbsent(csv, name -> {
            Path file = REFERENCE.resolve(name);
            assertTrue(Files.isRegularFile(file), file + " exists (run the tests from the project root)");
            Table t = Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypes(column -> ColumnType.STRING));
            List<Map<String, String>> rows = new ArrayList<>(t.rowCount());
            for (int i = 0; i < t.rowCount(); i++) {
                Map<String, String> r = new LinkedHashMap<>();
                for (String col : t.columnNames()) {
                    r.put(col, t.column(col).getString(i));
                }
                rows.add(r);
            }
            return List.copyOf(rows);
        });
    }

    private static List<Map<String, String>> rows(String csv, Predicate<Map<String, String>> filter) {
        return rows(csv).stream().filter(filter).toList();
    }

    static Map<String, String> row(String csv, Map<String, String> filter) {
        List<Map<String, String>> found = rows(csv, r -> filter.entrySet().stream().allMatch(e -> e.getValue().equals(r.get(e.getKey()))));
        assertEquals(1, found.size(), "rows of results/reference/" + csv + " matching " + filter);
        return found.get(0);
    }

    private static double[] column(String csv, Predicate<Map<String, String>> filter, String col) {
        return rows(csv, filter).stream().mapToDouble(r -> number(r, col)).toArray();
    }

    private static double number(Map<String, String> r, String col) {
        String v = r.get(col);
        assertTrue(v != null && !v.isEmpty(), "a value in column " + col + " of " + r);
        return Double.parseDouble(v);
    }

    private static int integer(Map<String, String> r, String col) {
        return (int) number(r, col);
    }

    private static String readDoc(String doc) {
        try {
            return collapse(Files.readString(Path.of(doc)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------- rendering

    private static final Pattern SPEC = Pattern.compile("%[-#+ 0,(]*\\d*(?:\\.\\d+)?[a-zA-Z]");

    /** The template with each value formatted by its own specifier (Locale.ROOT); a number's minus sign is U+2212. */
    static String render(String template, Object... values) {
        Matcher m = SPEC.matcher(template);
        StringBuilder out = new StringBuilder();
        int i = 0;
        int last = 0;
        while (m.find()) {
            out.append(template, last, m.start());
            if (i >= values.length) {
                throw new IllegalArgumentException("more placeholders than values in \"" + template + "\"");
            }
            Object value = values[i++];
            String text = String.format(Locale.ROOT, m.group(), value);
            out.append(value instanceof Number ? text.replace('-', '−') : text);
            last = m.end();
        }
        if (i != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + i + " placeholders in \"" + template + "\"");
        }
        return out.append(template.substring(last)).toString();
    }

    private static String format(String pattern, double value) {
        return render(pattern, value);
    }

    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ");
    }

    /** 1.6e-5: one decimal, the exponent without padding (as the tuning docs write learning rates and p-values). */
    static String exponent(double value) {
        int e = (int) Math.floor(Math.log10(value));
        double mantissa = value / Math.pow(10, e);
        if (format("%.1f", mantissa).equals("10.0")) {
            e++;
            mantissa /= 10;
        }
        return String.format(Locale.ROOT, "%.1fe%d", mantissa, e);
    }

    /** 1.7·10⁻⁴, as the memory study writes small p-values. */
    static String timesTen(double value) {
        String[] parts = exponent(value).split("e");
        return parts[0] + "·" + power(Integer.parseInt(parts[1]));
    }

    /** 10⁻¹². */
    static String power(long exponent) {
        String sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        StringBuilder s = new StringBuilder("10");
        for (char ch : String.valueOf(exponent).toCharArray()) {
            s.append(ch == '-' ? '⁻' : sup.charAt(ch - '0'));
        }
        return s.toString();
    }

    /** A ratio in quarters, as the docs say it ("three quarters"). */
    private static String quarters(double ratio) {
        long q = Math.round(ratio * 4);
        return q == 2 ? "half" : q == 4 ? "all" : WORDS[(int) q] + " quarter" + (q == 1 ? "" : "s");
    }

    /** The one value all of these equal, or a text naming them all (which no document says, so the claim fails). */
    private static Object same(Object... values) {
        return Arrays.stream(values).distinct().count() == 1 ? values[0] : Arrays.toString(values);
    }

    private static double[] concat(double[] a, double[] b) {
        return IntStream.range(0, a.length + b.length).mapToDouble(i -> i < a.length ? a[i] : b[i - a.length]).toArray();
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElseThrow();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElseThrow();
    }
}
