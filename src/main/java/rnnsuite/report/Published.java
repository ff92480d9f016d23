package rnnsuite.report;

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
 */
public record Published(String dataset, String cell, double value, String source, String setting) {

    private static final String CHUNG = "Chung et al. 2014, Table 2";
    private static final String CHUNG_SETTING = "≈ 20 K parameters (tanh 100, GRU 46, LSTM 36 units, one layer); "
            + "inputs 93–108 notes wide (ours 88); RMSProp with weight noise, early stopping on validation";
    private static final String BAI = "Bai et al. 2018, Table 1";
    private static final String BAI_SETTING = "≈ 300 K parameters (JSB), ≈ 1 M (Nottingham); batch 1, "
            + "best validation epoch, learning rate ÷ 10 on a plateau";

    private static final String BAI_COPY = "copy memory at T = 1000 (cross-entropy per step; remembering nothing scores "
            + "0.0204 there), 10,000 training sequences, the paper's own model sizes; a study's own max_len may differ";
    private static final String BAI_ADDING = "adding problem at T = 600 (MSE; predicting the mean scores about 0.167), the paper's own "
            + "model sizes; a study's own max_len may differ";

    /** Every published figure the suite knows. */
    public static final List<Published> ALL = List.of(
            new Published("nottingham", "simple_rnn", 3.13, CHUNG, CHUNG_SETTING),
            new Published("nottingham", "gru", 3.23, CHUNG, CHUNG_SETTING),
            new Published("nottingham", "lstm", 3.20, CHUNG, CHUNG_SETTING),
            new Published("jsb", "simple_rnn", 9.10, CHUNG, CHUNG_SETTING),
            new Published("jsb", "gru", 8.54, CHUNG, CHUNG_SETTING),
            new Published("jsb", "lstm", 8.67, CHUNG, CHUNG_SETTING),
            new Published("musedata", "simple_rnn", 6.23, CHUNG, CHUNG_SETTING),
            new Published("musedata", "gru", 5.99, CHUNG, CHUNG_SETTING),
            new Published("musedata", "lstm", 6.23, CHUNG, CHUNG_SETTING),
            new Published("piano_midi", "simple_rnn", 9.03, CHUNG, CHUNG_SETTING),
            new Published("piano_midi", "gru", 8.82, CHUNG, CHUNG_SETTING),
            new Published("piano_midi", "lstm", 9.03, CHUNG, CHUNG_SETTING),
            new Published("jsb", "simple_rnn", 8.91, BAI, BAI_SETTING),
            new Published("jsb", "gru", 8.43, BAI, BAI_SETTING),
            new Published("jsb", "lstm", 8.45, BAI, BAI_SETTING),
            new Published("nottingham", "simple_rnn", 4.05, BAI, BAI_SETTING),
            new Published("nottingham", "gru", 3.46, BAI, BAI_SETTING),
            new Published("nottingham", "lstm", 3.29, BAI, BAI_SETTING),
            new Published("copy", "simple_rnn", 0.0202, BAI, BAI_COPY),
            new Published("copy", "gru", 0.0197, BAI, BAI_COPY),
            new Published("copy", "lstm", 0.0204, BAI, BAI_COPY),
            new Published("adding", "simple_rnn", 0.177, BAI, BAI_ADDING),
            new Published("adding", "gru", 5.3e-5, BAI, BAI_ADDING),
            new Published("adding", "lstm", 0.164, BAI, BAI_ADDING));

    /** The figures published for a cell on a dataset, Chung's before Bai's. */
    public static List<Published> of(String dataset, String cell) {
        return ALL.stream().filter(p -> p.dataset.equals(dataset) && p.cell.equals(cell)).toList();
    }

    /** The figure a study at about {@code params} parameters stands beside: Chung's near 20 K, Bai's from 150 K. */
    public static Optional<Published> nearest(String dataset, String cell, double params) {
        List<Published> all = of(dataset, cell);
        String source = params >= 150_000 ? BAI : CHUNG;
        return all.stream().filter(p -> p.source.equals(source)).findFirst().or(() -> all.stream().findFirst());
    }
}
