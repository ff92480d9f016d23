package rnnsuite.data;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Copy memory (Bai, Kolter &amp; Koltun 2018, after Hochreiter &amp; Schmidhuber 1997 and Arjovsky et al. 2016), as
 * the TCN repository's generator makes it (TCN/copy_memory/utils.py): 10 symbols drawn from 1..8, then T − 1 blanks
 * (0), then the marker 9 on the last 11 steps, T + 20 steps in all; the target is blank everywhere but the last 10
 * steps, which repeat the first 10 symbols. T is {@code data.max_len}. Every step is scored (cross-entropy over the
 * 10 symbols). A model that remembers nothing can at best predict blanks and, at the last 10 steps, any of the 8
 * symbols: 10·ln 8 / (T + 20) nats per step, the line to beat.
 */
public final class SequenceTasks {

    /** The symbols to remember. */
    public static final int MEMORY = 10;
    /** The blank, the digits 1..8 to remember, the marker. */
    public static final int SYMBOLS = 10;
    static final int MARKER = 9;

    private SequenceTasks() {
    }

    /** What a memoryless model scores on copy memory with T blanks: 10·ln 8 / (T + 20) nats per step. */
    public static double memorylessNatsPerStep(int blanks) {
        return MEMORY * Math.log(8) / (blanks + 2.0 * MEMORY);
    }

    /** Copy memory's sizes: the symbols, the blanks, the marker and the answer; a symbol id in and out per step. */
    static Dataset.Size copySize(DataSpec spec) {
        double length = spec.maxLen() + 2.0 * MEMORY;
        return new Dataset.Size(0, SYMBOLS, SYMBOLS, length, spec.examples(), length * 2);
    }

    static PreparedData copy(DataSpec spec) {
        int blanks = spec.maxLen();
        int steps = blanks + 2 * MEMORY;
        int n = spec.examples();
        Random random = new Random(spec.splitSeed());
        int[][] x = new int[n][steps];
        int[][] y = new int[n][steps];
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < MEMORY; i++) {
                int symbol = 1 + random.nextInt(8);
                x[e][i] = symbol;
                y[e][blanks + MEMORY + i] = symbol;
            }
            for (int t = blanks + MEMORY - 1; t < steps; t++) {
                x[e][t] = MARKER;
            }
        }
        int[][] parts = StratifiedSplit.indices(java.util.Collections.nCopies(n, "all"), spec.split(), spec.splitSeed());
        StepSplit[] splits = new StepSplit[3];
        int[][] counts = new int[3][1];
        for (int s = 0; s < 3; s++) {
            int[][] xs = Arrays.stream(parts[s]).mapToObj(i -> x[i]).toArray(int[][]::new);
            int[][] ys = Arrays.stream(parts[s]).mapToObj(i -> y[i]).toArray(int[][]::new);
            splits[s] = new StepSplit(StratifiedSplit.NAMES[s], SYMBOLS, SYMBOLS, xs, ys);
            counts[s][0] = xs.length;
        }
        double memoryless = memorylessNatsPerStep(blanks);
        String source = String.format(Locale.ROOT, "generated: copy memory, %d symbols from 1..8, %d blanks, the marker 9 "
                + "on the last %d steps (%d steps in all), as TCN/copy_memory/utils.py (seed %d)", MEMORY, blanks,
                MEMORY + 1, steps, spec.splitSeed());
        List<String> classes = java.util.stream.IntStream.range(0, SYMBOLS).mapToObj(String::valueOf).toList();
        DatasetSummary summary = new DatasetSummary(spec.dataset(), source, List.of(), counts, steps,
                new int[] {steps, steps, steps, steps, steps}, 0, SYMBOLS, -1, 0, memoryless, 0,
                String.format(Locale.ROOT, "remembering nothing (blanks, then any of the 8 symbols) scores %.4f nats per "
                        + "step, 10·ln 8 / (T + 20): the line to beat", memoryless));
        return new PreparedData(spec, classes, null, SYMBOLS, splits[0], splits[1], splits[2], summary, List.of());
    }
}
