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
 * <li>{@link Cell#GRU}, PyTorch's {@code nn.GRU} and Keras' {@code GRU(reset_after=True)}: the reset gate
 *     acts after the recurrent product. r = σ(x W_r + b_ir + h R_r + b_hr), z = σ(x W_z + b_iz + h R_z + b_hz),
 *     n = tanh(x W_n + b_in + r ⊙ (h R_n + b_hn)), h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}. Parameters
 *     W [nIn, 3H] and RW [H, 3H] in gate order (r, z, n), b [1, 6H] = [b_i | b_h] — PyTorch's weight_ih, weight_hh
 *     transposed and its two bias vectors.</li>
 * <li>{@link Cell#MIN_GRU}: z = σ(x W_z + b_z), h̃ = x W_h + b_h, h_t = (1 − z) ⊙ h_{t-1} + z ⊙ h̃.
 *     W [nIn, 2H] = [z | h̃], b [1, 2H].</li>
 * <li>{@link Cell#MIN_LSTM}: f = σ(x W_f + b_f), i = σ(x W_i + b_i), h̃ = x W_h + b_h, and the normalised gates
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

    private Cell kind = Cell.GRU;
    private boolean fast = true;
    private double forgetGateBiasInit = 1.0;
    private double updateGateBiasInit = 0.0;
    private double recurrentBound = 0.0;

    /** For JSON deserialisation. */
    public RecurrentCell() {
    }

    protected RecurrentCell(Builder builder) {
        super(builder);
        this.kind = requireOwn(builder.kind);
        this.fast = builder.fast;
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
        this.updateGateBiasInit = builder.updateGateBiasInit;
        this.recurrentBound = builder.recurrentBound;
        initializeConstraints(builder);
        if (recurrentBound > 0) { // DL4J applies a layer's constraints after every update
            UnitBound bound = new UnitBound(recurrentBound);
            bound.setParams(java.util.Set.of(RecurrentCellParams.RW));
            if (constraints == null) {
                constraints = new java.util.ArrayList<>();
            }
            constraints.add(bound);
        }
    }

    /** Which of the suite's own cells: written as {@code "kind"} in a network's configuration (saved models). */
    public Cell getKind() {
        return kind;
    }

    public void setKind(Cell kind) {
        this.kind = requireOwn(kind);
    }

    private static Cell requireOwn(Cell cell) {
        if (cell == null || !cell.own()) {
            throw new IllegalArgumentException("RecurrentCell computes the suite's own cells ("
                    + String.join(", ", java.util.Arrays.stream(Cell.values()).filter(Cell::own).map(Cell::name).toList())
                    + "), not " + cell + ": DL4J's are built as DL4J's layers");
        }
        return cell;
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

    /**
     * GRU and minGRU: how strongly the update gate keeps the state at the start, b: the GRU's z (the weight of
     * h_{t-1}) starts at σ(b), the minGRU's z (the weight of the candidate) at σ(−b). 0 (Keras, PyTorch) halves the
     * state at every step.
     */
    public double getUpdateGateBiasInit() {
        return updateGateBiasInit;
    }

    public void setUpdateGateBiasInit(double updateGateBiasInit) {
        this.updateGateBiasInit = updateGateBiasInit;
    }

    /**
     * IndRNN: the bound on |u| (Li et al. 2018: 2^(1/T), so that no gradient grows more than twofold over T steps);
     * u starts uniform in [0, bound) and is clipped back after every update. 0: no bound (u starts in [0, 1)).
     */
    public double getRecurrentBound() {
        return recurrentBound;
    }

    public void setRecurrentBound(double recurrentBound) {
        this.recurrentBound = recurrentBound;
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
        boolean useFast = fast && networkDataType == DataType.FLOAT && FastRecurrent.available()
                && !Natives.cuda(); // the kernels compute on host memory
        org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer<?> layer = useFast
                ? kind.fastLayer().create(conf, networkDataType) : new ReferenceCellLayer(conf, networkDataType, kind.math(), kind.layout());
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
        return new RecurrentCellParams(kind.layout(), forgetGateBiasInit, updateGateBiasInit, recurrentBound);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return null; // as DL4J's SimpleRnn: no memory report
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecurrentCell other && super.equals(o) && kind == other.kind && fast == other.fast
                && Double.compare(forgetGateBiasInit, other.forgetGateBiasInit) == 0
                && Double.compare(updateGateBiasInit, other.updateGateBiasInit) == 0
                && Double.compare(recurrentBound, other.recurrentBound) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), kind, fast, forgetGateBiasInit, updateGateBiasInit, recurrentBound);
    }

    @Override
    public String toString() {
        return "RecurrentCell(" + kind + ", nIn=" + getNIn() + ", nOut=" + getNOut() + (fast ? "" : ", reference") + ")";
    }

    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        private final Cell kind;
        private boolean fast = true;
        private double forgetGateBiasInit = 1.0;
        private double updateGateBiasInit = 0.0;
        private double recurrentBound = 0.0;

        public Builder(Cell kind) {
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

        /** GRU, minGRU: the update gate's initial keeping bias ({@link #getUpdateGateBiasInit()}). */
        public Builder updateGateBiasInit(double value) {
            this.updateGateBiasInit = value;
            return this;
        }

        /** IndRNN: the bound on |u|, kept after every update; 0 for none. */
        public Builder recurrentBound(double bound) {
            if (!(bound >= 0) || Double.isInfinite(bound)) {
                throw new IllegalArgumentException("the recurrent bound must be a finite number of at least 0, got " + bound);
            }
            this.recurrentBound = bound;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public RecurrentCell build() {
            return new RecurrentCell(this);
        }
    }
}
