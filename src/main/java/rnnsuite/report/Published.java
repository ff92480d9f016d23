package rnnsuite.report;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A figure a paper published for a cell on one of the suite's datasets, shown beside the suite's own in the
 * cross-task report. Where the paper's sizes, splits or budget differ from a study's, {@link #setting} says so.
 *
 * @param dataset the suite's dataset name
 * @param cell    the suite's variant id
 * @param value   in the dataset's headline metric (test NLL per frame on the music sets, nats per step on copy
 *                memory, MSE on the adding problem)
 * @param source  author, year and table
 * @param setting what the figure was measured at
 * @param params  the paper's parameter count for it, about; 0 where its sizes vary by cell
 */
public record Published(String dataset, String cell, double value, String source, String setting, int params) {

    private static final String CHUNG = "Chung et al. 2014, Table 2";
    private static final String CHUNG_SETTING = "≈ 20 K parameters (tanh 100, GRU 46, LSTM 36 units, one layer); "
            + "inputs 93–108 notes wide (ours 88); RMSProp with weight noise, early stopping on validation";
    private static final int CHUNG_PARAMS = 20_000;
    private static final String BAI = "Bai et al. 2018, Table 1";
    private static final int BAI_JSB_PARAMS = 300_000;
    private static final int BAI_NOTTINGHAM_PARAMS = 1_000_000;
    private static final String BAI_SETTING = "≈ 300 K parameters (JSB), ≈ 1 M (Nottingham); batch 1, "
            + "best validation epoch, learning rate ÷ 10 on a plateau";

    private static final String BAI_COPY = "copy memory at T = 1000 (cross-entropy per step; remembering nothing scores "
            + "0.0204 there), 10,000 training sequences, the paper's own model sizes; a study's own max_len may differ";
    private static final String BAI_ADDING = "adding problem at T = 600 (MSE; predicting the mean scores about 0.167), the paper's own "
            + "model sizes; a study's own max_len may differ";

    /** Every published figure the suite knows. */
    public static final List<Published> ALL = List.of(
            new Published("nottingham", "simple_rnn", 3.13, CHUNG, CHUNG_SETTING, CHUNG_PARAMS),
            new Published("nottingham", "gru", 3.23, CHUNG, CHUNG_SETTING, CHUNG_PARAMS),
            new Published("nottingham", "lstm", 3.20, CHUNG, CHUNG_SETTING, CHUNG_PARAMS),
            new Published("jsb", "simple_rnn", 9.10, CHUNG, CHUNG_SETTING, CHUNG_PARAMS),
            new Published("jsb", "gru", 8.54, CHUNG, CHUNG_SETTING, CHUNG_PARAMS),
            new Published("jsb", "lstm", 8.67, CHUNG, CHUNG_SETTING, CHUNG_PARAMS),
            new Published("musedata", "simple_rnn", 6.23, CHUNG, CHUNG_SETTING, CHUNG_PARAMS),
            new Published("musedata", "gru", 5.99, CHUNG, CHUNG_SETTING, CHUNG_PARAMS),
            new Published("musedata", "lstm", 6.23, CHUNG, CHUNG_SETTING, CHUNG_PARAMS),
            new Published("piano_midi", "simple_rnn", 9.03, CHUNG, CHUNG_SETTING, CHUNG_PARAMS),
            new Published("piano_midi", "gru", 8.82, CHUNG, CHUNG_SETTING, CHUNG_PARAMS),
            new Published("piano_midi", "lstm", 9.03, CHUNG, CHUNG_SETTING, CHUNG_PARAMS),
            new Published("jsb", "simple_rnn", 8.91, BAI, BAI_SETTING, BAI_JSB_PARAMS),
            new Published("jsb", "gru", 8.43, BAI, BAI_SETTING, BAI_JSB_PARAMS),
            new Published("jsb", "lstm", 8.45, BAI, BAI_SETTING, BAI_JSB_PARAMS),
            new Published("nottingham", "simple_rnn", 4.05, BAI, BAI_SETTING, BAI_NOTTINGHAM_PARAMS),
            new Published("nottingham", "gru", 3.46, BAI, BAI_SETTING, BAI_NOTTINGHAM_PARAMS),
            new Published("nottingham", "lstm", 3.29, BAI, BAI_SETTING, BAI_NOTTINGHAM_PARAMS),
            new Published("copy", "simple_rnn", 0.0202, BAI, BAI_COPY, 0),
            new Published("copy", "gru", 0.0197, BAI, BAI_COPY, 0),
            new Published("copy", "lstm", 0.0204, BAI, BAI_COPY, 0),
            new Published("adding", "simple_rnn", 0.177, BAI, BAI_ADDING, 0),
            new Published("adding", "gru", 5.3e-5, BAI, BAI_ADDING, 0),
            new Published("adding", "lstm", 0.164, BAI, BAI_ADDING, 0));

    /** The figures published for a cell on a dataset, Chung's before Bai's. */
    public static List<Published> of(String dataset, String cell) {
        return ALL.stream().filter(p -> p.dataset.equals(dataset) && p.cell.equals(cell)).toList();
    }

    /** The figure a study at about {@code params} parameters stands beside: the paper whose size is nearest its own. */
    public static Optional<Published> nearest(String dataset, String cell, double params) {
        List<Published> all = of(dataset, cell);
        return all.stream().filter(p -> p.params > 0)
                .min(Comparator.comparingDouble(p -> Math.abs(Math.log(params / p.params))))
                .or(() -> all.stream().findFirst());
    }

    /** Whether a model of {@code params} parameters is of the paper's size: within a factor of 2 of it. */
    public boolean atSize(double params) {
        return this.params > 0 && params >= this.params / 2.0 && params <= this.params * 2.0;
    }
}
