package rnnsuite.model.fast;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's LSTM, and with peepholes its GravesLSTM, same parameters and results:
 * a = tanh(z_a), f = σ(z_f + w_FF·c_{t-1}), i = σ(z_i + w_GG·c_{t-1}), c_t = f·c_{t-1} + i·a,
 * o = σ(z_o + w_OO·c_t), h_t = o·tanh(c_t); masked steps zero h and c. One GEMM projects the inputs
 * of all steps; each step adds h_{t-1}·R with one small GEMM and runs a few vector passes; the backward
 * pass mirrors it and forms the weight gradients with GEMMs over all steps.
 */
final class FastLstmLayer extends FastRecurrentLayer<AbstractLSTM> {

    private final boolean peepholes;
    private final FloatBuf gates = new FloatBuf();
    private final FloatBuf cell = new FloatBuf();
    private final FloatBuf cellTanh = new FloatBuf();
    private final FloatBuf dcCarry = new FloatBuf();
    /** [w_FF | w_OO | w_GG] (3·units); zeros without peepholes. */
    private float[] peep;

    FastLstmLayer(NeuralNetConfiguration conf, DataType dataType, boolean peepholes) {
        super(conf, dataType);
        this.peepholes = peepholes;
    }

    /** DL4J's LSTM and GravesLSTM read RW, then W. */
    @Override
    protected boolean readsRecurrentWeightsFirst() {
        return true;
    }

    /**
     * As DL4J's LSTM does: the feature mask passes on to the next layers but is not kept here, so in a
     * MultiLayerNetwork the LSTM runs through padded steps (their inputs are zero and their outputs are
     * ignored downstream). Kept identical so that fast and stock give the same numbers; a mask set
     * directly with setMaskArray is applied (h and c zeroed at masked steps), as in DL4J.
     */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState, int minibatchSize) {
        return new Pair<>(maskArray, MaskState.Passthrough);
    }

    @Override
    protected void forwardCells(INDArray inputWeights, INDArray recurrentWeights, INDArray bias) {
        int r = rows();
        int g = 4 * units;
        gates.ensure((long) r * g);
        cell.ensure((long) r * units);
        cellTanh.ensure((long) r * units);
        h.ensure((long) r * units);
        projectInputs(inputWeights, gates, g);
        var rw = Blas.pointer(recurrentWeights);
        float[] b = bias.toFloatVector();
        peep = peepholes ? Nd4j.toFlattened('f', recurrentWeights.get(all(), interval(g, g + 3))).toFloatVector()
                : new float[3 * units];
        FloatBuf start = zeroState();
        Parallel.split(threads, stride, Kernels.LANES, (b0, b1) -> {
            for (int t = 0; t < steps; t++) {
                long base = (long) stride * t;
                // the state before step 0 is a zero run read with ld 0
                var prev = t > 0 ? cell : start;
                long prevBase = t > 0 ? base - stride : 0;
                int prevLd = t > 0 ? r : 0;
                int prevMask = t > 0 ? stride * (t - 1) : 0;
                if (t > 0) {
                    Blas.gemm(false, false, b1 - b0, g, units, 1f, h.pointer(), base - stride + b0, r,
                            rw, 0, units, 1f, gates.pointer(), base + b0, r);
                }
                if (peepholes) {
                    Kernels.peepholeInputs(gates.bytes(), prev.bytes(), prevBase, prevLd, base, r, units, peep,
                            mask, prevMask, b0, b1);
                }
                Kernels.tanhColumns(gates.bytes(), base, r, 0, units, b, b0, b1);
                Kernels.sigmoidColumns(gates.bytes(), base, r, units, 2 * units, b, b0, b1);
                Kernels.sigmoidColumns(gates.bytes(), base, r, 3 * units, 4 * units, b, b0, b1);
                Kernels.cellState(gates.bytes(), prev.bytes(), prevBase, prevLd, cell.bytes(), base, r, units, peep,
                        mask, prevMask, b0, b1);
                Kernels.sigmoidColumns(gates.bytes(), base, r, 2 * units, 3 * units, b, b0, b1);
                Kernels.cellOutput(gates.bytes(), cell.bytes(), cellTanh.bytes(), h.bytes(), base, r, units,
                        mask, stride * t, b0, b1);
            }
        });
    }

    @Override
    protected void backwardCells(INDArray inputWeights, INDArray recurrentWeights, Map<String, INDArray> gradients) {
        int r = rows();
        int g = 4 * units;
        dz.ensure((long) r * g);
        dhRec.ensure((long) stride * units).zero((long) stride * units);
        dcCarry.ensure((long) stride * units).zero((long) stride * units);
        stepBlock.ensure((long) stride * g);
        var rT = transposedRecurrent(recurrentWeights, g);
        FloatBuf start = zeroState();
        // one accumulator per batch slice, summed in slice order: the same sum whatever thread ran a slice
        Map<Integer, float[]> peepGrads = new java.util.concurrent.ConcurrentSkipListMap<>();
        Parallel.split(threads, stride, Kernels.LANES, (b0, b1) -> {
            float[] peepGrad = new float[3 * units];
            peepGrads.put(b0, peepGrad);
            int w = b1 - b0;
            for (int t = steps - 1; t >= 0; t--) {
                long base = (long) stride * t;
                Kernels.lstmBackward(gates.bytes(), cell.bytes(), cellTanh.bytes(), t > 0 ? cell.bytes() : start.bytes(),
                        t > 0 ? base - stride : 0, t > 0 ? r : 0, epsilonAbove, epsilonStepStride * t, epsilonLd,
                        dhRec.bytes(), dcCarry.bytes(), stride, dz.bytes(), base, r, stepBlock.bytes(), sliceOrigin(b0, g),
                        w, units, peep, peepGrad, peepholes, mask, stride * t, t > 0 ? stride * (t - 1) : 0, b0, b1);
                if (t > 0) {
                    Blas.gemm(false, false, w, units, g, 1f, stepBlock.pointer(), (long) b0 * g, w,
                            rT, 0, g, 0f, dhRec.pointer(), b0, stride);
                }
            }
        });
        parameterGradients(inputWeights, gradients, g);
        if (peepholes) {
            float[] sum = new float[3 * units];
            for (float[] part : peepGrads.values()) {
                for (int k = 0; k < part.length; k++) {
                    sum[k] += part[k];
                }
            }
            gradients.get("RW").get(all(), interval(g, g + 3)).assign(Nd4j.create(sum, new long[] {units, 3}, 'f'));
        }
    }
}
