package rnnsuite.model.fast;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.AbstractLSTM;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's LSTM, and with peepholes its GravesLSTM, same parameters and results:
 * a = tanh(z_a), f = σ(z_f + w_FF·c_{t-1}), i = σ(z_i + w_GG·c_{t-1}), c_t = f·c_{t-1} + i·a,
 * o = σ(z_o + w_OO·c_t), h_t = o·tanh(c_t); masked steps zero h and c. One GEMM projects the inputs
 * of all steps; each step adds h_{t-1}·R with one small GEMM and runs one fused vector pass; the
 * backward pass mirrors it and forms the weight gradients with GEMMs over all steps.
 */
final class FastLstmLayer extends FastRecurrentLayer<AbstractLSTM> {

    private final boolean peepholes;
    private final FloatBuf gates = new FloatBuf();
    private final FloatBuf cell = new FloatBuf();
    private final FloatBuf cellTanh = new FloatBuf();
    private final FloatBuf dcCarry = new FloatBuf();
    private float[] peep;

    FastLstmLayer(NeuralNetConfiguration conf, DataType dataType, boolean peepholes) {
        super(conf, dataType);
        this.peepholes = peepholes;
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
        peep = peepholes ? Nd4j.toFlattened('f', recurrentWeights.get(all(), interval(g, g + 3))).toFloatVector() : null;
        Parallel.split(batch, LANES, (b0, b1) -> {
            for (int t = 0; t < steps; t++) {
                long base = (long) batch * t;
                if (t > 0) {
                    Blas.gemm(false, false, b1 - b0, g, units, 1f, h.pointer(), base - batch + b0, r,
                            rw, 0, units, 1f, gates.pointer(), base + b0, r);
                }
                Kernels.lstmForward(gates.bytes(), cell.bytes(), cellTanh.bytes(), h.bytes(), base,
                        t > 0 ? base - batch : -1, r, units, b, peep, mask, batch * t, batch * (t - 1), b0, b1);
            }
        });
    }

    @Override
    protected void backwardCells(INDArray inputWeights, INDArray recurrentWeights, Map<String, INDArray> gradients) {
        int r = rows();
        int g = 4 * units;
        dz.ensure((long) r * g);
        dhRec.ensure((long) batch * units);
        dcCarry.ensure((long) batch * units);
        var rw = Blas.pointer(recurrentWeights);
        int parts = Parallel.threads();
        float[][] peepGrads = new float[parts][peepholes ? 3 * units : 0];
        int[] nextPart = {0};
        Parallel.split(batch, LANES, (b0, b1) -> {
            float[] peepGrad;
            synchronized (peepGrads) {
                peepGrad = peepGrads[nextPart[0]++];
            }
            for (int t = steps - 1; t >= 0; t--) {
                long base = (long) batch * t;
                Kernels.lstmBackward(gates.bytes(), cell.bytes(), cellTanh.bytes(), epsilonAbove, epsilonStepStride * t,
                        epsilonLd, dhRec.bytes(), dcCarry.bytes(), dz.bytes(), base, t > 0 ? base - batch : -1, r, batch, units,
                        peep, peepGrad, mask, batch * t, batch * (t - 1), t == steps - 1, b0, b1);
                if (t > 0) {
                    Blas.gemm(false, true, b1 - b0, units, g, 1f, dz.pointer(), base + b0, r,
                            rw, 0, units, 0f, dhRec.pointer(), b0, batch);
                }
            }
        });
        parameterGradients(inputWeights, gradients, g);
        if (peepholes) {
            float[] sum = new float[3 * units];
            for (float[] part : peepGrads) {
                for (int k = 0; k < part.length; k++) {
                    sum[k] += part[k];
                }
            }
            INDArray rwGrad = gradients.get("RW");
            rwGrad.get(all(), interval(g, g + 3)).assign(Nd4j.create(sum, new long[] {units, 3}, 'f'));
        }
    }
}
