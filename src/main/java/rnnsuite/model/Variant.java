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
    PEEPHOLE_LSTM("peephole_lstm");

    private final String id;

    Variant(String id) {
        this.id = id;
    }

    /** The name plans, CSVs and the command line use. */
    @JsonValue
    public String id() {
        return id;
    }

    /** Whether the cell has gates (a forget gate whose bias {@link ForgetBias} sets). */
    public boolean gated() {
        return this != SIMPLE_RNN;
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
