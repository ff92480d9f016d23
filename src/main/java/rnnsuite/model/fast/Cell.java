package rnnsuite.model.fast;

import java.util.Arrays;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;

/**
 * The recurrent cells, each described once and keyed by one name: its parameter layout (from which FLOPs,
 * parameter counts and gate-bias options follow), the configuration class DL4J builds it as (DL4J's own cells), its fast layer, and
 * for the suite's own cells ({@link RecurrentCell}) the reference equations. {@code rnnsuite.model.Variant} adds
 * what the layers above need (its DL4J builder, colour and citation) to the same name. A new cell is one constant
 * here, its math or DL4J class, its fast layer (with the kernels and their checks) and its line in Variant.
 */
public enum Cell {
    /** Elman RNN, DL4J's {@code SimpleRnn}: h_t = tanh(W x_t + R h_{t-1} + b). */
    SIMPLE_RNN("simple_rnn", GateLayout.inputs(1).recurrent(1), SimpleRnn.class, FastSimpleRnnLayer::new, null),
    /** LSTM without peepholes, DL4J's {@code LSTM}: gates [block input | forget | output | input]. */
    LSTM("lstm", GateLayout.inputs(4).recurrent(4).bias(4).keeps(GateLayout.Keep.FORGET, 1).writes(3),
            org.deeplearning4j.nn.conf.layers.LSTM.class, (conf, type) -> new FastLstmLayer(conf, type, false), null),
    /** LSTM with peephole connections, DL4J's {@code GravesLSTM}: three more weights per unit. */
    PEEPHOLE_LSTM("peephole_lstm", GateLayout.inputs(4).recurrent(4).bias(4).unitVectors(3)
            .keeps(GateLayout.Keep.FORGET, 1).writes(3), GravesLSTM.class, (conf, type) -> new FastLstmLayer(conf, type, true), null),
    /** RW [H, 3H] in gate order (r, z, n), b = [b_i | b_h]; the update gate z keeps the state. */
    GRU("gru", GateLayout.inputs(3).recurrent(3).bias(6).keeps(GateLayout.Keep.UPDATE, 1), null,
            FastGruLayer::new, new CellMaths.Gru()),
    /** W = [z | h̃]; z weighs the candidate, so keeping the state means a low bias. */
    MIN_GRU("min_gru", GateLayout.inputs(2).bias(2).keeps(GateLayout.Keep.UPDATE, 0).keepingNegated(), null,
            (conf, type) -> new FastMinCellLayer(conf, type, false), new CellMaths.MinGru()),
    /** W = [f | i | h̃]. */
    MIN_LSTM("min_lstm", GateLayout.inputs(3).bias(3).keeps(GateLayout.Keep.FORGET, 0).writes(1), null,
            (conf, type) -> new FastMinCellLayer(conf, type, true), new CellMaths.MinLstm()),
    /** W [nIn, H], RW = u [1, H] (one recurrent weight per unit), b [H]. */
    IND_RNN("ind_rnn", GateLayout.inputs(1).unitVectors(1), null, FastIndRnnLayer::new, new CellMaths.IndRnn());

    private final String id;
    private final GateLayout layout;
    private final Class<? extends Layer> configuration;
    private final FastLayerFactory fastLayer;
    private final CellMath math;

    Cell(String id, GateLayout layout, Class<? extends Layer> configuration, FastLayerFactory fastLayer, CellMath math) {
        this.id = id;
        this.layout = layout;
        this.configuration = configuration;
        this.fastLayer = fastLayer;
        this.math = math;
    }

    /** The name plans, CSVs and the command line use. */
    public String id() {
        return id;
    }

    public GateLayout layout() {
        return layout;
    }

    /** One of the suite's own cells, configured as a {@link RecurrentCell}; else one of DL4J's. */
    public boolean own() {
        return math != null;
    }

    /** The reference equations of one of the suite's own cells; null for DL4J's. */
    CellMath math() {
        return math;
    }

    FastLayerFactory fastLayer() {
        return fastLayer;
    }

    /** DL4J's cell built as {@code configuration}'s class, or null when it is none of them. */
    static Cell dl4j(Class<?> configuration) {
        return Arrays.stream(values()).filter(c -> !c.own() && c.configuration == configuration).findFirst().orElse(null);
    }

    /** The names of DL4J's cells the fast layers compute. */
    static String dl4jNames() {
        return String.join(", ", Arrays.stream(values()).filter(c -> !c.own()).map(c -> c.configuration.getSimpleName()).toList());
    }
}
