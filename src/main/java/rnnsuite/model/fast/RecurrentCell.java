package rnnsuite.model.fast;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import rnnsuite.runtime.Natives;

/**
 * A DL4J layer configuration for the cells DL4J lacks: the GRU, and Feng et al.'s (2024, <em>Were RNNs All
 * We Needed?</em>) minGRU and minLSTM. It goes in a {@code MultiLayerConfiguration} like DL4J's own
 * recurrent layers (NCW input, masks, {@code LastTimeStep}, input dropout, {@code ModelSerializer}).
 *
 * <p>Equations (x_t the input, h_{t-1} the previous output, σ the logistic function, masked steps output 0
 * and pass 0 on as the state, as DL4J's SimpleRnn does):
 * <ul>
 * <li>{@link Kind#GRU}, PyTorch's {@code nn.GRU} and Keras' {@code GRU(reset_after=True)}: the reset gate
 *     acts after the recurrent product. r = σ(x W_r + b_ir + h R_r + b_hr), z = σ(x W_z + b_iz + h R_z + b_hz),
 *     n = tanh(x W_n + b_in + r ⊙ (h R_n + b_hn)), h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}. Parameters
 *     W [nIn, 3H] and RW [H, 3H] in gate order (r, z, n), b [1, 6H] = [b_i | b_h] — PyTorch's weight_ih, weight_hh
 *     transposed and its two bias vectors.</li>
 * <li>{@link Kind#MIN_GRU}: z = σ(x W_z + b_z), h̃ = x W_h + b_h, h_t = (1 − z) ⊙ h_{t-1} + z ⊙ h̃.
 *     W [nIn, 2H] = [z | h̃], b [1, 2H].</li>
 * <li>{@link Kind#MIN_LSTM}: f = σ(x W_f + b_f), i = σ(x W_i + b_i), h̃ = x W_h + b_h, and the normalised gates
 *     f' = f / (f + i), i' = i / (f + i): h_t = f' ⊙ h_{t-1} + i' ⊙ h̃. W [nIn, 3H] = [f | i | h̃], b [1, 3H];
 *     b_f starts at {@link #getForgetGateBiasInit()}.</li>
 * </ul>
 * The min cells' gates and candidates see x_t only, so no matrix product sits inside the recurrence: one
 * GEMM projects every step, and the recurrence is an element-wise scan over time (the paper's sequential
 * mode; its parallel scan would pay off with many more cores than steps).
 *
 * <p>Initialisation (Keras' defaults): Glorot-uniform input weights (the configuration's weight init), the
 * recurrent initialiser for the GRU's RW (the suite sets orthogonal), zero biases.
 *
 * <p>Computation: in FLOAT with the Vector API the fast kernels of this package; otherwise (DOUBLE, which
 * DL4J's gradient checks use, or a JVM without the Vector API, or {@link #isFast()} false) a
 * per-step ND4J implementation of the same equations, {@link ReferenceCellLayer}.
 */
public class RecurrentCell extends BaseRecurrentLayer {

    /** The cells, with their gate blocks: input-projection columns and recurrent-projection columns per unit. */
    public enum Kind {
        GRU(3, 3, 6),
        MIN_GRU(2, 0, 2),
        MIN_LSTM(3, 0, 3);

        /** Columns of W per unit. */
        public final int inputBlocks;
        /** Columns of RW per unit (0: no recurrent weights). */
        public final int recurrentBlocks;
        /** Entries of b per unit. */
        public final int biasBlocks;

        Kind(int inputBlocks, int recurrentBlocks, int biasBlocks) {
            this.inputBlocks = inputBlocks;
            this.recurrentBlocks = recurrentBlocks;
            this.biasBlocks = biasBlocks;
        }
    }

    private Kind kind = Kind.GRU;
    private boolean fast = true;
    private double forgetGateBiasInit = 1.0;

    /** For JSON deserialisation. */
    public RecurrentCell() {
    }

    protected RecurrentCell(Builder builder) {
        super(builder);
        this.kind = Objects.requireNonNull(builder.kind, "kind");
        this.fast = builder.fast;
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
    }

    public Kind getKind() {
        return kind;
    }

    public void setKind(Kind kind) {
        this.kind = kind;
    }

    /** Whether the fast kernels compute the layer when they can (FLOAT, Vector API); else {@link ReferenceCellLayer}. */
    public boolean isFast() {
        return fast;
    }

    public void setFast(boolean fast) {
        this.fast = fast;
    }

    /** minLSTM only: the initial forget-gate bias (1, as the suite's LSTMs; 0 in the paper's PyTorch code). */
    public double getForgetGateBiasInit() {
        return forgetGateBiasInit;
    }

    public void setForgetGateBiasInit(double forgetGateBiasInit) {
        this.forgetGateBiasInit = forgetGateBiasInit;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int layerIndex, INDArray paramsView, boolean initializeParams,
                                                       DataType networkDataType) {
        LayerValidation.assertNInNOutSet(kind.name(), getLayerName(), layerIndex, getNIn(), getNOut());
        if (!(getActivationFn() instanceof ActivationTanH)) {
            throw new IllegalArgumentException("the " + kind + " cell has fixed activations (sigmoid gates, tanh or linear "
                    + "candidate); leave the layer's activation at tanh, got " + getActivationFn());
        }
        if (getRnnDataFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException("the " + kind + " cell takes NCW data, got " + getRnnDataFormat());
        }
        if (getWeightNoise() != null) {
            throw new IllegalArgumentException("the " + kind + " cell does not support weight noise");
        }
        boolean useFast = fast && networkDataType == DataType.FLOAT && FastRecurrent.available()
                && !Natives.cuda(); // the kernels compute on host memory
        org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer<RecurrentCell> layer;
        if (!useFast) {
            layer = new ReferenceCellLayer(conf, networkDataType);
        } else if (kind == Kind.GRU) {
            layer = new FastGruLayer(conf, networkDataType);
        } else {
            layer = new FastMinCellLayer(conf, networkDataType, kind == Kind.MIN_LSTM);
        }
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> params = initializer().init(conf, paramsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return RecurrentCellParams.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return null; // as DL4J's SimpleRnn: no memory report
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecurrentCell other && super.equals(o) && kind == other.kind && fast == other.fast
                && Double.compare(forgetGateBiasInit, other.forgetGateBiasInit) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), kind, fast, forgetGateBiasInit);
    }

    @Override
    public String toString() {
        return "RecurrentCell(" + kind + ", nIn=" + getNIn() + ", nOut=" + getNOut() + (fast ? "" : ", reference") + ")";
    }

    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        private final Kind kind;
        private boolean fast = true;
        private double forgetGateBiasInit = 1.0;

        public Builder(Kind kind) {
            this.kind = kind;
            activation(org.nd4j.linalg.activations.Activation.TANH);
        }

        /** false: always the per-step ND4J implementation (for checks). */
        public Builder fast(boolean fast) {
            this.fast = fast;
            return this;
        }

        /** minLSTM: the initial forget-gate bias. */
        public Builder forgetGateBiasInit(double value) {
            this.forgetGateBiasInit = value;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public RecurrentCell build() {
            return new RecurrentCell(this);
        }
    }
}
