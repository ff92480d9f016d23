package rnnsuite.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import rnnsuite.model.fast.FastRecurrent;
import rnnsuite.runtime.Natives;

/** How the recurrent layers are computed; the model and its parameters are the same either way. */
public enum Impl {
    /** DL4J's own SimpleRnn / LSTM / GravesLSTM layers. */
    STOCK("stock"),
    /** rnnsuite.model.fast: fused Vector API kernels and whole-sequence GEMMs, checked against stock in tests. */
    FAST("fast");

    private final String id;

    Impl(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static Impl parse(String name) {
        return Ids.parse(values(), Impl::id, name, "impl");
    }

    /**
     * The implementation that will actually run: fast falls back to stock when this JVM lacks the Vector
     * API, and on the CUDA backend (the fast kernels compute on the CPU, from host memory).
     */
    public Impl effective() {
        return this == FAST && (!FastRecurrent.available() || Natives.cuda()) ? STOCK : this;
    }

    /** Why {@link #effective()} runs stock in place of this implementation; null where it runs as asked. */
    public String fallbackReason() {
        if (effective() == this) {
            return null;
        }
        return Natives.cuda() ? "the fast layers are CPU kernels; the CUDA build runs DL4J's own"
                : "fast needs the JVM option --add-modules " + FastRecurrent.VECTOR_MODULE;
    }

    @Override
    public String toString() {
        return id;
    }
}
