package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.nd4j.linalg.activations.Activation;
import rnnsuite.model.fast.Cell;
import rnnsuite.model.fast.GateLayout;
import rnnsuite.model.fast.RecurrentCell;

/**
 * The recurrent cells under study as the layers above the kernels see them, keyed by their {@link Cell}, which
 * describes each once (its name, parameter layout, fast layer, reference math): here what building and showing it
 * adds, its DL4J layer builder, its colour in reports and where it comes from. Everything else in the stack is shared.
 */
public enum Variant {
    /** Elman RNN, DL4J {@code SimpleRnn}: h_t = tanh(W x_t + R h_{t-1} + b). */
    SIMPLE_RNN(Cell.SIMPLE_RNN, "#1f77b4", "Elman 1990, Finding structure in time", (spec, fast, steps) -> new SimpleRnn.Builder()),
    /** LSTM without peepholes, DL4J {@code LSTM}: gates [block input | forget | output | input]. */
    LSTM(Cell.LSTM, "#d62728", "Hochreiter & Schmidhuber 1997; forget gate: Gers et al. 2000",
            (spec, fast, steps) -> new LSTM.Builder().gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(constant(spec.forgetGate()))),
    /** LSTM with peephole connections (W_ci·c_{t-1} terms), DL4J {@code GravesLSTM}: three more weights per unit. */
    PEEPHOLE_LSTM(Cell.PEEPHOLE_LSTM, "#2ca02c", "Gers & Schmidhuber 2000; Graves 2013",
            (spec, fast, steps) -> new GravesLSTM.Builder().gateActivationFunction(Activation.SIGMOID)
                    .forgetGateBiasInit(constant(spec.forgetGate()))),
    /**
     * GRU as PyTorch's {@code nn.GRU} and Keras' {@code GRU(reset_after=True)}: DL4J has none, the suite's
     * {@code RecurrentCell} provides it.
     */
    GRU(Cell.GRU, "#ff7f0e", "Cho et al. 2014"),
    /** minGRU (Feng et al. 2024): gate and candidate from x_t only, h_t = (1 − z) ⊙ h_{t-1} + z ⊙ h̃; a scan over time. */
    MIN_GRU(Cell.MIN_GRU, "#9467bd", "Feng et al. 2024, Were RNNs all we needed?"),
    /** minLSTM (Feng et al. 2024): normalised forget and input gates from x_t only; a scan over time. */
    MIN_LSTM(Cell.MIN_LSTM, "#8c564b", "Feng et al. 2024, Were RNNs all we needed?"),
    /** IndRNN (Li et al. 2018): h_t = relu(W x_t + u ⊙ h_{t-1} + b), one recurrent weight per unit, |u| ≤ 2^(1/T). */
    IND_RNN(Cell.IND_RNN, "#e6ab02",
            "Li et al. 2018, Independently recurrent neural network (IndRNN): building a longer and deeper RNN");

    /** Builds a variant's DL4J layer configuration (shape, activation and initialisers are the factory's). */
    @FunctionalInterface
    interface Layer {
        /**
         * @param fast  the suite's own cells: compute with the fast kernels (else the per-step reference)
         * @param steps the sequence length the network reads (IndRNN's bound), or 0 when unknown
         */
        BaseRecurrentLayer.Builder<?> builder(ModelSpec spec, boolean fast, int steps);
    }

    private final Cell cell;
    private final String colour;
    private final String citation;
    private final Layer layer;

    Variant(Cell cell, String colour, String citation, Layer layer) {
        this.cell = cell;
        this.colour = colour;
        this.citation = citation;
        this.layer = layer;
    }

    /** One of the suite's own cells: its layer a {@link RecurrentCell}. */
    Variant(Cell cell, String colour, String citation) {
        this(cell, colour, citation, (spec, fast, steps) -> new RecurrentCell.Builder(cell).fast(fast)
                .forgetGateBiasInit(constant(spec.forgetGate())).updateGateBiasInit(constant(spec.updateGate()))
                .recurrentBound(cell.layout().unitVectors() > 0 && steps > 0 ? Math.pow(2, 1.0 / steps) : 0));
    }

    /** A constant bias as the layer takes it: chrono's values are set per unit after initialisation ({@link ForgetBias}). */
    private static double constant(ForgetBias bias) {
        return bias.chrono() ? 0 : bias.value();
    }

    /** The name plans, CSVs and the command line use. */
    @JsonValue
    public String id() {
        return cell.id();
    }

    /** The cell it builds. */
    public Cell cell() {
        return cell;
    }

    public GateLayout layout() {
        return cell.layout();
    }

    /** Its colour in every chart. */
    public String colour() {
        return colour;
    }

    /** Where the cell comes from. */
    public String citation() {
        return citation;
    }

    /**
     * The cell's DL4J layer configuration (shape, activation and initialisers still to set, as the factory does).
     *
     * @param fast  the suite's own cells: compute with the fast kernels (else the per-step reference)
     * @param steps the sequence length the network reads (IndRNN's bound), or 0 when unknown
     */
    public BaseRecurrentLayer.Builder<?> layerBuilder(ModelSpec spec, boolean fast, int steps) {
        return layer.builder(spec, fast, steps);
    }

    /** The parameter layout of a recurrent layer's configuration (DL4J's or the suite's), or null for another layer. */
    public static GateLayout layoutOf(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof RecurrentCell cell) {
            return cell.getKind().layout();
        }
        for (Variant v : values()) {
            // DL4J's own cells: the variant whose builder makes that class
            if (v.layerBuilder(ModelSpec.defaults(), false, 0).build().getClass() == conf.getClass()) {
                return v.layout();
            }
        }
        return null;
    }

    /** Whether the cell has a forget gate, whose initial bias {@code forget_bias} sets. */
    public boolean hasForgetGate() {
        return layout().keep() == GateLayout.Keep.FORGET;
    }

    /** Whether the cell has an update gate, whose initial keeping bias {@code update_bias} sets. */
    public boolean hasUpdateGate() {
        return layout().keep() == GateLayout.Keep.UPDATE;
    }

    /**
     * Multiply-add FLOPs of one forward step for one example, the matrix products only ({@link GateLayout}):
     * 2·H·(D+H) for the SimpleRnn, 8·H·(D+H) for the LSTMs, 6·H·(D+H) for the GRU, 4·H·D for the minGRU, 6·H·D for
     * the minLSTM and 2·H·D for the IndRNN (D = the layer's input width). Training ≈ 3 × this.
     */
    public double forwardFlopsPerStep(int inputs, int units) {
        return layout().forwardFlopsPerStep(inputs, units);
    }

    /** The names a plan may use, comma-separated. */
    public static String choices() {
        return java.util.Arrays.stream(values()).map(Variant::id).collect(java.util.stream.Collectors.joining(", "));
    }

    @JsonCreator
    public static Variant parse(String name) {
        return Ids.parse(values(), Variant::id, name, "variant");
    }

    @Override
    public String toString() {
        return id();
    }
}
