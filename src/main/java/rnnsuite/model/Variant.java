package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The recurrent cells under study; everything else in the stack is shared. */
public enum Variant {
    /** Elman RNN, DL4J {@code SimpleRnn}: h_t = tanh(W x_t + R h_{t-1} + b). */
    SIMPLE_RNN("simple_rnn"),
    /** LSTM without peepholes, DL4J {@code LSTM}. */
    LSTM("lstm"),
    /** LSTM with peephole connections (W_ci·c_{t-1} terms), DL4J {@code GravesLSTM}. */
    PEEPHOLE_LSTM("peephole_lstm"),
    /**
     * GRU as PyTorch's {@code nn.GRU} and Keras' {@code GRU(reset_after=True)}: DL4J has none, the suite's
     * {@code RecurrentCell} provides it.
     */
    GRU("gru"),
    /** minGRU (Feng et al. 2024): gate and candidate from x_t only, h_t = (1 − z) ⊙ h_{t-1} + z ⊙ h̃; a scan over time. */
    MIN_GRU("min_gru"),
    /** minLSTM (Feng et al. 2024): normalised forget and input gates from x_t only; a scan over time. */
    MIN_LSTM("min_lstm");

    private final String id;

    Variant(String id) {
        this.id = id;
    }

    /** The name plans, CSVs and the command line use. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Whether the cell has a forget gate, whose initial bias {@link ForgetBias} sets. */
    public boolean hasForgetGate() {
        return this == LSTM || this == PEEPHOLE_LSTM || this == MIN_LSTM;
    }

    /**
     * Multiply-add FLOPs of one forward step for one example, the matrix products only (element-wise work is
     * O(units) and left out): 2·k·H·D for the input projection of k gate blocks (D = the layer's input width)
     * plus 2·k'·H·H for the recurrent product of k' blocks. Training ≈ 3 × this (forward, two backward products).
     */
    public double forwardFlopsPerStep(int inputs, int units) {
        return switch (this) {
            case SIMPLE_RNN -> 2.0 * units * (inputs + units);
            case LSTM, PEEPHOLE_LSTM -> 8.0 * units * (inputs + units);
            case GRU -> 6.0 * units * (inputs + units);
            case MIN_GRU -> 4.0 * units * inputs;
            case MIN_LSTM -> 6.0 * units * inputs;
        };
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
        return id;
    }
}
